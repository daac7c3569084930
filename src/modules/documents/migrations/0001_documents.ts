import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Verifiable trade documents (OpenAttestation v2, wrapped) and the batches whose Merkle roots are anchored. */
export const m0001_documents: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('document_batches')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('merkle_root', 'text', (c) => c.notNull().unique())
      .addColumn('ledger_entry_id', 'bytea', (c) => c.notNull())
      .addColumn('ledger_index', 'bigint', (c) => c.notNull())
      .addColumn('issued_by', 'text', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('documents')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('batch_id', 'uuid', (c) => c.notNull().references('document_batches.id'))
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('reference', 'text', (c) => c.notNull())
      .addColumn('holder_tin', 'text')
      .addColumn('target_hash', 'text', (c) => c.notNull().unique())
      .addColumn('wrapped', 'jsonb', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('revocation_reason', 'text')
      .addColumn('revoked_at', 'timestamptz')
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create index documents_batch on documents (batch_id)`.execute(db);
    await sql`create index documents_reference on documents (kind, reference)`.execute(db);
    await sql`create index documents_holder on documents (holder_tin)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('documents').execute();
    await db.schema.dropTable('document_batches').execute();
  },
};
