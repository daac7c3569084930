import { sql, type Kysely, type Selectable } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../platform/database/database.js';
import { bytes, type LedgerTables } from './storage/ledger.tables.js';
import type { Hash } from './log/merkle.js';

/** An item waiting for, or anchored in, a batch. */
export interface ItemRow {
  kind: string;
  itemId: string;
  digest: Hash;
  batchId: number | null;
  position: number | null;
  entryId: Hash | null;
  enqueuedAt: Date;
}

export interface BatchRow {
  id: number;
  root: Hash;
  entryId: Hash;
  entryIndex: number | null;
  itemCount: number;
  createdAt: Date;
}

const SEAL_LOCK = 7_220_102;

function toItem(r: Selectable<LedgerTables['ledger_items']>): ItemRow {
  return {
    kind: r.kind,
    itemId: r.item_id,
    digest: bytes(r.digest),
    batchId: r.batch_id === null ? null : Number(r.batch_id),
    position: r.position,
    entryId: r.entry_id === null ? null : bytes(r.entry_id),
    enqueuedAt: new Date(r.enqueued_at),
  };
}

function toBatch(r: Selectable<LedgerTables['ledger_batches']>): BatchRow {
  return {
    id: Number(r.id),
    root: bytes(r.root),
    entryId: bytes(r.entry_id),
    entryIndex: r.entry_index === null ? null : Number(r.entry_index),
    itemCount: r.item_count,
    createdAt: new Date(r.created_at),
  };
}

/** SQL of the ledger module outside the log storage: anchoring queue, batches, cosignatures, witness state, runs. */
export class LedgerRepository {
  private readonly db: Kysely<LedgerTables>;

  constructor(db: AnyDb) {
    this.db = tablesOf<LedgerTables>(db);
  }

  async enqueue(
    trx: AnyTransaction | AnyDb | undefined,
    items: readonly { kind: string; itemId: string; digest: Hash; entryId?: Hash }[],
  ): Promise<void> {
    if (items.length === 0) return;
    await tablesOf<LedgerTables>(trx ?? this.db)
      .insertInto('ledger_items')
      .values(
        items.map((i) => ({
          kind: i.kind,
          item_id: i.itemId,
          digest: i.digest,
          batch_id: null,
          position: null,
          entry_id: i.entryId ?? null,
        })),
      )
      .onConflict((oc) => oc.columns(['kind', 'item_id']).doNothing())
      .execute();
  }

  async pendingCount(): Promise<number> {
    const row = await this.db
      .selectFrom('ledger_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('batch_id', 'is', null)
      .where('entry_id', 'is', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /**
   * Takes up to `limit` pending items into a new batch with the given root function, in one short
   * transaction under a lock (so that two nodes never batch the same item).
   */
  async claimBatch(
    limit: number,
    seal: (digests: Hash[]) => { root: Hash; entryId: Hash },
    minimum = 1,
  ): Promise<BatchRow | undefined> {
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${SEAL_LOCK})`.execute(trx);
      const pending = await trx
        .selectFrom('ledger_items')
        .select(['kind', 'item_id', 'digest'])
        .where('batch_id', 'is', null)
        .where('entry_id', 'is', null)
        .orderBy('enqueued_at')
        .orderBy('kind')
        .orderBy('item_id')
        .limit(limit)
        .execute();
      if (pending.length === 0 || pending.length < minimum) return undefined;
      const { root, entryId } = seal(pending.map((p) => bytes(p.digest)));
      const batch = await trx
        .insertInto('ledger_batches')
        .values({ root, entry_id: entryId, entry_index: null, item_count: pending.length })
        .returningAll()
        .executeTakeFirstOrThrow();
      const id = Number(batch.id);
      await sql`
        update ledger_items set batch_id = ${id}, position = claimed.position
        from unnest(${pending.map((p) => p.kind)}::text[], ${pending.map((p) => p.item_id)}::text[],
                    ${pending.map((_, i) => i)}::int[]) as claimed(kind, item_id, position)
        where ledger_items.kind = claimed.kind and ledger_items.item_id = claimed.item_id`.execute(trx);
      return toBatch(batch);
    });
  }

  async unanchoredBatches(): Promise<BatchRow[]> {
    const rows = await this.db
      .selectFrom('ledger_batches')
      .selectAll()
      .where('entry_index', 'is', null)
      .orderBy('id')
      .execute();
    return rows.map(toBatch);
  }

  async markBatchAnchored(id: number, entryIndex: number): Promise<void> {
    await this.db
      .updateTable('ledger_batches')
      .set({ entry_index: entryIndex })
      .where('id', '=', id)
      .execute();
  }

  async batches(afterId: number, limit: number): Promise<BatchRow[]> {
    const rows = await this.db
      .selectFrom('ledger_batches')
      .selectAll()
      .where('id', '>', afterId)
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toBatch);
  }

  async batch(id: number): Promise<BatchRow | undefined> {
    const row = await this.db
      .selectFrom('ledger_batches')
      .selectAll()
      .where('id', '=', id)
      .executeTakeFirst();
    return row === undefined ? undefined : toBatch(row);
  }

  async batchItems(batchId: number): Promise<ItemRow[]> {
    const rows = await this.db
      .selectFrom('ledger_items')
      .selectAll()
      .where('batch_id', '=', batchId)
      .orderBy('position')
      .execute();
    return rows.map(toItem);
  }

  async items(kind: string, itemIds: readonly string[]): Promise<ItemRow[]> {
    if (itemIds.length === 0) return [];
    const rows = await this.db
      .selectFrom('ledger_items')
      .selectAll()
      .where('kind', '=', kind)
      .where('item_id', 'in', [...itemIds])
      .execute();
    return rows.map(toItem);
  }

  /** Items in (kind, item id) order, after a cursor, for verification in pages. */
  async itemPage(after: { kind: string; itemId: string } | undefined, limit: number): Promise<ItemRow[]> {
    let query = this.db.selectFrom('ledger_items').selectAll();
    if (after !== undefined) {
      query = query.where((eb) =>
        eb.or([
          eb('kind', '>', after.kind),
          eb.and([eb('kind', '=', after.kind), eb('item_id', '>', after.itemId)]),
        ]),
      );
    }
    const rows = await query.orderBy('kind').orderBy('item_id').limit(limit).execute();
    return rows.map(toItem);
  }

  async countItems(): Promise<number> {
    const row = await this.db
      .selectFrom('ledger_items')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async saveCosignature(size: number, witness: string, line: string, at: Date): Promise<void> {
    await this.db
      .insertInto('ledger_cosignatures')
      .values({ size, witness, line, cosigned_at: at })
      .onConflict((oc) => oc.columns(['size', 'witness']).doUpdateSet({ line, cosigned_at: at }))
      .execute();
  }

  /** The largest checkpoint size a witness has cosigned for this log (0 if none). */
  async latestCosignedSize(witness: string): Promise<number> {
    const row = await this.db
      .selectFrom('ledger_cosignatures')
      .select((eb) => eb.fn.max('size').as('size'))
      .where('witness', '=', witness)
      .executeTakeFirst();
    return row?.size === null || row?.size === undefined ? 0 : Number(row.size);
  }

  async cosignaturesOf(
    sizes: readonly number[],
  ): Promise<{ size: number; witness: string; cosignedAt: Date }[]> {
    if (sizes.length === 0) return [];
    const rows = await this.db
      .selectFrom('ledger_cosignatures')
      .select(['size', 'witness', 'cosigned_at'])
      .where('size', 'in', [...sizes])
      .orderBy('size')
      .orderBy('witness')
      .execute();
    return rows.map((r) => ({
      size: Number(r.size),
      witness: r.witness,
      cosignedAt: new Date(r.cosigned_at),
    }));
  }

  async recordWitnessAttempt(
    witness: string,
    url: string,
    size: number,
    errorCode: string | null,
  ): Promise<void> {
    const values = { witness, url, attempted_at: new Date(), size, error_code: errorCode };
    await this.db
      .insertInto('ledger_witness_attempts')
      .values(values)
      .onConflict((oc) => oc.column('witness').doUpdateSet(values))
      .execute();
  }

  async witnessAttempts(): Promise<
    { witness: string; url: string; attemptedAt: Date; size: number; errorCode: string | null }[]
  > {
    const rows = await this.db.selectFrom('ledger_witness_attempts').selectAll().orderBy('witness').execute();
    return rows.map((r) => ({
      witness: r.witness,
      url: r.url,
      attemptedAt: new Date(r.attempted_at),
      size: Number(r.size),
      errorCode: r.error_code,
    }));
  }

  async checkpointPage(limit: number): Promise<{ size: number; note: string; createdAt: Date }[]> {
    const rows = await this.db
      .selectFrom('ledger_checkpoints')
      .selectAll()
      .orderBy('size', 'desc')
      .limit(limit)
      .execute();
    return rows.map((r) => ({ size: Number(r.size), note: r.note, createdAt: new Date(r.created_at) }));
  }

  async saveVerifyRun(startedAt: Date, finishedAt: Date, ok: boolean, report: unknown): Promise<number> {
    const row = await this.db
      .insertInto('ledger_verify_runs')
      .values({ started_at: startedAt, finished_at: finishedAt, ok, report: JSON.stringify(report) })
      .returning('id')
      .executeTakeFirstOrThrow();
    return Number(row.id);
  }

  async latestVerifyRun(): Promise<
    { id: number; startedAt: Date; finishedAt: Date; ok: boolean; report: unknown } | undefined
  > {
    const row = await this.db
      .selectFrom('ledger_verify_runs')
      .selectAll()
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined
      ? undefined
      : {
          id: Number(row.id),
          startedAt: new Date(row.started_at),
          finishedAt: new Date(row.finished_at),
          ok: row.ok,
          report: row.report,
        };
  }

  /** Witness state rows for the logs this administration follows, locked for the cosigning transaction. */
  async witnessedLogForUpdate(trx: AnyTransaction, origin: string) {
    return tablesOf<LedgerTables>(trx)
      .selectFrom('ledger_witnessed_logs')
      .selectAll()
      .where('origin', '=', origin)
      .forUpdate()
      .executeTakeFirst();
  }

  async saveWitnessedLog(
    trx: AnyTransaction | undefined,
    row: LedgerTables['ledger_witnessed_logs'],
  ): Promise<void> {
    await tablesOf<LedgerTables>(trx ?? this.db)
      .insertInto('ledger_witnessed_logs')
      .values(row)
      .onConflict((oc) =>
        oc.column('origin').doUpdateSet({
          verifier_key: row.verifier_key,
          latest_size: row.latest_size,
          latest_root: row.latest_root,
          cosigned_at: row.cosigned_at,
        }),
      )
      .execute();
  }

  async witnessedLogs() {
    return this.db.selectFrom('ledger_witnessed_logs').selectAll().orderBy('origin').execute();
  }

  transaction<T>(work: (trx: AnyTransaction) => Promise<T>): Promise<T> {
    return this.db.transaction().execute(work);
  }
}
