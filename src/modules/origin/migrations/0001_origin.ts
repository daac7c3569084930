import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Origin assessments with their worksheets (anchored on the ledger by digest). */
export const m0001_origin: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('origin_assessments')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('declaration_id', 'uuid')
      .addColumn('item_sequence', 'integer')
      .addColumn('agreement', 'text', (c) => c.notNull())
      .addColumn('product', 'text')
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('record', 'jsonb', (c) => c.notNull())
      .addColumn('assessed_by', 'text', (c) => c.notNull())
      .addColumn('assessed_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create unique index origin_assessments_item on origin_assessments (declaration_id, item_sequence) where declaration_id is not null`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('origin_assessments').execute();
  },
};
