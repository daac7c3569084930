import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../platform/auth/roles.js';
import { principalOf } from '../../platform/http/access.js';
import { DOCUMENT_STATUSES } from './document.lifecycle.js';
import type { DocumentRow } from './document.repository.js';
import { DOCUMENT_KINDS, type DocumentService } from './document.service.js';

const ISSUERS: readonly Role[] = ['officer', 'supervisor', 'admin'];
const REVOKERS: readonly Role[] = ['supervisor', 'admin'];
const READERS: readonly Role[] = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'];
const VERIFIERS: readonly Role[] = [...READERS, 'partner_administration'];

const DocumentOut = z.object({
  id: z.uuid(),
  kind: z.enum(DOCUMENT_KINDS),
  reference: z.string(),
  holderTin: z.string().nullable(),
  status: z
    .enum(DOCUMENT_STATUSES)
    .describe(
      '`pending` until its batch is anchored on the ledger and issued; a pending document does not verify',
    ),
  targetHash: z.string(),
  batchId: z.uuid(),
  issuedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  revocationReason: z.string().nullable(),
  document: z.record(z.string(), z.unknown()).describe('The wrapped OpenAttestation v2 document'),
});

function toOut(
  row: DocumentRow,
  document: Record<string, unknown> = row.wrapped,
): z.infer<typeof DocumentOut> {
  return {
    id: row.id,
    kind: row.kind as (typeof DOCUMENT_KINDS)[number],
    reference: row.reference,
    holderTin: row.holder_tin,
    status: row.status,
    targetHash: row.target_hash,
    batchId: row.batch_id,
    issuedAt: row.issued_at === null ? null : new Date(row.issued_at).toISOString(),
    revokedAt: row.revoked_at === null ? null : new Date(row.revoked_at).toISOString(),
    revocationReason: row.revocation_reason,
    document,
  };
}

/** Deepest nesting of objects and arrays in a document's data: wrapping, JSON and the database walk it recursively. */
export const MAX_DATA_DEPTH = 32;

/** True when no object or array in `value` lies more than `max` levels down. Iterative: any depth is safe to check. */
function nestedWithin(value: unknown, max: number): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const at = stack.pop()!;
    if (typeof at.value !== 'object' || at.value === null) continue;
    if (at.depth > max) return false;
    for (const child of Object.values(at.value)) stack.push({ value: child, depth: at.depth + 1 });
  }
  return true;
}

const IssueIn = z
  .object({
    documents: z
      .array(
        z
          .object({
            kind: z.enum(DOCUMENT_KINDS),
            reference: z.string().trim().min(1).max(70),
            holderTin: z
              .string()
              .regex(/^[A-Z0-9-]{3,20}$/)
              .optional(),
            data: z.record(z.string(), z.unknown()).refine((data) => nestedWithin(data, MAX_DATA_DEPTH), {
              message: 'DATA_TOO_DEEP',
            }),
          })
          .strict(),
      )
      .min(1)
      .max(1000),
  })
  .strict();

/** HTTP face of verifiable documents: issue (a batch), read or disclose, verify an upload, revoke. */
export function registerDocumentRoutes(app: FastifyInstance, service: DocumentService): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/api/v1/documents',
    {
      config: { access: { roles: ISSUERS } },
      schema: {
        tags: ['documents'],
        summary: 'Issue certificates of origin, invoices or packing lists as one anchored batch',
        description:
          '201: the batch is anchored and its documents issued. 202: the batch is stored but the ledger could not ' +
          'anchor it yet; its documents are `pending` (they do not verify) and are issued once a retry anchors it.',
        body: IssueIn,
        response: {
          201: z.object({ documents: z.array(DocumentOut) }),
          202: z.object({ documents: z.array(DocumentOut) }),
        },
      },
    },
    async (request, reply) => {
      const rows = await service.issue(principalOf(request), request.body.documents);
      const issued = rows.every((r) => r.status === 'issued');
      return reply.code(issued ? 201 : 202).send({ documents: rows.map((r) => toOut(r)) });
    },
  );

  typed.get(
    '/api/v1/documents/:id',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags: ['documents'],
        summary: 'A document; `hide` lists fields to obfuscate (selective disclosure) — it still verifies',
        params: z.object({ id: z.uuid() }),
        querystring: z.object({ hide: z.string().max(2000).optional() }).strict(),
        response: { 200: DocumentOut },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const fields = (request.query.hide ?? '')
        .split(',')
        .map((f) => f.trim())
        .filter(Boolean);
      const row = await service.get(principal, request.params.id);
      return toOut(row, await service.disclose(principal, row.id, fields));
    },
  );

  typed.post(
    '/api/v1/documents/verify',
    {
      config: { access: { roles: VERIFIERS } },
      schema: {
        tags: ['documents'],
        summary: 'Verify a presented document: integrity, issuer, anchored on the ledger, not revoked',
        body: z.object({ document: z.record(z.string(), z.unknown()) }).strict(),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => ({ ...(await service.verify(request.body.document)) }),
  );

  typed.post(
    '/api/v1/documents/:id/revoke',
    {
      config: { access: { roles: REVOKERS } },
      schema: {
        tags: ['documents'],
        summary: 'Revoke a document (its batch stays valid), with a reason recorded on the ledger',
        params: z.object({ id: z.uuid() }),
        body: z.object({ reason: z.string().trim().min(3).max(500) }).strict(),
        response: { 200: DocumentOut },
      },
    },
    async (request) =>
      toOut(await service.revoke(principalOf(request), request.params.id, request.body.reason)),
  );

  typed.get(
    '/api/v1/documents/revocations/:targetHash',
    {
      config: { access: { roles: VERIFIERS } },
      schema: {
        tags: ['documents'],
        summary: 'Revocation status of a document by target hash (OCSP-responder style)',
        params: z.object({ targetHash: z.string().regex(/^[0-9a-f]{64}$/) }),
        response: { 200: z.object({ revoked: z.boolean(), reason: z.string().nullable() }) },
      },
    },
    async (request) => service.revocationStatus(request.params.targetHash),
  );
}
