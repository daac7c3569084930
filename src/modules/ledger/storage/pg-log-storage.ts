import { sql, type Kysely } from 'kysely';
import { tablesOf, type AnyDb } from '../../../platform/database/database.js';
import { LedgerLogError } from '../log/errors.js';
import type { LogStorage, StoredEntry } from '../log/memory-log-storage.js';
import { hashChildren, type Hash, type SubtreeId } from '../log/merkle.js';
import { bytes, type LedgerTables } from './ledger.tables.js';

/** Advisory lock serialising appends across every node sharing the database. */
const APPEND_LOCK = 7_220_101;

/**
 * {@link LogStorage} in the platform database (PGlite or PostgreSQL). Entries are append-only
 * (index = insertion order, no gaps, unique leaf hash); each append also stores the hashes of the
 * perfect subtrees it completes, so that roots and proofs read O(log n) rows. Appends from several
 * nodes are serialised by an advisory transaction lock.
 */
export class PgLogStorage implements LogStorage {
  private readonly db: Kysely<LedgerTables>;

  constructor(db: AnyDb) {
    this.db = tablesOf<LedgerTables>(db);
  }

  async size(): Promise<number> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select((eb) => eb.fn.max('idx').as('last'))
      .executeTakeFirst();
    return row?.last === null || row?.last === undefined ? 0 : Number(row.last) + 1;
  }

  append(entry: StoredEntry): Promise<number> {
    return this.db.transaction().execute(async (trx) => {
      await sql`select pg_advisory_xact_lock(${APPEND_LOCK})`.execute(trx);
      const existing = await trx
        .selectFrom('ledger_entries')
        .select('idx')
        .where('leaf_hash', '=', entry.leafHash)
        .executeTakeFirst();
      if (existing !== undefined) return Number(existing.idx);
      const last = await trx
        .selectFrom('ledger_entries')
        .select((eb) => eb.fn.max('idx').as('last'))
        .executeTakeFirst();
      const index = last?.last === null || last?.last === undefined ? 0 : Number(last.last) + 1;
      await trx
        .insertInto('ledger_entries')
        .values({ idx: index, leaf_hash: entry.leafHash, data: entry.data })
        .execute();
      if (entry.revokes !== undefined) {
        await trx
          .insertInto('ledger_revocations')
          .values({ target: entry.revokes, entry_idx: index })
          .execute();
      }
      // Completed perfect subtrees: level k closes when index + 1 is a multiple of 2^k.
      const lefts: SubtreeId[] = [];
      for (let level = 1; (index + 1) % 2 ** level === 0; level += 1) {
        lefts.push({ level: level - 1, index: (index + 1) / 2 ** (level - 1) - 2 });
      }
      const siblings = await this.readNodes(trx, lefts);
      const nodes = [{ level: 0, idx: index, hash: entry.leafHash }];
      let current = entry.leafHash;
      for (const [i, left] of lefts.entries()) {
        current = hashChildren(siblings[i]!, current);
        nodes.push({ level: left.level + 1, idx: left.index / 2, hash: current });
      }
      await trx.insertInto('ledger_tree_nodes').values(nodes).execute();
      return index;
    });
  }

  async entry(index: number): Promise<Uint8Array | undefined> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select('data')
      .where('idx', '=', index)
      .executeTakeFirst();
    return row === undefined ? undefined : bytes(row.data);
  }

  async leafHash(index: number): Promise<Hash | undefined> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select('leaf_hash')
      .where('idx', '=', index)
      .executeTakeFirst();
    return row === undefined ? undefined : bytes(row.leaf_hash);
  }

  /** Entries `from` .. `from + count - 1` in order (for audits reading the log in batches). */
  async entries(from: number, count: number): Promise<{ index: number; data: Uint8Array; leafHash: Hash }[]> {
    const rows = await this.db
      .selectFrom('ledger_entries')
      .select(['idx', 'data', 'leaf_hash'])
      .where('idx', '>=', from)
      .where('idx', '<', from + count)
      .orderBy('idx')
      .execute();
    return rows.map((r) => ({ index: Number(r.idx), data: bytes(r.data), leafHash: bytes(r.leaf_hash) }));
  }

  async findLeaf(leafHash: Hash): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('ledger_entries')
      .select('idx')
      .where('leaf_hash', '=', leafHash)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.idx);
  }

  async findRevocation(target: Hash): Promise<number | undefined> {
    const row = await this.db
      .selectFrom('ledger_revocations')
      .select('entry_idx')
      .where('target', '=', target)
      .executeTakeFirst();
    return row === undefined ? undefined : Number(row.entry_idx);
  }

  async subtreeHashes(ids: readonly SubtreeId[]): Promise<Hash[]> {
    return this.readNodes(this.db, ids);
  }

  async saveCheckpoint(size: number, note: string): Promise<void> {
    await this.db
      .insertInto('ledger_checkpoints')
      .values({ size, note })
      .onConflict((oc) => oc.column('size').doUpdateSet({ note }))
      .execute();
  }

  async checkpointAt(size: number): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('ledger_checkpoints')
      .select('note')
      .where('size', '=', size)
      .executeTakeFirst();
    return row?.note;
  }

  async latestCheckpoint(): Promise<{ size: number; note: string } | undefined> {
    const row = await this.db
      .selectFrom('ledger_checkpoints')
      .select(['size', 'note'])
      .orderBy('size', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? undefined : { size: Number(row.size), note: row.note };
  }

  async checkpoints(): Promise<{ size: number; note: string }[]> {
    const rows = await this.db
      .selectFrom('ledger_checkpoints')
      .select(['size', 'note'])
      .orderBy('size')
      .execute();
    return rows.map((r) => ({ size: Number(r.size), note: r.note }));
  }

  private async readNodes(db: Kysely<LedgerTables>, ids: readonly SubtreeId[]): Promise<Hash[]> {
    if (ids.length === 0) return [];
    const levels = ids.map((id) => id.level);
    const indexes = ids.map((id) => id.index);
    const rows = await sql<{ level: number; idx: number | string; hash: Uint8Array }>`
      select n.level, n.idx, n.hash from ledger_tree_nodes n
      join unnest(${levels}::smallint[], ${indexes}::bigint[]) as wanted(level, idx)
        on n.level = wanted.level and n.idx = wanted.idx`.execute(db);
    const byId = new Map(rows.rows.map((r) => [`${r.level}:${Number(r.idx)}`, bytes(r.hash)]));
    return ids.map((id) => {
      const hash = byId.get(`${id.level}:${id.index}`);
      if (hash === undefined) {
        throw new LedgerLogError('MERKLE_MISSING_NODE', 'subtree beyond the stored entries', { ...id });
      }
      return hash;
    });
  }
}
