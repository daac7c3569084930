import { Writable } from 'node:stream';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALL_MIGRATIONS } from '../src/platform/app.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateAll } from '../src/platform/database/migrations.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';
import type { Database } from '../src/platform/database/database.js';
import { generateDeclaration, seededRandom } from '../src/modules/declarations/demo/generator.js';
import {
  createDeclarationsModule,
  type Channel,
  type DeclarationsModule,
} from '../src/modules/declarations/index.js';
import {
  createRiskModule,
  type OfficeRates,
  type RiskDecision,
  type RiskModule,
} from '../src/modules/risk/index.js';
import { officeDay } from '../src/modules/risk/selection/office-day.js';
import { TrainingService } from '../src/modules/risk/training/training.service.js';
import {
  csvSlice,
  principal,
  SMALL_BOOSTER,
  TRAIN_CSV,
  VALID_CSV,
} from '../src/modules/risk/test-support.js';

/**
 * A seeded day of lodgements in three offices with different budgets, through the risk strategy installed in the
 * declarations service: the realised channel rates land within one point of the expected rates, the random minimum is
 * honoured, and criteria hits keep their channel. The model is a small one that the module trains itself on first
 * start, from a slice of the shipped data, as it does when no bundled model is installed.
 */
const OFFICES: Record<string, OfficeRates> = {
  JMKIN01: { rates: { green: 70, yellow: 15, red: 10, blue: 5 }, randomMinimum: 2, explorationShare: 10 },
  GTSTC01: { rates: { green: 60, yellow: 20, red: 15, blue: 5 }, randomMinimum: 3, explorationShare: 10 },
  HNPCR01: { rates: { green: 85, yellow: 5, red: 5, blue: 5 }, randomMinimum: 1, explorationShare: 0 },
};
const PER_OFFICE = 1000;
const analyst = principal(['risk_analyst'], 'analyst');
const broker = principal(['trader'], 'broker', 'JM-BRK-0001');
const BROKER = { tin: 'JM-BRK-0001', name: 'Caribbean Customs Brokers Ltd', country: 'JM', aeo: true };

let database: Database;
let declarations: DeclarationsModule;
let risk: RiskModule;
let profileId: string;
let config: ReturnType<typeof loadConfig>;
const logLines: string[] = [];
const decided = new Map<
  string,
  { channel: Channel; source: string; decision: RiskDecision; cheapTobacco: boolean }[]
>();

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, ALL_MIGRATIONS);
  config = loadConfig(
    {},
    {
      logLevel: 'info',
      riskRetrainIntervalHours: 0,
      riskRefreshMs: 60_000,
      riskTrainingData: csvSlice(TRAIN_CSV, 4000),
      riskValidationData: csvSlice(VALID_CSV, 1000),
    },
  );
  declarations = createDeclarationsModule(database.db, config);
  risk = createRiskModule({
    db: database.db,
    config,
    log: pino(
      { level: 'info' },
      new Writable({
        write(chunk: Buffer, _encoding, done) {
          logLines.push(String(chunk));
          done();
        },
      }),
    ),
    declarations: declarations.service,
    random: seededRandom(2026),
    bundleDir: false,
    booster: SMALL_BOOSTER,
  });
  declarations.service.useChannelStrategy(risk.strategy);
  await risk.start();
  await risk.ready();
  for (const [office, rates] of Object.entries(OFFICES))
    await risk.rules.setOfficeRates(analyst, office, rates);
  await risk.rules.createList(analyst, 'tobacco', {
    kind: 'hs',
    description: 'Tobacco and manufactured substitutes',
    entries: ['2401-2403'],
  });
  const profile = await risk.rules.createProfile(analyst, {
    name: 'Undervalued cigarettes',
    status: 'active',
    offices: [],
    criteria: {
      all: [
        { field: 'hsCode', op: 'inList', list: 'tobacco' },
        { field: 'unitValuePerKg', op: 'lt', value: 25 },
      ],
    },
    action: { channel: 'red', percent: 100 },
    reason: 'Cigarettes declared under 25 USD/kg',
  });
  profileId = profile.id;
  await risk.engine.refresh(true);

  const random = seededRandom(7);
  for (const office of Object.keys(OFFICES)) {
    const { start } = officeDay(office, new Date());
    const out: { channel: Channel; source: string; decision: RiskDecision; cheapTobacco: boolean }[] = [];
    for (let i = 0; i < PER_OFFICE; i++) {
      const lodgedAt = new Date(start.getTime() + Math.floor((i * 86_400_000) / (PER_OFFICE + 100)));
      const d = generateDeclaration(random, {
        lrn: `DAY-${office}-${i}`,
        office,
        declarant: BROKER,
        now: lodgedAt,
      });
      const decision = await risk.strategy.assignChannel(d, {
        declarationId: `d-${office}-${i}`,
        lodgedAt,
        partyAeo: true,
      });
      const cheapTobacco = d.goodsItems.some(
        (g) => g.hsCode!.startsWith('2402') && g.customsValue! / g.netMassKg! < 25,
      );
      out.push({ channel: decision.channel, source: decision.source, decision, cheapTobacco });
    }
    decided.set(office, out);
  }
}, 120_000);
afterAll(async () => {
  await risk.close();
  await database.close();
});

const percent = (xs: { channel: Channel }[], c: Channel) =>
  (100 * xs.filter((x) => x.channel === c).length) / xs.length;

describe('first start without a bundled model', () => {
  it('trains a default model in a worker, reporting its progress, registers it and serves it', async () => {
    const { models, activations } = await risk.registry.list();
    expect(models.map((m) => [m.id, m.origin])).toEqual([[1, 'bootstrap']]);
    expect(activations[0]).toMatchObject({ model_id: 1, action: 'bootstrap' });
    expect((await risk.registry.repo.listJobs())[0]).toMatchObject({
      trigger: 'bootstrap',
      status: 'succeeded',
      model_id: 1,
    });
    expect(logLines.join('')).toContain('training the default risk model: 100 %');
    expect(risk.engine.serving?.id).toBe(1);
  });
});

describe('a seeded day of lodgements per office', () => {
  it('realises every channel rate of every office within one point of its expected rate', () => {
    for (const [office, { rates }] of Object.entries(OFFICES)) {
      const out = decided.get(office)!;
      for (const c of ['red', 'yellow', 'blue', 'green'] as const)
        expect(Math.abs(percent(out, c) - rates[c]), `${office} ${c} ${percent(out, c)}`).toBeLessThanOrEqual(
          1,
        );
    }
  });

  it('honours each office’s random minimum: at least ⌊n·rate⌋ random picks, all sent to a control', () => {
    for (const [office, { randomMinimum }] of Object.entries(OFFICES)) {
      const random = decided.get(office)!.filter((x) => x.source === 'random');
      expect(random.length, office).toBeGreaterThanOrEqual(Math.floor((PER_OFFICE * randomMinimum) / 100));
      expect(random.every((x) => x.channel === 'red' || x.channel === 'yellow')).toBe(true);
    }
  });

  it('sends every declaration the criteria hit to red, recording the profile and list versions', () => {
    const hits = [...decided.values()].flat().filter((x) => x.cheapTobacco);
    expect(hits.length).toBeGreaterThan(5);
    for (const h of hits) {
      expect(h).toMatchObject({ channel: 'red', source: 'rule' });
      expect(h.decision.explanation.ruleHits[0]).toMatchObject({
        profileId,
        version: 1,
        lists: [{ name: 'tobacco', version: 1 }],
      });
      expect(h.decision.explanation.lists).toEqual([{ name: 'tobacco', version: 1 }]);
    }
    const others = [...decided.values()].flat().filter((x) => !x.cheapTobacco);
    expect(others.some((x) => x.source === 'rule')).toBe(false);
  });

  it('ranks by the model score: red and yellow picks by the model score higher than green', () => {
    for (const out of decided.values()) {
      const mean = (xs: typeof out) => xs.reduce((a, x) => a + (x.decision.score ?? 0), 0) / xs.length;
      const model = out.filter(
        (x) => x.source === 'model' && (x.channel === 'red' || x.channel === 'yellow'),
      );
      const green = out.filter((x) => x.channel === 'green');
      expect(mean(model)).toBeGreaterThan(mean(green));
    }
  });

  it('continues the same day’s budget for declarations lodged through the declarations service', async () => {
    const office = 'JMKIN01';
    const { start } = officeDay(office, new Date());
    const random = seededRandom(99);
    const extra: Channel[] = [];
    for (let i = 0; i < 40; i++) {
      const at = new Date(start.getTime() + 86_000_000 + i * 1000);
      const input = generateDeclaration(random, { lrn: `SVC-${i}`, office, declarant: BROKER, now: at });
      const { declaration } = await declarations.service.lodge(broker, input, at);
      expect(declaration.channel_decision?.strategy).toMatch(/^risk@1;model=1;ruleset=\d+$/);
      expect((declaration.channel_decision?.explanation?.budget as { index: number }).index).toBe(
        PER_OFFICE + i,
      );
      extra.push(declaration.channel!);
    }
    const all = [...decided.get(office)!.map((x) => x.channel), ...extra].map((channel) => ({ channel }));
    for (const c of ['red', 'yellow', 'blue', 'green'] as const)
      expect(Math.abs(percent(all, c) - OFFICES[office]!.rates[c])).toBeLessThanOrEqual(1);
  });

  it('hot-swaps the model and the rules on another node within its poll interval', async () => {
    const node = createRiskModule({
      db: database.db,
      config: { ...config, riskRefreshMs: 100 },
      log: pino({ level: 'silent' }),
      declarations: declarations.service,
      random: seededRandom(1),
    });
    await node.start();
    await node.ready();
    const until = async (done: () => boolean) => {
      for (let i = 0; i < 100 && !done(); i++) await new Promise((r) => setTimeout(r, 50));
      return done();
    };
    try {
      expect(node.engine.serving?.id).toBe(1);
      expect(node.engine.ruleset.profiles.map((p) => p.id)).toEqual([profileId]);
      const { modelId: next } = await risk.training.train(
        { trainCsv: csvSlice(TRAIN_CSV, 1500) },
        { id: 'test', name: 'test' },
        'retrain',
      );
      await risk.registry.promote({ id: 'test', name: 'test' }, next, 'newer labels');
      expect(await until(() => node.engine.serving?.id === next)).toBe(true);
      const current = await risk.rules.getProfile(profileId);
      await risk.rules.updateProfile(
        analyst,
        profileId,
        { ...current.body, status: 'retired' },
        'season over',
      );
      expect(await until(() => node.engine.ruleset.profiles.length === 0)).toBe(true);
    } finally {
      await node.close();
    }
  });

  it('retrains on schedule in a worker, registering a candidate version', { timeout: 120_000 }, async () => {
    const scheduled = new TrainingService(
      risk.registry,
      risk.feedback,
      {
        trainCsv: csvSlice(TRAIN_CSV, 1000),
        validCsv: csvSlice(VALID_CSV, 200),
        minPlatformValidation: 200,
        retrainIntervalHours: 0.5 / 3600,
        booster: SMALL_BOOSTER,
      },
      pino({ level: 'silent' }),
    );
    const before = (await risk.registry.list()).models.length;
    scheduled.startSchedule({ id: 'system', name: 'Aduana' }, 100);
    try {
      let jobs = await risk.registry.repo.listJobs();
      // Training in a worker takes seconds alone, and much longer on a loaded CI machine.
      for (
        let i = 0;
        i < 1000 && !jobs.some((j) => j.trigger === 'schedule' && j.status === 'succeeded');
        i++
      ) {
        await new Promise((r) => setTimeout(r, 100));
        jobs = await risk.registry.repo.listJobs();
      }
      const job = (jobs.find((j) => j.trigger === 'schedule' && j.status === 'succeeded') ??
        jobs.find((j) => j.trigger === 'schedule'))!;
      expect(job).toMatchObject({ status: 'succeeded' });
      const { models, activeModelId } = await risk.registry.list();
      expect(models).toHaveLength(before + 1);
      expect(models[0]).toMatchObject({ id: job.model_id, origin: 'schedule', active: false });
      expect(activeModelId).not.toBe(job.model_id);
    } finally {
      await scheduled.close();
    }
  });
});
