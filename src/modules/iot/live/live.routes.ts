import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isPartyScoped } from '../../../platform/auth/roles.js';
import { DomainError } from '../../../platform/errors.js';
import { principalOf } from '../../../platform/http/access.js';
import { before, StorableInstant } from '../../../platform/time/instants.js';
import { toDcsaEquipmentEvent, type CustomsEquipmentEvents } from '../customs/equipment-events.js';
import type { ContainerViews } from './container-views.js';
import type { LiveHub, LiveItem } from './live-hub.js';
import {
  ContainerStateOut,
  DeclarationWatchOut,
  EquipmentEventsOut,
  FleetOut,
  SeriesOut,
  TrackOut,
} from './live.schema.js';

const READERS = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const Container = z.object({
  containerNumber: z
    .string()
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{4}\d{7}$/),
});
const Range = z
  .object({
    from: StorableInstant.optional(),
    to: StorableInstant.optional(),
  })
  .strict();
const DAY = 86_400_000;

function range(q: { from?: string | undefined; to?: string | undefined }, defaultMs: number) {
  const to = q.to ? new Date(q.to) : new Date(Date.now() + 60_000);
  const from = q.from ? new Date(q.from) : before(to, defaultMs);
  return { from, to };
}

/** Live views: fleet map, container state, track, series, a declaration's watch, customs events, and the SSE stream. */
export function registerLiveRoutes(
  app: FastifyInstance,
  views: ContainerViews,
  hub: LiveHub,
  customs: CustomsEquipmentEvents,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['iot'];
  const access = { access: { roles: READERS } };

  r.get(
    '/api/v1/iot/fleet',
    {
      config: access,
      schema: {
        tags,
        summary: 'Fleet map: active shipments, last positions, worst alarm',
        response: { 200: FleetOut },
      },
    },
    async (request) => views.fleet(principalOf(request)),
  );

  r.get(
    '/api/v1/iot/containers/:containerNumber',
    {
      config: access,
      schema: {
        tags,
        summary:
          'A container: shipment and plan (corridor, profile band), last reading and event, active alarms',
        params: Container,
        response: { 200: ContainerStateOut },
      },
    },
    async (request) => views.state(principalOf(request), request.params.containerNumber),
  );

  r.get(
    '/api/v1/iot/containers/:containerNumber/track',
    {
      config: access,
      schema: {
        tags,
        summary: 'Positions over a period (default the last 7 days)',
        params: Container,
        querystring: Range.extend({ limit: z.coerce.number().int().min(1).max(50_000).default(5000) }),
        response: { 200: TrackOut },
      },
    },
    async (request) => {
      const { from, to } = range(request.query, 7 * DAY);
      return views.track(principalOf(request), request.params.containerNumber, from, to, request.query.limit);
    },
  );

  r.get(
    '/api/v1/iot/containers/:containerNumber/series',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Temperature, humidity and speed over time; 15-minute aggregates beyond 48 h (or on request)',
        params: Container,
        querystring: Range.extend({ resolution: z.enum(['auto', 'raw', '15m']).default('auto') }),
        response: { 200: SeriesOut },
      },
    },
    async (request) => {
      const { from, to } = range(request.query, DAY);
      return views.series(
        principalOf(request),
        request.params.containerNumber,
        from,
        to,
        request.query.resolution,
      );
    },
  );

  r.get(
    '/api/v1/iot/declarations/:declarationId',
    {
      config: access,
      schema: {
        tags,
        summary: 'A declaration’s containers under watch and their alarms',
        params: z.object({ declarationId: z.uuid() }),
        response: { 200: DeclarationWatchOut },
      },
    },
    async (request) => views.forDeclaration(principalOf(request), request.params.declarationId),
  );

  r.get(
    '/api/v1/iot/equipment-events',
    {
      config: access,
      schema: {
        tags,
        summary: 'Customs equipment events (DCSA CUSS, CUSI, CUSR) for containers',
        querystring: z
          .object({
            container: z.string().trim().toUpperCase().max(17).optional(),
            declarationId: z.uuid().optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
          })
          .strict(),
        response: { 200: EquipmentEventsOut },
      },
    },
    async (request) => {
      const p = principalOf(request);
      const q = request.query;
      const rows = await customs.list({
        partyTin: isPartyScoped(p) ? (p.partyTin ?? '∅') : null,
        ...(q.container ? { container: q.container } : {}),
        ...(q.declarationId ? { declarationId: q.declarationId } : {}),
        limit: q.limit,
      });
      return { items: rows.map(toDcsaEquipmentEvent) };
    },
  );

  r.get(
    '/api/v1/iot/stream',
    {
      config: access,
      schema: {
        tags,
        summary:
          'Server-sent events: `telemetry`, `alarm`, `equipment-event` (traders get only their containers). Telemetry is thinned to one event per container per `throttleMs`.',
        querystring: z
          .object({
            container: z.string().trim().toUpperCase().max(17).optional(),
            kinds: z
              .string()
              .transform((s) => s.split(',').filter(Boolean))
              .pipe(z.array(z.enum(['telemetry', 'alarm', 'equipment-event'])))
              .optional(),
            throttleMs: z.coerce.number().int().min(0).max(60_000).default(1000),
          })
          .strict(),
      },
    },
    async (request, reply) => {
      if (!String(request.headers.accept ?? '').includes('text/event-stream'))
        throw new DomainError('FORMAT_NOT_AVAILABLE', undefined, { extra: { accept: 'text/event-stream' } });
      const principal = principalOf(request);
      const scoped = isPartyScoped(principal);
      const { container, kinds, throttleMs } = request.query;
      const lastSent = new Map<string, number>();
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      res.write(`retry: 3000\n: connected\n\n`);
      let id = 0;
      const send = (item: LiveItem) => {
        if (scoped && (!principal.partyTin || !item.partyTins.includes(principal.partyTin))) return;
        if (container && item.equipmentReference !== container) return;
        if (kinds && !kinds.includes(item.kind)) return;
        if (item.kind === 'telemetry' && throttleMs > 0) {
          const now = Date.now();
          const last = lastSent.get(item.equipmentReference) ?? 0;
          if (now - last < throttleMs) return;
          lastSent.set(item.equipmentReference, now);
        }
        id += 1;
        res.write(
          `id: ${id}\nevent: ${item.kind}\ndata: ${JSON.stringify({ containerNumber: item.equipmentReference, ...item.data })}\n\n`,
        );
      };
      const unsubscribe = hub.subscribe(send, () => res.end());
      const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), 15_000);
      heartbeat.unref();
      const end = () => {
        clearInterval(heartbeat);
        unsubscribe();
      };
      request.raw.on('close', end);
      res.on('close', end);
      return reply;
    },
  );
}
