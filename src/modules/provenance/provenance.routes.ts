import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../platform/auth/roles.js';
import { DomainError } from '../../platform/errors.js';
import { principalOf } from '../../platform/http/access.js';
import { EPCIS_EVENT_TYPES, type ProvenanceService } from './provenance.service.js';
import type { TraceBuilder } from './trace.js';

const TRADER: readonly Role[] = ['trader'];
const READERS: readonly Role[] = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'];
const base64 = z
  .string()
  .regex(/^[A-Za-z0-9+/_-]+={0,2}$/, 'base64')
  .max(200);
const decode = (text: string) =>
  new Uint8Array(Buffer.from(text, text.includes('-') || text.includes('_') ? 'base64url' : 'base64'));

/** An EPCIS 2.0 event in JSON(-LD); fields beyond these are kept and hashed (ILMD, extensions). */
const EpcisEventIn = z.looseObject({
  type: z.enum(EPCIS_EVENT_TYPES),
  eventTime: z.iso.datetime({ offset: true }),
  eventTimeZoneOffset: z.string().regex(/^[+-]\d{2}:\d{2}$/),
  action: z.enum(['ADD', 'OBSERVE', 'DELETE']).optional(),
});

const RecordIn = z
  .object({ event: EpcisEventIn, signature: base64, keyId: z.string().regex(/^[0-9a-f]{16}$/) })
  .strict();

const KeyOut = z.object({
  keyId: z.string(),
  partyTin: z.string(),
  publicKey: z.string(),
  registeredAt: z.string(),
  revokedAt: z.string().nullable(),
});
const toKeyOut = (k: {
  key_id: string;
  party_tin: string;
  public_key: Uint8Array;
  registered_at: Date;
  revoked_at: Date | null;
}) => ({
  keyId: k.key_id,
  partyTin: k.party_tin,
  publicKey: Buffer.from(k.public_key).toString('base64'),
  registeredAt: new Date(k.registered_at).toISOString(),
  revokedAt: k.revoked_at === null ? null : new Date(k.revoked_at).toISOString(),
});

/** HTTP face of provenance: party keys, signed EPCIS events, traces. */
export function registerProvenanceRoutes(
  app: FastifyInstance,
  service: ProvenanceService,
  traces: TraceBuilder,
): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/api/v1/provenance/keys',
    {
      config: { access: { roles: TRADER } },
      schema: {
        tags: ['provenance'],
        summary: "Register the caller's party's Ed25519 public key (raw 32 bytes, base64)",
        body: z.object({ publicKey: base64 }).strict(),
        response: { 201: KeyOut },
      },
    },
    async (request, reply) => {
      const key = await service.registerKey(principalOf(request), decode(request.body.publicKey));
      return reply.code(201).send(toKeyOut(key));
    },
  );

  typed.get(
    '/api/v1/provenance/keys',
    {
      config: { access: { roles: TRADER } },
      schema: { tags: ['provenance'], response: { 200: z.object({ keys: z.array(KeyOut) }) } },
    },
    async (request) => ({ keys: (await service.keysOf(principalOf(request))).map(toKeyOut) }),
  );

  typed.delete(
    '/api/v1/provenance/keys/:keyId',
    {
      config: { access: { roles: TRADER } },
      schema: {
        tags: ['provenance'],
        params: z.object({ keyId: z.string().max(32) }),
        response: { 204: z.null() },
      },
    },
    async (request, reply) => {
      await service.revokeKey(principalOf(request), request.params.keyId);
      return reply.code(204).send(null);
    },
  );

  typed.post(
    '/api/v1/provenance/events',
    {
      config: { access: { roles: TRADER } },
      schema: {
        tags: ['provenance'],
        summary: 'Record an EPCIS 2.0 event signed by the caller’s party (signature over its event hash ID)',
        body: RecordIn,
        response: {
          201: z.object({
            eventId: z.string(),
            eventHash: z.string(),
            eventType: z.string(),
            partyTin: z.string(),
            keyId: z.string(),
            created: z.boolean(),
          }),
          200: z.object({
            eventId: z.string(),
            eventHash: z.string(),
            eventType: z.string(),
            partyTin: z.string(),
            keyId: z.string(),
            created: z.boolean(),
          }),
        },
      },
    },
    async (request, reply) => {
      const result = await service.record(principalOf(request), {
        event: request.body.event,
        signature: decode(request.body.signature),
        keyId: request.body.keyId,
      });
      return reply.code(result.created ? 201 : 200).send(result);
    },
  );

  typed.get(
    '/api/v1/provenance/events/:eventId',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['provenance'],
        params: z.object({ eventId: z.string().max(200) }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const row = await service.repo.event(request.params.eventId);
      if (row === undefined) throw new DomainError('NOT_FOUND');
      const status = (await service.signatureStatuses([row])).get(row.event_id);
      return {
        eventId: row.event_id,
        eventType: row.event_type,
        partyTin: row.party_tin,
        keyId: row.key_id,
        signature: Buffer.from(row.signature).toString('base64'),
        signatureStatus: status,
        recordedAt: new Date(row.recorded_at).toISOString(),
        event: row.event,
      };
    },
  );

  typed.get(
    '/api/v1/provenance/trace',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['provenance'],
        summary: 'Provenance graph of a product, container or declaration back to raw materials',
        querystring: z
          .object({
            product: z.string().max(300).optional(),
            container: z.string().max(100).optional(),
            declaration: z.uuid().optional(),
          })
          .strict()
          .refine((q) => [q.product, q.container, q.declaration].filter(Boolean).length === 1, {
            message: 'ONE_SUBJECT_REQUIRED',
          }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => {
      const { product, container, declaration } = request.query;
      if (product) return { ...(await traces.traceProduct(product)) };
      if (container) return { ...(await traces.traceContainer(container)) };
      const graph = await traces.traceDeclaration(declaration!);
      if (graph === undefined) throw new DomainError('DECLARATION_NOT_FOUND');
      return { ...graph };
    },
  );
}
