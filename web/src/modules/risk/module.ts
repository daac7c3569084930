import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';
import { CUSTOMS_ROLES } from '../../auth/roles';

/**
 * Risk targeting in the console: the "why this channel" panel on the declaration page, for customs roles only
 * (traders never see why a declaration was selected). The panel is its own chunk.
 */
export const riskModule: ConsoleModule = {
  id: 'risk',
  routes: [],
  nav: [],
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
