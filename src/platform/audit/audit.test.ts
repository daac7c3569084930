import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../database/test-database.js';
import { migrateAll } from '../database/migrations.js';
import { platformMigrations } from '../platform.migrations.js';
import type { Database } from '../database/database.js';
import { auditTrailOf, recordAudit, sealAuditTrail, verifyAuditChain } from './audit.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, [{ module: 'platform', migrations: platformMigrations }]);
});
afterAll(async () => database.close());

const actor = { id: 'user:1', name: 'officer' };

describe('audit trail', () => {
  it('chains entries in commit order and verifies the whole chain', async () => {
    await recordAudit(database.db, [
      { actor, action: 'lodged', entityType: 'declaration', entityId: 'd1', data: { lrn: 'A' } },
      {
        actor,
        action: 'released',
        entityType: 'declaration',
        entityId: 'd1',
        reason: 'ok',
        data: { z: 1, a: [1, 2] },
      },
    ]);
    await database.db
      .transaction()
      .execute((trx) =>
        recordAudit(trx, [
          { actor, action: 'held', entityType: 'declaration', entityId: 'd2', reason: 'check' },
        ]),
      );
    expect(await sealAuditTrail(database.db)).toBe(3);
    expect(await sealAuditTrail(database.db)).toBe(0);
    const result = await verifyAuditChain(database.db);
    expect(result).toMatchObject({ ok: true, checked: 3, unsealed: 0 });
    const trail = await auditTrailOf(database.db, 'declaration', 'd1');
    expect(trail.map((e) => e.action)).toEqual(['lodged', 'released']);
    expect(trail[0]?.hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('does not record entries of a transaction that rolls back', async () => {
    await expect(
      database.db.transaction().execute(async (trx) => {
        await recordAudit(trx, [{ actor, action: 'ghost', entityType: 'declaration', entityId: 'd3' }]);
        throw new Error('rollback');
      }),
    ).rejects.toThrow('rollback');
    await sealAuditTrail(database.db);
    expect(await auditTrailOf(database.db, 'declaration', 'd3')).toEqual([]);
  });

  it('refuses to delete or rewrite an entry (append-only trigger)', async () => {
    await expect(sql`delete from audit_log where entity_id = 'd1'`.execute(database.db)).rejects.toThrow(
      /append-only/,
    );
    await expect(
      sql`update audit_log set reason = 'forged' where entity_id = 'd2'`.execute(database.db),
    ).rejects.toThrow(/immutable/);
  });

  it('detects a tampered row even when the trigger is bypassed, naming the entry', async () => {
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(database.db);
    await sql`update audit_log set reason = 'nothing to see' where entity_id = 'd2'`.execute(database.db);
    await sql`alter table audit_log enable trigger audit_log_append_only`.execute(database.db);
    const result = await verifyAuditChain(database.db);
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ seq: 3, problem: 'hash_mismatch' });
  });
});
