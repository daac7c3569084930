import type { QueryClient } from '@tanstack/react-query';
import type { ConsoleModule } from '../../app/modules';
import { prefetchQueue } from './api';
import { filtersFromSearch, toApiQuery } from './queue/queueParams';
import { CUSTOMS_ROLES, TRADER_ROLES } from '../../auth/roles';
import type { Role } from '../../api/types';

const prefetchFromUrl = (queryClient: QueryClient, url: URL) =>
  prefetchQueue(queryClient, toApiQuery(filtersFromSearch(url.searchParams)));

const EVERYONE: readonly Role[] = [...CUSTOMS_ROLES, ...TRADER_ROLES];

/** Declarations: the officers' queue, the traders' own list, lodgement, notifications and the declaration page. */
export const declarationsModule: ConsoleModule = {
  id: 'declarations',
  routes: [
    {
      path: 'queue',
      roles: CUSTOMS_ROLES,
      load: () => import('./queue/QueuePage'),
      prefetch: prefetchFromUrl,
    },
    {
      path: 'my/declarations',
      roles: TRADER_ROLES,
      load: () => import('./queue/QueuePage'),
      prefetch: prefetchFromUrl,
    },
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
