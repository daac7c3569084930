import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventHashId } from '../src/modules/provenance/epcis/event-hash.js';
import {
  commissioning,
  partySigner,
  recorderFor,
  type PartySigner,
} from '../src/modules/provenance/test-support.js';
import { CHEAP_CIGARETTES_PROFILE } from '../src/modules/risk/test-support.js';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The write routes other than lodging, each fed a valid body with one field pushed to an extreme (huge and tiny
 * numbers, empty and 5 000-character strings, dates at the ends of what JavaScript and the database hold, arrays
 * of 10 000 elements), and the same create sent twice at once. A client's mistake is a 4xx problem+JSON with a
 * stable code, never a 5xx.
 */
let t: TestApp;
let serial = 0;
const unique = () => `${(++serial).toString(36)}${Date.now().toString(36)}`;

beforeAll(async () => {
  t = await startTestApp();
  // Every declaration the trader lodges here goes to red, so that controls can be recorded on it.
  const analyst = await t.login('analyst');
  await t.app.http.inject({
    method: 'POST',
    url: '/api/v1/risk/profiles',
    headers: analyst,
    payload: {
      profile: {
        name: 'Everything from the test broker',
        status: 'active',
        criteria: { field: 'declarant', op: 'eq', value: 'JM-BRK-0001' },
        action: { channel: 'red' },
        reason: 'hostile-input tests need controls',
      },
    },
  });
  await t.app.risk.engine.refresh();
}, 60_000);
afterAll(async () => t.close());

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Path = (string | number)[];

/** Every leaf of a JSON document with its path, and every array (which is pushed to 10 000 elements). */
function leaves(doc: Json, path: Path = []): { path: Path; value: Json }[] {
  if (Array.isArray(doc)) return [{ path, value: doc }, ...doc.flatMap((v, i) => leaves(v, [...path, i]))];
  if (doc !== null && typeof doc === 'object')
    return Object.entries(doc).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value: doc }];
}

function withLeaf(doc: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(doc);
  let at = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  at[path.at(-1)!] = value;
  return copy;
}

const EXTREME_NUMBERS: Json[] = [1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -0.000001, 0, 123456789.123456789];
const EXTREME_STRINGS: Json[] = [
  '',
  ' ',
  'x'.repeat(5000),
  /** Incompressible: what a btree index cannot hold. */
  randomBytes(3000).toString('hex'),
  '9999-12-31T23:59:59-14:00',
  '0001-01-01',
  '0001-01-01T00:00:00+14:00',
  '+275760-09-13T00:00:00Z',
  '275760-09-13T00:00:00Z',
];

/** Valid ISO 8601 instants with an offset that fall in year 10000 and in year 0 UTC, beyond what PostgreSQL takes. */
const OUTSIDE_STORE: string[] = ['9999-12-31T23:59:59-14:00', '0001-01-01T00:00:00+14:00'];

function extremesOf(value: Json): Json[] {
  if (typeof value === 'number') return EXTREME_NUMBERS;
  if (typeof value === 'string') return EXTREME_STRINGS;
  if (Array.isArray(value) && value.length > 0) return [Array.from({ length: 10_000 }, () => value[0]!)];
  return [];
}

interface Reply {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Why a reply is not a client problem or a success, or null when it is. */
function notClientProblem(res: Reply): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  if (!String(res.headers['content-type']).includes('application/problem+json'))
    return `${res.statusCode} not problem+json`;
  const problem = JSON.parse(res.body) as { code?: unknown; status?: unknown };
  if (problem.status !== res.statusCode) return `${res.statusCode} problem status ${String(problem.status)}`;
  if (typeof problem.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(problem.code))
    return `${res.statusCode} no stable code`;
  return null;
}

interface Target {
  method?: 'POST' | 'PUT';
  /** The route, or a fresh resource's route after each case that changed it (so the next case is not hidden). */
  url: string | (() => Promise<string>);
  user: string;
  body: Json;
  /** Makes a mutated body valid again where it must be (a fresh unique name, a new signature). */
  finish?: (doc: Json, path: Path) => Json;
  /** Leaves not pushed (e.g. a signature, which `finish` recomputes). */
  skip?: (path: Path) => boolean;
}

/** Sends the valid body with each leaf at each extreme; returns what was answered with other than a 2xx or 4xx problem. */
async function pushToExtremes(target: Target): Promise<{ sent: number; failures: string[] }> {
  const headers = { ...(await t.login(target.user)), 'content-type': 'application/json' };
  const failures: string[] = [];
  let sent = 0;
  let url: string | undefined;
  let changed = false;
  for (const leaf of leaves(target.body)) {
    if (target.skip?.(leaf.path)) continue;
    for (const extreme of extremesOf(leaf.value)) {
      // A fresh resource only when the last case changed the one in hand (a refusal leaves it as it was).
      if (url === undefined || changed)
        url = typeof target.url === 'string' ? target.url : await target.url();
      let doc = withLeaf(target.body, leaf.path, extreme);
      if (target.finish) doc = target.finish(doc, leaf.path);
      const res = await t.app.http.inject({
        method: target.method ?? 'POST',
        url,
        headers,
        payload: JSON.stringify(doc),
      });
      changed = res.statusCode < 400 || res.statusCode >= 500;
      sent++;
      const why = notClientProblem(res);
      if (why) failures.push(`/${leaf.path.join('/')} = ${JSON.stringify(extreme).slice(0, 40)} → ${why}`);
    }
  }
  return { sent, failures };
}

async function expectNoServerError(target: Target) {
  const { sent, failures } = await pushToExtremes(target);
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThan(0);
}

/** Sends the same create twice at once: one is done, the other is done too or refused as a conflict. */
async function sendTwiceAtOnce(user: string, url: string, body: Json) {
  const headers = { ...(await t.login(user)), 'content-type': 'application/json' };
  const replies = await Promise.all(
    [0, 1].map(() => t.app.http.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) })),
  );
  for (const res of replies) expect(notClientProblem(res), res.body).toBeNull();
  expect(replies.some((r) => r.statusCode < 300)).toBe(true);
  return replies;
}

async function call<T = Record<string, string>>(
  user: string,
  method: 'POST' | 'PUT',
  url: string,
  body: Json,
): Promise<T> {
  const res = await t.app.http.inject({ method, url, headers: await t.login(user), payload: body as object });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** A freshly lodged (red) declaration of the test broker, with its container numbers. */
async function lodge(): Promise<{ id: string; containers: string[] }> {
  const body = await call<{ id: string; containers?: (string | { number: string })[] }>(
    'trader',
    'POST',
    '/api/v1/declarations',
    sampleDeclaration(),
  );
  return {
    id: body.id,
    containers: (body.containers ?? []).map((c) => (typeof c === 'string' ? c : c.number)),
  };
}

async function arrived(): Promise<string> {
  const { id } = await lodge();
  await call('officer', 'POST', `/api/v1/declarations/${id}/arrival`, {});
  return id;
}

describe('declaration actions with one field pushed to an extreme', { timeout: 180_000 }, () => {
  const action = (path: string, user: string, body: Json, fresh: () => Promise<string> = arrived) =>
    expectNoServerError({
      user,
      body,
      url: async () => `/api/v1/declarations/${await fresh()}/${path}`,
    });

  it('arrival', () =>
    expectNoServerError({
      user: 'officer',
      url: async () => `/api/v1/declarations/${(await lodge()).id}/arrival`,
      body: { arrivedAt: '2026-01-05T10:00:00Z', location: 'JMKIN' },
    }));
  it('arrivals by container', async () => {
    let containers: string[] = [];
    await expectNoServerError({
      user: 'officer',
      url: async () => {
        containers = (await lodge()).containers;
        return '/api/v1/arrivals';
      },
      body: { containers: ['MSCU1234565'], arrivedAt: '2026-01-05T10:00:00Z', location: 'JMKIN' },
      finish: (doc, path) => {
        if (path[0] !== 'containers') (doc as { containers: string[] }).containers = containers;
        return doc;
      },
    });
  });
  it('documents request', () =>
    action('documents-request', 'officer', {
      documents: ['Certificate of origin'],
      reason: 'Origin to be proven',
    }));
  it('documents answer', () =>
    action(
      'documents',
      'trader',
      {
        documents: [
          {
            kind: 'certificate_of_origin',
            reference: 'COO-1',
            agreement: 'USMCA',
            issuedOn: '2026-01-02',
            issuer: 'Chamber',
          },
        ],
      },
      async () => {
        const id = await arrived();
        await call('officer', 'POST', `/api/v1/declarations/${id}/documents-request`, {
          documents: ['Certificate of origin'],
          reason: 'Origin to be proven',
        });
        return id;
      },
    ));
  it('control result', () =>
    action('control-result', 'officer', {
      outcome: 'discrepancy',
      findings: 'Net mass 15 % above the declared mass',
      corrections: [{ itemSequence: 1, field: 'netMassKg', correctedValue: 1000 }],
      revenueAdjustment: 120.5,
    }));
  it('hold, seize, invalidation and release', async () => {
    for (const path of ['hold', 'seize', 'invalidation'])
      await action(path, 'officer', { reason: 'Goods to be examined' });
  });
  it('amendment', async () => {
    const d = sampleDeclaration() as unknown as Json;
    await expectNoServerError({
      user: 'trader',
      url: async () => {
        const { id } = await lodge();
        return `/api/v1/declarations/${id}/amendment`;
      },
      body: { reason: 'Wrong incoterm', declaration: d },
      finish: (doc) => {
        const o = doc as { declaration: { lrn?: Json } };
        if (o.declaration && typeof o.declaration === 'object') o.declaration.lrn = `HA-${unique()}`;
        return doc;
      },
      skip: (p) => p[0] === 'declaration' && p.length > 1 && typeof p[1] === 'string' && p[1] === 'items',
    });
  });
});

describe('IoT with one field pushed to an extreme', { timeout: 180_000 }, () => {
  it('device registration', () =>
    expectNoServerError({
      user: 'trader',
      url: '/api/v1/iot/devices',
      body: { deviceId: 'HX-DEV', kind: 'TRACKER', label: 'Tracker', ownerTin: 'JM-BRK-0001' },
      finish: (doc, path) => {
        if (path[0] !== 'deviceId') (doc as { deviceId: string }).deviceId = `HX-${unique()}`;
        return doc;
      },
    }));

  it('device revocation', () =>
    expectNoServerError({
      user: 'trader',
      url: async () => {
        const id = `HX-R-${unique()}`;
        await call('trader', 'POST', '/api/v1/iot/devices', { deviceId: id, kind: 'TRACKER' });
        return `/api/v1/iot/devices/${id}/revoke`;
      },
      body: { reason: 'tracker reported stolen' },
    }));

  it('shipment binding', async () => {
    const body = async () => {
      const { id, containers } = await lodge();
      const deviceId = `HX-S-${unique()}`;
      await call('trader', 'POST', '/api/v1/iot/devices', { deviceId, kind: 'REEFER_CONTROLLER' });
      return { id, container: containers[0]!, deviceId };
    };
    const base = await body();
    // The fields that name what must exist (declaration, container, device) are pushed on this one binding;
    // the plan's fields each get a fresh declaration and device so that "already bound" does not hide them.
    let current = base;
    await expectNoServerError({
      user: 'trader',
      url: async () => {
        current = await body();
        return '/api/v1/iot/shipments';
      },
      body: {
        declarationId: base.id,
        containerNumber: base.container,
        shipmentId: 'HX-SHP',
        devices: [{ deviceId: base.deviceId, reportingIntervalS: 60 }],
        origin: 'PAONX',
        destination: 'HNPCR',
        corridor: {
          path: [
            [-79.9, 9.35],
            [-87.95, 15.85],
          ],
          toleranceM: 50_000,
        },
        authorisedZones: [
          {
            zoneId: 'Z1',
            kind: 'PORT',
            name: 'Colón',
            polygon: [
              [
                [-80, 9.3],
                [-79.8, 9.3],
                [-79.8, 9.4],
                [-80, 9.3],
              ],
            ],
          },
        ],
        temperatureProfile: { profileId: 'PHARMA_2_8', overrides: { band: { minC: 2, maxC: 8 } } },
      },
      finish: (doc, path) => {
        const o = doc as Record<string, Json> & { devices: { deviceId: Json }[] };
        if (path[0] !== 'declarationId') o.declarationId = current.id;
        if (path[0] !== 'containerNumber') o.containerNumber = current.container;
        if (path[0] !== 'shipmentId') o.shipmentId = `HX-SHP-${unique()}`;
        if (Array.isArray(o.devices) && !(path[0] === 'devices' && path[2] === 'deviceId'))
          for (const d of o.devices) if (d && typeof d === 'object') d.deviceId = current.deviceId;
        return doc;
      },
    });
  });

  it('shipment close and alarm acknowledge, comment and clear', async () => {
    const { id, containers } = await lodge();
    const deviceId = `HX-A-${unique()}`;
    await call('trader', 'POST', '/api/v1/iot/devices', { deviceId, kind: 'REEFER_CONTROLLER' });
    const shipment = await call('trader', 'POST', '/api/v1/iot/shipments', {
      declarationId: id,
      containerNumber: containers[0]!,
      devices: [{ deviceId, reportingIntervalS: 1 }],
      origin: 'PAONX',
      destination: 'HNPCR',
      temperatureProfile: { profileId: 'PHARMA_2_8' },
    });
    await t.app.iot.ingestion.tick(Date.now() + 3_600_000);
    const officer = await t.login('officer');
    const alarms = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/iot/alarms?declarationId=${id}`,
        headers: officer,
      })
    ).json<{ items: { alarmId: string }[] }>().items;
    expect(alarms.length).toBeGreaterThan(0);
    const alarmId = alarms[0]!.alarmId;
    await expectNoServerError({
      user: 'officer',
      url: `/api/v1/iot/alarms/${alarmId}/comments`,
      body: { text: 'Seal inspected' },
    });
    await expectNoServerError({
      user: 'officer',
      url: `/api/v1/iot/alarms/${alarmId}/clear`,
      body: { reason: 'seal replaced under customs supervision' },
    });
    await expectNoServerError({
      user: 'trader',
      url: `/api/v1/iot/shipments/${shipment.shipmentId!}/close`,
      body: { reason: 'arrived and unloaded' },
    });
  });
});

describe('risk with one field pushed to an extreme', { timeout: 180_000 }, () => {
  it('lists', () =>
    expectNoServerError({
      user: 'analyst',
      url: '/api/v1/risk/lists',
      body: {
        name: 'hx-list',
        list: {
          kind: 'reference-values',
          description: 'Usual values',
          entries: [{ hs: '2402', valuePerKg: 30 }],
        },
        note: 'first',
      },
      finish: (doc, path) => {
        if (path[0] !== 'name') (doc as { name: string }).name = `hx-${unique()}`;
        return doc;
      },
    }));

  it('list update', async () => {
    const name = `hx-${unique()}`;
    await call('analyst', 'POST', '/api/v1/risk/lists', { name, list: { kind: 'hs', entries: ['01'] } });
    await expectNoServerError({
      method: 'PUT',
      user: 'analyst',
      url: `/api/v1/risk/lists/${name}`,
      body: { list: { kind: 'countries', description: 'x', entries: ['CN'] }, note: 'second' },
    });
    await expectNoServerError({
      method: 'PUT',
      user: 'analyst',
      url: `/api/v1/risk/lists/${name}`,
      body: { list: { kind: 'hs', entries: ['2401-2403'] }, baseVersion: 1 },
    });
  });

  const profile: Json = {
    name: 'Cheap cigarettes',
    status: 'draft',
    offices: ['JMKIN01'],
    criteria: {
      all: [
        { field: 'unitValuePerKg', op: 'lt', value: 20 },
        { field: 'totalValue', op: 'between', value: [1, 1000] },
        { field: 'originCountry', op: 'in', value: ['CN', 'VN'] },
        { field: 'hsCode', op: 'prefix', value: '2402' },
      ],
    },
    action: { channel: 'red', percent: 50 },
    validFrom: '2026-01-01',
    validTo: '2026-12-31',
    reason: CHEAP_CIGARETTES_PROFILE.reason,
  };

  it('profiles', () =>
    expectNoServerError({
      user: 'analyst',
      url: '/api/v1/risk/profiles',
      body: { profile, note: 'first draft' },
    }));

  it('profile update', async () => {
    const created = await call('analyst', 'POST', '/api/v1/risk/profiles', { profile });
    await expectNoServerError({
      method: 'PUT',
      user: 'analyst',
      url: `/api/v1/risk/profiles/${created.id!}`,
      body: { profile: { ...(profile as object), action: { scoreWeight: 10 } }, note: 'weight' },
    });
  });

  it('dry run', () =>
    expectNoServerError({
      user: 'analyst',
      url: '/api/v1/risk/dry-run',
      body: { profile, days: 7, office: 'JMKIN01', sampleSize: 5 },
    }));

  it('office rates', () =>
    expectNoServerError({
      method: 'PUT',
      user: 'analyst',
      url: '/api/v1/risk/office-rates/JMKIN01',
      body: {
        rates: { green: 75, yellow: 12, red: 8, blue: 5 },
        randomMinimum: 3,
        explorationShare: 5,
        reason: 'new season',
      },
    }));

  it('model promotion', () =>
    expectNoServerError({
      user: 'analyst',
      url: '/api/v1/risk/models/1/promotion',
      body: { reason: 'back to the first' },
    }));
});

describe('provenance and origin with one field pushed to an extreme', { timeout: 180_000 }, () => {
  let signer: PartySigner;
  let keyId: string;
  beforeAll(async () => {
    signer = partySigner();
    keyId = (await call('trader', 'POST', '/api/v1/provenance/keys', { publicKey: signer.publicKey })).keyId!;
  });

  const event = (): Json => ({
    type: 'ObjectEvent',
    eventTime: '2026-01-06T09:00:00Z',
    eventTimeZoneOffset: '-05:00',
    action: 'ADD',
    epcList: ['https://id.gs1.org/01/09506000134352/21/1'],
    bizStep: 'commissioning',
    readPoint: { id: 'https://id.gs1.org/414/9506000134352' },
    ilmd: {
      'cbvmda:countryOfOrigin': 'JM',
      'aduana:hsCode': '520100',
      'aduana:valueMinor': 120,
      'aduana:netWeightKg': 1.5,
    },
  });
  const signed = (doc: Json) => {
    const o = doc as { event: Json; signature: string; keyId: string };
    if (o.event && typeof o.event === 'object' && !Array.isArray(o.event)) {
      // Each case its own event (a repeated event is "already recorded").
      (o.event as Record<string, Json>).aduana_case = unique();
      try {
        o.signature = signer.sign(eventHashId(o.event));
      } catch {
        // An event the hash cannot be computed for is sent with the signature it has.
      }
    }
    return doc;
  };

  it('signed events', () =>
    expectNoServerError({
      user: 'trader',
      url: '/api/v1/provenance/events',
      body: { event: event(), signature: 'AA==', keyId: '0000000000000000' },
      finish: (doc, path) => {
        if (path[0] !== 'keyId') (doc as { keyId: string }).keyId = keyId;
        return path[0] === 'signature' ? doc : signed(doc);
      },
    }));

  it('an event whose identifiers are longer than an index entry holds', async () => {
    const e = event() as Record<string, Json>;
    e.epcList = [`https://id.gs1.org/01/09506000134352/21/${randomBytes(3000).toString('hex')}`];
    const doc = signed({ event: e, signature: '', keyId });
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/provenance/events',
      headers: await t.login('trader'),
      payload: doc as object,
    });
    expect(res.statusCode, res.body).toBe(422);
    expect(res.json()).toMatchObject({
      code: 'VALIDATION_FAILED',
      errors: [{ code: 'FIELD_TOO_BIG', pointer: '/event/epcList/0' }],
    });
  });

  it('an event naming 30 000 identifiers, more than one SQL statement carries', async () => {
    const e = event() as Record<string, Json>;
    e.action = 'OBSERVE';
    e.epcList = Array.from({ length: 30_000 }, (_, i) => `urn:epc:id:sgtin:0614141.107346.${i}`);
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/provenance/events',
      headers: await t.login('trader'),
      payload: signed({ event: e, signature: '', keyId }) as object,
    });
    expect(res.statusCode, res.body).toBe(201);
  });

  it('origin assessment from a bill of materials', () =>
    expectNoServerError({
      user: 'officer',
      url: '/api/v1/origin/assess',
      body: {
        agreement: 'CAFTA-DR',
        claimedCountry: 'GT',
        product: {
          description: 'T-shirt',
          hs: '610910',
          producedIn: 'GT',
          transactionValueMinor: 500,
          adjustedValueMinor: 500,
          weightKg: 0.2,
          processes: ['cut_or_knit_to_shape_and_sewn_or_otherwise_assembled'],
        },
        materials: [
          {
            description: 'Fabric',
            hs: '600622',
            originCountry: 'US',
            valueMinor: 260,
            weightKg: 0.18,
            originating: 'yes',
            evidence: [{ kind: 'supplier_declaration', reference: 'SD-1' }],
          },
        ],
        itemSequence: 1,
      },
    }));

  it('origin assessment from a trace with the product overridden', async () => {
    const garment = `https://id.gs1.org/01/09506000000028/10/HX${unique()}`;
    const record = await recorderFor(t.app.http, await t.login('trader'));
    await record(
      commissioning(garment, {
        country: 'GT',
        hs: '6109.10',
        description: 'T-shirt',
        valueMinor: 500,
        kg: 0.2,
      }),
    );
    await expectNoServerError({
      user: 'officer',
      url: '/api/v1/origin/assess',
      body: {
        agreement: 'CAFTA-DR',
        productIdentifier: garment,
        product: {
          hs: '610910',
          producedIn: 'GT',
          transactionValueMinor: 500,
          adjustedValueMinor: 500,
          weightKg: 0.2,
          processes: ['cut_or_knit_to_shape_and_sewn_or_otherwise_assembled'],
        },
      },
    });
    const headers = { ...(await t.login('officer')), 'content-type': 'application/json' };
    const failures: string[] = [];
    for (const odd of [null, true, 12, 'x', [], {}, [1, 2], { a: 1 }])
      for (const field of [
        'hs',
        'producedIn',
        'transactionValueMinor',
        'adjustedValueMinor',
        'weightKg',
        'processes',
        'whollyObtained',
        'description',
      ] as const) {
        const res = await t.app.http.inject({
          method: 'POST',
          url: '/api/v1/origin/assess',
          headers,
          payload: JSON.stringify({
            agreement: 'CAFTA-DR',
            productIdentifier: garment,
            product: { [field]: odd },
          }),
        });
        const why = notClientProblem(res);
        if (why) failures.push(`/product/${field} = ${JSON.stringify(odd)} → ${why}`);
      }
    expect(failures).toEqual([]);
  });
});

describe(
  'documents, ledger witness and administration with one field pushed to an extreme',
  { timeout: 180_000 },
  () => {
    it('document issue', () =>
      expectNoServerError({
        user: 'officer',
        url: '/api/v1/documents',
        body: {
          documents: [
            {
              kind: 'certificate_of_origin',
              reference: 'CO-HX-1',
              holderTin: 'JM-BRK-0001',
              data: {
                agreement: 'CAFTA-DR',
                goods: [{ hsCode: '6109.10', quantity: 10 }],
                issuedOn: '2026-01-02',
              },
            },
          ],
        },
      }));

    it('document revocation', () =>
      expectNoServerError({
        user: 'supervisor',
        url: async () => {
          const issued = await call<{ documents: { id: string }[] }>('officer', 'POST', '/api/v1/documents', {
            documents: [{ kind: 'invoice', reference: `INV-${unique()}`, data: { total: 1 } }],
          });
          return `/api/v1/documents/${issued.documents[0]!.id}/revoke`;
        },
        body: { reason: 'withdrawn by the issuing office' },
      }));

    it('document verification', async () => {
      const issued = await call<{ documents: { document: Json }[] }>('officer', 'POST', '/api/v1/documents', {
        documents: [{ kind: 'invoice', reference: `INV-${unique()}`, data: { total: 1, lines: ['a'] } }],
      });
      await expectNoServerError({
        user: 'officer',
        url: '/api/v1/documents/verify',
        body: { document: issued.documents[0]!.document },
      });
    });

    it('witness add-checkpoint', async () => {
      const key = await t.app.auth.createApiKey('hx-partner', ['partner_administration'], null);
      const headers = { 'x-api-key': key.key, 'content-type': 'application/json' };
      const body: Json = {
        oldSize: 2,
        consistencyProof: [Buffer.alloc(32).toString('base64')],
        checkpoint: 'jm.aduana.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— jm AAAA\n',
      };
      const failures: string[] = [];
      for (const leaf of leaves(body))
        for (const extreme of extremesOf(leaf.value)) {
          const res = await t.app.http.inject({
            method: 'POST',
            url: '/api/v1/ledger/witness/add-checkpoint',
            headers,
            payload: JSON.stringify(withLeaf(body, leaf.path, extreme)),
          });
          const why = notClientProblem(res);
          if (why)
            failures.push(`/${leaf.path.join('/')} = ${JSON.stringify(extreme).slice(0, 40)} → ${why}`);
        }
      expect(failures).toEqual([]);
    });

    it('users, parties and api keys', async () => {
      await expectNoServerError({
        user: 'admin',
        url: '/api/v1/users',
        body: {
          username: 'hx.user',
          displayName: 'Hostile',
          password: 'long-enough-1',
          roles: ['officer'],
          partyTin: 'JM-BRK-0001',
          office: 'JMKIN01',
          locale: 'es',
        },
        finish: (doc, path) => {
          if (path[0] !== 'username') (doc as { username: string }).username = `hx.${unique()}`;
          return doc;
        },
      });
      await expectNoServerError({
        method: 'PUT',
        user: 'admin',
        url: '/api/v1/parties/HX-PARTY-1',
        body: { name: 'Hostile Party Ltd', country: 'JM', aeo: true },
      });
      await expectNoServerError({
        user: 'admin',
        url: '/api/v1/api-keys',
        body: { name: 'hx-key', roles: ['monitoring'], partyTin: 'JM-BRK-0001' },
      });
    });
  },
);

describe('query strings with instants at the ends of the range', { timeout: 180_000 }, () => {
  it('answers every reading route with a 4xx problem or an answer, never a 5xx', async () => {
    const { id, containers } = await lodge();
    const routes = (t.app.routes as { method: string; url: string; access?: unknown }[]).filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/v1') && r.access !== 'public',
    );
    const urlOf = (url: string) =>
      url.replace(/:containerNumber|:container/g, containers[0]!).replace(/:[a-zA-Z]+/g, id);
    const headers = await t.login('supervisor');
    const failures: string[] = [];
    const instants = [
      ...OUTSIDE_STORE,
      '0001-01-01T00:00:00Z',
      '0001-01-01',
      '9999-12-31',
      '+275760-09-13T00:00:00Z',
    ];
    for (const r of routes)
      for (const at of instants)
        for (const q of [`from=${encodeURIComponent(at)}`, `to=${encodeURIComponent(at)}`]) {
          const res = await t.app.http.inject({ method: 'GET', url: `${urlOf(r.url)}?${q}`, headers });
          const why = notClientProblem(res);
          if (why) failures.push(`GET ${r.url}?${q} → ${why}`);
        }
    expect(failures).toEqual([]);
    expect(routes.length).toBeGreaterThan(20);
  });
});

describe('free-form fields nested deeper than any document needs', { timeout: 180_000 }, () => {
  const deep = (depth: number): string => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const deepArray = (depth: number): string => '['.repeat(depth) + ']'.repeat(depth);

  it('answers each with a 4xx problem or an answer, never a 5xx', async () => {
    const signer = partySigner();
    const keyId = (await call('trader', 'POST', '/api/v1/provenance/keys', { publicKey: signer.publicKey }))
      .keyId!;
    const { id, containers } = await lodge();
    const deviceId = `HX-D-${unique()}`;
    await call('trader', 'POST', '/api/v1/iot/devices', { deviceId, kind: 'REEFER_CONTROLLER' });
    const failures: string[] = [];
    for (const depth of [1000, 5000, 20_000])
      for (const nested of [deep(depth), deepArray(depth)]) {
        const cases: [string, string, string][] = [
          [
            'officer',
            '/api/v1/documents',
            `{"documents":[{"kind":"invoice","reference":"INV-D-${unique()}","data":{"x":${nested}}}]}`,
          ],
          [
            'officer',
            '/api/v1/documents/verify',
            `{"document":{"version":"https://schema.openattestation.com/2.0/schema.json","data":{"x":${nested}}}}`,
          ],
          [
            'officer',
            '/api/v1/origin/assess',
            `{"agreement":"CAFTA-DR","product":{"hs":"610910","x":${nested}},"materials":[{"x":${nested}}]}`,
          ],
          [
            'trader',
            '/api/v1/iot/shipments',
            `{"declarationId":"${id}","containerNumber":"${containers[0]!}","devices":[{"deviceId":"${deviceId}","reportingIntervalS":60}],"origin":"PAONX","destination":"HNPCR","temperatureProfile":{"profileId":"AMBIENT","overrides":{"band":${nested}}}}`,
          ],
          [
            'analyst',
            '/api/v1/risk/dry-run',
            `{"profile":{"name":"Deep","criteria":${'{"not":'.repeat(depth)}{"field":"office","op":"eq","value":"JMKIN01"}${'}'.repeat(depth)},"action":{"channel":"red"},"reason":"deep criteria"},"days":1}`,
          ],
          [
            'trader',
            '/api/v1/provenance/events',
            `{"event":{"type":"ObjectEvent","eventTime":"2026-01-06T09:00:00Z","eventTimeZoneOffset":"-05:00","ilmd":{"x":${nested}}},"keyId":"${keyId}","signature":"AA=="}`,
          ],
        ];
        for (const [user, url, payload] of cases) {
          const res = await t.app.http.inject({
            method: 'POST',
            url,
            headers: { ...(await t.login(user)), 'content-type': 'application/json' },
            payload,
          });
          const why = notClientProblem(res);
          if (why) failures.push(`${url} nested ${depth} ${nested[0]!} → ${why}`);
        }
      }
    expect(failures).toEqual([]);
  });
});

describe('the same create sent twice at once', { timeout: 180_000 }, () => {
  it('registers a device once', async () => {
    const deviceId = `HX-TWICE-${unique()}`;
    const replies = await sendTwiceAtOnce('trader', '/api/v1/iot/devices', { deviceId, kind: 'TRACKER' });
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('creates a risk list once', async () => {
    const replies = await sendTwiceAtOnce('analyst', '/api/v1/risk/lists', {
      name: `hx-twice-${unique()}`,
      list: { kind: 'hs', entries: ['01'] },
    });
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('binds a container once', async () => {
    const { id, containers } = await lodge();
    const devices = [];
    for (const n of [1, 2]) {
      const deviceId = `HX-TW-${n}-${unique()}`;
      await call('trader', 'POST', '/api/v1/iot/devices', { deviceId, kind: 'TRACKER' });
      devices.push(deviceId);
    }
    const headers = { ...(await t.login('trader')), 'content-type': 'application/json' };
    const replies = await Promise.all(
      devices.map((deviceId) =>
        t.app.http.inject({
          method: 'POST',
          url: '/api/v1/iot/shipments',
          headers,
          payload: {
            declarationId: id,
            containerNumber: containers[0]!,
            devices: [{ deviceId, reportingIntervalS: 60 }],
            origin: 'PAONX',
            destination: 'HNPCR',
            temperatureProfile: { profileId: 'AMBIENT' },
          },
        }),
      ),
    );
    for (const res of replies) expect(notClientProblem(res), res.body).toBeNull();
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('records a provenance key and a signed event once', async () => {
    const signer = partySigner();
    const keys = await sendTwiceAtOnce('trader', '/api/v1/provenance/keys', { publicKey: signer.publicKey });
    const keyId = keys.find((r) => r.statusCode < 300)!.json<{ keyId: string }>().keyId;
    const e: Json = {
      type: 'ObjectEvent',
      eventTime: '2026-01-06T09:00:00Z',
      eventTimeZoneOffset: '-05:00',
      action: 'OBSERVE',
      epcList: [`https://id.gs1.org/01/09506000134352/21/${unique()}`],
    };
    const replies = await sendTwiceAtOnce('trader', '/api/v1/provenance/events', {
      event: e,
      keyId,
      signature: signer.sign(eventHashId(e)),
    });
    expect(replies.filter((r) => r.statusCode === 201)).toHaveLength(1);
  });

  it('puts a party twice', async () => {
    const tin = `HX-${unique().toUpperCase()}`.slice(0, 20);
    const headers = { ...(await t.login('admin')), 'content-type': 'application/json' };
    const replies = await Promise.all(
      [0, 1].map(() =>
        t.app.http.inject({
          method: 'PUT',
          url: `/api/v1/parties/${tin}`,
          headers,
          payload: { name: 'Twice Ltd', country: 'JM' },
        }),
      ),
    );
    for (const res of replies) expect(notClientProblem(res), res.body).toBeNull();
  });

  it('reports one arrival twice at once', async () => {
    const { id } = await lodge();
    const replies = await Promise.all(
      [0, 1].map(async () =>
        t.app.http.inject({
          method: 'POST',
          url: `/api/v1/declarations/${id}/arrival`,
          headers: await t.login('officer'),
          payload: {},
        }),
      ),
    );
    for (const res of replies) expect(notClientProblem(res), res.body).toBeNull();
  });
});

/** Arrivals, the declaration list and user administration at the edges (each was a 500 once). */
describe('declarations and user administration at the edges', { timeout: 180_000 }, () => {
  it('refuses an arrival at an instant in year 10000 or year 0 UTC at its field (PGlite cannot store it)', async () => {
    const headers = await t.login('officer');
    for (const arrivedAt of OUTSIDE_STORE) {
      const { id, containers } = await lodge();
      const one = await t.app.http.inject({
        method: 'POST',
        url: `/api/v1/declarations/${id}/arrival`,
        headers,
        payload: { arrivedAt },
      });
      expect(notClientProblem(one), one.body).toBeNull();
      expect(one.json()).toMatchObject({
        status: 422,
        errors: [{ code: 'FIELD_INVALID_VALUE', pointer: '/arrivedAt' }],
      });
      const many = await t.app.http.inject({
        method: 'POST',
        url: '/api/v1/arrivals',
        headers,
        payload: { containers, arrivedAt },
      });
      expect(notClientProblem(many), many.body).toBeNull();
      expect(many.statusCode).toBe(422);
    }
  });

  it('refuses a declaration list from/to in year 10000 or year 0 UTC at its parameter', async () => {
    const headers = await t.login('officer');
    for (const at of OUTSIDE_STORE)
      for (const q of ['from', 'to']) {
        const res = await t.app.http.inject({
          method: 'GET',
          url: `/api/v1/declarations?${q}=${encodeURIComponent(at)}`,
          headers,
        });
        expect(notClientProblem(res), res.body).toBeNull();
        expect(res.json()).toMatchObject({ status: 400, errors: [{ pointer: `/querystring/${q}` }] });
      }
  });

  it('refuses a user of a party that does not exist at /partyTin', async () => {
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: await t.login('admin'),
      payload: {
        username: `hx.${unique()}`,
        password: 'long-enough-1',
        roles: ['trader'],
        partyTin: 'NO-SUCH-PARTY',
      },
    });
    expect(notClientProblem(res), res.body).toBeNull();
    expect(res.json()).toMatchObject({
      status: 422,
      errors: [{ code: 'PARTY_UNKNOWN', pointer: '/partyTin', params: { tin: 'NO-SUCH-PARTY' } }],
    });
  });

  it('refuses an API key of a party that does not exist at /partyTin', async () => {
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: await t.login('admin'),
      payload: { name: 'hx-orphan', roles: ['monitoring'], partyTin: 'NO-SUCH-PARTY' },
    });
    expect(notClientProblem(res), res.body).toBeNull();
    expect(res.json()).toMatchObject({
      status: 422,
      errors: [{ code: 'PARTY_UNKNOWN', pointer: '/partyTin' }],
    });
  });

  it('makes the same user created twice at once once, and refuses the other USER_EXISTS', async () => {
    const replies = await sendTwiceAtOnce('admin', '/api/v1/users', {
      username: `hx.twice.${unique()}`,
      password: 'long-enough-1',
      roles: ['officer'],
    });
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
  });
});
