import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.js';

describe('risk reports given a period at the ends of what the database holds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => t.close());

  it('refuses an instant outside years 1–9999 UTC at its query parameter', async () => {
    const analyst = await t.login('analyst');
    for (const url of ['/api/v1/risk/hit-rates', '/api/v1/risk/decisions'])
      for (const at of ['9999-12-31T23:59:59-14:00', '0001-01-01T00:00:00+14:00']) {
        const res = await t.app.http.inject({
          method: 'GET',
          url: `${url}?to=${encodeURIComponent(at)}`,
          headers: analyst,
        });
        expect(res.statusCode, `${url} ${at}`).toBe(400);
        expect(res.json()).toMatchObject({
          code: 'BAD_REQUEST',
          errors: [{ code: 'FIELD_INVALID_VALUE', pointer: '/querystring/to' }],
        });
      }
  });

  it('starts the default period no earlier than year 1 when the period ends on 1 January of year 1', async () => {
    const analyst = await t.login('analyst');
    const rates = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/risk/hit-rates?to=0001-01-01',
      headers: analyst,
    });
    expect(rates.statusCode, rates.body).toBe(200);
    expect(rates.json()).toMatchObject({
      from: '0001-01-01T00:00:00.000Z',
      to: '0001-01-01T00:00:00.000Z',
      series: [],
    });
    const decisions = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/risk/decisions?to=0001-01-01',
      headers: analyst,
    });
    expect(decisions.statusCode, decisions.body).toBe(200);
    expect(decisions.json()).toEqual({ items: [] });
  });
});
