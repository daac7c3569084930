import type { ConsoleModule } from '../../app/modules';
import { DASHBOARD_ROLES } from '../../auth/roles';

/** The supervisor dashboard: an office's day in charts. */
export const dashboardModule: ConsoleModule = {
  id: 'dashboard',
  routes: [{ path: 'dashboard', roles: DASHBOARD_ROLES, load: () => import('./DashboardPage') }],
  nav: [{ to: '/dashboard', labelKey: 'nav.dashboard', roles: DASHBOARD_ROLES, order: 10 }],
};
