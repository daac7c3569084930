import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Business-rule warnings kept with each declaration (e.g. a wrong container check digit). */
export const m0002_warnings: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table declarations add column warnings jsonb not null default '[]'::jsonb`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table declarations drop column warnings`.execute(db);
  },
};
