import { describe, expect, it } from 'vitest';
import { eventHashId } from '../src/modules/provenance/epcis/event-hash.js';
import { partySigner } from '../src/modules/provenance/test-support.js';
import {
  app,
  useHostileApp,
  OUTSIDE_STORE,
  notClientProblem,
  expectNoServerError,
  sendTwiceAtOnce,
  call,
  lodge,
  unique,
  leaves,
  withLeaf,
  extremesOf,
  type Json,
} from './helpers/hostile.js';

/**
 * Documents, the ledger's witnesses and administration with fields pushed to extremes; every reading route given
 * instants at the ends of the range; free-form fields nested deep; creates sent twice at once; and arrivals, the
 * declaration list and user administration at the edges. Never a 5xx.
 */

useHostileApp();

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
      const key = await app().app.auth.createApiKey('hx-partner', ['partner_administration'], null);
      const headers = { 'x-api-key': key.key, 'content-type': 'application/json' };
      const body: Json = {
        oldSize: 2,
        consistencyProof: [Buffer.alloc(32).toString('base64')],
        checkpoint: 'jm.aduana.example/log\n3\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n\n— jm AAAA\n',
      };
      const failures: string[] = [];
      for (const leaf of leaves(body))
        for (const extreme of extremesOf(leaf.value)) {
          const res = await app().app.http.inject({
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
    const routes = (app().app.routes as { method: string; url: string; access?: unknown }[]).filter(
      (r) => r.method === 'GET' && r.url.startsWith('/api/v1') && r.access !== 'public',
    );
    const urlOf = (url: string) =>
      url.replace(/:containerNumber|:container/g, containers[0]!).replace(/:[a-zA-Z]+/g, id);
    const headers = await app().login('supervisor');
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
          const res = await app().app.http.inject({ method: 'GET', url: `${urlOf(r.url)}?${q}`, headers });
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
          const res = await app().app.http.inject({
            method: 'POST',
            url,
            headers: { ...(await app().login(user)), 'content-type': 'application/json' },
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
    const headers = { ...(await app().login('trader')), 'content-type': 'application/json' };
    const replies = await Promise.all(
      devices.map((deviceId) =>
        app().app.http.inject({
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
    const headers = { ...(await app().login('admin')), 'content-type': 'application/json' };
    const replies = await Promise.all(
      [0, 1].map(() =>
        app().app.http.inject({
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
        app().app.http.inject({
          method: 'POST',
          url: `/api/v1/declarations/${id}/arrival`,
          headers: await app().login('officer'),
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
    const headers = await app().login('officer');
    for (const arrivedAt of OUTSIDE_STORE) {
      const { id, containers } = await lodge();
      const one = await app().app.http.inject({
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
      const many = await app().app.http.inject({
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
    const headers = await app().login('officer');
    for (const at of OUTSIDE_STORE)
      for (const q of ['from', 'to']) {
        const res = await app().app.http.inject({
          method: 'GET',
          url: `/api/v1/declarations?${q}=${encodeURIComponent(at)}`,
          headers,
        });
        expect(notClientProblem(res), res.body).toBeNull();
        expect(res.json()).toMatchObject({ status: 400, errors: [{ pointer: `/querystring/${q}` }] });
      }
  });

  it('refuses a user of a party that does not exist at /partyTin', async () => {
    const res = await app().app.http.inject({
      method: 'POST',
      url: '/api/v1/users',
      headers: await app().login('admin'),
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
    const res = await app().app.http.inject({
      method: 'POST',
      url: '/api/v1/api-keys',
      headers: await app().login('admin'),
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
