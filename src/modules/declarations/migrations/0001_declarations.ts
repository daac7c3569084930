import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0001_declarations: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('declarations')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('lrn', 'text', (c) => c.notNull())
      .addColumn('declarant_tin', 'text', (c) => c.notNull())
      .addColumn('importer_tin', 'text')
      .addColumn('exporter_tin', 'text')
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('office', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('content_hash', 'text', (c) => c.notNull())
      .addColumn('document', 'jsonb', (c) => c.notNull())
      .addColumn('hs_codes', sql`text[]`, (c) => c.notNull())
      .addColumn('container_numbers', sql`text[]`, (c) => c.notNull())
      .addColumn('origin_countries', sql`text[]`, (c) => c.notNull())
      .addColumn('total_value', 'numeric', (c) => c.notNull())
      .addColumn('currency', 'char(3)', (c) => c.notNull())
      .addColumn('item_count', 'integer', (c) => c.notNull())
      .addColumn('channel_decision', 'jsonb')
      .addColumn('control', 'jsonb')
      .addColumn('documents_requested', 'jsonb')
      .addColumn('arrived_at', 'timestamptz')
      .addColumn('lodged_at', 'timestamptz', (c) => c.notNull())
      .addColumn('accepted_at', 'timestamptz')
      .addColumn('channel_at', 'timestamptz')
      .addColumn('control_at', 'timestamptz')
      .addColumn('released_at', 'timestamptz')
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .addUniqueConstraint('declarations_declarant_lrn', ['declarant_tin', 'lrn'])
      .execute();
    await sql`create index declarations_lodged on declarations (lodged_at desc, id desc)`.execute(db);
    await sql`create index declarations_status on declarations (status, lodged_at desc)`.execute(db);
    await sql`create index declarations_channel on declarations (channel, lodged_at desc)`.execute(db);
    await sql`create index declarations_office on declarations (office, lodged_at desc)`.execute(db);
    await sql`create index declarations_importer on declarations (importer_tin)`.execute(db);
    await sql`create index declarations_exporter on declarations (exporter_tin)`.execute(db);
    await sql`create index declarations_hs on declarations using gin (hs_codes)`.execute(db);
    await sql`create index declarations_containers on declarations using gin (container_numbers)`.execute(db);

    await db.schema
      .createTable('declaration_notifications')
      .addColumn('id', 'bigserial', (c) => c.primaryKey())
      .addColumn('declaration_id', 'uuid', (c) => c.notNull().references('declarations.id'))
      .addColumn('function_code', 'char(2)', (c) => c.notNull())
      .addColumn('issued_at', 'timestamptz', (c) => c.notNull())
      .addColumn('data', 'jsonb', (c) => c.notNull())
      .execute();
    await sql`create index declaration_notifications_decl on declaration_notifications (declaration_id, id)`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    await db.schema.dropTable('declaration_notifications').execute();
    await db.schema.dropTable('declarations').execute();
  },
};
