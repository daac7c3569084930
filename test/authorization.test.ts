import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../src/platform/auth/roles.js';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

/**
 * The authorisation matrix, proven route by route: no route answers without credentials (except the public ones),
 * a role outside a route's list gets 403, and a trader never reaches another party's declaration.
 */
let t: TestApp;
let ownId: string;
let foreignId: string;
const keys = new Map<Role, string>();

beforeAll(async () => {
  t = await startTestApp();
  for (const role of ROLES) {
    const party = role === 'trader' ? 'JM-BRK-0001' : null;
    keys.set(role, (await t.app.auth.createApiKey(`matrix-${role}`, [role], party)).key);
  }
  ownId = (
    await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader'),
      payload: sampleDeclaration(),
    })
  ).json().id;
  foreignId = (
    await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader.gt'),
      payload: sampleDeclaration(undefined, 'GT-BRK-0002'),
    })
  ).json().id;
});
afterAll(async () => t.close());

const PUBLIC = new Set(['GET /health', 'GET /ready', 'POST /api/v1/auth/login']);
const urlFor = (url: string, id: string) =>
  url
    .replace(':id', id)
    .replace(':tin', 'JM-IMP-1001')
    .replace(/:[a-zA-Z]+/g, 'x');

describe('authorisation matrix', () => {
  it('declares an access rule on every route', () => {
    const api = t.app.routes.filter(
      (r) => r.url.startsWith('/api/v1') || ['/health', '/ready', '/metrics'].includes(r.url),
    );
    expect(api.length).toBeGreaterThan(15);
    for (const r of api) expect(r.access, `${r.method} ${r.url}`).toBeDefined();
    const publicOnes = api.filter((r) => r.access === 'public').map((r) => `${r.method} ${r.url}`);
    expect(new Set(publicOnes)).toEqual(PUBLIC);
  });

  it('refuses every non-public route without credentials (401) and with a bad token (401)', async () => {
    for (const r of t.app.routes.filter((x) => x.access && x.access !== 'public')) {
      for (const headers of [
        {},
        { authorization: 'Bearer adu_s_forged' },
        { 'x-api-key': 'adu_k_000000000000_' + 'a'.repeat(43) },
      ]) {
        const res = await t.app.http.inject({
          method: r.method as 'GET',
          url: urlFor(r.url, ownId),
          headers,
          payload: r.method === 'GET' ? undefined : {},
        });
        expect(res.statusCode, `${r.method} ${r.url}`).toBe(401);
        expect(res.json().code).toBe('UNAUTHENTICATED');
      }
    }
  });

  it('answers 403 to every role outside a route’s list, and never 401/403 to a role inside it', async () => {
    let checked = 0;
    for (const r of t.app.routes.filter((x) => x.access && x.access !== 'public')) {
      const allowed = (r.access as { roles: readonly Role[] }).roles;
      for (const role of ROLES) {
        const res = await t.app.http.inject({
          method: r.method as 'GET',
          url: urlFor(r.url, ownId),
          headers: { 'x-api-key': keys.get(role)! },
          payload: r.method === 'GET' || r.method === 'DELETE' ? undefined : {},
        });
        if (allowed.includes(role))
          expect([401, 403], `${role} ${r.method} ${r.url} → ${res.statusCode}`).not.toContain(
            res.statusCode,
          );
        else {
          expect(res.statusCode, `${role} ${r.method} ${r.url}`).toBe(403);
          expect(res.json().code).toBe('FORBIDDEN');
        }
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it('never lets a trader read or act on another party’s declaration (404 on every declaration route)', async () => {
    const trader = await t.login('trader');
    const routes = t.app.routes.filter(
      (r) =>
        r.url.includes(':id') &&
        r.url.startsWith('/api/v1/declarations') &&
        r.access !== 'public' &&
        (r.access as { roles: readonly Role[] }).roles.includes('trader'),
    );
    expect(routes.length).toBeGreaterThanOrEqual(5);
    const bodies: Record<string, object> = {
      documents: { documents: [{ kind: 'invoice', reference: 'X-1' }] },
      invalidation: { reason: 'not mine' },
      amendment: { reason: 'not mine', declaration: sampleDeclaration(undefined, 'GT-BRK-0002') },
    };
    for (const r of routes) {
      const last = r.url.split('/').pop() ?? '';
      const res = await t.app.http.inject({
        method: r.method as 'GET',
        url: urlFor(r.url, foreignId),
        headers: trader,
        payload: r.method === 'GET' ? undefined : (bodies[last] ?? {}),
      });
      expect(res.statusCode, `${r.method} ${r.url}`).toBe(404);
      expect(res.json().code).toBe('DECLARATION_NOT_FOUND');
    }
    const list = (
      await t.app.http.inject({
        method: 'GET',
        url: `/api/v1/declarations?party=GT-BRK-0002`,
        headers: trader,
      })
    ).json();
    expect(list.total).toBe(0);
  });

  it('rate-limits sign-in attempts', async () => {
    const limited = await startTestApp({ loginRateLimitPerMinute: 3 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 5; i++)
        codes.push(
          (
            await limited.app.http.inject({
              method: 'POST',
              url: '/api/v1/auth/login',
              payload: { username: 'officer', password: 'wrong' },
            })
          ).statusCode,
        );
      expect(codes.slice(0, 3)).toEqual([401, 401, 401]);
      expect(codes[4]).toBe(429);
    } finally {
      await limited.close();
    }
  });

  it('sends security headers and a request id', async () => {
    const res = await t.app.http.inject({ method: 'GET', url: '/health' });
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-request-id']).toBeTruthy();
  });

  it('does not write passwords or tokens to the logs', async () => {
    const lines: string[] = [];
    const { createLogger } = await import('../src/platform/logger.js');
    const log = createLogger('info', { write: (l: string) => void lines.push(l) });
    log.info(
      {
        password: 'hunter22',
        req: { headers: { authorization: 'Bearer secret-token' } },
        secret: 's3',
        apiKey: 'k',
      },
      'login attempt',
    );
    expect(lines.join('')).not.toMatch(/hunter22|secret-token|"s3"|"k"/);
  });
});
