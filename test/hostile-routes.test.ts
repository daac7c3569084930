import { describe, expect, it } from 'vitest';
import { sampleDeclaration } from './helpers/test-app.js';
import {
  app,
  useHostileApp,
  expectNoServerError,
  call,
  lodge,
  arrived,
  unique,
  type Json,
} from './helpers/hostile.js';

/**
 * Declaration actions and IoT routes, each fed a valid body with one field pushed to an extreme (huge and tiny
 * numbers, empty and 5 000-character strings, dates at the ends of what JavaScript and the database hold, arrays of
 * 10 000 elements). A client's mistake is a 4xx problem+JSON with a stable code, never a 5xx.
 */

useHostileApp();

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
    await app().app.iot.ingestion.tick(Date.now() + 3_600_000);
    const officer = await app().login('officer');
    const alarms = (
      await app().app.http.inject({
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
