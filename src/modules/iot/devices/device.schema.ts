import { z } from 'zod';

export const DEVICE_KINDS = ['REEFER_CONTROLLER', 'TRACKER', 'E_SEAL', 'GATEWAY'] as const;
export type DeviceKind = (typeof DEVICE_KINDS)[number];

export const DeviceIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'letters, digits and ._:- (1–64)');

export const RegisterDeviceBody = z
  .object({
    deviceId: DeviceIdSchema,
    kind: z.enum(DEVICE_KINDS),
    label: z.string().trim().min(1).max(120).optional(),
    /** The owning party; a trader may only register devices for its own party. Required for customs admins. */
    ownerTin: z.string().trim().min(2).max(35).optional(),
  })
  .strict();
export type RegisterDeviceInput = z.infer<typeof RegisterDeviceBody>;

export const DeviceOut = z.object({
  deviceId: z.string(),
  kind: z.enum(DEVICE_KINDS),
  label: z.string().nullable(),
  ownerTin: z.string(),
  status: z.enum(['ACTIVE', 'REVOKED']),
  secretVersion: z.number().int(),
  createdAt: z.string(),
  rotatedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
  /** MQTT topics this device publishes on. */
  topics: z.object({ telemetry: z.string(), event: z.string() }),
});
export type DeviceView = z.infer<typeof DeviceOut>;

/** A device with its secret: returned once, at registration or rotation. */
export const DeviceWithSecretOut = DeviceOut.extend({
  secret: z.string(),
  broker: z.object({ mqtt: z.string().nullable(), websocket: z.string().nullable() }),
});
