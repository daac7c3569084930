import { hasAnyRole } from '../auth/roles';
import type { Principal } from '../api/types';
import { dashboardModule } from '../modules/dashboard/module';
import { declarationsModule } from '../modules/declarations/module';
import { iotModule } from '../modules/iot/module';
import { riskModule } from '../modules/risk/module';
import type { ConsoleModule, DeclarationPanel, NavItem } from './modules';

/**
 * Every module of the console. A new capability (risk, IoT, origin, analytics, imaging) adds its folder under
 * `modules/` with a `module.ts` and one line here; its pages, navigation and declaration panels appear by role.
 */
export const MODULES: ConsoleModule[] = [declarationsModule, dashboardModule, iotModule, riskModule];

export function navFor(principal: Principal, modules = MODULES): NavItem[] {
  return modules
    .flatMap((m) => m.nav)
    .filter((n) => hasAnyRole(principal, n.roles))
    .sort((a, b) => a.order - b.order);
}

export function declarationPanelsFor(principal: Principal, modules = MODULES): DeclarationPanel[] {
  return modules
    .flatMap((m) => m.declarationPanels ?? [])
    .filter((p) => hasAnyRole(principal, p.roles))
    .sort((a, b) => a.order - b.order);
}
