/**
 * The documents module: certificates of origin, invoices and packing lists as OpenAttestation v2
 * verifiable documents (TradeTrust model) whose batch Merkle roots are anchored through the ledger
 * port; verification of presented documents, revocation with a reason, selective disclosure.
 * A batch is stored pending before its root is anchored and issued after; reconciliation (at start and
 * then periodically, or on demand) finishes batches a crash or an unreachable ledger left pending.
 * Publishes `document.issued` and `document.revoked`.
 *
 * Public face: other modules use only what is exported here.
 */
import type { FastifyInstance } from 'fastify';
import type { AnyDb } from '../../platform/database/database.js';
import type { Logger } from '../../platform/logger.js';
import { pendingBatchReader, type PendingBatchReader } from './document.backlog.js';
import type { IssuerIdentity } from './document.issuer.js';
import { DocumentRepository } from './document.repository.js';
import { registerDocumentRoutes } from './document.routes.js';
import {
  DOCUMENT_BATCH_KIND,
  DocumentService,
  type DocumentLedger,
  type ReconciliationReport,
} from './document.service.js';

export {
  DOCUMENT_BATCH_KIND,
  DOCUMENT_EVENTS,
  DOCUMENT_KINDS,
  type DocumentKind,
  type DocumentLedger,
  type DocumentToIssue,
  type DocumentVerification,
  type ReconciliationReport,
} from './document.service.js';
export {
  BATCH_STATUSES,
  DOCUMENT_TRANSITIONS,
  type BatchStatus,
  type DocumentStatus,
} from './document.lifecycle.js';
export type { IssuerIdentity } from './document.issuer.js';
export type { PendingBacklog, PendingBatch, PendingBatchReader } from './document.backlog.js';
export { documentMigrations } from './migrations/index.js';

/** How often pending batches are retried, and how old a batch must be before a periodic run takes it over. */
const RECONCILE_INTERVAL_MS = 60_000;
const RECONCILE_GRACE_MS = 30_000;

export interface DocumentsModule {
  readonly service: DocumentService;
  /** The anchor source for `aduana ledger verify` (kind `document.batch`). */
  readonly anchorSource: { kind: string; rederive: DocumentService['rederive'] };
  registerRoutes(app: FastifyInstance): void;
  /**
   * Finishes every batch left pending now (anchors it unless the ledger already holds it, then issues it), after any
   * run in progress. Batches that still cannot be anchored stay pending and are counted in `stillPending`.
   * `onProgress` is told how many batches this run has taken so far.
   */
  reconcile(options?: { onProgress?: (done: number) => void }): Promise<ReconciliationReport>;
  /** The batches left pending (read only): for operators and monitoring. */
  readonly pending: PendingBatchReader;
  /**
   * What this process's start-up reconciliation did, once it has finished: `undefined` before {@link start}, or when
   * that run failed as a whole. A command that starts the platform and reconciles counts it in.
   */
  startupReconciliation(): Promise<ReconciliationReport | undefined>;
  /** Reconciles at once (start-up), then every interval the batches pending for longer than a grace period. */
  start(): void;
  /** Stops the periodic reconciliation and waits for a run in progress. */
  stop(): Promise<void>;
}

export function createDocumentsModule(
  db: AnyDb,
  deps: {
    ledger: DocumentLedger;
    issuer: () => IssuerIdentity;
    logger: Logger;
    onCommit?: () => void;
    /** Period of the retries of pending batches (default one minute). */
    reconcileIntervalMs?: number;
  },
): DocumentsModule {
  const service = new DocumentService(db, deps.ledger, deps.issuer, deps.logger, deps.onCommit);
  const intervalMs = deps.reconcileIntervalMs ?? RECONCILE_INTERVAL_MS;
  let timer: NodeJS.Timeout | undefined;
  // One run at a time in this process; runs on several nodes are safe (anchoring is idempotent, finalizing is once).
  let running: Promise<unknown> = Promise.resolve();
  let startup: Promise<ReconciliationReport | undefined> = Promise.resolve(undefined);
  const run = (
    recordedBefore?: () => Date,
    onProgress?: (done: number) => void,
  ): Promise<ReconciliationReport> => {
    const next = running.then(() =>
      service.issuance.reconcile({
        ...(recordedBefore === undefined ? {} : { recordedBefore: recordedBefore() }),
        ...(onProgress === undefined ? {} : { onProgress }),
      }),
    );
    running = next.catch((err: unknown) =>
      deps.logger.warn({ err }, 'reconciliation of pending document batches failed; will retry'),
    );
    return next;
  };
  return {
    service,
    anchorSource: { kind: DOCUMENT_BATCH_KIND, rederive: (ids) => service.rederive(ids) },
    registerRoutes: (app) => registerDocumentRoutes(app, service),
    reconcile: (options = {}) => run(undefined, options.onProgress),
    pending: pendingBatchReader(service.repo),
    startupReconciliation: () => startup,
    start() {
      startup = run().catch(() => undefined);
      timer = setInterval(
        () =>
          void run(() => new Date(Date.now() - Math.min(RECONCILE_GRACE_MS, intervalMs))).catch(
            () => undefined,
          ),
        intervalMs,
      );
      timer.unref();
    },
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}

/**
 * Reads the pending batches straight from a database, without the ledger or a running platform (for a read-only
 * command); the module's `pending` does the same for a running platform.
 */
export function pendingBatchesIn(db: AnyDb): PendingBatchReader {
  return pendingBatchReader(new DocumentRepository(db));
}
