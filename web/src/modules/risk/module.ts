import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';
import { CUSTOMS_ROLES } from '../../auth/roles';
import { RISK_RULE_READERS, RISK_RULE_WRITERS } from './profiles/access';
import type { Role } from '../../api/types';

/** Who reads the model registry, office rates and hit rates (as the API admits them); only analysts change them. */
const RISK_REPORT_READERS: readonly Role[] = ['risk_analyst', 'supervisor', 'admin'];

/**
 * Risk targeting in the console: the "why this channel" panel on the declaration page, for customs roles only
 * (traders never see why a declaration was selected), and the risk pages — profiles and lists, the model registry,
 * office rates and hit rates — for the roles the API admits (analysts change; supervisors and admins read). Each
 * page and the panel is its own chunk.
 */
export const riskModule: ConsoleModule = {
  id: 'risk',
  routes: [
    { path: 'risk/profiles', roles: RISK_RULE_READERS, load: () => import('./profiles/ProfilesPage') },
    { path: 'risk/profiles/new', roles: RISK_RULE_WRITERS, load: () => import('./profiles/ProfileNewPage') },
    { path: 'risk/profiles/:id', roles: RISK_RULE_READERS, load: () => import('./profiles/ProfilePage') },
    { path: 'risk/lists', roles: RISK_RULE_READERS, load: () => import('./profiles/ListsPage') },
    { path: 'risk/lists/:name', roles: RISK_RULE_READERS, load: () => import('./profiles/ListPage') },
    { path: 'risk/models', roles: RISK_REPORT_READERS, load: () => import('./models/ModelRegistryPage') },
    { path: 'risk/rates', roles: RISK_REPORT_READERS, load: () => import('./rates/OfficeRatesPage') },
    { path: 'risk/hit-rates', roles: RISK_REPORT_READERS, load: () => import('./rates/HitRatesPage') },
  ],
  nav: [
    { to: '/risk/profiles', labelKey: 'risk.profiles.nav', roles: RISK_RULE_READERS, order: 38 },
    { to: '/risk/lists', labelKey: 'risk.lists.nav', roles: RISK_RULE_READERS, order: 39 },
    { to: '/risk/models', labelKey: 'risk.models.nav', roles: RISK_REPORT_READERS, order: 40 },
    { to: '/risk/rates', labelKey: 'risk.rates.nav', roles: RISK_REPORT_READERS, order: 41 },
    { to: '/risk/hit-rates', labelKey: 'risk.hitRates.nav', roles: RISK_REPORT_READERS, order: 42 },
  ],
  declarationPanels: [
    {
      id: 'risk-explanation',
      titleKey: 'risk.why.title',
      roles: CUSTOMS_ROLES,
      order: 10,
      component: lazy(() => import('./DeclarationRiskPanel')),
    },
  ],
};
