/**
 * Device payloads published on `aduana/v1/{deviceId}/telemetry` and `aduana/v1/{deviceId}/event`.
 *
 * Field names follow the DCSA Reefer and IoT event domains (`equipmentReference`, `eventCreatedDateTime`,
 * `geoLocation`, temperature units `CEL`/`FAH`, `iotEventCode` `DRO`), flattened for a device: one message,
 * one list of measurements. Shock and tilt use the GS1 EPCIS 2.0 `sensorReport` shape (`type`, `value`,
 * `uom` as UN/CEFACT Rec. 20 codes). Aduana extensions, marked below, cover what neither standard names:
 * door closed (`DRC`) and e-seal events.
 */
import { z } from 'zod';
import { isContainerNumber } from '../../../platform/reference/index.js';

export const TELEMETRY_TOPIC_PREFIX = 'aduana/v1';

/** Letters, digits and `._:-`: safe inside an MQTT topic level (no `/`, `+`, `#`). */
const deviceIdSchema = z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/, 'DEVICE_ID_INVALID');

const equipmentReferenceSchema = z
  .string()
  .refine(isContainerNumber, { message: 'EQUIPMENT_REFERENCE_NOT_ISO6346' });

/** DCSA LOCATION_DOMAIN sends signed decimal strings (`+48.858550`); reefer examples send numbers. */
function coordinate(limit: number) {
  return z
    .union([
      z.number(),
      z
        .string()
        .regex(/^[+-]?\d{1,3}\.\d{1,8}$/)
        .transform(Number),
    ])
    .pipe(z.number().min(-limit).max(limit));
}

export const geoLocationSchema = z.object({
  latitude: coordinate(90),
  longitude: coordinate(180),
  locationName: z.string().max(100).optional(),
});

const TEMPERATURE_C = { min: -100, max: 100 } as const;
const fahrenheitToCelsius = (f: number): number => ((f - 32) * 5) / 9;

const temperatureMeasurement = z
  .object({
    measurementType: z.enum(['TEMPERATURE', 'AMBIENT_TEMPERATURE', 'SETPOINT']),
    value: z.number(),
    unit: z.enum(['CEL', 'FAH']),
  })
  .refine(
    (m) => {
      const celsius = m.unit === 'FAH' ? fahrenheitToCelsius(m.value) : m.value;
      return celsius >= TEMPERATURE_C.min && celsius <= TEMPERATURE_C.max;
    },
    { message: 'TEMPERATURE_OUT_OF_RANGE', path: ['value'] },
  );

/** Percentages use the UN/CEFACT code `P1`. */
const percentMeasurement = z.object({
  measurementType: z.enum(['HUMIDITY', 'O2', 'CO2']),
  value: z.number().min(0).max(100),
  unit: z.literal('P1'),
});

/** DCSA `airExchangeUnit`: cubic metres (`MQH`) or cubic feet (`FQH`) per hour. */
const airExchangeMeasurement = z.object({
  measurementType: z.literal('AIR_EXCHANGE'),
  value: z.number().min(0).max(10_000),
  unit: z.enum(['MQH', 'FQH']),
});

/** Ground or water speed from the tracker's GNSS, km/h (`KMH`) or knots (`KNT`). */
const speedMeasurement = z
  .object({
    measurementType: z.literal('SPEED'),
    value: z.number().min(0),
    unit: z.enum(['KMH', 'KNT']),
  })
  .refine((m) => (m.unit === 'KNT' ? m.value * 1.852 : m.value) <= 300, {
    message: 'SPEED_OUT_OF_RANGE',
    path: ['value'],
  });

export const measurementSchema = z.discriminatedUnion('measurementType', [
  temperatureMeasurement,
  percentMeasurement,
  airExchangeMeasurement,
  speedMeasurement,
]);

const envelope = {
  messageId: z.string().min(1).max(128),
  deviceId: deviceIdSchema,
  equipmentReference: equipmentReferenceSchema,
  eventCreatedDateTime: z.iso.datetime({ offset: true }),
  geoLocation: geoLocationSchema.optional(),
};

export const telemetryPayloadSchema = z
  .object({
    ...envelope,
    measurements: z.array(measurementSchema).min(1).max(32),
  })
  .refine((p) => new Set(p.measurements.map((m) => m.measurementType)).size === p.measurements.length, {
    message: 'MEASUREMENT_TYPE_REPEATED',
    path: ['measurements'],
  });

/** DCSA IoT: `DRO` door opened. `DRC` (door closed) is an Aduana extension; DCSA IoT 1.0 defines only DRO. */
const doorEvent = z.object({
  ...envelope,
  eventType: z.literal('IOT'),
  iotEventTypeCode: z.literal('DETC').default('DETC'),
  iotEventCode: z.enum(['DRO', 'DRC']),
});

/** Electronic seal (ISO 18185 style) state changes. Aduana extension. */
const sealEvent = z.object({
  ...envelope,
  eventType: z.literal('SEAL'),
  sealNumber: z.string().min(1).max(15),
  sealEventCode: z.enum(['SEAL_APPLIED', 'SEAL_OPENED', 'SEAL_TAMPERED']),
});

/**
 * GS1 EPCIS 2.0 sensorReport entries for shock (`Acceleration`, in gn `K40` or m/s² `MSK`) and tilt
 * (`Angle`, in degrees `DD` or radians `C81`). `maxValue` is the peak of an interval report.
 */
const sensorReportEntry = z
  .object({
    type: z.enum(['Acceleration', 'Angle']),
    value: z.number().min(0),
    maxValue: z.number().min(0).optional(),
    uom: z.enum(['K40', 'MSK', 'DD', 'C81']),
    component: z.enum(['x', 'y', 'z']).optional(),
    exception: z.enum(['ALARM_CONDITION', 'ERROR_CONDITION']).optional(),
  })
  .refine(
    (e) =>
      e.type === 'Acceleration' ? e.uom === 'K40' || e.uom === 'MSK' : e.uom === 'DD' || e.uom === 'C81',
    { message: 'SENSOR_UNIT_MISMATCH', path: ['uom'] },
  )
  .refine((e) => sensorValueInUnits(e) <= (e.type === 'Acceleration' ? 500 : 180), {
    message: 'SENSOR_VALUE_OUT_OF_RANGE',
    path: ['value'],
  });

const sensorEvent = z.object({
  ...envelope,
  eventType: z.literal('SENSOR_REPORT'),
  sensorReport: z.array(sensorReportEntry).min(1).max(16),
});

export const eventPayloadSchema = z.discriminatedUnion('eventType', [doorEvent, sealEvent, sensorEvent]);

export type Measurement = z.infer<typeof measurementSchema>;
export type TelemetryPayload = z.infer<typeof telemetryPayloadSchema>;
export type EventPayload = z.infer<typeof eventPayloadSchema>;
export type SensorReportEntry = z.infer<typeof sensorReportEntry>;
/** What a device may send, before validation (input side of the schemas). */
export type TelemetryPayloadInput = z.input<typeof telemetryPayloadSchema>;
export type EventPayloadInput = z.input<typeof eventPayloadSchema>;

/** Peak in gn for Acceleration, in degrees for Angle. */
function sensorValueInUnits(e: { value: number; maxValue?: number | undefined; uom: string }): number {
  const raw = Math.max(e.value, e.maxValue ?? 0);
  if (e.uom === 'MSK') return raw / 9.80665;
  if (e.uom === 'C81') return (raw * 180) / Math.PI;
  return raw;
}

/** Our own refinement messages are codes (`TEMPERATURE_OUT_OF_RANGE`); zod's prose is replaced by its issue code. */
const STABLE_CODE = /^[A-Z0-9_]+$/;

export type DeviceChannel = 'telemetry' | 'event';

/** Splits `aduana/v1/{deviceId}/{telemetry|event}`; null for any other topic. */
export function parseDeviceTopic(topic: string): { deviceId: string; channel: DeviceChannel } | null {
  const parts = topic.split('/');
  if (parts.length !== 4 || `${parts[0]}/${parts[1]}` !== TELEMETRY_TOPIC_PREFIX) return null;
  const [, , deviceId = '', channel] = parts;
  if (!deviceIdSchema.safeParse(deviceId).success) return null;
  if (channel !== 'telemetry' && channel !== 'event') return null;
  return { deviceId, channel };
}

/** The topic a device publishes a channel on. */
export function deviceTopic(deviceId: string, channel: DeviceChannel): string {
  return `${TELEMETRY_TOPIC_PREFIX}/${deviceId}/${channel}`;
}

export type DeviceMessage =
  { channel: 'telemetry'; payload: TelemetryPayload } | { channel: 'event'; payload: EventPayload };

export type DeviceMessageRejection = {
  code: 'TOPIC_UNKNOWN' | 'PAYLOAD_INVALID' | 'DEVICE_MISMATCH';
  issues: { path: string; code: string }[];
};

/**
 * Validates one MQTT message: topic shape, payload schema, and that the payload's `deviceId` is the one
 * in the topic (a device may publish only as itself).
 */
export function parseDeviceMessage(
  topic: string,
  body: unknown,
): { ok: true; message: DeviceMessage } | { ok: false; rejection: DeviceMessageRejection } {
  const route = parseDeviceTopic(topic);
  if (route === null) return { ok: false, rejection: { code: 'TOPIC_UNKNOWN', issues: [] } };
  const parsed =
    route.channel === 'telemetry'
      ? telemetryPayloadSchema.safeParse(body)
      : eventPayloadSchema.safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((issue) => ({
      path: issue.path.join('.'),
      code: STABLE_CODE.test(issue.message) ? issue.message : issue.code,
    }));
    return { ok: false, rejection: { code: 'PAYLOAD_INVALID', issues } };
  }
  if (parsed.data.deviceId !== route.deviceId) {
    return {
      ok: false,
      rejection: { code: 'DEVICE_MISMATCH', issues: [{ path: 'deviceId', code: 'DEVICE_MISMATCH' }] },
    };
  }
  const message: DeviceMessage =
    route.channel === 'telemetry'
      ? { channel: 'telemetry', payload: parsed.data as TelemetryPayload }
      : { channel: 'event', payload: parsed.data as EventPayload };
  return { ok: true, message };
}

export { fahrenheitToCelsius, sensorValueInUnits };
