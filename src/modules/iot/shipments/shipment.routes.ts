import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../platform/http/access.js';
import { resolveTemperatureProfile, type TemperatureProfileOverrides } from '../domain/index.js';
import { BindShipmentBody, ShipmentOut } from './shipment.schema.js';
import type { ShipmentRow } from './shipment.repository.js';
import type { ShipmentService } from './shipment.service.js';

const BINDERS = ['trader', 'admin'] as const;
const READERS = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const Params = z.object({ shipmentId: z.string().min(1).max(64) });

export function toShipmentView(row: ShipmentRow): z.infer<typeof ShipmentOut> {
  const plan = (typeof row.plan === 'string' ? JSON.parse(row.plan) : row.plan) as Record<string, unknown> & {
    temperatureProfile: { profileId: string; overrides?: TemperatureProfileOverrides };
  };
  return {
    shipmentId: row.shipment_id,
    declarationId: row.declaration_id,
    containerNumber: row.equipment_reference,
    ownerTin: row.owner_tin,
    status: row.status as 'ACTIVE' | 'CLOSED',
    boundAt: new Date(row.bound_at).toISOString(),
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    deviceIds: row.device_ids,
    plan,
    profile: resolveTemperatureProfile(
      plan.temperatureProfile.profileId,
      plan.temperatureProfile.overrides ?? {},
    ),
  };
}

export function registerShipmentRoutes(app: FastifyInstance, shipments: ShipmentService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['iot'];

  r.post(
    '/api/v1/iot/shipments',
    {
      config: { access: { roles: BINDERS } },
      schema: {
        tags,
        summary: 'Bind a container on a declaration, and its devices, to a monitoring plan',
        body: BindShipmentBody,
        response: { 201: ShipmentOut },
      },
    },
    async (request, reply) => {
      const { row } = await shipments.bind(principalOf(request), request.body);
      reply.header('location', `/api/v1/iot/shipments/${row.shipment_id}`);
      return reply.code(201).send(toShipmentView(row));
    },
  );

  r.get(
    '/api/v1/iot/shipments',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'Shipments under watch (traders see their own)',
        querystring: z
          .object({
            declarationId: z.uuid().optional(),
            container: z.string().trim().toUpperCase().max(11).optional(),
            status: z.enum(['ACTIVE', 'CLOSED']).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(ShipmentOut) }) },
      },
    },
    async (request) => {
      const q = request.query;
      const rows = await shipments.list(principalOf(request), {
        ...(q.declarationId ? { declarationId: q.declarationId } : {}),
        ...(q.container ? { container: q.container } : {}),
        ...(q.status ? { status: q.status } : {}),
        limit: q.limit,
        offset: q.offset,
      });
      return { items: rows.map(toShipmentView) };
    },
  );

  r.get(
    '/api/v1/iot/shipments/:shipmentId',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'One shipment with its plan and profile',
        params: Params,
        response: { 200: ShipmentOut },
      },
    },
    async (request) => toShipmentView(await shipments.get(principalOf(request), request.params.shipmentId)),
  );

  r.post(
    '/api/v1/iot/shipments/:shipmentId/close',
    {
      config: { access: { roles: BINDERS } },
      schema: {
        tags,
        summary: 'End the watch of a shipment (alarms stay on record)',
        params: Params,
        body: z.object({ reason: z.string().trim().min(3).max(2000) }).strict(),
        response: { 200: ShipmentOut },
      },
    },
    async (request) =>
      toShipmentView(
        await shipments.close(principalOf(request), request.params.shipmentId, request.body.reason),
      ),
  );
}
