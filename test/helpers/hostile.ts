import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, expect } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from './test-app.js';

/**
 * The hostile-routes suites' shared set-up and tools: the whole platform with every declaration of the test broker
 * sent to red (so that controls can be recorded on it), and the means to push each field of a valid body to
 * extremes, send a create twice at once, and tell a client problem from a server error.
 */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type Path = (string | number)[];

let current: TestApp | undefined;
let serial = 0;

/** The platform under test (started by `useHostileApp`). */
export function app(): TestApp {
  if (!current) throw new Error('useHostileApp() was not called in this file');
  return current;
}

export const unique = () => `${(++serial).toString(36)}${Date.now().toString(36)}`;

/** Starts the platform for the file's tests and stops it after them. */
export function useHostileApp(): void {
  beforeAll(async () => {
    const t = await startTestApp();
    current = t;
    // Every declaration the trader lodges here goes to red, so that controls can be recorded on it.
    await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/risk/profiles',
      headers: await t.login('analyst'),
      payload: {
        profile: {
          name: 'Everything from the test broker',
          status: 'active',
          criteria: { field: 'declarant', op: 'eq', value: 'JM-BRK-0001' },
          action: { channel: 'red' },
          reason: 'hostile-input tests need controls',
        },
      },
    });
    await t.app.risk.engine.refresh();
  }, 60_000);
  afterAll(async () => current?.close());
}
/** Every leaf of a JSON document with its path, and every array (which is pushed to 10 000 elements). */
export function leaves(doc: Json, path: Path = []): { path: Path; value: Json }[] {
  if (Array.isArray(doc)) return [{ path, value: doc }, ...doc.flatMap((v, i) => leaves(v, [...path, i]))];
  if (doc !== null && typeof doc === 'object')
    return Object.entries(doc).flatMap(([k, v]) => leaves(v, [...path, k]));
  return [{ path, value: doc }];
}

export function withLeaf(doc: Json, path: Path, value: Json): Json {
  if (path.length === 0) return value;
  const copy = structuredClone(doc);
  let at = copy as Record<string | number, Json>;
  for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, Json>;
  at[path.at(-1)!] = value;
  return copy;
}

export const EXTREME_NUMBERS: Json[] = [
  1e308,
  -1e308,
  2 ** 31,
  2 ** 53 + 2,
  -0.000001,
  0,
  123456789.123456789,
];
export const EXTREME_STRINGS: Json[] = [
  '',
  ' ',
  'x'.repeat(5000),
  /** Incompressible: what a btree index cannot hold. */
  randomBytes(3000).toString('hex'),
  '9999-12-31T23:59:59-14:00',
  '0001-01-01',
  '0001-01-01T00:00:00+14:00',
  '+275760-09-13T00:00:00Z',
  '275760-09-13T00:00:00Z',
];

/** Valid ISO 8601 instants with an offset that fall in year 10000 and in year 0 UTC, beyond what PostgreSQL takes. */
export const OUTSIDE_STORE: string[] = ['9999-12-31T23:59:59-14:00', '0001-01-01T00:00:00+14:00'];

export function extremesOf(value: Json): Json[] {
  if (typeof value === 'number') return EXTREME_NUMBERS;
  if (typeof value === 'string') return EXTREME_STRINGS;
  if (Array.isArray(value) && value.length > 0) return [Array.from({ length: 10_000 }, () => value[0]!)];
  return [];
}

export interface Reply {
  statusCode: number;
  headers: Record<string, unknown>;
  body: string;
}

/** Why a reply is not a client problem or a success, or null when it is. */
export function notClientProblem(res: Reply): string | null {
  if (res.statusCode >= 500) return `${res.statusCode} ${res.body.slice(0, 300)}`;
  if (res.statusCode < 400) return null;
  if (!String(res.headers['content-type']).includes('application/problem+json'))
    return `${res.statusCode} not problem+json`;
  const problem = JSON.parse(res.body) as { code?: unknown; status?: unknown };
  if (problem.status !== res.statusCode) return `${res.statusCode} problem status ${String(problem.status)}`;
  if (typeof problem.code !== 'string' || !/^[A-Z][A-Z0-9_]+$/.test(problem.code))
    return `${res.statusCode} no stable code`;
  return null;
}

export interface Target {
  method?: 'POST' | 'PUT';
  /** The route, or a fresh resource's route after each case that changed it (so the next case is not hidden). */
  url: string | (() => Promise<string>);
  user: string;
  body: Json;
  /** Makes a mutated body valid again where it must be (a fresh unique name, a new signature). */
  finish?: (doc: Json, path: Path) => Json;
  /** Leaves not pushed (e.g. a signature, which `finish` recomputes). */
  skip?: (path: Path) => boolean;
}

/** Sends the valid body with each leaf at each extreme; returns what was answered with other than a 2xx or 4xx problem. */
export async function pushToExtremes(target: Target): Promise<{ sent: number; failures: string[] }> {
  const headers = { ...(await app().login(target.user)), 'content-type': 'application/json' };
  const failures: string[] = [];
  let sent = 0;
  let url: string | undefined;
  let changed = false;
  for (const leaf of leaves(target.body)) {
    if (target.skip?.(leaf.path)) continue;
    for (const extreme of extremesOf(leaf.value)) {
      // A fresh resource only when the last case changed the one in hand (a refusal leaves it as it was).
      if (url === undefined || changed)
        url = typeof target.url === 'string' ? target.url : await target.url();
      let doc = withLeaf(target.body, leaf.path, extreme);
      if (target.finish) doc = target.finish(doc, leaf.path);
      const res = await app().app.http.inject({
        method: target.method ?? 'POST',
        url,
        headers,
        payload: JSON.stringify(doc),
      });
      changed = res.statusCode < 400 || res.statusCode >= 500;
      sent++;
      const why = notClientProblem(res);
      if (why) failures.push(`/${leaf.path.join('/')} = ${JSON.stringify(extreme).slice(0, 40)} → ${why}`);
    }
  }
  return { sent, failures };
}

export async function expectNoServerError(target: Target) {
  const { sent, failures } = await pushToExtremes(target);
  expect(failures).toEqual([]);
  expect(sent).toBeGreaterThan(0);
}

/** Sends the same create twice at once: one is done, the other is done too or refused as a conflict. */
export async function sendTwiceAtOnce(user: string, url: string, body: Json) {
  const headers = { ...(await app().login(user)), 'content-type': 'application/json' };
  const replies = await Promise.all(
    [0, 1].map(() => app().app.http.inject({ method: 'POST', url, headers, payload: JSON.stringify(body) })),
  );
  for (const res of replies) expect(notClientProblem(res), res.body).toBeNull();
  expect(replies.some((r) => r.statusCode < 300)).toBe(true);
  return replies;
}

export async function call<T = Record<string, string>>(
  user: string,
  method: 'POST' | 'PUT',
  url: string,
  body: Json,
): Promise<T> {
  const res = await app().app.http.inject({
    method,
    url,
    headers: await app().login(user),
    payload: body as object,
  });
  if (res.statusCode >= 300) throw new Error(`${method} ${url} → ${res.statusCode} ${res.body}`);
  return res.json<T>();
}

/** A freshly lodged (red) declaration of the test broker, with its container numbers. */
export async function lodge(): Promise<{ id: string; containers: string[] }> {
  const body = await call<{ id: string; containers?: (string | { number: string })[] }>(
    'trader',
    'POST',
    '/api/v1/declarations',
    sampleDeclaration(),
  );
  return {
    id: body.id,
    containers: (body.containers ?? []).map((c) => (typeof c === 'string' ? c : c.number)),
  };
}

export async function arrived(): Promise<string> {
  const { id } = await lodge();
  await call('officer', 'POST', `/api/v1/declarations/${id}/arrival`, {});
  return id;
}
