import type { Generated, Kysely, Selectable } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';
import type { DocumentStatus } from './document.lifecycle.js';

export interface DocumentTables {
  document_batches: {
    id: string;
    merkle_root: string;
    ledger_entry_id: Uint8Array;
    ledger_index: number;
    issued_by: string;
    issued_at: Date;
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
    issued_at: Date;
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

  async insertBatch(
    trx: AnyTransaction,
    batch: DocumentTables['document_batches'],
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
