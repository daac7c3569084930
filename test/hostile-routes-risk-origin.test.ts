import { beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { eventHashId } from '../src/modules/provenance/epcis/event-hash.js';
import {
  commissioning,
  partySigner,
  recorderFor,
  type PartySigner,
} from '../src/modules/provenance/test-support.js';
import { CHEAP_CIGARETTES_PROFILE } from '../src/modules/risk/test-support.js';
import {
  app,
  useHostileApp,
  notClientProblem,
  expectNoServerError,
  call,
  unique,
  type Json,
} from './helpers/hostile.js';

/** Risk, provenance and origin routes, each fed a valid body with one field pushed to an extreme: never a 5xx. */

useHostileApp();

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
    const res = await app().app.http.inject({
      method: 'POST',
      url: '/api/v1/provenance/events',
      headers: await app().login('trader'),
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
    const res = await app().app.http.inject({
      method: 'POST',
      url: '/api/v1/provenance/events',
      headers: await app().login('trader'),
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
    const record = await recorderFor(app().app.http, await app().login('trader'));
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
    const headers = { ...(await app().login('officer')), 'content-type': 'application/json' };
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
        const res = await app().app.http.inject({
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
