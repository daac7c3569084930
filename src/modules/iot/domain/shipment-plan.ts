/**
 * A shipment under IoT watch: the container (ISO 6346), its devices and the declaration it travels under,
 * with the plan the alarm rules check it against — origin and destination (UN/LOCODE), the corridor
 * (planned route with a tolerance), the authorised zones and the temperature profile.
 */
import { z } from 'zod';
import { isContainerNumber } from '../../../platform/reference/index.js';
import { IotDomainError } from './errors.js';
import {
  boundingBox,
  compilePolyline,
  isInsidePolygon,
  type CompiledPolyline,
  type LonLat,
  type PolygonRings,
} from './geo.js';
import { resolveTemperatureProfile, type TemperatureProfile } from './profiles.js';

const lonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);
const ring = z
  .array(lonLat)
  .min(4)
  .refine((r) => r[0]![0] === r[r.length - 1]![0] && r[0]![1] === r[r.length - 1]![1], {
    message: 'RING_NOT_CLOSED',
  });
const unLocode = z.string().regex(/^[A-Z]{2}[A-Z2-9]{3}$/, 'UN_LOCODE_INVALID');

export const ZONE_KINDS = [
  'PORT',
  'BONDED_WAREHOUSE',
  'BORDER_POST',
  'INSPECTION_AREA',
  'ANCHORAGE',
] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const authorisedZoneSchema = z.object({
  zoneId: z.string().min(1).max(64),
  kind: z.enum(ZONE_KINDS),
  name: z.string().min(1).max(120),
  locode: unLocode.optional(),
  /** GeoJSON Polygon coordinates ([lon, lat], outer ring then holes). */
  polygon: z.array(ring).min(1),
});
export type AuthorisedZone = z.infer<typeof authorisedZoneSchema>;

export const shipmentPlanSchema = z.object({
  shipmentId: z.string().min(1).max(64),
  /** The declaration the container travels under (e.g. an MRN or LRN); optional until lodged. */
  declarationReference: z.string().min(1).max(64).optional(),
  equipmentReference: z.string().refine(isContainerNumber, { message: 'EQUIPMENT_REFERENCE_NOT_ISO6346' }),
  devices: z
    .array(
      z.object({
        deviceId: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/),
        /** Expected seconds between telemetry messages; null for devices that only send events (e-seals). */
        reportingIntervalS: z.number().int().positive().max(86_400).nullable(),
      }),
    )
    .min(1),
  origin: unLocode,
  destination: unLocode,
  corridor: z.object({ path: z.array(lonLat).min(2), toleranceM: z.number().positive().max(500_000) }),
  authorisedZones: z.array(authorisedZoneSchema).max(500),
  temperatureProfile: z.object({
    profileId: z.string(),
    overrides: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type ShipmentPlan = z.infer<typeof shipmentPlanSchema>;

interface CompiledZone {
  zone: AuthorisedZone;
  box: [number, number, number, number];
  rings: PolygonRings;
}

/** A validated plan with its geometry prepared and its profile resolved; what a monitor evaluates against. */
export interface CompiledShipmentPlan {
  readonly plan: ShipmentPlan;
  readonly profile: TemperatureProfile;
  readonly corridor: CompiledPolyline;
  readonly zones: readonly CompiledZone[];
  /** Silence threshold per device, ms (interval × k); devices without an interval are not watched. */
  readonly silenceAfterMs: Readonly<Record<string, number>>;
  /**
   * How long the last observation is assumed to hold (ms): the longest silence threshold, or 15 min when
   * no device reports periodically. Beyond it the record has a gap, not a constant.
   */
  readonly holdMs: number;
}

/** Validates and prepares a plan. Throws `SHIPMENT_PLAN_INVALID` with the paths of what is wrong. */
export function compileShipmentPlan(input: unknown): CompiledShipmentPlan {
  const parsed = shipmentPlanSchema.safeParse(input);
  if (!parsed.success) {
    throw new IotDomainError('SHIPMENT_PLAN_INVALID', {
      issues: parsed.error.issues.map((i) => ({
        path: i.path.join('.'),
        code: i.code === 'custom' ? i.message : i.code,
      })),
    });
  }
  const plan = parsed.data;
  const profile = resolveTemperatureProfile(
    plan.temperatureProfile.profileId,
    plan.temperatureProfile.overrides ?? {},
  );
  const silenceAfterMs: Record<string, number> = {};
  for (const device of plan.devices) {
    if (device.reportingIntervalS !== null) {
      silenceAfterMs[device.deviceId] =
        device.reportingIntervalS * 1000 * profile.rules.deviceSilent.intervalFactor;
    }
  }
  const thresholds = Object.values(silenceAfterMs);
  return {
    plan,
    profile,
    corridor: compilePolyline(plan.corridor.path),
    zones: plan.authorisedZones.map((zone) => ({
      zone,
      rings: zone.polygon,
      box: boundingBox(zone.polygon as PolygonRings),
    })),
    silenceAfterMs,
    holdMs: thresholds.length > 0 ? Math.max(...thresholds) : 15 * 60_000,
  };
}

/** The authorised zone containing the point, or null. */
export function authorisedZoneAt(plan: CompiledShipmentPlan, point: LonLat): AuthorisedZone | null {
  const [lon, lat] = point;
  for (const { zone, box, rings } of plan.zones) {
    if (lon < box[0] || lat < box[1] || lon > box[2] || lat > box[3]) continue;
    if (isInsidePolygon(point, rings)) return zone;
  }
  return null;
}
