/**
 * The documents module: certificates of origin, invoices and packing lists as OpenAttestation v2
 * verifiable documents (TradeTrust model) whose batch Merkle roots are anchored through the ledger
 * port; verification of presented documents, revocation with a reason, selective disclosure.
 * Publishes `document.issued` and `document.revoked`.
 *
 * Public face: other modules use only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { AnyDb } from '../../platform/database/database.js';
import type { IssuerIdentity } from './document.issuer.js';
import { registerDocumentRoutes } from './document.routes.js';
import { DOCUMENT_BATCH_KIND, DocumentService, type DocumentLedger } from './document.service.js';

export {
  DOCUMENT_BATCH_KIND,
  DOCUMENT_EVENTS,
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentToIssue,
  type DocumentVerification,
} from './document.service.js';
export { DOCUMENT_TRANSITIONS, type DocumentStatus } from './document.lifecycle.js';
export type { IssuerIdentity } from './document.issuer.js';
export { documentMigrations } from './migrations/index.js';

export interface DocumentsModule {
  readonly service: DocumentService;
  /** The anchor source for `aduana ledger verify` (kind `document.batch`). */
  readonly anchorSource: { kind: string; rederive: DocumentService['rederive'] };
  registerRoutes(app: FastifyInstance): void;
}

export function createDocumentsModule(
  db: AnyDb,
  deps: { ledger: DocumentLedger; issuer: () => IssuerIdentity; onCommit?: () => void },
): DocumentsModule {
  const service = new DocumentService(db, deps.ledger, deps.issuer, deps.onCommit);
  return {
    service,
    anchorSource: { kind: DOCUMENT_BATCH_KIND, rederive: (ids) => service.rederive(ids) },
    registerRoutes: (app) => registerDocumentRoutes(app, service),
  };
}
