import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import type { Registry } from 'prom-client';
import { z } from 'zod';
import type { AuthService } from '../auth/auth.service.js';
import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { assertRouteHasAccess, authorize, type Access } from './access.js';
import { createMetrics } from './metrics.js';
import { sendProblem, toProblem } from './problem.js';
import { DomainError, type FieldError } from '../errors.js';
import { findUnstorableText } from '../text/storable-text.js';
import { validatorCompiler } from './validation.js';

/** A named check for `/ready` (database, broker …). */
export type ReadinessCheck = { name: string; check: () => Promise<boolean> };

export interface HttpServerDeps {
  config: Config;
  log: Logger;
  auth: AuthService;
  readiness: ReadinessCheck[];
  version: string;
}

/**
 * The Fastify server with what every route gets: request ids, security headers, zod validation, OpenAPI 3.1 at
 * `/api/docs`, problem+JSON errors, authentication and role checks, Prometheus metrics, health and readiness.
 */
/** A route as registered, with who may call it (for the authorisation matrix and the docs). */
export interface RouteEntry {
  method: string;
  url: string;
  access: Access | undefined;
}

export async function createHttpServer(
  deps: HttpServerDeps,
): Promise<{ app: FastifyInstance; metrics: Registry; routes: RouteEntry[] }> {
  const { config, log } = deps;
  const app = Fastify({
    // pino's Logger and Fastify's base logger differ only in generics; without the cast the instance type diverges.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    loggerInstance: log as FastifyBaseLogger,
    bodyLimit: config.bodyLimitBytes,
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,64}$/.test(given) ? given : randomUUID();
    },
    requestIdHeader: false,
    return503OnClosing: true,
    // At shutdown: idle keep-alive connections are closed at once, requests in flight are finished.
    forceCloseConnections: 'idle',
    ajv: undefined,
    // The router's own refusals (a bad percent-escape, a path segment over the parameter limit) are problems too.
    frameworkErrors: (err, request, reply) => {
      const code = err.code === 'FST_ERR_MAX_PARAM_LENGTH' ? 'URL_TOO_LONG' : 'URL_INVALID';
      const { problem, headers } = toProblem(new DomainError(code), request);
      request.log.info({ code, status: problem.status }, 'request refused');
      void sendProblem(reply, problem, headers);
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('principal', null);
  // Only JSON by default; a module that accepts another type (WCO XML) registers its own parser.
  app.removeContentTypeParser('text/plain');

  const { registry, httpDuration } = createMetrics();

  const routes: RouteEntry[] = [];
  app.addHook('onRoute', (route) => {
    assertRouteHasAccess(route);
    for (const method of [route.method].flat())
      if (method !== 'HEAD')
        routes.push({
          method,
          url: route.url,
          access: route.config?.access,
        });
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  // A request in flight at shutdown is answered on a connection that then closes: otherwise its keep-alive socket
  // stays open after the response and `close()` waits for the client to hang up.
  let closing = false;
  app.addHook('preClose', (done) => {
    closing = true;
    done();
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });
  app.addHook('onRequest', authorize(deps.auth));
  // PostgreSQL stores no U+0000 and no lone surrogate: such a character in the address or the body is refused at its
  // field before it reaches a query.
  app.addHook('preValidation', (request, _reply, done) => {
    if (request.url.includes('%00')) return done(new DomainError('URL_INVALID'));
    // Parsed JSON only: an XML body is a string whose parser refuses such characters itself, with line and column.
    const body = request.body;
    const found =
      typeof body === 'object' && body !== null && !ArrayBuffer.isView(body)
        ? findUnstorableText(body)
        : undefined;
    if (!found) return done();
    const error: FieldError = {
      code: 'FIELD_INVALID_CHARACTER',
      pointer: found.pointer || '/',
      params: { character: found.character },
    };
    const wcoPath = request.routeOptions.config.wcoPaths?.(error.pointer);
    if (wcoPath) error.wcoPath = wcoPath;
    done(new DomainError('VALIDATION_FAILED', undefined, { errors: [error] }));
  });
  app.addHook('onResponse', async (request, reply) => {
    httpDuration.observe(
      {
        method: request.method,
        route: request.routeOptions.url ?? 'unmatched',
        status: String(reply.statusCode),
      },
      reply.elapsedTime / 1000,
    );
  });

  app.setErrorHandler((err, request, reply) => {
    const { problem, headers } = toProblem(err, request);
    if (problem.status >= 500 && problem.code !== 'DATABASE_UNAVAILABLE')
      request.log.error({ err }, 'request failed');
    else request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    return sendProblem(reply, problem, headers);
  });
  app.setNotFoundHandler((request, reply) => {
    const { problem, headers } = toProblem({ statusCode: 404, code: 'ROUTE_NOT_FOUND' }, request);
    return sendProblem(
      reply,
      { ...problem, status: 404, code: 'ROUTE_NOT_FOUND', title: 'Not found' },
      headers,
    );
  });

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'", 'ws:', 'wss:'],
      },
    },
  });
  await app.register(fastifyRateLimit, { global: false });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Aduana API',
        version: deps.version,
        description: 'Smart customs platform: declarations on the WCO Data Model, risk, IoT, origin.',
      },
      components: {
        securitySchemes: {
          bearer: { type: 'http', scheme: 'bearer' },
          apiKey: { type: 'apiKey', in: 'header', name: 'x-api-key' },
        },
      },
      security: [{ bearer: [] }, { apiKey: [] }],
    },
    transform: jsonSchemaTransform,
    // Resolves zod schemas registered as named components (e.g. RiskCriterion) into the document.
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/api/docs' });

  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get(
    '/health',
    {
      config: { access: 'public' },
      schema: { tags: ['operations'], response: { 200: z.object({ status: z.literal('alive') }) } },
    },
    () => Promise.resolve({ status: 'alive' as const }),
  );
  typed.get(
    '/ready',
    {
      config: { access: 'public' },
      schema: {
        tags: ['operations'],
        response: {
          200: z.object({ status: z.string(), checks: z.record(z.string(), z.boolean()) }),
          503: z.object({ status: z.string(), checks: z.record(z.string(), z.boolean()) }),
        },
      },
    },
    async (_request, reply) => {
      const results = await Promise.all(
        deps.readiness.map(async (r) => [r.name, await r.check().catch(() => false)] as const),
      );
      const checks = Object.fromEntries(results);
      const ok = results.every(([, v]) => v);
      if (!ok) reply.header('retry-after', '5');
      return reply.code(ok ? 200 : 503).send({ status: ok ? 'ready' : 'unavailable', checks });
    },
  );
  typed.get(
    '/metrics',
    {
      config: { access: { roles: ['admin', 'supervisor', 'monitoring'] } },
      schema: { tags: ['operations'], hide: true },
    },
    async (_request, reply) => {
      reply.type(registry.contentType);
      return registry.metrics();
    },
  );
  return { app, metrics: registry, routes };
}
