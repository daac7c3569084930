import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/helpers/test-app.js';
import { MAX_CRITERIA_DEPTH } from '../rules/criteria.schema.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

const post = async (url: string, payload: string) =>
  t.app.http.inject({
    method: 'POST',
    url,
    headers: { ...(await t.login('analyst')), 'content-type': 'application/json' },
    payload,
  });

describe('risk lists created twice at once', () => {
  it('makes the list once and refuses the other as a conflict (was a 500 on PostgreSQL)', async () => {
    const body = JSON.stringify({ name: 'twice-at-once', list: { kind: 'hs', entries: ['2402'] } });
    const replies = await Promise.all([post('/api/v1/risk/lists', body), post('/api/v1/risk/lists', body)]);
    expect(replies.map((r) => r.statusCode).sort()).toEqual([201, 409]);
    expect(replies.find((r) => r.statusCode === 409)!.json()).toMatchObject({ code: 'CONFLICT' });
  });
});

describe('criteria nested deeper than any profile needs', () => {
  const leaf = '{"field":"office","op":"eq","value":"JMKIN01"}';
  const nots = (depth: number) => '{"not":'.repeat(depth) + leaf + '}'.repeat(depth);
  const alls = (depth: number) => '{"all":['.repeat(depth) + leaf + ']}'.repeat(depth);
  const profile = (criteria: string) =>
    `{"name":"Nested","criteria":${criteria},"action":{"channel":"red"},"reason":"nesting at the limit"}`;

  it('are refused at the criteria, in a profile and in a dry run (was a 500: the schema overflowed the stack)', async () => {
    for (const criteria of [nots(MAX_CRITERIA_DEPTH + 1), nots(20_000), alls(3000)])
      for (const [url, payload] of [
        ['/api/v1/risk/profiles', `{"profile":${profile(criteria)}}`],
        ['/api/v1/risk/dry-run', `{"profile":${profile(criteria)},"days":1}`],
      ] as const) {
        const res = await post(url, payload);
        expect(res.statusCode, `${url} ${res.body.slice(0, 200)}`).toBe(422);
        expect(res.json()).toMatchObject({
          code: 'VALIDATION_FAILED',
          errors: [{ code: 'FIELD_INVALID_VALUE', pointer: '/profile/criteria' }],
        });
      }
  });

  it(`are taken ${MAX_CRITERIA_DEPTH} levels deep`, async () => {
    for (const criteria of [nots(MAX_CRITERIA_DEPTH), alls(MAX_CRITERIA_DEPTH)]) {
      const res = await post('/api/v1/risk/profiles', `{"profile":${profile(criteria)}}`);
      expect(res.statusCode, res.body.slice(0, 300)).toBe(201);
    }
  });
});
