import { lazy } from 'react';
import type { ConsoleModule } from '../../app/modules';
import { CUSTOMS_ROLES, TRADER_ROLES } from '../../auth/roles';
import type { Role } from '../../api/types';

/** Customs see every container; a trader sees its own (the API filters, the pages never offer officer actions). */
const IOT_READERS: readonly Role[] = [...CUSTOMS_ROLES, ...TRADER_ROLES];

/**
 * IoT smart containers: the live fleet map, the alarm board, a container's page, and the containers panel on the
 * declaration page. Every page is its own chunk.
 */
export const iotModule: ConsoleModule = {
  id: 'iot',
  routes: [
    { path: 'iot/fleet', roles: IOT_READERS, load: () => import('./FleetPage') },
    { path: 'iot/alarms', roles: IOT_READERS, load: () => import('./AlarmBoardPage') },
    { path: 'iot/containers/:containerNumber', roles: IOT_READERS, load: () => import('./ContainerPage') },
  ],
  nav: [
    { to: '/iot/fleet', labelKey: 'nav.fleet', roles: CUSTOMS_ROLES, order: 30 },
    { to: '/iot/alarms', labelKey: 'nav.alarms', roles: CUSTOMS_ROLES, order: 31 },
    { to: '/iot/fleet', labelKey: 'nav.myFleet', roles: TRADER_ROLES, order: 13 },
    { to: '/iot/alarms', labelKey: 'nav.alarms', roles: TRADER_ROLES, order: 14 },
  ],
  declarationPanels: [
    {
      id: 'iot-containers',
      titleKey: 'iot.panel.title',
      roles: IOT_READERS,
      order: 20,
      component: lazy(() => import('./DeclarationIotPanel')),
    },
  ],
};
