/**
 * A fast path for the common device message: a telemetry payload with numeric coordinates and the usual measurements,
 * checked by hand instead of walking the zod schema (which costs several microseconds and many allocations per message).
 *
 * It accepts only what `telemetryPayloadSchema` accepts and builds the same payload (unknown keys dropped, as zod's
 * object strips them). Anything else — an event, string coordinates, a repeated measurement type, an invalid value —
 * returns null and goes through `parseDeviceMessage`, so refusals keep their zod issue codes. `fast-telemetry.test.ts`
 * holds the two paths to the same result.
 */
import { regexes } from 'zod';
import { isContainerNumber } from '../../../platform/reference/index.js';
import type { DeviceMessage, Measurement, TelemetryPayload } from '../domain/index.js';

/** `z.iso.datetime({ offset: true })`. */
const DATETIME = regexes.datetime({ offset: true });

const TEMPERATURE_TYPES = new Set(['TEMPERATURE', 'AMBIENT_TEMPERATURE', 'SETPOINT']);
const PERCENT_TYPES = new Set(['HUMIDITY', 'O2', 'CO2']);

/** Container numbers already found valid (ISO 6346 check digit); bounded. */
const validContainers = new Set<string>();

function containerOk(reference: string): boolean {
  if (validContainers.has(reference)) return true;
  if (!isContainerNumber(reference)) return false;
  if (validContainers.size >= 100_000) validContainers.clear();
  validContainers.add(reference);
  return true;
}

const isFiniteNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

function measurementOf(raw: unknown): Measurement | null {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return null;
  const { measurementType: type, value, unit } = raw as Record<string, unknown>;
  if (typeof type !== 'string' || !isFiniteNumber(value) || typeof unit !== 'string') return null;
  if (TEMPERATURE_TYPES.has(type)) {
    if (unit !== 'CEL' && unit !== 'FAH') return null;
    const celsius = unit === 'FAH' ? ((value - 32) * 5) / 9 : value;
    if (!(celsius >= -100 && celsius <= 100)) return null;
  } else if (PERCENT_TYPES.has(type)) {
    if (unit !== 'P1' || value < 0 || value > 100) return null;
  } else if (type === 'SPEED') {
    if ((unit !== 'KMH' && unit !== 'KNT') || value < 0) return null;
    if ((unit === 'KNT' ? value * 1.852 : value) > 300) return null;
  } else if (type === 'AIR_EXCHANGE') {
    if ((unit !== 'MQH' && unit !== 'FQH') || value < 0 || value > 10_000) return null;
  } else return null;
  return { measurementType: type, value, unit } as Measurement;
}

/**
 * The validated telemetry message, or null when the fast path cannot vouch for it (then use `parseDeviceMessage`).
 * `deviceId` is the one the topic names (already checked by the topic route).
 */
export function fastTelemetryMessage(deviceId: string, body: unknown): DeviceMessage | null {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return null;
  const b = body as Record<string, unknown>;
  const { messageId, equipmentReference, eventCreatedDateTime, geoLocation, measurements } = b;
  if (b.deviceId !== deviceId) return null;
  if (typeof messageId !== 'string' || messageId.length < 1 || messageId.length > 128) return null;
  if (typeof equipmentReference !== 'string' || !containerOk(equipmentReference)) return null;
  if (typeof eventCreatedDateTime !== 'string' || !DATETIME.test(eventCreatedDateTime)) return null;
  if (!Array.isArray(measurements) || measurements.length < 1 || measurements.length > 32) return null;
  const payload: TelemetryPayload = {
    messageId,
    deviceId,
    equipmentReference,
    eventCreatedDateTime,
    measurements: [],
  };
  if (geoLocation !== undefined) {
    if (typeof geoLocation !== 'object' || geoLocation === null || Array.isArray(geoLocation)) return null;
    const { latitude, longitude, locationName } = geoLocation as Record<string, unknown>;
    if (!isFiniteNumber(latitude) || latitude < -90 || latitude > 90) return null;
    if (!isFiniteNumber(longitude) || longitude < -180 || longitude > 180) return null;
    if (locationName !== undefined && (typeof locationName !== 'string' || locationName.length > 100))
      return null;
    payload.geoLocation =
      locationName === undefined ? { latitude, longitude } : { latitude, longitude, locationName };
  }
  for (let i = 0; i < measurements.length; i += 1) {
    const m = measurementOf(measurements[i]);
    if (m === null) return null;
    for (let j = 0; j < payload.measurements.length; j += 1)
      if (payload.measurements[j]!.measurementType === m.measurementType) return null;
    payload.measurements.push(m);
  }
  return { channel: 'telemetry', payload };
}
