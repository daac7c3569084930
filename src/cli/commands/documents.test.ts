import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createProcessStorage } from '../../../test/helpers/process-storage.js';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { ALL_MIGRATIONS } from '../../platform/app.js';
import type { AnyDb } from '../../platform/database/database.js';
import { migrateAll } from '../../platform/database/migrations.js';
import { pendingBatchesIn } from '../../modules/documents/index.js';
import { documentsOnLedger, OFFICER as officer } from '../../modules/documents/test-support.js';
import { formatAge, registerDocumentCommands } from './documents.js';

/** Runs `aduana …` in-process; `deps` as `registerDocumentCommands` takes them (none: the real runners). */
async function aduana(
  deps: Parameters<typeof registerDocumentCommands>[1],
  ...args: string[]
): Promise<{ stdout: string; code: number }> {
  const program = new Command().exitOverride();
  registerDocumentCommands(program, deps);
  let stdout = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'aduana', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, code };
}

/** While it is armed, nothing can be written to the ledger: batches issued meanwhile stay pending. */
async function ledgerDown(db: AnyDb): Promise<() => Promise<void>> {
  await sql`create function documents_cli_test_ledger_down() returns trigger language plpgsql as $$
    begin raise exception 'ledger storage unavailable (test fault)'; end $$`.execute(db);
  await sql`create trigger documents_cli_test_ledger_down before insert on ledger_entries
    for each row execute function documents_cli_test_ledger_down()`.execute(db);
  return async () => {
    await sql`drop trigger documents_cli_test_ledger_down on ledger_entries`.execute(db);
    await sql`drop function documents_cli_test_ledger_down()`.execute(db);
  };
}

interface BatchJson {
  id: string;
  recordedAt: string;
  ageSeconds: number;
  attempts: number;
  lastError: string | null;
}

describe('aduana documents, against a running platform', () => {
  let t: TestApp;
  let deps: Parameters<typeof registerDocumentCommands>[1];
  beforeAll(async () => {
    t = await startTestApp({ ledgerBatchIntervalMs: 3_600_000 });
    deps = {
      run: (_flags, job) => job(t.app),
      read: (_flags, job) => job(pendingBatchesIn(t.app.database.db)),
    };
  });
  afterAll(() => t?.close());

  it('lists a batch the ledger refused, reconciles it with exit code 3 while the ledger is down, and 0 once it is issued', async () => {
    const ledgerUp = await ledgerDown(t.app.database.db);
    let batchId: string;
    try {
      const [doc] = await t.app.documents.service.issue(officer, [
        { kind: 'invoice', reference: 'INV-CLI-1', data: { total: 900 } },
      ]);
      batchId = doc!.batch_id;

      const listed = await aduana(deps, 'documents', 'pending', '--json');
      expect(listed.code).toBe(0);
      const list = JSON.parse(listed.stdout) as { count: number; batches: BatchJson[] };
      expect(list.count).toBe(1);
      expect(list.batches).toEqual([
        expect.objectContaining({ id: batchId, attempts: 1, ageSeconds: expect.any(Number) }),
      ]);
      expect(list.batches[0]!.lastError).toContain('ledger storage unavailable');
      const table = await aduana(deps, 'documents', 'pending');
      expect(table.stdout).toContain('1 document batch(es) pending');
      expect(table.stdout).toMatch(
        new RegExp(`${batchId}\\s+\\S+Z\\s+\\d+ s\\s+1\\s+.*ledger storage unavailable`),
      );

      const refused = await aduana(deps, 'documents', 'reconcile', '--json');
      expect(refused.code).toBe(3);
      const summary = JSON.parse(refused.stdout) as {
        pending: number;
        issued: number;
        stillPending: number;
        batches: BatchJson[];
      };
      expect(summary).toMatchObject({ pending: 1, issued: 0, stillPending: 1 });
      expect(summary.batches).toEqual([expect.objectContaining({ id: batchId, attempts: 2 })]);
      expect(summary.batches[0]!.lastError).toContain('ledger storage unavailable');
      const printed = await aduana(deps, 'documents', 'reconcile');
      expect(printed.code).toBe(3);
      expect(printed.stdout).toContain('still pending  1\n');
      expect(printed.stdout).toMatch(new RegExp(`${batchId}\\s+\\S+Z\\s+\\d+ s\\s+3\\s+`));
    } finally {
      await ledgerUp();
    }

    const done = await aduana(deps, 'documents', 'reconcile');
    expect(done.code).toBe(0);
    expect(done.stdout).toBe('pending found  1\nissued         1\nstill pending  0\n');
    expect((await t.app.documents.service.repo.batch(batchId))?.status).toBe('issued');
    expect((await aduana(deps, 'documents', 'pending')).stdout).toBe('no document batch pending\n');
  });
});

describe('aduana documents on stored data, as an operator runs it', () => {
  it(
    'lists the pending batch without touching it, then issues it when the ledger is back (its start-up run counted in)',
    { timeout: 180_000 },
    async () => {
      const storage = await createProcessStorage('documents-cli');
      try {
        const database = await storage.open();
        let batchId: string;
        try {
          await migrateAll(database.db, ALL_MIGRATIONS);
          const { ledger, port, documents } = await documentsOnLedger(database.db);
          port.fault = 'ledger-unreachable';
          const [doc] = await documents.service.issue(officer, [
            { kind: 'certificate_of_origin', reference: 'CO-CLI-1', data: { agreement: 'CAFTA-DR' } },
          ]);
          batchId = doc!.batch_id;
          await documents.stop();
          await ledger.stop();
        } finally {
          await database.close();
        }
        const flags = storage.env.DATABASE_URL
          ? ['--database-url', storage.env.DATABASE_URL]
          : ['--data-dir', storage.env.ADUANA_DATA_DIR!];

        for (let i = 0; i < 2; i++) {
          const listed = await aduana({}, 'documents', 'pending', '--json', ...flags);
          expect(JSON.parse(listed.stdout)).toMatchObject({
            count: 1,
            batches: [{ id: batchId, attempts: 1, lastError: 'ledger unreachable (test fault)' }],
          });
        }

        const reconciled = await aduana({}, 'documents', 'reconcile', '--json', ...flags);
        expect(reconciled.code).toBe(0);
        expect(JSON.parse(reconciled.stdout)).toEqual({
          pending: 1,
          issued: 1,
          stillPending: 0,
          batches: [],
        });
        const after = await aduana({}, 'documents', 'pending', '--json', ...flags);
        expect(JSON.parse(after.stdout)).toEqual({ count: 0, oldestRecordedAt: null, batches: [] });
      } finally {
        await storage.cleanup();
      }
    },
  );
});

describe('ages as printed', () => {
  it('reads in seconds, minutes, hours and days', () => {
    expect([59, 60, 3_599, 3_660, 90_000].map(formatAge)).toEqual([
      '59 s',
      '1 min',
      '59 min',
      '1 h 01 min',
      '1 d 01 h',
    ]);
  });
});
