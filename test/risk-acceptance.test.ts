import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { publishEvents } from '../src/platform/events/outbox.js';
import type { DeclarationSubmission } from '../src/modules/declarations/index.js';
import {
  CHEAP_CIGARETTES_PROFILE,
  csvSlice,
  TRAIN_CSV,
  VALID_CSV,
} from '../src/modules/risk/test-support.js';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Issue 5 through the whole platform over HTTP: an analyst's profile sends matching lodgements to red and shows in
 * the dry run; officers see why, traders never; a seizure becomes a label for the next retrain, whose version and
 * metrics appear in the registry; promotion and rollback hot-swap the model; hit rates by source; signals from the
 * IoT and origin modules escalate open declarations.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({
    riskTrainingData: csvSlice(TRAIN_CSV, 2000),
    riskValidationData: csvSlice(VALID_CSV, 600),
    riskRetrainIntervalHours: 0,
  });
  await t.app.risk.ready();
}, 120_000);
afterAll(async () => t.close());

// Parsed response bodies, read freely by the assertions.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;
const call = async (user: string, method: 'GET' | 'POST' | 'PUT', url: string, payload?: object) => {
  const res = await t.app.http.inject({
    method,
    url,
    headers: await t.login(user),
    ...(payload ? { payload } : {}),
  });
  return { status: res.statusCode, body: res.json<Json>() };
};
const lodge = async (d: DeclarationSubmission = sampleDeclaration()) => {
  const res = await call('trader', 'POST', '/api/v1/declarations', d);
  expect(res.status).toBe(201);
  return res.body;
};

/** Cigarettes declared at 8 USD/kg. */
function cheapCigarettes(): DeclarationSubmission {
  const d = sampleDeclaration();
  const item = d.goodsItems[0]!;
  Object.assign(item, {
    hsCode: '240220',
    description: 'Cigarettes containing tobacco',
    netMassKg: 1000,
    grossMassKg: 1050,
    customsValue: 8000,
  });
  d.invoice.amount = Math.round(d.goodsItems.reduce((s, g) => s + g.customsValue!, 0) * 100) / 100;
  return d;
}

const PROFILE = { ...CHEAP_CIGARETTES_PROFILE, status: 'draft' };

let profileId: string;
const earlier: string[] = [];
let selected: Json;

describe('risk profiles', () => {
  it('refuses criteria that do not compile, naming the pointer, and lets only analysts write', async () => {
    const bad = await call('analyst', 'POST', '/api/v1/risk/profiles', {
      profile: { ...PROFILE, criteria: { field: 'hsCode', op: 'inList', list: 'no-such-list' } },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.errors[0]).toMatchObject({ code: 'RISK_LIST_UNKNOWN', pointer: '/criteria' });
    expect(
      (
        await call('officer', 'POST', '/api/v1/risk/lists', {
          name: 'x-list',
          list: { kind: 'hs', entries: ['01'] },
        })
      ).status,
    ).toBe(403);
  });

  it('shows in the dry run what a draft "HS 2402 under 20 USD/kg → red" would have selected', async () => {
    const list = await call('analyst', 'POST', '/api/v1/risk/lists', {
      name: 'tobacco',
      list: { kind: 'hs', description: 'Tobacco and manufactured substitutes', entries: ['2401-2403'] },
    });
    expect(list.status).toBe(201);
    for (let i = 0; i < 3; i++) earlier.push((await lodge(cheapCigarettes())).id);
    for (let i = 0; i < 5; i++) await lodge();
    const created = await call('analyst', 'POST', '/api/v1/risk/profiles', {
      profile: PROFILE,
      note: 'first draft',
    });
    expect(created.status).toBe(201);
    profileId = created.body.id;
    const dry = await call('analyst', 'POST', '/api/v1/risk/dry-run', { profileId, days: 7 });
    expect(dry.status).toBe(200);
    expect(dry.body.scanned).toBeGreaterThanOrEqual(8);
    expect(dry.body.matched).toBe(3);
    expect(dry.body.sample.map((s: Json) => s.declarationId).sort()).toEqual([...earlier].sort());
    expect(dry.body.overlap.alreadySelected + dry.body.overlap.newSelections).toBe(3);
    expect(dry.body.lists).toEqual([{ name: 'tobacco', version: 1 }]);
  });

  it('sends a matching lodged declaration to red once active, recording the hit with its profile and list versions', async () => {
    const activated = await call('analyst', 'PUT', `/api/v1/risk/profiles/${profileId}`, {
      profile: { ...PROFILE, status: 'active' },
      note: 'go live',
      baseVersion: 1,
    });
    expect(activated.body.version).toBe(2);
    expect(activated.body.versions.map((v: Json) => v.version)).toEqual([2, 1]);
    await t.app.risk.engine.refresh();
    selected = await lodge(cheapCigarettes());
    expect(selected.channel).toBe('red');
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${selected.id}`);
    expect(risk.body).toMatchObject({ channel: 'red', source: 'rule', modelVersion: 1 });
    expect(risk.body.ruleHits).toEqual([
      expect.objectContaining({
        profileId,
        version: 2,
        items: [1],
        lists: [{ name: 'tobacco', version: 1 }],
        applied: true,
      }),
    ]);
    expect(risk.body.ruleset.profiles).toContainEqual({ id: profileId, version: 2 });
    const dry = await call('analyst', 'POST', '/api/v1/risk/dry-run', { profileId, days: 7 });
    expect(dry.body.matched).toBe(4);
    expect(dry.body.overlap.byThisProfile).toBe(1);
    const stale = await call('analyst', 'PUT', `/api/v1/risk/profiles/${profileId}`, {
      profile: PROFILE,
      baseVersion: 1,
    });
    expect(stale.status).toBe(409);
  });
});

describe('explanations', () => {
  it('shows officers the score, channel, rule hits and top features, and traders none of it', async () => {
    const d = await lodge();
    expect(d.channelDecision).toBeUndefined();
    const asTrader = await call('trader', 'GET', `/api/v1/declarations/${d.id}`);
    expect(asTrader.body.channelDecision).toBeUndefined();
    expect((await call('trader', 'GET', `/api/v1/risk/declarations/${d.id}`)).status).toBe(403);
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`);
    expect(risk.status).toBe(200);
    expect(risk.body.probability).toBeGreaterThan(0);
    expect(risk.body.probability).toBeLessThan(1);
    expect(risk.body.topFeatures.length).toBeGreaterThan(0);
    expect(risk.body.topFeatures[0]).toEqual(
      expect.objectContaining({ source: expect.any(String), contribution: expect.any(Number) }),
    );
    expect(risk.body.items.length).toBe(d.itemCount);
    expect(risk.body.strategy).toBe(`risk@1;model=1;ruleset=${risk.body.ruleset.id}`);
  });
});

describe('feedback', () => {
  it('turns a seizure into a label used by the next retrain, whose version and metrics appear in the registry', async () => {
    const before = await t.app.risk.training.retrainData();
    expect(before.platformLabels?.some((l) => l.declarationId === selected.id)).toBe(false);
    expect((await call('officer', 'POST', `/api/v1/declarations/${selected.id}/arrival`, {})).status).toBe(
      200,
    );
    const seized = await call('officer', 'POST', `/api/v1/declarations/${selected.id}/control-result`, {
      outcome: 'seizure',
      findings: 'Counterfeit cigarettes behind a front row of declared goods',
      revenueAdjustment: 5200,
    });
    expect(seized.body.status).toBe('seized');
    await t.app.dispatcher.drain();
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${selected.id}`);
    expect(risk.body.label).toMatchObject({ outcome: 'seizure', fraud: true, revenue: 5200 });
    const after = await t.app.risk.training.retrainData();
    const label = after.platformLabels!.find((l) => l.declarationId === selected.id)!;
    expect(label).toMatchObject({ fraud: 1, revenue: 5200 });
    expect(label.items.every((it) => it.fraud === 1)).toBe(true);

    const job = await call('analyst', 'POST', '/api/v1/risk/models/retraining', {
      reason: 'include the seizure',
    });
    expect(job.status).toBe(202);
    let status = job.body;
    for (let i = 0; i < 240 && status.status === 'running'; i++) {
      await new Promise((r) => setTimeout(r, 250));
      status = (await call('analyst', 'GET', `/api/v1/risk/training-jobs/${job.body.id}`)).body;
    }
    expect(status).toMatchObject({ status: 'succeeded', modelId: 2 });
    const registry = await call('supervisor', 'GET', '/api/v1/risk/models');
    expect(registry.body.activeModelId).toBe(1);
    const v2 = registry.body.models.find((m: Json) => m.id === 2);
    expect(v2).toMatchObject({ origin: 'api', active: false });
    expect(v2.training.data.train).toContainEqual(
      expect.objectContaining({ source: 'platform', declarations: 1, frauds: label.items.length }),
    );
    expect(v2.training.data.labelsDigest).toMatch(/^[0-9a-f]{64}$/);
    expect(v2.metrics.bySource.shipped).toMatchObject({ rows: 600, auc: expect.any(Number) });
    expect(Object.keys(v2.metrics.bySource.shipped.budgets)).toEqual(['1', '2', '5', '10']);
  });

  it('reports the hit rate of each selection source over time', async () => {
    const rates = await call('supervisor', 'GET', '/api/v1/risk/hit-rates?interval=day');
    expect(rates.status).toBe(200);
    expect(rates.body.totals).toContainEqual(
      expect.objectContaining({ source: 'rule', controlled: 1, hits: 1, hitRate: 1, revenue: 5200 }),
    );
    expect(rates.body.series.every((s: Json) => typeof s.period === 'string')).toBe(true);
  });

  it('promotes and rolls back a version, every lodgement after it scored by the serving model', async () => {
    const promoted = await call('analyst', 'POST', '/api/v1/risk/models/2/promotion', {
      reason: 'better on the latest labels',
    });
    expect(promoted.body.activeModelId).toBe(2);
    await t.app.risk.engine.refresh();
    expect((await lodge()).id).toBeTruthy();
    const d = await lodge();
    expect((await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`)).body.modelVersion).toBe(2);
    const back = await call('analyst', 'POST', '/api/v1/risk/models/rollback', { reason: 'analyst review' });
    expect(back.body.activeModelId).toBe(1);
    expect(back.body.activations.slice(0, 3).map((a: Json) => [a.modelId, a.action])).toEqual([
      [1, 'rollback'],
      [2, 'promote'],
      [1, 'bootstrap'],
    ]);
    await t.app.risk.engine.refresh();
    const e = await lodge();
    expect((await call('officer', 'GET', `/api/v1/risk/declarations/${e.id}`)).body.modelVersion).toBe(1);
  });
});

describe('office budgets', () => {
  it('sets an office’s rates, refusing rates that do not add up or a random minimum above the control budget', async () => {
    const set = await call('analyst', 'PUT', '/api/v1/risk/office-rates/JMMBJ01', {
      rates: { green: 75, yellow: 12, red: 8, blue: 5 },
      randomMinimum: 3,
      explorationShare: 5,
      reason: 'new season',
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ office: 'JMMBJ01', randomMinimum: 3, updatedBy: 'analyst' });
    const listed = await call('supervisor', 'GET', '/api/v1/risk/office-rates');
    expect(listed.body.offices).toContainEqual(
      expect.objectContaining({ office: 'JMMBJ01', rates: { green: 75, yellow: 12, red: 8, blue: 5 } }),
    );
    const bad = await call('analyst', 'PUT', '/api/v1/risk/office-rates/JMMBJ01', {
      rates: { green: 70, yellow: 12, red: 8, blue: 5 },
      randomMinimum: 1,
      explorationShare: 5,
    });
    expect(bad.status).toBe(422);
    const tooRandom = await call('analyst', 'PUT', '/api/v1/risk/office-rates/JMMBJ01', {
      rates: { green: 97, yellow: 1, red: 1, blue: 1 },
      randomMinimum: 5,
      explorationShare: 0,
    });
    expect(tooRandom.body.code).toBe('RISK_RANDOM_ABOVE_BUDGET');
  });
});

describe('signals from other modules', () => {
  const signal = async (type: string, payload: Json) => {
    await publishEvents(t.app.database.db, [
      { type, aggregateType: 'signal', aggregateId: String(payload.declarationId), payload },
    ]);
    await t.app.dispatcher.drain();
  };
  const lodgeUntil = async (ok: (channel: string) => boolean) => {
    for (let i = 0; i < 100; i++) {
      const d = await lodge();
      if (ok(d.channel)) return d;
    }
    throw new Error('no such declaration in 100 lodgements');
  };

  it('sends a declaration to red and holds it on a critical IoT alarm, telling the trader nothing of why', async () => {
    const d = await lodgeUntil((c) => c !== 'red');
    await signal('iot.alarm-raised', { declarationId: d.id, severity: 'CRITICAL', type: 'SEAL_BREACH' });
    const after = await call('officer', 'GET', `/api/v1/declarations/${d.id}`);
    expect(after.body).toMatchObject({ channel: 'red', status: 'held' });
    expect(after.body.channelDecision).toMatchObject({ source: 'signal' });
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`);
    expect(risk.body.signals).toEqual([
      expect.objectContaining({
        kind: 'iot-alarm',
        effect: 'escalated+held',
        detail: expect.objectContaining({ type: 'SEAL_BREACH' }),
      }),
    ]);
    // The audit trail records why, as a code the console words in the reader's language.
    const trail = await call('officer', 'GET', `/api/v1/declarations/${d.id}/audit`);
    const why = { reasonCode: 'iot_alarm', reasonParams: { type: 'SEAL_BREACH', severity: 'CRITICAL' } };
    expect(trail.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ action: 'channel_escalated', data: expect.objectContaining(why) }),
        expect.objectContaining({ action: 'held', data: why, reason: 'IoT alarm SEAL_BREACH (CRITICAL)' }),
      ]),
    );
    const notes = await call('trader', 'GET', `/api/v1/declarations/${d.id}/notifications`);
    expect(JSON.stringify(notes.body)).not.toContain('SEAL_BREACH');
    expect(
      (await call('trader', 'GET', `/api/v1/declarations/${d.id}`)).body.channelDecision,
    ).toBeUndefined();
  });

  it('sends a declaration whose origin claim fails to red, and only records a minor alarm', async () => {
    const d = await lodgeUntil((c) => c === 'green');
    await signal('iot.alarm-raised', { declarationId: d.id, severity: 'MINOR', type: 'SHOCK' });
    expect((await call('officer', 'GET', `/api/v1/declarations/${d.id}`)).body.channel).toBe('green');
    await signal('origin.assessed', {
      declarationId: d.id,
      outcome: 'does_not_qualify',
      reason: 'RVC 31 % under 40 %',
    });
    const after = await call('officer', 'GET', `/api/v1/declarations/${d.id}`);
    expect(after.body).toMatchObject({ channel: 'red', status: 'channel_assigned' });
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`);
    expect(risk.body.signals.map((s: Json) => [s.kind, s.effect])).toEqual([
      ['iot-alarm', 'recorded'],
      ['origin', 'escalated'],
    ]);
  });

  it('re-assesses an amendment: a value lowered under the profile’s threshold sends it to red', async () => {
    const d = await lodgeUntil((c) => c === 'green');
    const amended = cheapCigarettes();
    amended.lrn = d.lrn;
    const res = await call('trader', 'POST', `/api/v1/declarations/${d.id}/amendment`, {
      reason: 'corrected commodity and value',
      declaration: amended,
    });
    expect(res.status).toBe(200);
    await t.app.dispatcher.drain();
    const after = await call('officer', 'GET', `/api/v1/declarations/${d.id}`);
    expect(after.body).toMatchObject({ channel: 'red', version: 2 });
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`);
    expect(risk.body.signals).toEqual([
      expect.objectContaining({
        kind: 'amendment',
        effect: 'escalated',
        detail: expect.objectContaining({
          version: 2,
          ruleHits: [expect.objectContaining({ profileId, name: PROFILE.name })],
        }),
      }),
    ]);
  });

  it('records an amendment that selects nothing without changing the channel', async () => {
    const d = await lodgeUntil((c) => c === 'yellow');
    const again = sampleDeclaration();
    again.lrn = d.lrn;
    await call('trader', 'POST', `/api/v1/declarations/${d.id}/amendment`, {
      reason: 'corrected the description',
      declaration: again,
    });
    await t.app.dispatcher.drain();
    expect((await call('officer', 'GET', `/api/v1/declarations/${d.id}`)).body.channel).toBe('yellow');
    const risk = await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`);
    expect(risk.body.signals.map((s: Json) => [s.kind, s.effect])).toEqual([['amendment', 'recorded']]);
    expect(risk.body.signals[0].detail.probability).toEqual(expect.any(Number));
  });

  it('leaves a released declaration as it is', async () => {
    const d = await lodgeUntil((c) => c === 'green');
    expect((await call('officer', 'POST', `/api/v1/declarations/${d.id}/arrival`, {})).body.status).toBe(
      'released',
    );
    await signal('iot.alarm-raised', {
      declarationId: d.id,
      severity: 'CRITICAL',
      type: 'DOOR_OPENED_OUTSIDE_ZONE',
    });
    expect((await call('officer', 'GET', `/api/v1/declarations/${d.id}`)).body).toMatchObject({
      channel: 'green',
      status: 'released',
    });
    expect((await call('officer', 'GET', `/api/v1/risk/declarations/${d.id}`)).body.signals[0].effect).toBe(
      'closed',
    );
  });
});
