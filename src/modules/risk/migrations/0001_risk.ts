import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

export const m0001_risk: Migration = {
  async up(db: Kysely<unknown>) {
    // Profiles and named lists: every edit is a new version; the head row points at the current one.
    await db.schema
      .createTable('risk_lists')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull().unique())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('risk_list_versions')
      .addColumn('list_id', 'uuid', (c) => c.notNull().references('risk_lists.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('risk_list_versions_pk', ['list_id', 'version'])
      .execute();
    await db.schema
      .createTable('risk_profiles')
      .addColumn('id', 'uuid', (c) => c.primaryKey())
      .addColumn('current_version', 'integer', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('risk_profile_versions')
      .addColumn('profile_id', 'uuid', (c) => c.notNull().references('risk_profiles.id'))
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('body', 'jsonb', (c) => c.notNull())
      .addColumn('note', 'text')
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addPrimaryKeyConstraint('risk_profile_versions_pk', ['profile_id', 'version'])
      .execute();
    // Snapshots of what was live (profile and list versions), referenced by each decision.
    await db.schema
      .createTable('risk_rulesets')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('digest', 'text', (c) => c.notNull().unique())
      .addColumn('profiles', 'jsonb', (c) => c.notNull())
      .addColumn('lists', 'jsonb', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('risk_office_rates')
      .addColumn('office', 'text', (c) => c.primaryKey())
      .addColumn('rates', 'jsonb', (c) => c.notNull())
      .addColumn('random_minimum', 'double precision', (c) => c.notNull())
      .addColumn('exploration_share', 'double precision', (c) => c.notNull())
      .addColumn('updated_by', 'text', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    // Model registry: versions with metrics, parameters and feature schema; the artifact is gzipped JSON.
    await db.schema
      .createTable('risk_models')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('origin', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'timestamptz', (c) => c.notNull())
      .addColumn('params', 'jsonb', (c) => c.notNull())
      .addColumn('metrics', 'jsonb', (c) => c.notNull())
      .addColumn('feature_schema', 'jsonb', (c) => c.notNull())
      .addColumn('training', 'jsonb', (c) => c.notNull())
      .addColumn('artifact', 'bytea', (c) => c.notNull())
      .addColumn('artifact_sha256', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('risk_model_activations')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('model_id', 'integer', (c) => c.notNull().references('risk_models.id'))
      .addColumn('action', 'text', (c) => c.notNull())
      .addColumn('reason', 'text')
      .addColumn('activated_by', 'text', (c) => c.notNull())
      .addColumn('activated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('risk_training_jobs')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('trigger', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('requested_by', 'text', (c) => c.notNull())
      .addColumn('progress', 'jsonb')
      .addColumn('model_id', 'integer')
      .addColumn('error', 'text')
      .addColumn('started_at', 'timestamptz', (c) => c.notNull())
      .addColumn('finished_at', 'timestamptz')
      .execute();
    // Bumped on every change nodes must pick up (profiles, lists, rates, active model): the cheap thing they poll.
    await db.schema
      .createTable('risk_revision')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('revision', 'bigint', (c) => c.notNull())
      .execute();
    await sql`insert into risk_revision (id, revision) values (1, 0)`.execute(db);

    // Decisions, copied from the declarations' channel-assigned events, and labels from control results.
    await db.schema
      .createTable('risk_decisions')
      .addColumn('declaration_id', 'uuid', (c) => c.primaryKey())
      .addColumn('office', 'text', (c) => c.notNull())
      .addColumn('lodged_at', 'timestamptz', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('source', 'text', (c) => c.notNull())
      .addColumn('score', 'double precision')
      .addColumn('probability', 'double precision')
      .addColumn('revenue_at_stake', 'double precision')
      .addColumn('model_id', 'integer')
      .addColumn('ruleset_id', 'integer')
      .addColumn('hits', 'jsonb', (c) => c.notNull())
      .addColumn('updated_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create index risk_decisions_office on risk_decisions (office, lodged_at desc)`.execute(db);
    await sql`create index risk_decisions_lodged on risk_decisions (lodged_at desc)`.execute(db);
    await db.schema
      .createTable('risk_labels')
      .addColumn('declaration_id', 'uuid', (c) => c.primaryKey())
      .addColumn('office', 'text', (c) => c.notNull())
      .addColumn('lodged_at', 'timestamptz', (c) => c.notNull())
      .addColumn('outcome', 'text', (c) => c.notNull())
      .addColumn('fraud', 'smallint', (c) => c.notNull())
      .addColumn('revenue', 'double precision', (c) => c.notNull())
      .addColumn('channel', 'text')
      .addColumn('selected_by', 'text')
      .addColumn('items', 'jsonb', (c) => c.notNull())
      .addColumn('event_seq', 'bigint', (c) => c.notNull())
      .addColumn('recorded_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create index risk_labels_lodged on risk_labels (lodged_at)`.execute(db);
    await db.schema
      .createTable('risk_signals')
      .addColumn('id', 'serial', (c) => c.primaryKey())
      .addColumn('event_seq', 'bigint', (c) => c.notNull().unique())
      .addColumn('declaration_id', 'uuid', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('detail', 'jsonb', (c) => c.notNull())
      .addColumn('effect', 'text', (c) => c.notNull())
      .addColumn('received_at', 'timestamptz', (c) => c.notNull())
      .execute();
    await sql`create index risk_signals_declaration on risk_signals (declaration_id)`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    for (const t of [
      'risk_signals',
      'risk_labels',
      'risk_decisions',
      'risk_revision',
      'risk_training_jobs',
      'risk_model_activations',
      'risk_models',
      'risk_office_rates',
      'risk_rulesets',
      'risk_profile_versions',
      'risk_profiles',
      'risk_list_versions',
      'risk_lists',
    ])
      await db.schema.dropTable(t).execute();
  },
};
