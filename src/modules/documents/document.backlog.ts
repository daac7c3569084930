import type { BatchRow, DocumentRepository } from './document.repository.js';

/** A batch left pending (`anchoring`): stored, not yet anchored and issued; reconciliation retries it. */
export interface PendingBatch {
  readonly id: string;
  /** When the batch and its documents were stored. */
  readonly recordedAt: Date;
  /** Attempts to anchor and finalize it that failed so far. */
  readonly attempts: number;
  /** Why the last attempt failed (`null` while none has failed). */
  readonly lastError: string | null;
}

/** How many batches are pending and since when: what monitoring watches. */
export interface PendingBacklog {
  readonly count: number;
  /** When the oldest pending batch was recorded; `null` when none is pending. */
  readonly oldestRecordedAt: Date | null;
}

/** Reads the batches left pending; reads only, so it can run without the ledger or a running platform. */
export interface PendingBatchReader {
  /** Pending batches, oldest first (at most `limit`, default 100). */
  list(options?: { limit?: number }): Promise<PendingBatch[]>;
  backlog(): Promise<PendingBacklog>;
}

const DEFAULT_LIMIT = 100;

const toPendingBatch = (row: BatchRow): PendingBatch => ({
  id: row.id,
  recordedAt: row.recorded_at,
  attempts: row.anchor_attempts,
  lastError: row.anchor_error,
});

export function pendingBatchReader(repo: DocumentRepository): PendingBatchReader {
  return {
    async list(options = {}) {
      const rows = await repo.pendingBatches(undefined, options.limit ?? DEFAULT_LIMIT);
      return rows.map(toPendingBatch);
    },
    backlog: () => repo.pendingBacklog(),
  };
}
