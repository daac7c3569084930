import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The local transparency log (entries, perfect-subtree hashes, revocations, signed checkpoints and
 * witness cosignatures), this administration's keys, the witness state it keeps for partners' logs,
 * the anchoring queue and batches, and the record of verification runs.
 */
export const m0001_ledger: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('ledger_entries')
      .addColumn('idx', 'bigint', (c) => c.primaryKey())
      .addColumn('leaf_hash', 'bytea', (c) => c.notNull().unique())
      .addColumn('data', 'bytea', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('ledger_tree_nodes')
      .addColumn('level', 'smallint', (c) => c.notNull())
      .addColumn('idx', 'bigint', (c) => c.notNull())
      .addColumn('hash', 'bytea', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_tree_nodes_pk', ['level', 'idx'])
      .execute();
    await db.schema
      .createTable('ledger_revocations')
      .addColumn('target', 'bytea', (c) => c.primaryKey())
      .addColumn('entry_idx', 'bigint', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('ledger_checkpoints')
      .addColumn('size', 'bigint', (c) => c.primaryKey())
      .addColumn('note', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('ledger_cosignatures')
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('witness', 'text', (c) => c.notNull())
      .addColumn('line', 'text', (c) => c.notNull())
      .addColumn('cosigned_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('ledger_cosignatures_pk', ['size', 'witness'])
      .execute();
    await db.schema
      .createTable('ledger_witness_attempts')
      .addColumn('witness', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      .addColumn('attempted_at', 'timestamptz', (c) => c.notNull())
      .addColumn('size', 'bigint', (c) => c.notNull())
      .addColumn('error_code', 'text')
      .execute();
    await db.schema
      .createTable('ledger_keys')
      .addColumn('purpose', 'text', (c) => c.primaryKey())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('ledger_witnessed_logs')
      .addColumn('origin', 'text', (c) => c.primaryKey())
      .addColumn('verifier_key', 'text', (c) => c.notNull())
      .addColumn('latest_size', 'bigint')
      .addColumn('latest_root', 'text')
      .addColumn('cosigned_at', 'bigint')
      .execute();
    await db.schema
      .createTable('ledger_batches')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('root', 'bytea', (c) => c.notNull())
      .addColumn('entry_id', 'bytea', (c) => c.notNull())
      /** Set once the root is anchored (a crash in between leaves it null, and the next seal anchors it). */
      .addColumn('entry_index', 'bigint')
      .addColumn('item_count', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('ledger_items')
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('item_id', 'text', (c) => c.notNull())
      .addColumn('digest', 'bytea', (c) => c.notNull())
      .addColumn('batch_id', 'bigint', (c) => c.references('ledger_batches.id'))
      .addColumn('position', 'integer')
      /** For items anchored on their own (a document batch's Merkle root), the ledger entry id. */
      .addColumn('entry_id', 'bytea')
      .addColumn('enqueued_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addPrimaryKeyConstraint('ledger_items_pk', ['kind', 'item_id'])
      .execute();
    await sql`create index ledger_items_pending on ledger_items (enqueued_at) where batch_id is null and entry_id is null`.execute(
      db,
    );
    await sql`create index ledger_items_batch on ledger_items (batch_id, position)`.execute(db);
    await db.schema
      .createTable('ledger_verify_runs')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz', (c) => c.notNull())
      .addColumn('ok', 'boolean', (c) => c.notNull())
      .addColumn('report', 'jsonb', (c) => c.notNull())
      .execute();
  },
  async down(db: Kysely<unknown>) {
    for (const table of [
      'ledger_verify_runs',
      'ledger_items',
      'ledger_batches',
      'ledger_witnessed_logs',
      'ledger_keys',
      'ledger_witness_attempts',
      'ledger_cosignatures',
      'ledger_checkpoints',
      'ledger_revocations',
      'ledger_tree_nodes',
      'ledger_entries',
    ])
      await db.schema.dropTable(table).execute();
  },
};
