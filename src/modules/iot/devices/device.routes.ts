import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { principalOf } from '../../../platform/http/access.js';
import type { BrokerEndpoints } from '../broker/telemetry-broker.js';
import { DeviceIdSchema, DeviceOut, DeviceWithSecretOut, RegisterDeviceBody } from './device.schema.js';
import type { DeviceService } from './device.service.js';

const MANAGERS = ['trader', 'admin'] as const;
const READERS = ['trader', 'officer', 'risk_analyst', 'supervisor', 'admin'] as const;
const Params = z.object({ deviceId: DeviceIdSchema });

/** HTTP face of the device registry: traders manage their party's devices, admins any. */
export function registerDeviceRoutes(
  app: FastifyInstance,
  devices: DeviceService,
  endpoints: () => BrokerEndpoints | null,
): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['iot'];
  const withSecret = (view: z.infer<typeof DeviceOut>, secret: string) => {
    const e = endpoints();
    return { ...view, secret, broker: { mqtt: e?.mqtt ?? null, websocket: e?.websocket ?? null } };
  };

  r.post(
    '/api/v1/iot/devices',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags,
        summary: 'Register a device; its secret is shown once',
        body: RegisterDeviceBody,
        response: { 201: DeviceWithSecretOut },
      },
    },
    async (request, reply) => {
      const { device, secret } = await devices.register(principalOf(request), request.body);
      reply.header('location', `/api/v1/iot/devices/${device.device_id}`);
      return reply.code(201).send(withSecret(devices.view(device), secret));
    },
  );

  r.get(
    '/api/v1/iot/devices',
    {
      config: { access: { roles: READERS } },
      schema: {
        tags,
        summary: 'Devices (traders see their own)',
        querystring: z
          .object({
            status: z.enum(['ACTIVE', 'REVOKED']).optional(),
            limit: z.coerce.number().int().min(1).max(1000).default(100),
            offset: z.coerce.number().int().min(0).default(0),
          })
          .strict(),
        response: { 200: z.object({ items: z.array(DeviceOut) }) },
      },
    },
    async (request) => {
      const rows = await devices.list(principalOf(request), request.query);
      return { items: rows.map((row) => devices.view(row)) };
    },
  );

  r.get(
    '/api/v1/iot/devices/:deviceId',
    {
      config: { access: { roles: READERS } },
      schema: { tags, summary: 'One device', params: Params, response: { 200: DeviceOut } },
    },
    async (request) => devices.view(await devices.get(principalOf(request), request.params.deviceId)),
  );

  r.post(
    '/api/v1/iot/devices/:deviceId/rotate',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags,
        summary: 'Issue a new secret; the old one stops working and live connections are closed',
        params: Params,
        response: { 200: DeviceWithSecretOut },
      },
    },
    async (request) => {
      const { device, secret } = await devices.rotate(principalOf(request), request.params.deviceId);
      return withSecret(devices.view(device), secret);
    },
  );

  r.post(
    '/api/v1/iot/devices/:deviceId/revoke',
    {
      config: { access: { roles: MANAGERS } },
      schema: {
        tags,
        summary: 'Revoke a device: it can no longer connect',
        params: Params,
        body: z.object({ reason: z.string().trim().min(3).max(2000) }).strict(),
        response: { 200: DeviceOut },
      },
    },
    async (request) =>
      devices.view(await devices.revoke(principalOf(request), request.params.deviceId, request.body.reason)),
  );
}
