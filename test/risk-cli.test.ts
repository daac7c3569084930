import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { registerRiskCommands } from '../src/cli/commands/risk.js';
import { ALL_MIGRATIONS, createApp, type Aduana } from '../src/platform/app.js';
import { migrateAll } from '../src/platform/database/migrations.js';
import { createDeclarationsModule } from '../src/modules/declarations/index.js';
import { loadConfig } from '../src/platform/config.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';
import { createRiskModule, DEFAULT_BUNDLE_DIR, type RiskModule } from '../src/modules/risk/index.js';
import { csvSlice, TRAIN_CSV, VALID_CSV } from '../src/modules/risk/test-support.js';

/** `aduana risk …` in-process against a running platform (the command's own runner opens one from the flags). */
let app: Aduana;
let otherNode: RiskModule;
beforeAll(async () => {
  const database = await openTestDatabase();
  await migrateAll(database.db, ALL_MIGRATIONS);
  const config = loadConfig({}, { logLevel: 'silent', riskRetrainIntervalHours: 0 });
  // A second node starting on the same empty registry at the same moment.
  otherNode = createRiskModule({
    db: database.db,
    config,
    log: pino({ level: 'silent' }),
    declarations: createDeclarationsModule(database.db, config).service,
  });
  [app] = await Promise.all([
    createApp(config, { database, logger: pino({ level: 'silent' }) }),
    otherNode.start(),
  ]);
  await Promise.all([app.risk.ready(), otherNode.ready()]);
}, 120_000);
afterAll(async () => {
  await otherNode.close();
  await app.close();
});

describe('first start', () => {
  it('registers and serves the bundled default model once, even when two nodes start together', async () => {
    const { models, activations } = await app.risk.registry.list();
    expect(models.map((m) => [m.id, m.origin])).toEqual([[1, 'bundled']]);
    expect(activations.map((a) => a.action)).toEqual(['bootstrap']);
    expect([app.risk.engine.serving?.id, otherNode.engine.serving?.id]).toEqual([1, 1]);
  });
});

async function aduana(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  const program = new Command().exitOverride();
  registerRiskCommands(program, (_flags, job) => job(app));
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((stdout += String(s)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((stderr += String(s)), true));
  process.exitCode = 0;
  try {
    await program.parseAsync(['node', 'aduana', ...args]);
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  const code = Number(process.exitCode ?? 0);
  process.exitCode = 0;
  return { stdout, stderr, code };
}

const bundled = JSON.parse(fs.readFileSync(path.join(DEFAULT_BUNDLE_DIR, 'default-model.json'), 'utf8'));
const shipped = bundled.metrics.bySource.shipped;

describe('aduana risk evaluate', () => {
  it('prints the validation-quarter table of the bundled model, reproducing the metrics it was registered with', async () => {
    const { stdout, code } = await aduana(
      'risk',
      'evaluate',
      '--model',
      'latest',
      '--data',
      VALID_CSV,
      '--budgets',
      '1,2,5,10',
    );
    expect(code).toBe(0);
    expect(stdout).toContain(
      `model 1 on df_syn_valid_eng.csv: 8134 declarations, 1704 frauds (20.9 %), AUC ${shipped.auc.toFixed(4)}`,
    );
    const rows = stdout.split('\n').filter((l) => /^\s+\d+ %/.test(l));
    expect(rows.map((l) => l.trim().split(/\s+/)[0])).toEqual(['1', '2', '5', '10']);
    const five = rows[2]!.trim().split(/\s+/);
    expect(five.slice(2, 5)).toEqual([
      '406',
      shipped.budgets['5'].precision.toFixed(3),
      shipped.budgets['5'].recall.toFixed(3),
    ]);
  });

  it('prints one JSON object {rows, frauds, auc, budgets: {"5": {precision, recall}}} with --json', async () => {
    const { stdout } = await aduana(
      'risk',
      'evaluate',
      '--model',
      'active',
      '--data',
      VALID_CSV,
      '--budgets',
      '5,10',
      '--json',
    );
    const e = JSON.parse(stdout);
    expect(Object.keys(e)).toEqual(['rows', 'frauds', 'auc', 'budgets']);
    expect(e).toMatchObject({ rows: 8134, frauds: 1704 });
    expect(e.auc).toBeCloseTo(shipped.auc, 10);
    expect(Object.keys(e.budgets)).toEqual(['5', '10']);
    expect(e.budgets['10']).toEqual({
      precision: shipped.budgets['10'].precision,
      recall: shipped.budgets['10'].recall,
    });
  });

  it('works on a file of the format it has never seen (columns reordered, an extra column), and names a bad one', async () => {
    const lines = fs.readFileSync(VALID_CSV, 'utf8').trim().split('\n').slice(0, 301);
    const cells = lines.map((l) => l.split(','));
    const order = [...cells[0]!.keys()].reverse();
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-cli-')), 'other.csv');
    fs.writeFileSync(
      file,
      cells.map((c, i) => [...order.map((k) => c[k]), i === 0 ? 'Remarks' : 'n/a'].join(',')).join('\n'),
    );
    const ok = JSON.parse((await aduana('risk', 'evaluate', '--data', file, '--json')).stdout);
    expect(ok.rows).toBe(300);
    expect(ok.auc).toBeGreaterThan(0.5);
    const broken = path.join(path.dirname(file), 'broken.csv');
    fs.writeFileSync(broken, 'Declaration ID,Date\n1,2021-01-01\n');
    const bad = await aduana('risk', 'evaluate', '--data', broken);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('CSV_MISSING_COLUMN');
  });
});

describe('aduana risk train, models, promote, rollback', () => {
  it('trains, reports and registers a version; promotes and rolls back', async () => {
    const train = await aduana(
      'risk',
      'train',
      '--data',
      csvSlice(TRAIN_CSV, 1500),
      '--valid',
      csvSlice(VALID_CSV, 400),
    );
    expect(train.code).toBe(0);
    expect(train.stdout).toMatch(/registered model version 2: 1500 training rows \(\d+ frauds\), 111 trees/);
    expect(train.stdout).toContain('validation on shipped 2021-01-01 ..');
    expect(train.stdout).toMatch(/\n\s+5 %\s+20\s+\d\.\d{3}/);
    const listed = JSON.parse((await aduana('risk', 'models', '--json')).stdout);
    expect(listed.activeModelId).toBe(1);
    expect(listed.models.map((m: { id: number; origin: string }) => [m.id, m.origin])).toEqual([
      [2, 'cli'],
      [1, 'bundled'],
    ]);
    expect((await aduana('risk', 'promote', '2', '--reason', 'trial')).stdout).toContain(
      'model version 2 is now serving',
    );
    await app.risk.engine.refresh();
    expect(app.risk.engine.serving?.id).toBe(2);
    expect((await aduana('risk', 'models')).stdout).toMatch(/\*\s+2\s+cli/);
    expect((await aduana('risk', 'rollback', '--reason', 'trial over')).stdout).toContain(
      'model version 1 is serving again',
    );
    await app.risk.engine.refresh();
    expect(app.risk.engine.serving?.id).toBe(1);
    const none = await aduana('risk', 'promote', '99', '--reason', 'no such version');
    expect(none).toMatchObject({ code: 2 });
    expect(none.stderr).toContain('NOT_FOUND');
  });
});
