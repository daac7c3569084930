import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/helpers/test-app.js';

/**
 * A real DEC-DMS declaration with one element's text at a time pushed to an extreme: it is lodged or refused with
 * a 4xx problem, never a 5xx (schema-valid extremes reach the business rules and the database).
 */
const SAMPLE = fs.readFileSync(
  new URL('../../../test/fixtures/wco/annotated_XML_samples/TT_IM001a/Step1_TT_IM001a.xml', import.meta.url),
  'utf8',
);
const DECLARANT = 'GB603202734852';

let t: TestApp;
let trader: Record<string, string>;
beforeAll(async () => {
  t = await startTestApp();
  await t.app.auth.repository.upsertParty({
    tin: DECLARANT,
    name: 'HMRC sample declarant',
    country: 'GB',
    aeo: false,
  });
  await t.app.auth.addUser({
    username: 'hmrc.hostile',
    password: 'hmrc-hostile-1',
    displayName: 'HMRC sample declarant',
    roles: ['trader'],
    partyTin: DECLARANT,
    locale: 'en',
    office: null,
  });
  const res = await t.app.http.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'hmrc.hostile', password: 'hmrc-hostile-1' },
  });
  trader = { authorization: `Bearer ${res.json<{ token: string }>().token}` };
});
afterAll(async () => t.close());

const EXTREMES = ['', '99999999999999999999999999', '-1', '1E308', 'x'.repeat(600)];

/** The text content of every leaf element: where it starts and ends in the document. */
function leafTexts(xml: string): { element: string; start: number; end: number }[] {
  const out: { element: string; start: number; end: number }[] = [];
  for (const m of xml.matchAll(/<([\w:]+)(?:\s[^>]*)?>([^<]+)<\/\1>/g)) {
    const start = m.index + m[0].indexOf('>') + 1;
    out.push({ element: m[1]!, start, end: start + m[2]!.length });
  }
  return out;
}

describe('a DEC-DMS declaration with one element pushed to an extreme', () => {
  it('is lodged or refused with a 4xx problem, never a 5xx, for every element and extreme', async () => {
    const leaves = leafTexts(SAMPLE).filter((l) => l.element !== 'FunctionalReferenceID');
    expect(leaves.length).toBeGreaterThan(30);
    let n = 0;
    for (const leaf of leaves)
      for (const extreme of EXTREMES) {
        const xml = (SAMPLE.slice(0, leaf.start) + extreme + SAMPLE.slice(leaf.end)).replace(
          /<FunctionalReferenceID>[^<]*<\/FunctionalReferenceID>/,
          `<FunctionalReferenceID>HX${(n++).toString(36)}${Date.now().toString(36)}</FunctionalReferenceID>`,
        );
        const res = await t.app.http.inject({
          method: 'POST',
          url: '/api/v1/declarations',
          headers: { ...trader, 'content-type': 'application/xml' },
          payload: xml,
        });
        const what = `<${leaf.element}>${extreme.slice(0, 30)} → ${res.statusCode} ${res.body.slice(0, 300)}`;
        expect(res.statusCode, what).toBeLessThan(500);
        if (res.statusCode >= 400) {
          expect(String(res.headers['content-type']), what).toContain('application/problem+json');
          expect(res.json<{ code: string }>().code, what).toMatch(/^[A-Z][A-Z0-9_]+$/);
        }
      }
    expect(n).toBeGreaterThan(200);
  }, 120_000);
});
