import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Tables every module relies on: parties, users, sessions, API keys, the audit trail and the event outbox. */
export const platformMigrations: Record<string, Migration> = {
  '0001_auth': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('parties')
        .addColumn('tin', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('country', 'char(2)', (c) => c.notNull())
        .addColumn('aeo', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('users')
        .addColumn('id', 'uuid', (c) => c.primaryKey())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('roles', sql`text[]`, (c) => c.notNull())
        .addColumn('party_tin', 'text', (c) => c.references('parties.tin'))
        .addColumn('office', 'text')
        .addColumn('locale', 'text', (c) => c.notNull().defaultTo('en'))
        .addColumn('disabled', 'boolean', (c) => c.notNull().defaultTo(false))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'uuid', (c) => c.notNull().references('users.id').onDelete('cascade'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('expires_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('secret_hash', 'text', (c) => c.notNull())
        .addColumn('roles', sql`text[]`, (c) => c.notNull())
        .addColumn('party_tin', 'text', (c) => c.references('parties.tin'))
        .addColumn('created_at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addColumn('revoked_at', 'timestamptz')
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['api_keys', 'sessions', 'users', 'parties']) await db.schema.dropTable(t).execute();
    },
  },
  '0002_audit': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.unique())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .addColumn('actor_id', 'text', (c) => c.notNull())
        .addColumn('actor_name', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('entity_type', 'text', (c) => c.notNull())
        .addColumn('entity_id', 'text', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('data', 'jsonb', (c) => c.notNull())
        .addColumn('prev_hash', 'text')
        .addColumn('hash', 'text')
        .execute();
      await sql`create index audit_log_unsealed on audit_log (id) where seq is null`.execute(db);
      await sql`create index audit_log_entity on audit_log (entity_type, entity_id, id)`.execute(db);
      // Append-only: rows are never deleted, and a row is written once more only to seal it into the chain.
      await sql`
        create function audit_log_append_only() returns trigger language plpgsql as $$
        begin
          if tg_op = 'DELETE' then
            raise exception 'audit_log is append-only' using errcode = 'P0001';
          end if;
          if old.seq is not null or new.seq is null
             or new.occurred_at is distinct from old.occurred_at or new.actor_id is distinct from old.actor_id
             or new.action is distinct from old.action or new.entity_id is distinct from old.entity_id
             or new.entity_type is distinct from old.entity_type or new.reason is distinct from old.reason
             or new.data is distinct from old.data or new.actor_name is distinct from old.actor_name then
            raise exception 'audit_log rows are immutable once written' using errcode = 'P0001';
          end if;
          return new;
        end $$`.execute(db);
      await sql`create trigger audit_log_append_only before update or delete on audit_log
        for each row execute function audit_log_append_only()`.execute(db);
    },
    async down(db: Kysely<unknown>) {
      await db.schema.dropTable('audit_log').execute();
      await sql`drop function if exists audit_log_append_only`.execute(db);
    },
  },
  '0003_outbox': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('outbox')
        .addColumn('id', 'bigserial', (c) => c.primaryKey())
        .addColumn('seq', 'bigint', (c) => c.unique())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('aggregate_type', 'text', (c) => c.notNull())
        .addColumn('aggregate_id', 'text', (c) => c.notNull())
        .addColumn('payload', 'jsonb', (c) => c.notNull())
        .addColumn('occurred_at', 'timestamptz', (c) => c.notNull())
        .execute();
      await sql`create index outbox_unsequenced on outbox (id) where seq is null`.execute(db);
      await db.schema
        .createTable('outbox_cursors')
        .addColumn('subscriber', 'text', (c) => c.primaryKey())
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('lease_owner', 'text')
        .addColumn('lease_until', 'timestamptz')
        .addColumn('failures', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('last_error', 'text')
        .execute();
      await db.schema
        .createTable('outbox_dead_letters')
        .addColumn('subscriber', 'text', (c) => c.notNull())
        .addColumn('event_seq', 'bigint', (c) => c.notNull())
        .addColumn('error', 'text', (c) => c.notNull())
        .addColumn('at', 'timestamptz', (c) => c.notNull().defaultTo(sql`now()`))
        .addPrimaryKeyConstraint('outbox_dead_letters_pk', ['subscriber', 'event_seq'])
        .execute();
    },
    async down(db: Kysely<unknown>) {
      for (const t of ['outbox_dead_letters', 'outbox_cursors', 'outbox'])
        await db.schema.dropTable(t).execute();
    },
  },
};
