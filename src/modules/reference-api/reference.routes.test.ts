import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const get = async (url: string, user = 'trader') =>
  t.app.http.inject({ method: 'GET', url, headers: await t.login(user) });
const check = async (payload: unknown, user = 'trader') =>
  t.app.http.inject({
    method: 'POST',
    url: '/api/v1/declaration-checks',
    headers: { ...(await t.login(user)), 'accept-language': 'es' },
    payload: payload as object,
  });

describe('reference routes', () => {
  it('finds HS subheadings by description words, subheadings first', async () => {
    const res = await get('/api/v1/reference/hs?q=apples');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.map((e: { code: string }) => e.code)).toContain('080810');
    expect(body[0].level).toBe('subheading');
  });

  it('finds HS entries by code prefix', async () => {
    const body = (await get('/api/v1/reference/hs?q=0808&limit=5')).json();
    expect(body.length).toBeGreaterThan(0);
    expect(body.every((e: { code: string }) => e.code.startsWith('0808'))).toBe(true);
  });

  it('lists offices with the coordinates of their port for maps', async () => {
    const body = (await get('/api/v1/reference/offices', 'officer')).json();
    const kingston = body.find((o: { code: string }) => o.code === 'JMKIN01');
    expect(kingston.unlocode).toBe('JMKIN');
    expect(kingston.coordinates[0]).toBeCloseTo(-76.8, 0);
    expect(kingston.coordinates[1]).toBeCloseTo(18, 0);
  });

  it('lists countries in English and Spanish and active currencies', async () => {
    const countries = (await get('/api/v1/reference/countries')).json();
    expect(countries.find((c: { code: string }) => c.code === 'GT')).toMatchObject({ nameEs: 'Guatemala' });
    const currencies = (await get('/api/v1/reference/currencies')).json();
    expect(currencies.find((c: { code: string }) => c.code === 'JMD')).toMatchObject({ minorUnits: 2 });
  });

  it('refuses reference lookups without a sign-in', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/api/v1/reference/hs?q=rice' });
    expect(res.statusCode).toBe(401);
  });
});

describe('POST /api/v1/declaration-checks', () => {
  it('finds no error in a valid declaration and stores nothing', async () => {
    const d = sampleDeclaration();
    const res = await check(d);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ errors: [] });
    const list = (await get(`/api/v1/declarations?lrn=${d.lrn}`, 'officer')).json();
    expect(list.total).toBe(0);
  });

  it('reports the business-rule errors lodgement would, with the same codes and pointers', async () => {
    const d = sampleDeclaration();
    d.goodsItems[0]!.hsCode = '999999';
    d.transport.containers = [{ number: 'MSCU1234567' }];
    const res = await check(d);
    const codes = res.json().errors.map((e: { code: string; pointer: string }) => `${e.code} ${e.pointer}`);
    expect(codes).toContain('HS_UNKNOWN /goodsItems/0/hsCode');
    expect(codes).toContain('CONTAINER_CHECK_DIGIT /transport/containers/0/number');
    const severity = Object.fromEntries(
      res.json().errors.map((e: { code: string; severity: string }) => [e.code, e.severity]),
    );
    expect(severity).toMatchObject({ HS_UNKNOWN: 'error', CONTAINER_CHECK_DIGIT: 'warning' });
    const lodged = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader'),
      payload: d,
    });
    const lodgedCodes = lodged
      .json()
      .errors.map((e: { code: string; pointer: string }) => `${e.code} ${e.pointer}`);
    expect(lodgedCodes.sort()).toEqual([...codes].sort());
  });

  it('answers structural errors as a 422 problem with field pointers', async () => {
    const d = sampleDeclaration() as Record<string, unknown>;
    delete d.office;
    const res = await check(d);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'FIELD_INVALID_TYPE', pointer: '/office' });
  });

  it('is for traders only', async () => {
    expect((await check(sampleDeclaration(), 'officer')).statusCode).toBe(403);
  });
});
