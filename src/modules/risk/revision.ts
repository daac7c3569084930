import { sql } from 'kysely';
import type { AnyDb, AnyTransaction } from '../../platform/database/database.js';

/** Marks a change every node must pick up (profiles, lists, office rates, serving model), in the caller's transaction. */
export async function bumpRevision(trx: AnyTransaction | AnyDb): Promise<void> {
  await sql`update risk_revision set revision = revision + 1 where id = 1`.execute(trx);
}

/** The current revision: nodes poll it and reload when it moves. */
export async function currentRevision(db: AnyDb): Promise<number> {
  const result = await sql<{
    revision: number | string;
  }>`select revision from risk_revision where id = 1`.execute(db);
  return Number(result.rows[0]?.revision ?? 0);
}
