/**
 * A deterministic telemetry generator: a reefer container on a voyage, its tracker reporting every
 * `intervalS` and its e-seal reporting events, with one incident depending on the scenario. The same seed
 * gives the same messages, byte for byte. The output is what devices would publish (topic + payload), with
 * an arrival time, so it drives the simulator CLI, the tests and the benchmark alike.
 */
import { destinationPoint, pathLengthM, pointAlongPath, type LonLat } from './geo.js';
import type { AlarmType } from './profiles.js';
import type { VoyageRoute } from './routes.js';
import type { ShipmentPlan } from './shipment-plan.js';
import { deviceTopic, type EventPayloadInput, type TelemetryPayloadInput } from './telemetry.schema.js';

export const SCENARIOS = ['normal', 'excursion', 'door', 'deviation', 'silence', 'shock', 'stop'] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** The alarm types each scenario is built to raise (and, by construction, nothing else). */
export const SCENARIO_ALARMS: Readonly<Record<Scenario, readonly AlarmType[]>> = {
  normal: [],
  excursion: ['TEMPERATURE_EXCURSION', 'TEMPERATURE_HARD_LIMIT', 'MKT_ABOVE_LIMIT'],
  door: ['DOOR_OPENED_OUTSIDE_ZONE', 'SEAL_BREACH'],
  deviation: ['CORRIDOR_DEVIATION'],
  silence: ['DEVICE_SILENT'],
  shock: ['SHOCK'],
  stop: ['UNPLANNED_STOP'],
};

export interface VoyageOptions {
  route: VoyageRoute;
  scenario: Scenario;
  seed: number;
  /** Epoch ms when the container is bound and the origin dwell begins. */
  startAt: number;
  /** Seconds between telemetry messages. Default 300. */
  intervalS?: number;
  equipmentReference?: string;
  trackerId?: string;
  esealId?: string;
  sealNumber?: string;
  shipmentId?: string;
  /** Temperature profile id (default PHARMA_2_8) and the reefer's setpoint, °C (default 5). */
  profileId?: string;
  setpointC?: number;
  /** Where along the sailing the incident starts, 0–1. Default 0.4. */
  incidentAt?: number;
  /** Network behaviour: delay up to `maxDelayS` (default 3) and a share of QoS 1 redeliveries (default 0). */
  delivery?: { maxDelayS?: number; duplicateRate?: number };
}

export interface SimulatedMessage {
  topic: string;
  payload: TelemetryPayloadInput | EventPayloadInput;
  /** Epoch ms the broker delivers it; messages are sorted by it. */
  receivedAt: number;
}

export interface Voyage {
  plan: ShipmentPlan;
  messages: SimulatedMessage[];
  startAt: number;
  departAt: number;
  arriveAt: number;
  endAt: number;
  /** When the scenario's incident runs; null for `normal`. */
  incident: { fromAt: number; toAt: number } | null;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** mulberry32: small, fast, good enough for simulation; fully determined by the seed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function gaussian(next: () => number): number {
  const u = Math.max(next(), 1e-12);
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
}

const round = (value: number, decimals: number): number => Number(value.toFixed(decimals));
const iso = (at: number): string => new Date(at).toISOString();
const geo = ([lon, lat]: LonLat) => ({ latitude: round(lat, 6), longitude: round(lon, 6) });

/** Piecewise-linear 0→1→1→0 over [0, rise + hold + fall] hours. */
function trapezoid(hours: number, rise: number, hold: number, fall: number): number {
  if (hours < 0 || hours > rise + hold + fall) return 0;
  if (hours < rise) return hours / rise;
  if (hours <= rise + hold) return 1;
  return 1 - (hours - rise - hold) / fall;
}

/** Builds the shipment plan for a voyage. */
export function planVoyage(route: VoyageRoute, options: Partial<VoyageOptions> = {}): ShipmentPlan {
  return {
    shipmentId: options.shipmentId ?? `SHP-${route.routeId}`,
    equipmentReference: options.equipmentReference ?? 'MSKU9070323',
    devices: [
      { deviceId: options.trackerId ?? 'TRK-0001', reportingIntervalS: options.intervalS ?? 300 },
      { deviceId: options.esealId ?? 'ESEAL-0001', reportingIntervalS: null },
    ],
    origin: route.origin.locode,
    destination: route.destination.locode,
    corridor: { path: route.path, toleranceM: route.corridorToleranceM },
    authorisedZones: route.authorisedZones,
    temperatureProfile: { profileId: options.profileId ?? 'PHARMA_2_8' },
  };
}

/** Generates a voyage's messages; same options, same output. */
export function generateVoyage(options: VoyageOptions): Voyage {
  const { route, scenario } = options;
  const next = random(options.seed);
  const intervalMs = (options.intervalS ?? 300) * 1000;
  const tracker = options.trackerId ?? 'TRK-0001';
  const eseal = options.esealId ?? 'ESEAL-0001';
  const equipmentReference = options.equipmentReference ?? 'MSKU9070323';
  const sealNumber = options.sealNumber ?? 'PA7731024';
  const setpointC = options.setpointC ?? 5;
  const speedMs = route.cruiseSpeedKmh / 3.6 / 1000;
  const sailMs = pathLengthM(route.path) / speedMs;
  const stopMs = scenario === 'stop' ? 4 * HOUR : 0;

  const startAt = options.startAt;
  const departAt = startAt + 2 * HOUR;
  const incidentFrom = departAt + Math.round(sailMs * (options.incidentAt ?? 0.4));
  const incidentLength: Record<Scenario, number> = {
    normal: 0,
    excursion: 7 * HOUR,
    door: 30 * MINUTE,
    deviation: 4 * HOUR,
    silence: 4 * HOUR,
    shock: MINUTE,
    stop: stopMs,
  };
  const incident =
    scenario === 'normal' ? null : { fromAt: incidentFrom, toAt: incidentFrom + incidentLength[scenario] };
  const arriveAt = departAt + sailMs + stopMs;
  const endAt = arriveAt + HOUR;

  const out: {
    at: number;
    deviceId: string;
    channel: 'telemetry' | 'event';
    body: Record<string, unknown>;
  }[] = [];
  let sequence = 0;
  const emit = (
    at: number,
    deviceId: string,
    channel: 'telemetry' | 'event',
    body: Record<string, unknown>,
  ): void => {
    sequence += 1;
    out.push({
      at,
      deviceId,
      channel,
      body: {
        messageId: `${deviceId}-${String(sequence).padStart(7, '0')}`,
        deviceId,
        equipmentReference,
        eventCreatedDateTime: iso(at),
        ...body,
      },
    });
  };

  const sailedMs = (at: number): number => {
    const sailing = Math.min(Math.max(at - departAt, 0), sailMs + stopMs);
    if (stopMs === 0 || at < incidentFrom) return Math.min(sailing, sailMs);
    return Math.min(sailing - Math.min(at - incidentFrom, stopMs), sailMs);
  };

  const positionAt = (at: number): { point: LonLat; speedKmh: number } => {
    if (at < departAt) return { point: route.origin.position, speedKmh: 0 };
    if (at >= arriveAt) return { point: route.destination.position, speedKmh: 0 };
    const stopped = stopMs > 0 && at >= incidentFrom && at < incidentFrom + stopMs;
    const along = pointAlongPath(route.path, sailedMs(at) * speedMs);
    let point = along.point;
    if (scenario === 'deviation' && incident !== null) {
      const off = 45_000 * trapezoid((at - incident.fromAt) / HOUR, 1, 2, 1);
      if (off > 0) point = destinationPoint(point, along.bearing + 90, off);
    }
    return { point, speedKmh: stopped ? 0 : route.cruiseSpeedKmh };
  };

  const temperatureAt = (at: number): number => {
    let t = setpointC + 0.15 * gaussian(next);
    if (scenario === 'excursion' && incident !== null)
      t += (17 - setpointC) * trapezoid((at - incident.fromAt) / HOUR, 2, 4, 1);
    return round(t, 2);
  };

  for (let at = startAt; at <= endAt; at += intervalMs) {
    const jitterMs = Math.round(next() * 4_000);
    const { point, speedKmh } = positionAt(at);
    const fix = destinationPoint(point, next() * 360, Math.abs(gaussian(next)) * (speedKmh > 0 ? 25 : 8));
    const temperature = temperatureAt(at);
    const humidity = round(88 + 2 * gaussian(next), 1);
    emit(at + jitterMs, tracker, 'telemetry', {
      geoLocation: geo(fix),
      measurements: [
        { measurementType: 'TEMPERATURE', value: temperature, unit: 'CEL' },
        { measurementType: 'SETPOINT', value: setpointC, unit: 'CEL' },
        { measurementType: 'HUMIDITY', value: Math.min(100, humidity), unit: 'P1' },
        { measurementType: 'O2', value: 20.9, unit: 'P1' },
        { measurementType: 'CO2', value: 0.1, unit: 'P1' },
        {
          measurementType: 'SPEED',
          value: round(speedKmh > 0 ? speedKmh + gaussian(next) : 0, 1),
          unit: 'KMH',
        },
      ],
    });
  }

  // Stuffing and sealing at origin, unsealing at destination: inside port zones, so never alarms.
  const origin = geo(route.origin.position);
  const destination = geo(route.destination.position);
  emit(startAt + 15 * MINUTE, tracker, 'event', {
    eventType: 'IOT',
    iotEventCode: 'DRO',
    geoLocation: origin,
  });
  emit(startAt + 45 * MINUTE, tracker, 'event', {
    eventType: 'IOT',
    iotEventCode: 'DRC',
    geoLocation: origin,
  });
  emit(startAt + 50 * MINUTE, eseal, 'event', {
    eventType: 'SEAL',
    sealNumber,
    sealEventCode: 'SEAL_APPLIED',
    geoLocation: origin,
  });
  emit(arriveAt + 20 * MINUTE, eseal, 'event', {
    eventType: 'SEAL',
    sealNumber,
    sealEventCode: 'SEAL_OPENED',
    geoLocation: destination,
  });
  emit(arriveAt + 25 * MINUTE, tracker, 'event', {
    eventType: 'IOT',
    iotEventCode: 'DRO',
    geoLocation: destination,
  });

  // Sea state: light knocks every six hours, below any shock threshold.
  for (let at = departAt + 3 * HOUR; at < arriveAt; at += 6 * HOUR) {
    emit(at, tracker, 'event', {
      eventType: 'SENSOR_REPORT',
      sensorReport: [
        { type: 'Acceleration', value: round(0.6 + 0.8 * next(), 2), uom: 'K40', component: 'z' },
      ],
    });
  }

  if (incident !== null) {
    const at = incident.fromAt;
    const here = geo(positionAt(at).point);
    if (scenario === 'door') {
      emit(at, eseal, 'event', {
        eventType: 'SEAL',
        sealNumber,
        sealEventCode: 'SEAL_TAMPERED',
        geoLocation: here,
      });
      emit(at + 5 * MINUTE, tracker, 'event', { eventType: 'IOT', iotEventCode: 'DRO', geoLocation: here });
      emit(at + 30 * MINUTE, tracker, 'event', { eventType: 'IOT', iotEventCode: 'DRC', geoLocation: here });
    }
    if (scenario === 'shock') {
      emit(at, tracker, 'event', {
        eventType: 'SENSOR_REPORT',
        geoLocation: here,
        sensorReport: [
          {
            type: 'Acceleration',
            value: 4.1,
            maxValue: 6.5,
            uom: 'K40',
            component: 'z',
            exception: 'ALARM_CONDITION',
          },
          { type: 'Angle', value: 12, uom: 'DD' },
        ],
      });
    }
  }

  const maxDelayMs = (options.delivery?.maxDelayS ?? 3) * 1000;
  const duplicateRate = options.delivery?.duplicateRate ?? 0;
  const messages: SimulatedMessage[] = [];
  const trackerOff = (m: { at: number; deviceId: string }): boolean =>
    scenario === 'silence' &&
    incident !== null &&
    m.deviceId === tracker &&
    m.at >= incident.fromAt &&
    m.at < incident.toAt;
  for (const m of out.sort((a, b) => a.at - b.at)) {
    if (trackerOff(m)) continue;
    const topic = deviceTopic(m.deviceId, m.channel);
    const payload = m.body as unknown as SimulatedMessage['payload'];
    const receivedAt = m.at + Math.round(next() * maxDelayMs);
    messages.push({ topic, payload, receivedAt });
    if (next() < duplicateRate)
      messages.push({ topic, payload, receivedAt: receivedAt + Math.round(next() * maxDelayMs) });
  }
  messages.sort((a, b) => a.receivedAt - b.receivedAt);
  return { plan: planVoyage(route, options), messages, startAt, departAt, arriveAt, endAt, incident };
}
