import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Role } from '../../platform/auth/roles.js';
import { principalOf } from '../../platform/http/access.js';
import type { OriginService } from './origin.service.js';
import type { BillOfMaterialsLine, ClaimedGood } from './rules/index.js';

const ASSESSORS: readonly Role[] = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'];
const CUSTOMS: readonly Role[] = ['officer', 'risk_analyst', 'supervisor', 'admin'];

const AssessIn = z
  .object({
    agreement: z.string().trim().min(2).max(20),
    productIdentifier: z.string().max(300).optional(),
    product: z.record(z.string(), z.unknown()).optional(),
    materials: z.array(z.record(z.string(), z.unknown())).max(1000).optional(),
    claimedCountry: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional(),
    declarationId: z.uuid().optional(),
    itemSequence: z.number().int().min(1).max(999).optional(),
  })
  .strict()
  .refine((b) => b.productIdentifier !== undefined || b.product !== undefined, {
    message: 'PRODUCT_OR_TRACE_REQUIRED',
  });

/** HTTP face of origin: assess a claim (with the worksheet), read assessments. */
export function registerOriginRoutes(app: FastifyInstance, service: OriginService): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();

  typed.post(
    '/api/v1/origin/assess',
    {
      config: { access: { roles: ASSESSORS } },
      schema: {
        tags: ['origin'],
        summary:
          'Assess a preferential origin claim from its provenance trace or bill of materials: qualifies, does not qualify or insufficient evidence, with the worksheet (anchored)',
        body: AssessIn,
        response: { 201: z.record(z.string(), z.unknown()) },
      },
    },
    async (request, reply) => {
      const p = principalOf(request);
      const body = request.body;
      const record = await service.assess(`${p.kind}:${p.id}`, {
        agreement: body.agreement,
        ...(body.productIdentifier === undefined ? {} : { productIdentifier: body.productIdentifier }),
        ...(body.product === undefined ? {} : { product: body.product as unknown as ClaimedGood }),
        ...(body.materials === undefined
          ? {}
          : { materials: body.materials as unknown as BillOfMaterialsLine[] }),
        ...(body.claimedCountry === undefined ? {} : { claimedCountry: body.claimedCountry }),
        ...(body.declarationId === undefined ? {} : { declarationId: body.declarationId }),
        ...(body.itemSequence === undefined ? {} : { itemSequence: body.itemSequence }),
      });
      return reply.code(201).send({ ...record });
    },
  );

  typed.get(
    '/api/v1/origin/assessments/:id',
    {
      config: { access: { roles: ASSESSORS } },
      schema: {
        tags: ['origin'],
        params: z.object({ id: z.uuid() }),
        response: { 200: z.record(z.string(), z.unknown()) },
      },
    },
    async (request) => ({ ...(await service.get(request.params.id)) }),
  );

  typed.get(
    '/api/v1/origin/declarations/:id/assessments',
    {
      config: { access: { roles: CUSTOMS } },
      schema: {
        tags: ['origin'],
        summary: 'Origin worksheets of a declaration’s preferential claims',
        params: z.object({ id: z.uuid() }),
        response: { 200: z.object({ assessments: z.array(z.record(z.string(), z.unknown())) }) },
      },
    },
    async (request) => ({
      assessments: (await service.ofDeclaration(request.params.id)).map((a) => ({ ...a })),
    }),
  );
}
