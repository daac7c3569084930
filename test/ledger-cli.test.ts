import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { sql } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { registerLedgerCommands } from '../src/cli/commands/ledger.js';
import { openDatabase, type Database } from '../src/platform/database/database.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';
import { recordGarment, recorderFor } from '../src/modules/provenance/test-support.js';
import { startTestApp } from './helpers/test-app.js';

/** Runs `aduana ledger verify --json` in-process and returns its exit code and report. */
async function ledgerVerify(flags: string[]): Promise<{
  code: number;
  report: { ok: boolean; divergences: { code: string; kind: string; itemId: string }[] };
}> {
  const program = new Command().exitOverride();
  registerLedgerCommands(program);
  const out: string[] = [];
  const spy = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => {
    out.push(String(chunk));
    return true;
  });
  try {
    process.exitCode = 0;
    await program.parseAsync(['node', 'aduana', 'ledger', 'verify', '--json', ...flags]);
  } finally {
    spy.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { code, report: JSON.parse(out.join('').trim()) as never };
}

/** `aduana ledger verify` against a stored platform: clean, then a changed byte in a recorded event. */
describe('aduana ledger verify', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-ledger-cli-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(
    'exits 3 and names the tampered event (an intact ledger passes: see the acceptance test)',
    { timeout: 120_000 },
    async () => {
      let database: Database & { url?: string };
      let flags: string[];
      if (process.env.DATABASE_URL) {
        database = await openTestDatabase();
        flags = ['--database-url', database.url!];
      } else {
        database = await openDatabase({ dataDir: dir });
        flags = ['--data-dir', dir];
      }
      const closeAfter = () => database.close();
      const t = await startTestApp(
        { ledgerBatchIntervalMs: 3_600_000 },
        { ...database, close: () => Promise.resolve() },
      );
      const maker = await recorderFor(t.app.http, await t.login('trader.gt'));
      const trace = await recordGarment({
        upstream: maker,
        maker,
        tag: 'CLI',
        cottonCountry: 'US',
        yarnCountry: 'HN',
        garmentCountry: 'GT',
      });
      await t.app.dispatcher.drain();
      await t.app.ledger.publishCheckpoint();
      await t.close();
      if (!process.env.DATABASE_URL) await closeAfter();

      const db = process.env.DATABASE_URL ? database : await openDatabase({ dataDir: dir });
      const victim = trace.events[2]!;
      await sql`update provenance_events set event = jsonb_set(event, '{eventTimeZoneOffset}', '"-05:00"') where event_id = ${victim}`.execute(
        db.db,
      );
      if (!process.env.DATABASE_URL) await db.close();

      const tampered = await ledgerVerify(flags);
      expect(tampered.code).toBe(3);
      expect(tampered.report.divergences).toContainEqual(
        expect.objectContaining({ code: 'RECORD_ALTERED', kind: 'provenance.event', itemId: victim }),
      );
      if (process.env.DATABASE_URL) await closeAfter();
    },
  );
});
