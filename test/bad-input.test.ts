import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

/** Client mistakes get a 4xx problem+JSON with a stable code and the field's path; never a 5xx; nothing is stored. */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ bodyLimitBytes: 64 * 1024 });
});
afterAll(async () => t.close());

async function countDeclarations(): Promise<number> {
  return (
    await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/declarations?limit=1',
      headers: await t.login('officer'),
    })
  ).json().total;
}

async function post(payload: string | object, contentType = 'application/json') {
  return t.app.http.inject({
    method: 'POST',
    url: '/api/v1/declarations',
    headers: { ...(await t.login('trader')), 'content-type': contentType },
    payload: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
}

describe('bad input', () => {
  it.each([
    ['malformed JSON', '{"lrn": "X", ', 400, 'MALFORMED_BODY'],
    ['an empty body', '', 400, 'MALFORMED_BODY'],
    ['a JSON array', '[]', 422, 'VALIDATION_FAILED'],
    ['a text body', 'hello', 415, 'UNSUPPORTED_MEDIA_TYPE'],
  ])('refuses %s', async (_name, body, status, code) => {
    const before = await countDeclarations();
    const res = await post(body, body === 'hello' ? 'text/plain' : 'application/json');
    expect(res.statusCode).toBe(status);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ status, code, type: expect.stringContaining('https://') });
    expect(await countDeclarations()).toBe(before);
  });

  it('names the field and its WCO path when a type is wrong', async () => {
    const d = sampleDeclaration() as Record<string, unknown> & { goodsItems: Record<string, unknown>[] };
    d.goodsItems[0]!.netMassKg = 'heavy';
    const res = await post(d);
    expect(res.statusCode).toBe(422);
    expect(res.json().errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          code: 'FIELD_INVALID_TYPE',
          pointer: '/goodsItems/0/netMassKg',
          wcoPath: '42A/67A/68A/23A/65A/128',
        }),
      ]),
    );
  });

  it('refuses a standard declaration without an item element its data set needs, at the field, and stores nothing', async () => {
    const before = await countDeclarations();
    const d = sampleDeclaration();
    delete d.goodsItems[0]!.netMassKg;
    delete d.goodsItems[0]!.hsCode;
    const res = await post(d);
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ code: 'DECLARATION_REJECTED' });
    expect(res.json().errors).toEqual([
      expect.objectContaining({
        code: 'ELEMENT_REQUIRED',
        pointer: '/goodsItems/0/hsCode',
        wcoPath: '42A/67A/68A/23A/21A/145',
      }),
      expect.objectContaining({
        code: 'ELEMENT_REQUIRED',
        pointer: '/goodsItems/0/netMassKg',
        wcoPath: '42A/67A/68A/23A/65A/128',
      }),
    ]);
    expect(await countDeclarations()).toBe(before);
  });

  it('refuses unknown fields rather than dropping them silently', async () => {
    const res = await post({ ...sampleDeclaration(), secretDiscount: 50 });
    expect(res.statusCode).toBe(422);
    expect(res.json().errors[0]).toMatchObject({ code: 'FIELD_UNKNOWN', pointer: '/secretDiscount' });
  });

  it.each([
    ['a NUL', 'Coffee\u0000beans', 'U+0000'],
    ['a lone surrogate', 'Coffee \ud83d beans', 'U+D83D'],
  ])(
    'refuses %s (which PostgreSQL cannot store) at its field, in both languages, and stores nothing',
    async (_n, text, character) => {
      const before = await countDeclarations();
      const d = sampleDeclaration();
      d.goodsItems[0]!.description = text;
      const res = await post(d);
      expect(res.statusCode).toBe(422);
      expect(res.json()).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(res.json().errors[0]).toMatchObject({
        code: 'FIELD_INVALID_CHARACTER',
        pointer: '/goodsItems/0/description',
        wcoPath: expect.stringMatching(/^42A\//),
        params: { character },
        messages: { en: expect.stringContaining(character), es: expect.stringContaining(character) },
      });
      const inPath = await t.app.http.inject({
        method: 'GET',
        url: '/api/v1/declarations/%00',
        headers: await t.login('officer'),
      });
      expect(inPath.statusCode).toBe(400);
      expect(inPath.json().code).toBe('URL_INVALID');
      expect(await countDeclarations()).toBe(before);
    },
  );

  it('refuses a body over the configured limit with 413', async () => {
    const before = await countDeclarations();
    const d = sampleDeclaration();
    d.goodsItems[0]!.description = 'x'.repeat(100 * 1024);
    const res = await post(d);
    expect(res.statusCode).toBe(413);
    expect(res.json().code).toBe('BODY_TOO_LARGE');
    expect(await countDeclarations()).toBe(before);
  });

  it('refuses unknown codes (country, currency, HS, office) with 422 and stores nothing', async () => {
    const before = await countDeclarations();
    const d = sampleDeclaration();
    d.office = 'NOWHERE1';
    d.invoice.currency = 'XYZ';
    d.goodsItems[0]!.originCountry = 'QQ';
    d.goodsItems[0]!.hsCode = '240200';
    const res = await post(d);
    expect(res.statusCode).toBe(422);
    const codes = res.json().errors.map((e: { code: string }) => e.code);
    expect(codes).toEqual(
      expect.arrayContaining(['OFFICE_UNKNOWN', 'CURRENCY_UNKNOWN', 'COUNTRY_UNKNOWN', 'HS_UNKNOWN']),
    );
    expect(await countDeclarations()).toBe(before);
  });

  it('answers 400 to a bad query and 400 to a malformed id, never 500', async () => {
    const officer = await t.login('officer');
    const q = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/declarations?limit=abc&status=flying',
      headers: officer,
    });
    expect(q.statusCode).toBe(400);
    expect(q.json().code).toBe('BAD_REQUEST');
    const id = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/declarations/not-a-uuid',
      headers: officer,
    });
    expect(id.statusCode).toBe(400);
    const missing = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/declarations/00000000-0000-4000-8000-000000000000',
      headers: officer,
    });
    expect(missing.statusCode).toBe(404);
  });

  it('answers problems in Spanish when asked', async () => {
    const res = await t.app.http.inject({
      method: 'GET',
      url: '/api/v1/declarations',
      headers: { 'accept-language': 'es-GT,es;q=0.9' },
    });
    expect(res.statusCode).toBe(401);
    expect(res.json().title).toBe('Inicie sesión o presente una clave de API válida');
  });
});
