import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sampleDeclaration, startTestApp, type TestApp } from './helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => t.close());

describe('operations', () => {
  it('reports liveness and readiness with the database check', async () => {
    expect((await t.app.http.inject({ method: 'GET', url: '/health' })).json()).toEqual({ status: 'alive' });
    const ready = await t.app.http.inject({ method: 'GET', url: '/ready' });
    expect(ready.statusCode).toBe(200);
    expect(ready.json()).toEqual({ status: 'ready', checks: { database: true } });
  });

  it('serves the OpenAPI 3.1 document with the declaration routes', async () => {
    const doc = (await t.app.http.inject({ method: 'GET', url: '/api/docs/json' })).json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/api/v1/declarations', '/api/v1/declarations/{id}/release']),
    );
    expect(doc.paths['/api/v1/declarations'].post.requestBody).toBeDefined();
  });

  it('exposes Prometheus metrics to a supervisor only, counting requests and domain events', async () => {
    await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: await t.login('trader'),
      payload: sampleDeclaration(),
    });
    await t.app.dispatcher.drain();
    expect(
      (await t.app.http.inject({ method: 'GET', url: '/metrics', headers: await t.login('trader') }))
        .statusCode,
    ).toBe(403);
    const res = await t.app.http.inject({
      method: 'GET',
      url: '/metrics',
      headers: await t.login('supervisor'),
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('aduana_http_request_duration_seconds_bucket');
    expect(res.body).toMatch(/aduana_domain_events_total\{type="declaration.lodged"\} [1-9]/);
  });

  // Shutting down must not wait for clients to hang up: each connection answered during close is closed after it.
  it('finishes requests in flight when shutting down gracefully', async () => {
    const other = await startTestApp({ port: 0 });
    const url = (await other.app.listen()).replace('localhost', '127.0.0.1');
    const headers = { ...(await other.login('trader')), 'content-type': 'application/json' };
    let received = 0;
    other.app.http.server.on('request', () => void received++);
    const inFlight = Array.from({ length: 12 }, () =>
      fetch(`${url}/api/v1/declarations`, {
        method: 'POST',
        headers,
        body: JSON.stringify(sampleDeclaration()),
      }).then((r) => r.status),
    );
    while (received < 6) await new Promise((r) => setTimeout(r, 5));
    const closing = other.close();
    const statuses = await Promise.all(inFlight.map((p) => p.catch(() => 'reset')));
    await closing;
    // Every request that reached the server before close completes normally; none is cut off mid-way.
    expect(
      statuses.filter((s) => s === 201).length + statuses.filter((s) => s === 503 || s === 'reset').length,
    ).toBe(12);
    expect(statuses.filter((s) => s === 201).length).toBeGreaterThanOrEqual(6);
    expect(statuses).not.toContain(500);
  });
});
