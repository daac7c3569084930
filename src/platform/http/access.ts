import type { FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AuthService } from '../auth/auth.service.js';
import { hasAnyRole, type Principal, type Role } from '../auth/roles.js';
import { DomainError } from '../errors.js';

/**
 * Who may call a route. Every route declares it; a route without one fails at start-up, so nothing is reachable by
 * accident. `public` is reserved for liveness, readiness, sign-in and the API documents.
 */
export type Access = 'public' | { roles: readonly Role[] };

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** Paths owned by plugins (API documents, static console) that are public by nature. */
const PUBLIC_PREFIXES = ['/api/docs'];

export function assertRouteHasAccess(route: RouteOptions): void {
  const config = route.config;
  if (config?.access) return;
  if (PUBLIC_PREFIXES.some((p) => route.url.startsWith(p))) {
    route.config = { ...(route.config ?? {}), access: 'public' };
    return;
  }
  if (route.method === 'HEAD' || (Array.isArray(route.method) && route.method.every((m) => m === 'HEAD')))
    return;
  throw new Error(`route ${String(route.method)} ${route.url} declares no access rule`);
}

function credentialOf(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7).trim();
  const key = request.headers['x-api-key'];
  if (typeof key === 'string') return key.trim();
  return undefined;
}

/** onRequest hook: authenticates the caller and enforces the route's role list. */
export function authorize(auth: AuthService) {
  return async (request: FastifyRequest, _reply: FastifyReply): Promise<void> => {
    request.principal = null;
    const access = request.routeOptions.config?.access;
    const credential = credentialOf(request);
    if (credential) request.principal = (await auth.authenticate(credential)) ?? null;
    if (access === 'public') return;
    if (!access) {
      // Unknown URL (404 handler) or HEAD: still require a valid credential before saying anything.
      if (!request.principal) throw new DomainError('UNAUTHENTICATED');
      return;
    }
    if (!request.principal) throw new DomainError('UNAUTHENTICATED');
    if (!hasAnyRole(request.principal, access.roles)) throw new DomainError('FORBIDDEN');
  };
}

/** The caller of an authenticated route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('UNAUTHENTICATED');
  return request.principal;
}
