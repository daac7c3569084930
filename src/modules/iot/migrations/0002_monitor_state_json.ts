import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * Monitor checkpoints as `json` rather than `jsonb`: a checkpoint (tens of kilobytes when a container reports often)
 * is written many times, read only when a monitor is restored and never queried inside, so the text is stored as
 * it comes instead of being converted to jsonb's binary form on every write (about half the cost on PGlite).
 */
export const m0002_monitor_state_json: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`alter table iot_monitor_states alter column state type json using state::json`.execute(db);
  },
};
