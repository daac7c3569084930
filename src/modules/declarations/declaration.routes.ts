import type { FastifyInstance, FastifyReply, preValidationAsyncHookHandler } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { auditTrailOf } from '../../platform/audit/audit.js';
import type { AnyDb } from '../../platform/database/database.js';
import { DomainError } from '../../platform/errors.js';
import { principalOf } from '../../platform/http/access.js';
import { StorableInstant, StorableInstantOrDate } from '../../platform/time/instants.js';
import type { NotificationRow, DeclarationRow } from './declaration.repository.js';
import type { DeclarationService } from './declaration.service.js';
import {
  CHANNELS,
  ControlResultSchema,
  DeclarationInputSchema,
  DocumentSchema,
  STATUSES,
} from './declaration.schema.js';
import {
  DeclarationOut,
  DeclarationSummaryOut,
  NotificationOut,
  toDetail,
  toNotification,
  toSummary,
} from './declaration.views.js';
import { wcoPathFor } from './wco-pointers.js';

const TRADER = ['trader'] as const;
const OFFICER = ['officer', 'supervisor'] as const;
const READERS = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const CUSTOMS = ['officer', 'risk_analyst', 'supervisor', 'admin'] as const;

const IdParams = z.object({ id: z.uuid() });
const Reason = z.object({ reason: z.string().trim().min(3).max(2000) }).strict();
const csv = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();

const QueueQuery = z
  .object({
    status: csv(STATUSES),
    channel: csv(CHANNELS),
    office: z.string().max(10).optional(),
    party: z.string().max(20).optional(),
    hs: z
      .string()
      .regex(/^\d{2,10}$/)
      .optional(),
    lrn: z.string().max(35).optional(),
    container: z.string().max(17).optional(),
    from: StorableInstantOrDate.optional(),
    to: StorableInstantOrDate.optional(),
    sort: z.enum(['lodgedAt', '-lodgedAt', 'value', '-value', 'status']).default('-lodgedAt'),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  })
  .strict();

/**
 * Other representations of declarations, supplied by translator modules (WCO DEC/RES-DMS XML by `interchange`), so
 * that this module does not depend on them.
 */
export interface DeclarationRepresentations {
  /**
   * Runs before validation of `POST /api/v1/declarations`: may turn a non-JSON body (e.g. WCO XML) into a
   * `DeclarationInput`, or answer the request itself (amendments and cancellations that act on an existing one).
   */
  lodgementAdapter?: preValidationAsyncHookHandler;
  /** Renders a declaration as XML (`GET /api/v1/declarations/:id?format=xml`). */
  declarationXml?: (row: DeclarationRow) => string;
  /** Renders notifications as XML (`GET /api/v1/declarations/:id/notifications?format=xml`). */
  notificationsXml?: (row: DeclarationRow, notifications: NotificationRow[]) => string;
}

const Format = z.object({ format: z.enum(['json', 'xml']).default('json') }).strict();

/** HTTP face of the declarations module. Thin: parse, authorise, call the service, map the result. */
export function registerDeclarationRoutes(
  app: FastifyInstance,
  service: DeclarationService,
  db: AnyDb,
  representations: DeclarationRepresentations = {},
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['declarations'];

  r.post(
    '/api/v1/declarations',
    {
      config: { access: { roles: TRADER }, wcoPaths: wcoPathFor },
      ...(representations.lodgementAdapter ? { preValidation: representations.lodgementAdapter } : {}),
      schema: {
        tags,
        summary: 'Lodge a goods declaration (idempotent per declarant and LRN)',
        body: DeclarationInputSchema,
        response: { 200: DeclarationOut, 201: DeclarationOut },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { declaration, created } = await service.lodge(principal, request.body);
      reply.header('location', `/api/v1/declarations/${declaration.id}`);
      return reply.code(created ? 201 : 200).send(toDetail(declaration, principal));
    },
  );

  r.get(
    '/api/v1/declarations',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'The work queue: filter, sort and page declarations (traders see their own)',
        querystring: QueueQuery,
        response: {
          200: z.object({
            items: z.array(DeclarationSummaryOut),
            total: z.number(),
            limit: z.number(),
            offset: z.number(),
          }),
        },
      },
    },
    async (request) => {
      const q = request.query;
      const { rows, total } = await service.list(principalOf(request), {
        ...(q.status ? { status: q.status } : {}),
        ...(q.channel ? { channel: q.channel } : {}),
        ...(q.office ? { office: q.office } : {}),
        ...(q.party ? { party: q.party } : {}),
        ...(q.hs ? { hs: q.hs } : {}),
        ...(q.lrn ? { lrn: q.lrn } : {}),
        ...(q.container ? { container: q.container.toUpperCase() } : {}),
        ...(q.from ? { from: new Date(q.from) } : {}),
        ...(q.to ? { to: new Date(q.to) } : {}),
        sort: q.sort,
        limit: q.limit,
        offset: q.offset,
      });
      return { items: rows.map(toSummary), total, limit: q.limit, offset: q.offset };
    },
  );

  r.get(
    '/api/v1/declarations/:id',
    {
      config: { access: { roles: READERS } },
      schema: { tags, params: IdParams, querystring: Format, response: { 200: DeclarationOut } },
    },
    async (request, reply) => {
      const row = await service.get(principalOf(request), request.params.id);
      if (request.query.format === 'xml') return sendXml(reply, representations.declarationXml?.(row));
      return toDetail(row, principalOf(request));
    },
  );

  r.get(
    '/api/v1/declarations/:id/notifications',
    {
      config: { access: { roles: READERS } },
      schema: { tags, params: IdParams, querystring: Format, response: { 200: z.array(NotificationOut) } },
    },
    async (request, reply) => {
      const notes = await service.notifications(principalOf(request), request.params.id);
      if (request.query.format === 'xml') {
        const row = await service.get(principalOf(request), request.params.id);
        return sendXml(reply, representations.notificationsXml?.(row, notes));
      }
      return notes.map(toNotification);
    },
  );

  r.get(
    '/api/v1/declarations/:id/audit',
    {
      config: { access: { roles: CUSTOMS } },
      schema: {
        tags,
        summary: 'The audit trail of a declaration (customs roles only)',
        params: IdParams,
        response: {
          200: z.array(
            z.object({
              seq: z.number().nullable(),
              occurredAt: z.string(),
              actor: z.object({ id: z.string(), name: z.string() }),
              action: z.string(),
              reason: z.string().nullable(),
              data: z.record(z.string(), z.unknown()),
              hash: z.string().nullable(),
            }),
          ),
        },
      },
    },
    async (request) => {
      await service.get(principalOf(request), request.params.id);
      return auditTrailOf(db, 'declaration', request.params.id);
    },
  );

  const action = <B extends z.ZodType>(
    path: string,
    roles: readonly ('trader' | 'officer' | 'supervisor' | 'inventory_system')[],
    body: B,
    summary: string,
    run: (
      principal: ReturnType<typeof principalOf>,
      id: string,
      body: z.infer<B>,
    ) => Promise<Parameters<typeof toDetail>[0]>,
  ) =>
    r.post(
      `/api/v1/declarations/:id/${path}`,
      {
        config: { access: { roles } },
        schema: { tags, summary, params: IdParams, body, response: { 200: DeclarationOut } },
      },
      async (request) => {
        const principal = principalOf(request);
        return toDetail(await run(principal, request.params.id, request.body as z.infer<B>), principal);
      },
    );

  const Arrival = z
    .object({
      arrivedAt: StorableInstant.optional(),
      location: z.string().max(35).optional(),
    })
    .strict();
  action(
    'arrival',
    ['officer', 'supervisor', 'inventory_system'],
    Arrival,
    'Record the arrival of the goods',
    (p, id, b) => service.recordArrival(p, id, b.arrivedAt ? new Date(b.arrivedAt) : new Date(), b.location),
  );
  action(
    'documents-request',
    OFFICER,
    z
      .object({
        documents: z.array(z.string().trim().min(2).max(200)).min(1).max(20),
        reason: z.string().trim().min(3).max(2000),
      })
      .strict(),
    'Ask the declarant for documents',
    (p, id, b) => service.requestDocuments(p, id, b.documents, b.reason),
  );
  action(
    'documents',
    TRADER,
    z.object({ documents: z.array(DocumentSchema).min(1).max(20) }).strict(),
    'Answer a document request',
    (p, id, b) => service.submitDocuments(p, id, b.documents),
  );
  action('control-result', OFFICER, ControlResultSchema, 'Record the result of a control', (p, id, b) =>
    service.recordControlResult(p, id, b),
  );
  action('release', OFFICER, Reason, 'Release the goods', (p, id, b) => service.release(p, id, b.reason));
  action('hold', OFFICER, Reason, 'Hold the goods', (p, id, b) => service.hold(p, id, b.reason));
  action('seize', OFFICER, Reason, 'Seize the goods', (p, id, b) => service.seize(p, id, b.reason));
  action(
    'invalidation',
    ['trader', 'officer', 'supervisor'],
    Reason,
    'Invalidate (cancel) the declaration',
    (p, id, b) => service.invalidate(p, id, b.reason),
  );
  r.post(
    '/api/v1/declarations/:id/amendment',
    {
      config: {
        access: { roles: TRADER },
        wcoPaths: (p: string) => wcoPathFor(p.replace(/^\/declaration/, '')),
      },
      schema: {
        tags,
        summary: 'Amend the declaration with a complete new version',
        params: IdParams,
        body: z
          .object({ reason: z.string().trim().min(3).max(2000), declaration: DeclarationInputSchema })
          .strict(),
        response: { 200: DeclarationOut },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return toDetail(
        await service.amend(principal, request.params.id, request.body.declaration, request.body.reason),
        principal,
      );
    },
  );

  r.post(
    '/api/v1/arrivals',
    {
      config: { access: { roles: ['officer', 'supervisor', 'inventory_system'] } },
      schema: {
        tags,
        summary: 'Arrival of containers reported by a port or inventory system',
        body: z
          .object({
            containers: z
              .array(
                // As marked (DE 7/10, an..17): ISO 6346 numbers, and the swap-body or other marks declarations carry.
                z.string().trim().toUpperCase().min(1).max(17),
              )
              .min(1)
              .max(200),
            arrivedAt: StorableInstant.optional(),
            location: z.string().max(35).optional(),
          })
          .strict(),
        response: { 200: z.object({ declarations: z.array(DeclarationSummaryOut) }) },
      },
    },
    async (request) => {
      const b = request.body;
      const rows = await service.recordArrivalByContainers(
        principalOf(request),
        b.containers,
        b.arrivedAt ? new Date(b.arrivedAt) : new Date(),
        b.location,
      );
      return { declarations: rows.map(toSummary) };
    },
  );
}

function sendXml(reply: FastifyReply, xml: string | undefined) {
  if (xml === undefined)
    throw new DomainError('FORMAT_NOT_AVAILABLE', undefined, { params: { format: 'xml' } });
  return reply
    .code(200)
    .type('application/xml; charset=utf-8')
    .serializer((x: unknown) => String(x))
    .send(xml);
}
