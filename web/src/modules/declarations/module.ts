import type { ConsoleModule } from '../../app/modules';
import { CUSTOMS_ROLES, TRADER_ROLES } from '../../auth/roles';
import type { Role } from '../../api/types';

const EVERYONE: readonly Role[] = [...CUSTOMS_ROLES, ...TRADER_ROLES];

/** Declarations: the officers' queue, the traders' own list, lodgement, notifications and the declaration page. */
export const declarationsModule: ConsoleModule = {
  id: 'declarations',
  routes: [
    { path: 'queue', roles: CUSTOMS_ROLES, load: () => import('./queue/QueuePage') },
    { path: 'my/declarations', roles: TRADER_ROLES, load: () => import('./queue/QueuePage') },
    { path: 'lodge', roles: TRADER_ROLES, load: () => import('./lodge/LodgePage') },
    { path: 'notifications', roles: TRADER_ROLES, load: () => import('./NotificationsPage') },
    { path: 'declarations/:id', roles: EVERYONE, load: () => import('./detail/DeclarationPage') },
  ],
  nav: [
    { to: '/queue', labelKey: 'nav.queue', roles: CUSTOMS_ROLES, order: 20 },
    { to: '/my/declarations', labelKey: 'nav.myDeclarations', roles: TRADER_ROLES, order: 10 },
    { to: '/lodge', labelKey: 'nav.lodge', roles: TRADER_ROLES, order: 11 },
    { to: '/notifications', labelKey: 'nav.notifications', roles: TRADER_ROLES, order: 12 },
  ],
};
