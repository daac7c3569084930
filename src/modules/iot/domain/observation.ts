/**
 * Observations: validated device messages reduced to what the alarm rules read, in SI-ish units
 * (°C, km/h, gn, degrees, epoch milliseconds) and GeoJSON order ([longitude, latitude]).
 */
import type { LonLat } from './geo.js';
import {
  fahrenheitToCelsius,
  sensorValueInUnits,
  type DeviceMessage,
  type EventPayload,
  type TelemetryPayload,
} from './telemetry.schema.js';

interface ObservationBase {
  messageId: string;
  deviceId: string;
  equipmentReference: string;
  /** eventCreatedDateTime as epoch milliseconds. */
  at: number;
  position?: LonLat;
}

export interface ReadingObservation extends ObservationBase {
  kind: 'READING';
  temperatureC?: number;
  setpointC?: number;
  ambientTemperatureC?: number;
  humidityPct?: number;
  o2Pct?: number;
  co2Pct?: number;
  speedKmh?: number;
}

export interface DoorObservation extends ObservationBase {
  kind: 'DOOR';
  door: 'OPENED' | 'CLOSED';
}

export interface SealObservation extends ObservationBase {
  kind: 'SEAL';
  sealNumber: string;
  seal: 'APPLIED' | 'OPENED' | 'TAMPERED';
}

export interface SensorObservation extends ObservationBase {
  kind: 'SENSOR';
  /** Highest acceleration reported, gn; absent when the report carried none. */
  peakG?: number;
  /** Highest tilt reported, degrees. */
  tiltDeg?: number;
}

export type Observation = ReadingObservation | DoorObservation | SealObservation | SensorObservation;

const positionOf = (p: TelemetryPayload | EventPayload): LonLat | undefined =>
  p.geoLocation ? [p.geoLocation.longitude, p.geoLocation.latitude] : undefined;

// Objects are built as literals of one shape per kind (no spreads): this runs once per message.
function toReading(p: TelemetryPayload): ReadingObservation {
  const reading: ReadingObservation = {
    kind: 'READING',
    messageId: p.messageId,
    deviceId: p.deviceId,
    equipmentReference: p.equipmentReference,
    at: Date.parse(p.eventCreatedDateTime),
    position: positionOf(p),
  };
  for (const m of p.measurements) {
    switch (m.measurementType) {
      case 'TEMPERATURE':
      case 'SETPOINT':
      case 'AMBIENT_TEMPERATURE': {
        const celsius = m.unit === 'FAH' ? fahrenheitToCelsius(m.value) : m.value;
        if (m.measurementType === 'TEMPERATURE') reading.temperatureC = celsius;
        else if (m.measurementType === 'SETPOINT') reading.setpointC = celsius;
        else reading.ambientTemperatureC = celsius;
        break;
      }
      case 'HUMIDITY':
        reading.humidityPct = m.value;
        break;
      case 'O2':
        reading.o2Pct = m.value;
        break;
      case 'CO2':
        reading.co2Pct = m.value;
        break;
      case 'SPEED':
        reading.speedKmh = m.unit === 'KNT' ? m.value * 1.852 : m.value;
        break;
      case 'AIR_EXCHANGE':
        break;
    }
  }
  return reading;
}

function toEvent(p: EventPayload): DoorObservation | SealObservation | SensorObservation {
  const messageId = p.messageId;
  const deviceId = p.deviceId;
  const equipmentReference = p.equipmentReference;
  const at = Date.parse(p.eventCreatedDateTime);
  const position = positionOf(p);
  switch (p.eventType) {
    case 'IOT': {
      const door = p.iotEventCode === 'DRO' ? 'OPENED' : 'CLOSED';
      return { kind: 'DOOR', messageId, deviceId, equipmentReference, at, position, door };
    }
    case 'SEAL': {
      const seal =
        p.sealEventCode === 'SEAL_APPLIED'
          ? 'APPLIED'
          : p.sealEventCode === 'SEAL_OPENED'
            ? 'OPENED'
            : 'TAMPERED';
      return {
        kind: 'SEAL',
        messageId,
        deviceId,
        equipmentReference,
        at,
        position,
        sealNumber: p.sealNumber,
        seal,
      };
    }
    case 'SENSOR_REPORT': {
      let peakG: number | undefined;
      let tiltDeg: number | undefined;
      for (const entry of p.sensorReport) {
        const value = sensorValueInUnits(entry);
        if (entry.type === 'Acceleration') peakG = Math.max(peakG ?? 0, value);
        else tiltDeg = Math.max(tiltDeg ?? 0, value);
      }
      return { kind: 'SENSOR', messageId, deviceId, equipmentReference, at, position, peakG, tiltDeg };
    }
  }
}

/** Reduces a validated device message to the observation the alarm rules evaluate. */
export function toObservation(message: DeviceMessage): Observation {
  return message.channel === 'telemetry' ? toReading(message.payload) : toEvent(message.payload);
}
