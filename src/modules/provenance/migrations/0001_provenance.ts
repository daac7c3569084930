import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Parties' registered signing keys, recorded EPCIS events, and the identifiers each event names (for traces). */
export const m0001_provenance: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('provenance_party_keys')
      .addColumn('key_id', 'text', (c) => c.primaryKey())
      .addColumn('party_tin', 'text', (c) => c.notNull())
      .addColumn('public_key', 'bytea', (c) => c.notNull())
      .addColumn('registered_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .addColumn('revoked_at', 'timestamptz')
      .execute();
    await sql`create index provenance_party_keys_party on provenance_party_keys (party_tin)`.execute(db);
    await db.schema
      .createTable('provenance_events')
      .addColumn('event_id', 'text', (c) => c.primaryKey())
      .addColumn('event_type', 'text', (c) => c.notNull())
      .addColumn('event_time', 'timestamptz', (c) => c.notNull())
      .addColumn('party_tin', 'text', (c) => c.notNull())
      .addColumn('key_id', 'text', (c) => c.notNull())
      .addColumn('signature', 'bytea', (c) => c.notNull())
      .addColumn('event', 'jsonb', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
      .execute();
    await db.schema
      .createTable('provenance_identifiers')
      .addColumn('event_id', 'text', (c) => c.notNull().references('provenance_events.event_id'))
      .addColumn('role', 'text', (c) => c.notNull())
      .addColumn('identifier', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('provenance_identifiers_pk', ['event_id', 'role', 'identifier'])
      .execute();
    await sql`create index provenance_identifiers_lookup on provenance_identifiers (identifier, role)`.execute(
      db,
    );
  },
  async down(db: Kysely<unknown>) {
    for (const t of ['provenance_identifiers', 'provenance_events', 'provenance_party_keys'])
      await db.schema.dropTable(t).execute();
  },
};
