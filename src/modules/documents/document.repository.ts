import type { Generated, Kysely, Selectable } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';
import type { BatchStatus, DocumentStatus } from './document.lifecycle.js';

export interface DocumentTables {
  document_batches: {
    id: string;
    merkle_root: string;
    status: BatchStatus;
    /** Null until the batch's root is anchored and the batch finalized. */
    ledger_entry_id: Uint8Array | null;
    ledger_index: number | null;
    issued_by: string;
    /** When the batch and its documents were stored (before anchoring). */
    recorded_at: Date;
    issued_at: Date | null;
    anchor_attempts: Generated<number>;
    /** Why the last attempt to anchor failed (kept while the batch stays `anchoring`). */
    anchor_error: Generated<string | null>;
  };
  documents: {
    id: string;
    batch_id: string;
    kind: string;
    reference: string;
    holder_tin: string | null;
    target_hash: string;
    wrapped: Record<string, unknown>;
    status: DocumentStatus;
    revocation_reason: Generated<string | null>;
    revoked_at: Generated<Date | null>;
    issued_at: Date | null;
  };
}

export type DocumentRow = Selectable<DocumentTables['documents']>;
export type BatchRow = Selectable<DocumentTables['document_batches']>;

/** The documents module's SQL. */
export class DocumentRepository {
  private readonly db: Kysely<DocumentTables>;

  constructor(db: AnyDb) {
    this.db = tablesOf<DocumentTables>(db);
  }

  /** Stores a batch and its documents (pending: not anchored yet) in the caller's transaction. */
  async insertBatch(
    trx: AnyTransaction,
    batch: Omit<DocumentTables['document_batches'], 'anchor_attempts' | 'anchor_error'>,
    documents: Omit<DocumentTables['documents'], 'revocation_reason' | 'revoked_at'>[],
  ): Promise<void> {
    const t = tablesOf<DocumentTables>(trx);
    await t.insertInto('document_batches').values(batch).execute();
    await t
      .insertInto('documents')
      .values(
        documents.map((d) => ({
          ...d,
          wrapped: JSON.stringify(d.wrapped) as unknown as Record<string, unknown>,
        })),
      )
      .execute();
  }

  document(id: string): Promise<DocumentRow | undefined> {
    return this.db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst();
  }

  byTargetHash(targetHash: string): Promise<DocumentRow | undefined> {
    return this.db
      .selectFrom('documents')
      .selectAll()
      .where('target_hash', '=', targetHash)
      .executeTakeFirst();
  }

  batch(id: string): Promise<BatchRow | undefined> {
    return this.db.selectFrom('document_batches').selectAll().where('id', '=', id).executeTakeFirst();
  }

  batchByMerkleRoot(merkleRoot: string): Promise<BatchRow | undefined> {
    return this.db
      .selectFrom('document_batches')
      .selectAll()
      .where('merkle_root', '=', merkleRoot)
      .executeTakeFirst();
  }

  /** Batches still `anchoring`, oldest first, after a cursor; with `recordedBefore`, only those recorded earlier. */
  pendingBatches(
    after: { recordedAt: Date; id: string } | undefined,
    limit: number,
    recordedBefore?: Date,
  ): Promise<BatchRow[]> {
    let q = this.db.selectFrom('document_batches').selectAll().where('status', '=', 'anchoring');
    if (recordedBefore !== undefined) q = q.where('recorded_at', '<', recordedBefore);
    if (after !== undefined)
      q = q.where((eb) =>
        eb.or([
          eb('recorded_at', '>', after.recordedAt),
          eb.and([eb('recorded_at', '=', after.recordedAt), eb('id', '>', after.id)]),
        ]),
      );
    return q.orderBy('recorded_at').orderBy('id').limit(limit).execute();
  }

  /** How many batches are `anchoring`, and when the oldest of them was recorded (one query, on the partial index). */
  async pendingBacklog(): Promise<{ count: number; oldestRecordedAt: Date | null }> {
    const row = await this.db
      .selectFrom('document_batches')
      .select((eb) => [eb.fn.countAll<number | string>().as('count'), eb.fn.min('recorded_at').as('oldest')])
      .where('status', '=', 'anchoring')
      .executeTakeFirstOrThrow();
    return {
      count: Number(row.count),
      oldestRecordedAt: row.oldest === null ? null : new Date(row.oldest),
    };
  }

  /**
   * Marks an `anchoring` batch issued with its ledger entry, and its pending documents issued; returns the documents
   * it issued, or `undefined` when the batch was no longer `anchoring` (another run finalized it first).
   */
  async markBatchIssued(
    trx: AnyTransaction,
    id: string,
    anchor: { entryId: Uint8Array; index: number },
    at: Date,
  ): Promise<DocumentRow[] | undefined> {
    const t = tablesOf<DocumentTables>(trx);
    const batch = await t
      .updateTable('document_batches')
      .set({
        status: 'issued',
        ledger_entry_id: anchor.entryId,
        ledger_index: anchor.index,
        issued_at: at,
        anchor_error: null,
      })
      .where('id', '=', id)
      .where('status', '=', 'anchoring')
      .returning('id')
      .executeTakeFirst();
    if (batch === undefined) return undefined;
    return t
      .updateTable('documents')
      .set({ status: 'issued', issued_at: at })
      .where('batch_id', '=', id)
      .where('status', '=', 'pending')
      .returningAll()
      .execute();
  }

  async recordAnchorFailure(id: string, error: string): Promise<void> {
    await this.db
      .updateTable('document_batches')
      .set((eb) => ({ anchor_attempts: eb('anchor_attempts', '+', 1), anchor_error: error }))
      .where('id', '=', id)
      .where('status', '=', 'anchoring')
      .execute();
  }

  batchDocuments(batchIds: readonly string[]): Promise<DocumentRow[]> {
    if (batchIds.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('documents')
      .selectAll()
      .where('batch_id', 'in', [...batchIds])
      .orderBy('id')
      .execute();
  }

  batches(ids: readonly string[]): Promise<BatchRow[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.db
      .selectFrom('document_batches')
      .selectAll()
      .where('id', 'in', [...ids])
      .execute();
  }

  list(filter: { holderTin?: string | null; kind?: string; limit: number }): Promise<DocumentRow[]> {
    let q = this.db.selectFrom('documents').selectAll();
    if (filter.holderTin !== undefined) q = q.where('holder_tin', '=', filter.holderTin);
    if (filter.kind !== undefined) q = q.where('kind', '=', filter.kind);
    return q.orderBy('issued_at', 'desc').limit(filter.limit).execute();
  }

  async markRevoked(trx: AnyTransaction, id: string, reason: string, at: Date): Promise<boolean> {
    const result = await tablesOf<DocumentTables>(trx)
      .updateTable('documents')
      .set({ status: 'revoked', revocation_reason: reason, revoked_at: at })
      .where('id', '=', id)
      .where('status', '=', 'issued')
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  transaction<T>(work: (trx: AnyTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
