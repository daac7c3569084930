// @vitest-environment node
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from '../../../../../test/helpers/test-app';
import { structuralIssues } from './validation';

/**
 * Contract: the console's as-you-type check and the API's lodgement answer the same documents with the same codes
 * and pointers, because they run the same schema through the same code mapping.
 */
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

type Sample = ReturnType<typeof sampleDeclaration>;
/** Writes a value the schema refuses (the cast is the point: these documents are deliberately wrong). */
const set = (target: object, key: string, value: unknown) => Reflect.set(target, key, value);
const broken: [string, (d: Sample) => void][] = [
  ['a missing office', (d) => Reflect.deleteProperty(d, 'office')],
  ['a malformed HS code', (d) => set(d.goodsItems[0]!, 'hsCode', '08')],
  ['a negative mass', (d) => set(d.goodsItems[0]!, 'netMassKg', -5)],
  ['a text where a number goes', (d) => set(d.invoice, 'amount', 'lots')],
  ['an unknown field', (d) => set(d, 'colour', 'blue')],
  ['no goods items', (d) => set(d, 'goodsItems', [])],
  ['a bad declaration type', (d) => set(d, 'type', 'smuggling')],
  [
    'an item without origin or net mass',
    (d) => {
      Reflect.deleteProperty(d.goodsItems[0]!, 'originCountry');
      Reflect.deleteProperty(d.goodsItems[0]!, 'netMassKg');
    },
  ],
  ['no transport mode', (d) => Reflect.deleteProperty(d.transport, 'mode')],
];

describe('client and API validation agree', () => {
  it.each(broken)('on %s', async (_name, breakIt) => {
    const d = sampleDeclaration();
    breakIt(d);
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader'),
      payload: d,
    });
    expect(res.statusCode).toBe(422);
    const api = (res.json().errors as { code: string; pointer: string }[])
      .map((e) => `${e.code} ${e.pointer}`)
      .sort();
    const client = structuralIssues(d)
      .map((e) => `${e.code} ${e.pointer}`)
      .sort();
    expect(client).toEqual(api);
  });
});
