import type { Principal, Role } from '../api/types';

/** Customs-side roles: see every party's declarations and the channel decision. */
export const CUSTOMS_ROLES: readonly Role[] = ['officer', 'risk_analyst', 'supervisor', 'admin'];
/** Roles that act on declarations (the API's officer actions). */
export const OFFICER_ROLES: readonly Role[] = ['officer', 'supervisor'];
export const TRADER_ROLES: readonly Role[] = ['trader'];
export const DASHBOARD_ROLES: readonly Role[] = ['officer', 'risk_analyst', 'supervisor', 'admin'];

export function hasAnyRole(principal: Principal | null | undefined, roles: readonly Role[]): boolean {
  return !!principal && principal.roles.some((r) => roles.includes(r));
}

export const isCustoms = (p: Principal | null | undefined) => hasAnyRole(p, CUSTOMS_ROLES);
export const isTrader = (p: Principal | null | undefined) => hasAnyRole(p, TRADER_ROLES) && !isCustoms(p);

/** Where a user lands after signing in. */
export function homePathFor(principal: Principal): string {
  if (isTrader(principal)) return '/my/declarations';
  if (hasAnyRole(principal, ['supervisor'])) return '/dashboard';
  return '/queue';
}
