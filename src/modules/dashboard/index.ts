/**
 * The dashboard module: read-only figures for supervisors (an office's day by channel and status, clearance times
 * from lodgement to release, pending controls). It reads declarations only through the declarations module's face.
 */
import type { FastifyInstance } from 'fastify';
import type { DeclarationService } from '../declarations/index.js';
import { registerDashboardRoutes } from './dashboard.routes.js';
import { DashboardService } from './dashboard.service.js';

export { DashboardService, utcDayOf, type DashboardPeriod } from './dashboard.service.js';
export { DashboardOut, DashboardQuery } from './dashboard.schema.js';

export interface DashboardModule {
  service: DashboardService;
  registerRoutes(app: FastifyInstance): void;
}

/** Builds the dashboard over the declarations service. */
export function createDashboardModule(declarations: DeclarationService): DashboardModule {
  const service = new DashboardService(declarations);
  return { service, registerRoutes: (app) => registerDashboardRoutes(app, service) };
}
