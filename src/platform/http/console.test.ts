import Fastify, { type FastifyInstance } from 'fastify';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DomainError } from '../errors.js';
import { assertRouteHasAccess } from './access.js';
import { registerConsole } from './console.js';

let app: FastifyInstance;
let dist: string;

beforeAll(async () => {
  dist = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-console-'));
  fs.mkdirSync(path.join(dist, 'assets'));
  fs.writeFileSync(path.join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
  fs.writeFileSync(path.join(dist, 'assets', 'index-abc123.js'), 'console.log(1)');
  fs.writeFileSync(path.join(dist, 'favicon.svg'), '<svg/>');
  app = Fastify();
  app.decorateRequest('principal', null);
  app.addHook('onRoute', assertRouteHasAccess);
  app.setErrorHandler((err, _request, reply) =>
    reply.code(err instanceof DomainError && err.code === 'UNAUTHENTICATED' ? 401 : 500).send({}),
  );
  app.get('/api/v1/known', { config: { access: 'public' } }, () => ({ ok: true }));
  expect(await registerConsole(app, { distDir: dist })).toBe(true);
  await app.ready();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dist, { recursive: true, force: true });
});

describe('the console served by the platform', () => {
  it('serves the index page at / without caching it', async () => {
    const res = await app.inject('/');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/html');
    expect(res.headers['cache-control']).toBe('no-cache');
  });

  it('answers client-side routes with the index page so a reload works', async () => {
    const res = await app.inject('/declarations/6c1f7a3e-1111-4222-8333-944455556666');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('id="root"');
  });

  it('serves hashed assets as immutable and other files uncached', async () => {
    const js = await app.inject('/assets/index-abc123.js');
    expect(js.statusCode).toBe(200);
    expect(js.headers['cache-control']).toContain('immutable');
    const icon = await app.inject('/favicon.svg');
    expect(icon.statusCode).toBe(200);
    expect(icon.headers['cache-control']).not.toContain('immutable');
  });

  it('gives 404 for a missing file and never serves outside the build folder', async () => {
    expect((await app.inject('/assets/missing.js')).statusCode).toBe(404);
    expect((await app.inject('/..%2f..%2fetc%2fpasswd')).statusCode).toBe(404);
  });

  it('leaves API paths to the API: known routes answer, unknown ones need a credential', async () => {
    expect((await app.inject('/api/v1/known')).json()).toEqual({ ok: true });
    expect((await app.inject('/api/v1/unknown')).statusCode).toBe(401);
  });
});
