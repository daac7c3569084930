import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../test/helpers/test-app.js';
import { MAX_DATA_DEPTH } from '../../modules/documents/document.routes.js';
import { MAX_EVENT_DEPTH } from '../../modules/provenance/epcis/event-limits.js';
import { MAX_CRITERIA_DEPTH } from '../../modules/risk/rules/criteria.schema.js';
import { LANGUAGES, translator } from '../i18n/i18n.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('validation refusals in the reader’s language', () => {
  it('words zod’s own findings in Spanish too, and shows the offending value', async () => {
    const d = sampleDeclaration() as unknown as { lrn: string; goodsItems: Record<string, unknown>[] };
    d.lrn = 'X'.repeat(50);
    d.goodsItems[0]!.netMassKg = 'heavy';
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: { ...(await t.login('trader')), 'accept-language': 'es' },
      payload: d,
    });
    expect(res.statusCode).toBe(422);
    const errors = res.json<{ errors: Record<string, unknown>[] }>().errors;
    const lrn = errors.find((e) => e.pointer === '/lrn')!;
    expect(lrn).toMatchObject({ code: 'FIELD_TOO_BIG', value: 'X'.repeat(50) });
    expect(lrn.message).toBe(lrn.messages && (lrn.messages as Record<string, string>).es);
    expect((lrn.messages as Record<string, string>).es).toContain('Demasiado grande');
    expect((lrn.messages as Record<string, string>).en).toContain('Too big');
    expect((lrn.params as Record<string, string>).detail).toContain('Demasiado grande');
    const mass = errors.find((e) => e.pointer === '/goodsItems/0/netMassKg')!;
    expect(mass).toMatchObject({ code: 'FIELD_INVALID_TYPE', value: 'heavy' });
    // zod needs the input to say what it received: kept on the issue, so the Spanish says "texto", not "indefinido".
    expect((mass.messages as Record<string, string>).es).toMatch(/recibido (texto|string)/);
    expect(mass).not.toHaveProperty('localizedParams');
  });

  it('words a refinement’s stable code through the catalogue in each language', async () => {
    const res = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/iot/alarms?from=${encodeURIComponent('9999-12-31T23:59:59-14:00')}`,
      headers: { ...(await t.login('officer')), 'accept-language': 'es' },
    });
    expect(res.statusCode).toBe(400);
    expect(res.json().errors[0]).toMatchObject({
      code: 'FIELD_INVALID_VALUE',
      pointer: '/querystring/from',
      value: '9999-12-31T23:59:59-14:00',
      messages: {
        en: expect.stringContaining('an instant from year 1 to year 9999 (UTC)'),
        es: expect.stringContaining('un instante entre el año 1 y el año 9999 (UTC)'),
      },
    });
  });
});

describe('catalogue details that name a limit', () => {
  it('state the limit the code enforces, in every language', () => {
    expect(MAX_EVENT_DEPTH).toBe(MAX_DATA_DEPTH);
    for (const lang of LANGUAGES) {
      const t = translator(lang);
      expect(t('detail.CRITERIA_TOO_DEEP')).toContain(String(MAX_CRITERIA_DEPTH));
      expect(t('detail.DATA_TOO_DEEP')).toContain(String(MAX_DATA_DEPTH));
    }
  });
});
