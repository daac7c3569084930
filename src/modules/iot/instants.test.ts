import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { EARLIEST_INSTANT, StorableInstant, before, isStorableInstant } from './instants.js';

describe('instants the database holds', () => {
  it('takes years 1 to 9999 in UTC, whatever the digits before the offset say', () => {
    expect(isStorableInstant('0001-01-01T00:00:00Z')).toBe(true);
    expect(isStorableInstant('9999-12-31T23:59:59.999Z')).toBe(true);
    expect(isStorableInstant('9999-12-31T23:59:59-14:00')).toBe(false); // year 10000
    expect(isStorableInstant('0001-01-01T00:00:00+14:00')).toBe(false); // year 0
    expect(StorableInstant.safeParse('2026-03-01T08:00:00-05:00').success).toBe(true);
    expect(StorableInstant.safeParse('+275760-09-13T00:00:00Z').success).toBe(false);
  });

  it('counts a default period back no further than year 1', () => {
    expect(before(new Date('0001-01-01T06:00:00Z'), 86_400_000).getTime()).toBe(EARLIEST_INSTANT);
    expect(before(new Date('2026-01-02T00:00:00Z'), 86_400_000).toISOString()).toBe(
      '2026-01-01T00:00:00.000Z',
    );
  });
});

describe('reading routes given an instant outside years 1–9999 UTC', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('refuses it at its query parameter instead of failing in the database, and takes year 1 itself', async () => {
    const officer = await t.login('officer');
    for (const url of ['/api/v1/iot/alarms', '/api/v1/iot/containers/MSCU1234565/track'])
      for (const at of ['9999-12-31T23:59:59-14:00', '0001-01-01T00:00:00+14:00']) {
        const res = await t.app.http.inject({
          method: 'GET',
          url: `${url}?from=${encodeURIComponent(at)}`,
          headers: officer,
        });
        expect(res.statusCode, `${url} ${at}`).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'BAD_REQUEST',
          errors: [{ code: 'FIELD_INVALID_VALUE', pointer: '/querystring/from' }],
        });
      }
    const year1 = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/iot/alarms?to=0001-01-01T00:00:00Z',
      headers: officer,
    });
    expect(year1.statusCode).toBe(200);
  });
});
