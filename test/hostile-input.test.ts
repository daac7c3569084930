import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/auth/roles.js';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * Every route, fed what a careless client or an attacker sends: malformed and hostile bodies, odd path ids and
 * query strings. A client mistake is never a 5xx, always a problem+JSON with a stable code, and the server keeps
 * answering afterwards.
 */
let t: TestApp;
const keys = new Map<Role, string>();
let declarationId: string;

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    const party = role === 'trader' ? 'JM-BRK-0001' : null;
    keys.set(role, (await t.app.auth.createApiKey(`hostile-${role}`, [role], party)).key);
  }
  declarationId = (
    await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader'),
      payload: sampleDeclaration(),
    })
  ).json().id;
});
afterAll(async () => t.close());

const nested = (depth: number) => '['.repeat(depth) + ']'.repeat(depth);
const deepObject = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

/** Bodies sent as `application/json` (raw text, so malformed ones reach the server as they are). */
const BODIES: [string, string][] = [
  ['truncated JSON', '{"reason": "x", '],
  ['null', 'null'],
  ['an array', '[]'],
  ['a string', '"release"'],
  ['a number', '42'],
  [
    'a prototype-pollution object',
    '{"__proto__": {"isAdmin": true}, "constructor": {"prototype": {"x": 1}}}',
  ],
  ['nested arrays 10 000 deep', nested(10_000)],
  ['nested objects 5 000 deep', deepObject(5_000)],
  [
    'every common field with the wrong type',
    JSON.stringify({
      reason: 12,
      documents: 'none',
      declaration: [],
      outcome: { a: 1 },
      findings: null,
      location: 7,
      lrn: ['x'],
      username: {},
      password: [],
      name: true,
      rules: 'all',
      status: -1,
      channel: 'purple',
      threshold: 'high',
      items: {},
    }),
  ],
  ['a NUL character', '{"reason": "a\\u0000b", "name": "x"}'],
  [
    'lone surrogates and a 100 000-character reason',
    `{"reason": "${'x'.repeat(100_000)}", "name": "\\ud800", "location": "\\ud800", "lrn": "\\udfff"}`,
  ],
  [
    'huge numbers',
    '{"limit": 1e309, "revenueAdjustment": -1e308, "quantity": 123456789012345678901234567890}',
  ],
];

/** Path ids standing in for `:id` and the other parameters. */
const IDS = [
  '0',
  '-1',
  'x'.repeat(3000),
  '%00',
  '..%2F..%2Fetc%2Fpasswd',
  '%E0%A4%A',
  "1'%20OR%20'1'%3D'1",
  '00000000-0000-0000-0000-000000000000',
  '%F0%9F%92%A3',
];

/** Query strings added to GET routes. */
const QUERIES = [
  'limit=-1',
  'limit=abc',
  'limit=1e309',
  'offset=999999999999999999999999',
  'limit=1&limit=2',
  'status=__proto__&channel=%00',
  'from=not-a-date&to=2026-13-45',
  'q=%25%27%3B%20DROP%20TABLE%20declarations%3B--',
  `q=${'a'.repeat(5000)}`,
  'sort=;drop&order=sideways',
  'format=exe',
];

interface RouteInfo {
  method: string;
  url: string;
  access?: 'public' | { roles: readonly Role[] };
}

/** A role the route admits (one that sees every party, where there is one), or none for a public route. */
function headersFor(r: RouteInfo): Record<string, string> {
  if (!r.access || r.access === 'public') return {};
  const roles = r.access.roles;
  const role = roles.find((x) => x !== 'trader') ?? roles[0]!;
  return { 'x-api-key': keys.get(role)! };
}

const routes = (): RouteInfo[] =>
  (t.app.routes as RouteInfo[]).filter(
    (r) => r.url.startsWith('/api/v1') && r.access && !r.url.startsWith('/api/v1/auth/login'),
  );

const withParams = (url: string, id: string) => url.replace(/:[a-zA-Z]+/g, id);

function expectClientProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  what: string,
) {
  expect(res.statusCode, `${what} → ${res.statusCode} ${res.body.slice(0, 300)}`).toBeLessThan(500);
  if (res.statusCode >= 400) {
    expect(String(res.headers['content-type']), what).toContain('application/problem+json');
    const problem = JSON.parse(res.body) as { code?: unknown; status?: unknown };
    expect(problem.status, what).toBe(res.statusCode);
    expect(problem.code, what).toMatch(/^[A-Z][A-Z0-9_]+$/);
  }
}

describe('hostile input on every route', () => {
  it('covers the API', () => {
    expect(routes().length).toBeGreaterThan(40);
  });

  it('answers every malformed or hostile body with a 4xx problem, never a 5xx', async () => {
    let sent = 0;
    for (const r of routes().filter((x) => ['POST', 'PUT', 'PATCH'].includes(x.method))) {
      for (const [name, body] of BODIES) {
        const res = await t.app.http.inject({
          method: r.method as 'POST',
          url: withParams(r.url, declarationId),
          headers: { ...headersFor(r), 'content-type': 'application/json' },
          payload: body,
        });
        expectClientProblem(res, `${r.method} ${r.url} with ${name}`);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(100);
  });

  it('answers odd path ids with a 4xx problem, never a 5xx', async () => {
    for (const r of routes().filter((x) => x.url.includes('/:')))
      for (const id of IDS) {
        const res = await t.app.http.inject({
          method: r.method as 'GET',
          url: withParams(r.url, id),
          headers: {
            ...headersFor(r),
            ...(r.method === 'GET' ? {} : { 'content-type': 'application/json' }),
          },
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : '{}',
        });
        expectClientProblem(res, `${r.method} ${withParams(r.url, id).slice(0, 120)}`);
      }
  });

  it('answers odd query strings with a 4xx problem or an answer, never a 5xx', async () => {
    for (const r of routes().filter((x) => x.method === 'GET'))
      for (const q of QUERIES) {
        const res = await t.app.http.inject({
          method: 'GET',
          url: `${withParams(r.url, declarationId)}?${q}`,
          headers: headersFor(r),
        });
        expectClientProblem(res, `GET ${r.url}?${q.slice(0, 60)}`);
      }
  });

  it('refuses a body in a media type the route does not take with 415, and keeps serving', async () => {
    for (const r of routes().filter((x) => x.method === 'POST' && !x.url.endsWith('/declarations'))) {
      const res = await t.app.http.inject({
        method: 'POST',
        url: withParams(r.url, declarationId),
        headers: { ...headersFor(r), 'content-type': 'application/x-www-form-urlencoded' },
        payload: 'reason=x',
      });
      expectClientProblem(res, `POST ${r.url} form-encoded`);
      expect(res.statusCode, `POST ${r.url} form-encoded`).toBe(415);
    }
    const health = await t.app.http.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(200);
    const still = await t.app.http.inject({
      method: 'GET',
      url: `/api/v1/declarations/${declarationId}`,
      headers: await t.login('officer'),
    });
    expect(still.statusCode).toBe(200);
  });
});

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every leaf of a JSON document with its path. */
function leaves(doc: Json, path: (string | number)[] = []): { path: (string | number)[]; value: Json }[] {
  if (Array.isArray(doc)) return doc.flatMap((v, i) => leaves(v, [...path, i]));
  if (doc !== null && typeof doc === 'object')
    return Object.entries(doc).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value: doc }];
}

function withLeaf(doc: Json, path: (string | number)[], value: Json): Json {
  const copy = structuredClone(doc);
  let at = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  at[path.at(-1)!] = value;
  return copy;
}

const EXTREME_NUMBERS = [1e308, -1e308, 2 ** 31, 2 ** 53 + 2, -0.000001, 123456789.123456789];
const EXTREME_STRINGS = [
  '',
  ' ',
  'x'.repeat(5000),
  '9999-12-31T23:59:59Z',
  '0001-01-01',
  '+275760-09-13T00:00:00Z',
];

describe('a declaration with one field pushed to an extreme', () => {
  it('is lodged or refused with a 4xx problem, never a 5xx, for every field and extreme', async () => {
    const valid = sampleDeclaration() as unknown as Json;
    const headers = { ...(await t.login('trader')), 'content-type': 'application/json' };
    let sent = 0;
    for (const leaf of leaves(valid)) {
      const extremes: Json[] =
        typeof leaf.value === 'number'
          ? EXTREME_NUMBERS
          : typeof leaf.value === 'string'
            ? EXTREME_STRINGS
            : [];
      for (const extreme of extremes) {
        const doc = withLeaf(valid, leaf.path, extreme) as Record<string, Json>;
        doc.lrn = `HX-${sent}-${Date.now().toString(36)}`;
        const res = await t.app.http.inject({
          method: 'POST',
          url: '/api/v1/declarations',
          headers,
          payload: JSON.stringify(doc),
        });
        expectClientProblem(res, `/${leaf.path.join('/')} = ${JSON.stringify(extreme).slice(0, 40)}`);
        sent++;
      }
    }
    expect(sent).toBeGreaterThan(100);
  });
});
