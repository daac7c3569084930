import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../platform/http/access.js';
import { StorableInstant } from '../../../platform/time/instants.js';
import { ALARM_SEVERITIES, ALARM_STATUSES, ALARM_TYPES } from './alarm-text.js';
import { AlarmOut, toAlarmView } from './alarm.schema.js';
import type { AlarmService } from './alarm.service.js';

const READERS = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const OFFICERS = ['officer', 'supervisor'] as const;
const Params = z.object({ alarmId: z.string().min(1).max(64) });
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

export function registerAlarmRoutes(app: FastifyInstance, alarms: AlarmService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['iot'];

  r.get(
    '/api/v1/iot/alarms',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'The alarm board: filter and page alarms (traders see their containers’)',
        querystring: z
          .object({
            status: csv(ALARM_STATUSES),
            type: csv(ALARM_TYPES),
            severity: csv(ALARM_SEVERITIES),
            container: z.string().trim().toUpperCase().max(11).optional(),
            declarationId: z.uuid().optional(),
            from: StorableInstant.optional(),
            to: StorableInstant.optional(),
            limit: z.coerce.number().int().min(1).max(500).default(50),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(AlarmOut), total: z.number() }) },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await alarms.list(principalOf(request), {
        status: q.status,
        type: q.type,
        severity: q.severity,
        container: q.container,
        declarationId: q.declarationId,
        from: q.from ? new Date(q.from) : undefined,
        to: q.to ? new Date(q.to) : undefined,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: rows.map(toAlarmView), total };
    },
  );

  r.get(
    '/api/v1/iot/alarms/:alarmId',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'One alarm with its comments and history',
        params: Params,
        response: { 200: AlarmOut },
      },
    },
    async (request) => toAlarmView(await alarms.get(principalOf(request), request.params.alarmId)),
  );

  r.post(
    '/api/v1/iot/alarms/:alarmId/acknowledge',
    {
      config: { access: { roles: OFFICERS } },
      schema: { tags, summary: 'Acknowledge an alarm', params: Params, response: { 200: AlarmOut } },
    },
    async (request) => toAlarmView(await alarms.acknowledge(principalOf(request), request.params.alarmId)),
  );

  r.post(
    '/api/v1/iot/alarms/:alarmId/comments',
    {
      config: { access: { roles: OFFICERS } },
      schema: {
        tags,
        summary: 'Comment on an alarm',
        params: Params,
        body: z.object({ text: z.string().trim().min(1).max(2000) }).strict(),
        response: { 200: AlarmOut },
      },
    },
    async (request) =>
      toAlarmView(await alarms.comment(principalOf(request), request.params.alarmId, request.body.text)),
  );

  r.post(
    '/api/v1/iot/alarms/:alarmId/clear',
    {
      config: { access: { roles: OFFICERS } },
      schema: {
        tags,
        summary: 'Clear an alarm by hand (the rules raise it again if the condition persists)',
        params: Params,
        body: z.object({ reason: z.string().trim().min(3).max(2000) }).strict(),
        response: { 200: AlarmOut },
      },
    },
    async (request) =>
      toAlarmView(await alarms.clear(principalOf(request), request.params.alarmId, request.body.reason)),
  );
}
