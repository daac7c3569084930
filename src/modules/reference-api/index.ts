/**
 * Reference data for the console: HS 2022 search (autocomplete), offices with map coordinates, countries and
 * currencies, and a dry run of the lodgement rules so that a form can show rule errors as the trader types.
 * Read-only; uses the platform's reference data and the declarations module's public face.
 */
import type { FastifyInstance } from 'fastify';
import { registerReferenceRoutes } from './reference.routes.js';
import { ReferenceLookupService } from './reference.service.js';

export { ReferenceLookupService } from './reference.service.js';

export interface ReferenceApiModule {
  service: ReferenceLookupService;
  registerRoutes(app: FastifyInstance): void;
}

export function createReferenceApiModule(options: { invoiceTolerancePercent: number }): ReferenceApiModule {
  const service = new ReferenceLookupService(options);
  return { service, registerRoutes: (app) => registerReferenceRoutes(app, service) };
}
