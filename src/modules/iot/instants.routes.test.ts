import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

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
