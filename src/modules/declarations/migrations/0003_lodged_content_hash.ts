import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The content hash of the lodged version, kept when amendments change the current one: a client that retries its
 * original lodgement after an amendment gets the declaration back instead of `LRN_ALREADY_USED`.
 */
export const m0003_lodged_content_hash: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table declarations add column lodged_content_hash text`.execute(db);
    await sql`update declarations set lodged_content_hash = content_hash where version = 1`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`alter table declarations drop column lodged_content_hash`.execute(db);
  },
};
