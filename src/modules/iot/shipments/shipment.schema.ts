import { z } from 'zod';
import { DeviceIdSchema } from '../devices/device.schema.js';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const unLocode = z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN/LOCODE');

export const BindShipmentBody = z
  .object({
    declarationId: z.uuid(),
    /** ISO 6346 container number carried on the declaration. */
    containerNumber: z.string().trim().toUpperCase().min(11).max(11),
    shipmentId: z
      .string()
      .regex(/^[A-Za-z0-9._:-]{1,64}$/)
      .optional(),
    devices: z
      .array(
        z
          .object({
            deviceId: DeviceIdSchema,
            /** Expected seconds between telemetry messages; null for devices that only send events (e-seals). */
            reportingIntervalS: z.number().int().positive().max(86_400).nullable(),
          })
          .strict(),
      )
      .min(1)
      .max(16),
    origin: unLocode,
    destination: unLocode,
    /** Planned route; by default the built-in voyage route or a direct route between the ports. */
    corridor: z
      .object({ path: z.array(lonLat).min(2).max(5000), toleranceM: z.number().positive() })
      .optional(),
    /** Ports, bonded warehouses, border posts (GeoJSON polygons); by default the ports of the route. */
    authorisedZones: z.array(z.record(z.string(), z.unknown())).max(500).optional(),
    temperatureProfile: z
      .object({ profileId: z.string().min(1), overrides: z.record(z.string(), z.unknown()).optional() })
      .strict(),
  })
  .strict();
export type BindShipmentInput = z.infer<typeof BindShipmentBody>;

export const ShipmentOut = z.object({
  shipmentId: z.string(),
  declarationId: z.string(),
  containerNumber: z.string(),
  ownerTin: z.string(),
  status: z.enum(['ACTIVE', 'CLOSED']),
  boundAt: z.string(),
  closedAt: z.string().nullable(),
  deviceIds: z.array(z.string()),
  plan: z.record(z.string(), z.unknown()),
  /** The resolved temperature profile: band, hard limits and rules (for the console's profile band). */
  profile: z.record(z.string(), z.unknown()),
});
