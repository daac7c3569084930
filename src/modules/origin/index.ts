/**
 * The origin module: rules of origin (the pure engine in `rules/`), assessments of preferential
 * claims from provenance traces or bills of materials with their worksheets (anchored on the ledger),
 * and automatic assessment of claims on lodged declarations. Publishes `origin.assessed`, which the
 * risk module reads as a signal.
 *
 * Public face: other modules use only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { AnyDb } from '../../platform/database/database.js';
import type { OutboxDispatcher } from '../../platform/events/outbox.js';
import { registerOriginRoutes } from './origin.routes.js';
import { ORIGIN_WORKSHEET_KIND, OriginService, type OriginDeps } from './origin.service.js';

export {
  EVIDENCE_REASON_CODES,
  ORIGIN_EVENTS,
  ORIGIN_WORKSHEET_KIND,
  recordDigest,
  type AssessRequest,
  type AssessmentRecord,
  type DeclaredGoods,
} from './origin.service.js';
export { originMigrations } from './migrations/index.js';

export interface OriginModule {
  readonly service: OriginService;
  readonly anchorSource: { kind: string; rederive: OriginService['rederive'] };
  registerRoutes(app: FastifyInstance): void;
  /**
   * Assesses preferential claims when a declaration is lodged and when it is amended (an amendment may add a claim;
   * items already assessed are not assessed again).
   */
  subscribe(dispatcher: OutboxDispatcher, events: { lodged: string; amended: string }): void;
}

export function createOriginModule(db: AnyDb, deps: OriginDeps): OriginModule {
  const service = new OriginService(db, deps);
  return {
    service,
    anchorSource: { kind: ORIGIN_WORKSHEET_KIND, rederive: (ids) => service.rederive(ids) },
    registerRoutes: (app) => registerOriginRoutes(app, service),
    subscribe(dispatcher, { lodged, amended }) {
      dispatcher.subscribe({
        name: 'origin.preferential-claims',
        types: [lodged, amended],
        handle: async (event) => {
          const id = event.payload.declarationId;
          // A lodgement that says none of its items claims a preference has nothing to assess (a claim added later
          // comes with the amendment; events written before the count was in the payload are read).
          if (event.type === lodged && event.payload.preferentialClaims === 0) return;
          if (typeof id === 'string') await service.assessDeclaration(id);
        },
      });
    },
  };
}
