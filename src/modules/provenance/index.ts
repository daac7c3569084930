/**
 * The provenance module: parties' Ed25519 keys, GS1 EPCIS 2.0 events (commissioning, transformation,
 * aggregation, shipping and receiving) each with its EPCIS event hash and the recording party's
 * signature, and traces of products, containers and declarations back to raw materials with each
 * event's signature and ledger status. Publishes `provenance.recorded`, which the ledger anchors.
 *
 * Public face: other modules use only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { AnyDb } from '../../platform/database/database.js';
import { PROVENANCE_ITEM_KIND } from './provenance.events.js';
import { registerProvenanceRoutes } from './provenance.routes.js';
import { ProvenanceService } from './provenance.service.js';
import { TraceBuilder, type DeclarationView, type LedgerProofStatus } from './trace.js';

export { PROVENANCE_EVENTS, PROVENANCE_ITEM_KIND } from './provenance.events.js';
export { eventHashId, eventDigest, preHashString, type EpcisEvent } from './epcis/event-hash.js';
export { canonicalIdentifier, containerIdentifier } from './epcis/identifiers.js';
export { partyKeyId } from './party-keys.js';
export { provenanceMigrations } from './migrations/index.js';
export type {
  ProductFacts,
  ProductionStep,
  TraceGraph,
  TraceNode,
  TraceEdge,
  LedgerProofStatus,
  DeclarationView,
} from './trace.js';
export type { SignatureStatus, RecordedEvent } from './provenance.service.js';

export interface ProvenanceModule {
  readonly service: ProvenanceService;
  readonly traces: TraceBuilder;
  /** The anchor source for `aduana ledger verify` (kind `provenance.event`). */
  readonly anchorSource: {
    kind: string;
    rederive: ProvenanceService['rederive'];
  };
  registerRoutes(app: FastifyInstance): void;
}

export function createProvenanceModule(
  db: AnyDb,
  deps: {
    onCommit?: () => void;
    /** Ledger status of recorded events (the ledger module's anchoring status). */
    ledgerStatus: (eventIds: readonly string[]) => Promise<Map<string, LedgerProofStatus>>;
    readDeclaration: (id: string) => Promise<DeclarationView | undefined>;
  },
): ProvenanceModule {
  const service = new ProvenanceService(db, deps.onCommit);
  const traces = new TraceBuilder(service, deps.ledgerStatus, deps.readDeclaration);
  return {
    service,
    traces,
    anchorSource: { kind: PROVENANCE_ITEM_KIND, rederive: (ids) => service.rederive(ids) },
    registerRoutes: (app) => registerProvenanceRoutes(app, service, traces),
  };
}
