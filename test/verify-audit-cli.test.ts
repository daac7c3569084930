import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/platform/database/database.js';
import { sql } from 'kysely';

const run = promisify(execFile);
const BIN = path.resolve(import.meta.dirname, '../bin/aduana.mjs');

/** `aduana seed` then `aduana verify-audit` on an embedded database; a tampered row makes it fail and name the entry. */
describe.skipIf(process.env.DATABASE_URL)('aduana verify-audit', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-audit-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, ADUANA_DATA_DIR: dir };

  it('verifies a seeded trail, then detects a tampered row', { timeout: 120_000 }, async () => {
    await run(process.execPath, [BIN, 'seed', '--declarations', '20'], { env });
    const ok = await run(process.execPath, [BIN, 'verify-audit', '--json'], { env });
    const good = JSON.parse(ok.stdout.trim()) as { ok: boolean; checked: number };
    expect(good.ok).toBe(true);
    expect(good.checked).toBeGreaterThan(80);

    const db = await openDatabase({ dataDir: dir });
    await sql`alter table audit_log disable trigger audit_log_append_only`.execute(db.db);
    await sql`update audit_log set reason = 'released without control' where seq = 42`.execute(db.db);
    await db.close();

    const bad = await run(process.execPath, [BIN, 'verify-audit'], { env }).catch(
      (e: { code: number; stdout: string }) => e,
    );
    expect((bad as { code: number }).code).toBe(3);
    expect((bad as { stdout: string }).stdout).toContain('BROKEN at entry seq 42');
  });
});
