import type { AnyTransaction } from '../../platform/database/database.js';
import { publishEvents } from '../../platform/events/outbox.js';
import type { Logger } from '../../platform/logger.js';
import type { AnchorStatus, Ledger } from '../ledger/index.js';
import type { BatchRow, DocumentRepository, DocumentRow, DocumentTables } from './document.repository.js';

export const DOCUMENT_EVENTS = { issued: 'document.issued', revoked: 'document.revoked' } as const;
/** Ledger item kind of an issued batch (its OpenAttestation Merkle root). */
export const DOCUMENT_BATCH_KIND = 'document.batch';

/** The ledger capabilities documents need, from the ledger module's face. */
export interface DocumentLedger {
  readonly ledger: Ledger;
  /** Anchors an item's digest as a ledger entry of its own (the ledger face's `anchoring.anchorDirect`). */
  anchorDirect(item: {
    kind: string;
    itemId: string;
    digest: Uint8Array;
  }): Promise<{ entryId: Uint8Array; index: number }>;
  /** Where items stand on the ledger, by kind and item id (the ledger face's `anchoring.status`). */
  anchorStatus(kind: string, itemIds: readonly string[]): Promise<ReadonlyMap<string, AnchorStatus>>;
}

/** What one reconciliation run did. */
export interface ReconciliationReport {
  /** Batches it found `anchoring` (those neither issued nor still pending here were finalized by another run). */
  readonly pending: number;
  /** Batches it anchored (unless the ledger already held them) and finalized as issued. */
  readonly issued: number;
  /** Batches it could not finish this time: they stay `anchoring` and the next run retries them. */
  readonly stillPending: number;
}

type NewBatch = Omit<DocumentTables['document_batches'], 'anchor_attempts' | 'anchor_error'>;
type NewDocument = Omit<DocumentTables['documents'], 'revocation_reason' | 'revoked_at'>;

const PAGE = 100;

/**
 * Issues a batch in three steps so that the ledger never holds an entry for a batch that is not stored: record the
 * batch and its documents as pending (one transaction), anchor the batch's Merkle root (idempotent per batch id:
 * the ledger is asked first whether it already holds the batch), then finalize — ledger entry, `issued`, and the
 * `document.issued` events in one transaction, once. Reconciliation finishes batches a crash or an unreachable
 * ledger left pending.
 */
export class BatchIssuance {
  constructor(
    private readonly repo: DocumentRepository,
    private readonly ledger: DocumentLedger,
    private readonly logger: Logger,
    private readonly onCommit: () => void,
  ) {}

  /** Step 1: the batch (`anchoring`, no ledger entry) and its documents (`pending`) in one transaction. */
  record(batch: NewBatch, documents: NewDocument[]): Promise<void> {
    return this.repo.transaction((trx) => this.repo.insertBatch(trx, batch, documents));
  }

  /**
   * Steps 2 and 3 for one batch. Returns the documents it issued, or `undefined` when another run had already
   * finalized the batch. Throws when the ledger or the database fails; the batch then stays `anchoring`.
   */
  async anchorAndFinalize(batch: Pick<BatchRow, 'id' | 'merkle_root'>): Promise<DocumentRow[] | undefined> {
    const anchor = (await this.heldAnchor(batch)) ?? (await this.anchor(batch));
    const issued = await this.repo.transaction(async (trx) => this.finalize(trx, batch, anchor));
    if (issued !== undefined) this.onCommit();
    return issued;
  }

  /**
   * Like {@link anchorAndFinalize}, for the request that recorded the batch: a failure is recorded on the batch and
   * logged, and the batch is left for reconciliation. Returns the issued documents, or `undefined` if still pending.
   */
  async tryAnchorAndFinalize(
    batch: Pick<BatchRow, 'id' | 'merkle_root'>,
  ): Promise<DocumentRow[] | undefined> {
    try {
      return (await this.anchorAndFinalize(batch)) ?? (await this.repo.batchDocuments([batch.id]));
    } catch (error) {
      await this.recordFailure(batch.id, error);
      return undefined;
    }
  }

  /**
   * Finishes every batch left `anchoring` (with `recordedBefore`, only those recorded earlier, so that batches still
   * being issued by a request are left to it), oldest first. A batch that fails stays `anchoring`, with the attempt
   * and its error recorded, and is retried by the next run. `onProgress` is told how many batches it has taken so far.
   */
  async reconcile(
    options: { recordedBefore?: Date; onProgress?: (done: number) => void } = {},
  ): Promise<ReconciliationReport> {
    let pending = 0;
    let issued = 0;
    let stillPending = 0;
    for (let after: BatchRow | undefined; ;) {
      const page = await this.repo.pendingBatches(
        after && { recordedAt: after.recorded_at, id: after.id },
        PAGE,
        options.recordedBefore,
      );
      if (page.length === 0) break;
      after = page[page.length - 1];
      for (const batch of page) {
        pending += 1;
        try {
          if ((await this.anchorAndFinalize(batch)) !== undefined) issued += 1;
        } catch (error) {
          stillPending += 1;
          await this.recordFailure(batch.id, error);
        }
        options.onProgress?.(pending);
      }
    }
    if (pending > 0)
      this.logger.info({ pending, issued, stillPending }, 'pending document batches reconciled');
    return { pending, issued, stillPending };
  }

  /** The batch's ledger entry if the ledger already holds the batch (a run that anchored it and then stopped). */
  private async heldAnchor(
    batch: Pick<BatchRow, 'id' | 'merkle_root'>,
  ): Promise<{ entryId: Uint8Array; index: number } | undefined> {
    const status = (await this.ledger.anchorStatus(DOCUMENT_BATCH_KIND, [batch.id])).get(batch.id);
    if (status === undefined || status.entryIndex === null) return undefined;
    if (status.state !== 'anchored' && status.state !== 'revoked') return undefined;
    return {
      entryId: this.ledger.ledger.entryId({ root: Buffer.from(batch.merkle_root, 'hex') }),
      index: status.entryIndex,
    };
  }

  private anchor(batch: Pick<BatchRow, 'id' | 'merkle_root'>) {
    return this.ledger.anchorDirect({
      kind: DOCUMENT_BATCH_KIND,
      itemId: batch.id,
      digest: Buffer.from(batch.merkle_root, 'hex'),
    });
  }

  private async finalize(
    trx: AnyTransaction,
    batch: Pick<BatchRow, 'id' | 'merkle_root'>,
    anchor: { entryId: Uint8Array; index: number },
  ): Promise<DocumentRow[] | undefined> {
    const issued = await this.repo.markBatchIssued(trx, batch.id, anchor, new Date());
    if (issued === undefined) return undefined;
    await publishEvents(
      trx,
      issued.map((r) => ({
        type: DOCUMENT_EVENTS.issued,
        aggregateType: 'document',
        aggregateId: r.id,
        payload: {
          documentId: r.id,
          kind: r.kind,
          reference: r.reference,
          targetHash: r.target_hash,
          merkleRoot: batch.merkle_root,
          batchId: batch.id,
        },
      })),
    );
    return issued;
  }

  private async recordFailure(batchId: string, error: unknown): Promise<void> {
    this.logger.warn(
      { err: error, batchId },
      'document batch not anchored yet; it stays pending and is retried',
    );
    const code =
      error !== null && typeof error === 'object' && 'code' in error && typeof error.code === 'string'
        ? `${error.code}: `
        : '';
    const message = error instanceof Error ? error.message : String(error);
    await this.repo
      .recordAnchorFailure(batchId, `${code}${message}`.slice(0, 500))
      .catch((err: unknown) => this.logger.warn({ err, batchId }, 'could not record the anchoring failure'));
  }
}
