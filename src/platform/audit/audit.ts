import { createHash } from 'node:crypto';
import { canonicalJson as canonicalize } from '../canonical-json.js';
import { sql, type Generated } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../database/database.js';

/** Who did something: a user, an API client or the platform itself. */
export interface Actor {
  id: string;
  name: string;
}

export const SYSTEM_ACTOR: Actor = { id: 'system', name: 'Aduana' };

/** One state change: who, when, what (action on an entity, with data) and why. */
export interface AuditEntry {
  actor: Actor;
  action: string;
  entityType: string;
  entityId: string;
  reason?: string | null;
  data?: Record<string, unknown>;
  occurredAt?: Date;
}

interface AuditTables {
  audit_log: {
    id: Generated<number>;
    seq: number | null;
    occurred_at: Date;
    actor_id: string;
    actor_name: string;
    action: string;
    entity_type: string;
    entity_id: string;
    reason: string | null;
    data: Record<string, unknown>;
    prev_hash: string | null;
    hash: string | null;
  };
}

type AuditRow = Omit<AuditTables['audit_log'], 'id'> & { id: number };

export const GENESIS_HASH = '0'.repeat(64);

/**
 * Records audit entries inside the caller's transaction, so that the trail and the change commit together. Entries
 * are chained later by the sealer, in commit order, under a single lock (`sealAuditTrail`).
 */
export async function recordAudit(trx: AnyTransaction | AnyDb, entries: AuditEntry[]): Promise<void> {
  if (entries.length === 0) return;
  await auditInsert(trx, entries).execute();
}

/** The insert statement of `recordAudit`, unexecuted, to combine with others (`executeTogether`). */
export function auditInsert(trx: AnyTransaction | AnyDb, entries: AuditEntry[]) {
  const now = new Date();
  return tablesOf<AuditTables>(trx)
    .insertInto('audit_log')
    .values(
      entries.map((e) => ({
        occurred_at: e.occurredAt ?? now,
        actor_id: e.actor.id,
        actor_name: e.actor.name,
        action: e.action,
        entity_type: e.entityType,
        entity_id: e.entityId,
        reason: e.reason ?? null,
        data: JSON.stringify(e.data ?? {}) as unknown as Record<string, unknown>,
      })),
    );
}

/** The hash of an entry: SHA-256 over the previous hash and the RFC 8785 canonical JSON of the entry's content. */
export function auditEntryHash(
  prevHash: string,
  row: Pick<
    AuditRow,
    | 'seq'
    | 'occurred_at'
    | 'actor_id'
    | 'actor_name'
    | 'action'
    | 'entity_type'
    | 'entity_id'
    | 'reason'
    | 'data'
  >,
): string {
  const content = canonicalize({
    seq: Number(row.seq),
    occurredAt: new Date(row.occurred_at).toISOString(),
    actorId: row.actor_id,
    actorName: row.actor_name,
    action: row.action,
    entityType: row.entity_type,
    entityId: row.entity_id,
    reason: row.reason,
    data: row.data,
  });
  return createHash('sha256')
    .update(prevHash)
    .update('\n')
    .update(content ?? '')
    .digest('hex');
}

const SEAL_LOCK = 7_220_001;

/**
 * Chains committed, unsealed entries onto the trail (seq, prev_hash, hash), in the order they are found. One sealer
 * at a time across all nodes (advisory lock). Returns how many entries were sealed.
 */
export async function sealAuditTrail(db: AnyDb, batchSize = 1000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{ ok: boolean }>`select pg_try_advisory_xact_lock(${SEAL_LOCK}) as ok`.execute(
      trx,
    );
    if (!locked.rows[0]?.ok) return 0;
    const t = tablesOf<AuditTables>(trx);
    const pending = await t
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', 'is', null)
      .orderBy('id')
      .limit(batchSize)
      .execute();
    if (pending.length === 0) return 0;
    const head = await t
      .selectFrom('audit_log')
      .select(['seq', 'hash'])
      .where('seq', 'is not', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    let seq = Number(head?.seq ?? 0);
    let prev = head?.hash ?? GENESIS_HASH;
    const sealed: { id: number; seq: number; prev: string; hash: string }[] = [];
    for (const row of pending) {
      seq += 1;
      const hash = auditEntryHash(prev, { ...row, seq });
      sealed.push({ id: Number(row.id), seq, prev, hash });
      prev = hash;
    }
    const values = sql.join(
      sealed.map((s) => sql`(${s.id}::bigint, ${s.seq}::bigint, ${s.prev}, ${s.hash})`),
    );
    await sql`update audit_log set seq = v.seq, prev_hash = v.prev, hash = v.hash
      from (values ${values}) as v(id, seq, prev, hash) where audit_log.id = v.id`.execute(trx);
    return sealed.length;
  });
}

export interface AuditVerification {
  ok: boolean;
  checked: number;
  unsealed: number;
  /** The first entry that does not verify, with what is wrong. */
  failure?: { seq: number; id: number; problem: 'hash_mismatch' | 'broken_link' | 'sequence_gap' };
}

/** Walks the whole chain from the genesis, recomputing every hash. */
export async function verifyAuditChain(
  db: AnyDb,
  onProgress?: (checked: number, total: number) => void,
): Promise<AuditVerification> {
  const t = tablesOf<AuditTables>(db);
  const counts = await t
    .selectFrom('audit_log')
    .select([
      sql<number>`count(seq)::int`.as('sealed'),
      sql<number>`(count(*) - count(seq))::int`.as('unsealed'),
    ])
    .executeTakeFirstOrThrow();
  const total = Number(counts.sealed);
  let prev = GENESIS_HASH;
  let expectedSeq = 1;
  let checked = 0;
  const pageSize = 5000;
  for (;;) {
    const rows = await t
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', expectedSeq)
      .orderBy('seq')
      .limit(pageSize)
      .execute();
    if (rows.length === 0) break;
    for (const row of rows) {
      const seq = Number(row.seq);
      const id = Number(row.id);
      if (seq !== expectedSeq)
        return {
          ok: false,
          checked,
          unsealed: Number(counts.unsealed),
          failure: { seq: expectedSeq, id, problem: 'sequence_gap' },
        };
      if (row.prev_hash !== prev)
        return {
          ok: false,
          checked,
          unsealed: Number(counts.unsealed),
          failure: { seq, id, problem: 'broken_link' },
        };
      const hash = auditEntryHash(prev, row);
      if (hash !== row.hash)
        return {
          ok: false,
          checked,
          unsealed: Number(counts.unsealed),
          failure: { seq, id, problem: 'hash_mismatch' },
        };
      prev = hash;
      expectedSeq += 1;
      checked += 1;
    }
    onProgress?.(checked, total);
  }
  return { ok: true, checked, unsealed: Number(counts.unsealed) };
}

export interface AuditRecord {
  seq: number | null;
  occurredAt: string;
  actor: Actor;
  action: string;
  reason: string | null;
  data: Record<string, unknown>;
  hash: string | null;
}

/** The trail of one entity, oldest first. */
export async function auditTrailOf(db: AnyDb, entityType: string, entityId: string): Promise<AuditRecord[]> {
  const rows = await tablesOf<AuditTables>(db)
    .selectFrom('audit_log')
    .selectAll()
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    seq: r.seq === null ? null : Number(r.seq),
    occurredAt: new Date(r.occurred_at).toISOString(),
    actor: { id: r.actor_id, name: r.actor_name },
    action: r.action,
    reason: r.reason,
    data: r.data,
    hash: r.hash,
  }));
}
