import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../http/access.js';
import type { AuthService } from './auth.service.js';
import { ROLES } from './roles.js';

const PrincipalOut = z.object({
  kind: z.enum(['user', 'api_key']),
  id: z.string(),
  name: z.string(),
  roles: z.array(z.enum(ROLES)),
  partyTin: z.string().nullable(),
  office: z.string().nullable(),
  locale: z.string(),
});

const Tin = z.string().regex(/^[A-Z0-9-]{3,20}$/, 'a TIN/EORI: 3–20 capital letters, digits or dashes');

/** Sign-in, sign-out, the caller's identity, and administration of users, parties and API keys. */
export function registerAuthRoutes(app: FastifyInstance, auth: AuthService, loginPerMinute: number): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    '/api/v1/auth/login',
    {
      config: { access: 'public', rateLimit: { max: loginPerMinute, timeWindow: '1 minute' } },
      schema: {
        tags: ['auth'],
        security: [],
        body: z
          .object({ username: z.string().min(1).max(100), password: z.string().min(1).max(200) })
          .strict(),
        response: { 200: z.object({ token: z.string(), expiresAt: z.string(), principal: PrincipalOut }) },
      },
    },
    async (request) => {
      const result = await auth.login(request.body.username, request.body.password);
      return { token: result.token, expiresAt: result.expiresAt.toISOString(), principal: result.principal };
    },
  );
  r.post(
    '/api/v1/auth/logout',
    { config: { access: { roles: ROLES } }, schema: { tags: ['auth'], response: { 204: z.null() } } },
    async (request, reply) => {
      const header = request.headers.authorization;
      if (header?.startsWith('Bearer ')) await auth.logout(header.slice(7).trim());
      return reply.code(204).send(null);
    },
  );
  r.get(
    '/api/v1/auth/me',
    { config: { access: { roles: ROLES } }, schema: { tags: ['auth'], response: { 200: PrincipalOut } } },
    (request) => Promise.resolve(principalOf(request)),
  );
  r.post(
    '/api/v1/users',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        body: z
          .object({
            username: z.string().regex(/^[a-z0-9._-]{3,40}$/),
            displayName: z.string().min(1).max(100).optional(),
            password: z.string().min(8).max(200),
            roles: z.array(z.enum(ROLES)).min(1),
            partyTin: Tin.optional(),
            office: z.string().max(20).optional(),
            locale: z.enum(['en', 'es', 'fr', 'pt']).optional(),
          })
          .strict(),
        response: { 201: PrincipalOut },
      },
    },
    async (request, reply) => reply.code(201).send(await auth.addUser(request.body)),
  );
  r.get(
    '/api/v1/parties',
    {
      config: { access: { roles: ['officer', 'risk_analyst', 'supervisor', 'admin'] } },
      schema: {
        tags: ['admin'],
        response: {
          200: z.array(
            z.object({ tin: z.string(), name: z.string(), country: z.string(), aeo: z.boolean() }),
          ),
        },
      },
    },
    async () =>
      (await auth.repository.listParties()).map((p) => ({
        tin: p.tin,
        name: p.name,
        country: p.country.trim(),
        aeo: p.aeo,
      })),
  );
  r.put(
    '/api/v1/parties/:tin',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        params: z.object({ tin: Tin }),
        body: z
          .object({
            name: z.string().min(1).max(200),
            country: z.string().regex(/^[A-Z]{2}$/),
            aeo: z.boolean().default(false),
          })
          .strict(),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.repository.upsertParty({ tin: request.params.tin, ...request.body });
      return reply.code(204).send(null);
    },
  );
  r.post(
    '/api/v1/api-keys',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        body: z
          .object({
            name: z.string().min(1).max(100),
            roles: z.array(z.enum(ROLES)).min(1),
            partyTin: Tin.optional(),
          })
          .strict(),
        response: { 201: z.object({ id: z.string(), key: z.string() }) },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await auth.createApiKey(request.body.name, request.body.roles, request.body.partyTin ?? null)),
  );
  r.delete(
    '/api/v1/api-keys/:id',
    {
      config: { access: { roles: ['admin'] } },
      schema: {
        tags: ['admin'],
        params: z.object({ id: z.string().regex(/^[0-9a-f]{12}$/) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await auth.revokeApiKey(request.params.id);
      return reply.code(204).send(null);
    },
  );
}
