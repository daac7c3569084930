import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { DomainError } from '../../platform/errors.js';
import { DashboardOut, DashboardQuery } from './dashboard.schema.js';
import { utcDayOf, type DashboardService } from './dashboard.service.js';

/** Who sees office figures: customs staff, never traders. */
const DASHBOARD_ROLES = ['officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const MAX_PERIOD_MS = 31 * 86_400_000;

/** `GET /api/v1/dashboard/office-day`: the supervisor dashboard's figures. Thin: parse, call, return. */
export function registerDashboardRoutes(app: FastifyInstance, service: DashboardService): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/dashboard/office-day',
    {
      config: { access: { roles: DASHBOARD_ROLES } },
      schema: {
        tags: ['dashboard'],
        summary: "An office's day: volumes by channel and status, clearance times, pending controls",
        querystring: DashboardQuery,
        response: { 200: DashboardOut },
      },
    },
    async (request) => {
      const day = utcDayOf(new Date());
      const from = request.query.from ? new Date(request.query.from) : day.from;
      const to = request.query.to ? new Date(request.query.to) : day.to;
      if (to <= from || to.getTime() - from.getTime() > MAX_PERIOD_MS)
        throw new DomainError('BAD_REQUEST', 'period must be positive and at most 31 days');
      return service.officeDay({
        from,
        to,
        ...(request.query.office ? { office: request.query.office } : {}),
      });
    },
  );
}
