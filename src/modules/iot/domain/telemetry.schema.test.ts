import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { toObservation } from './observation.js';
import { deviceTopic, parseDeviceMessage, parseDeviceTopic, type DeviceMessage } from './telemetry.schema.js';

const examples = fileURLToPath(new URL('../../../../assets/iot/examples/', import.meta.url));
const example = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(`${examples}${name}`, 'utf8')) as Record<string, unknown>;

const TELEMETRY = 'aduana/v1/TRK-0001/telemetry';
const EVENT = 'aduana/v1/TRK-0001/event';

function accept(topic: string, body: unknown): DeviceMessage {
  const result = parseDeviceMessage(topic, body);
  if (!result.ok) throw new Error(JSON.stringify(result.rejection));
  return result.message;
}

function rejectionCodes(topic: string, body: unknown): string[] {
  const result = parseDeviceMessage(topic, body);
  return result.ok ? [] : [result.rejection.code, ...result.rejection.issues.map((i) => i.code)];
}

describe('example payloads in assets/iot/examples', () => {
  it('accepts the reefer telemetry example and reduces it to °C, km/h and [lon, lat]', () => {
    const obs = toObservation(accept(TELEMETRY, example('telemetry.reefer-pharma.json')));
    expect(obs).toMatchObject({
      kind: 'READING',
      equipmentReference: 'MSKU9070323',
      at: Date.parse('2025-03-02T01:20:02.417Z'),
      temperatureC: 5.12,
      setpointC: 5,
      humidityPct: 87.6,
      position: [-82.023519, 13.53604],
    });
    expect(obs.kind === 'READING' && obs.speedKmh).toBeCloseTo(30.0, 1);
  });

  it('accepts the DCSA door-opened example with signed-string coordinates and a time-zone offset', () => {
    const obs = toObservation(accept(EVENT, example('event.door-opened.json')));
    expect(obs).toMatchObject({ kind: 'DOOR', door: 'OPENED', position: [-82.023519, 13.53604] });
    expect(obs.at).toBe(Date.parse('2025-03-02T06:25:00Z'));
  });

  it('accepts the EPCIS shock report and takes the peak (maxValue) in gn and the tilt in degrees', () => {
    const obs = toObservation(accept(EVENT, example('event.shock-sensor-report.json')));
    expect(obs).toMatchObject({ kind: 'SENSOR', peakG: 6.5, tiltDeg: 12 });
  });
});

describe('telemetry validation', () => {
  const base = example('telemetry.reefer-pharma.json');
  const withMeasurements = (measurements: unknown[]) => ({ ...base, measurements });

  it('converts Fahrenheit to Celsius and knots to km/h', () => {
    const obs = toObservation(
      accept(
        TELEMETRY,
        withMeasurements([
          { measurementType: 'TEMPERATURE', value: 41, unit: 'FAH' },
          { measurementType: 'SPEED', value: 10, unit: 'KNT' },
        ]),
      ),
    );
    expect(obs).toMatchObject({ temperatureC: 5, speedKmh: 18.52 });
  });

  it('refuses a container number with a wrong check digit', () => {
    expect(rejectionCodes(TELEMETRY, { ...base, equipmentReference: 'MSKU9070324' })).toEqual([
      'PAYLOAD_INVALID',
      'EQUIPMENT_REFERENCE_NOT_ISO6346',
    ]);
  });

  it('refuses temperatures beyond −100…100 °C, in either unit', () => {
    expect(
      rejectionCodes(
        TELEMETRY,
        withMeasurements([{ measurementType: 'TEMPERATURE', value: 120, unit: 'CEL' }]),
      ),
    ).toContain('TEMPERATURE_OUT_OF_RANGE');
    expect(
      rejectionCodes(
        TELEMETRY,
        withMeasurements([{ measurementType: 'TEMPERATURE', value: 230, unit: 'FAH' }]),
      ),
    ).toContain('TEMPERATURE_OUT_OF_RANGE');
  });

  it('refuses a unit that does not fit the measurement, a humidity over 100 % and a repeated type', () => {
    expect(
      rejectionCodes(
        TELEMETRY,
        withMeasurements([{ measurementType: 'HUMIDITY', value: 50, unit: 'CEL' }]),
      )[0],
    ).toBe('PAYLOAD_INVALID');
    expect(
      rejectionCodes(TELEMETRY, withMeasurements([{ measurementType: 'HUMIDITY', value: 101, unit: 'P1' }])),
    ).toContain('too_big');
    const twice = { measurementType: 'O2', value: 20, unit: 'P1' };
    expect(rejectionCodes(TELEMETRY, withMeasurements([twice, twice]))).toContain(
      'MEASUREMENT_TYPE_REPEATED',
    );
  });

  it('refuses coordinates off the globe, an empty measurement list and a date without offset', () => {
    expect(rejectionCodes(TELEMETRY, { ...base, geoLocation: { latitude: 91, longitude: 0 } })).toContain(
      'too_big',
    );
    expect(rejectionCodes(TELEMETRY, withMeasurements([]))).toContain('too_small');
    expect(rejectionCodes(TELEMETRY, { ...base, eventCreatedDateTime: '2025-03-02T01:20:02' })[0]).toBe(
      'PAYLOAD_INVALID',
    );
  });
});

describe('event validation', () => {
  const envelope = {
    messageId: 'm1',
    deviceId: 'TRK-0001',
    equipmentReference: 'MSKU9070323',
    eventCreatedDateTime: '2025-03-02T01:00:00Z',
  };

  it('reads door closed (DRC) and the e-seal events', () => {
    expect(
      toObservation(accept(EVENT, { ...envelope, eventType: 'IOT', iotEventCode: 'DRC' })),
    ).toMatchObject({ kind: 'DOOR', door: 'CLOSED' });
    const seal = { ...envelope, eventType: 'SEAL', sealNumber: 'PA7731024', sealEventCode: 'SEAL_TAMPERED' };
    expect(toObservation(accept(EVENT, seal))).toMatchObject({
      kind: 'SEAL',
      seal: 'TAMPERED',
      sealNumber: 'PA7731024',
    });
  });

  it('converts m/s² to gn and radians to degrees', () => {
    const report = [
      { type: 'Acceleration', value: 49.03325, uom: 'MSK' },
      { type: 'Angle', value: Math.PI / 6, uom: 'C81' },
    ];
    const obs = toObservation(
      accept(EVENT, { ...envelope, eventType: 'SENSOR_REPORT', sensorReport: report }),
    );
    expect(obs.kind === 'SENSOR' && obs.peakG).toBeCloseTo(5, 6);
    expect(obs.kind === 'SENSOR' && obs.tiltDeg).toBeCloseTo(30, 6);
  });

  it('refuses an Angle in gn, an acceleration over 500 gn and an unknown door code', () => {
    const bad = (sensorReport: unknown[]) =>
      rejectionCodes(EVENT, { ...envelope, eventType: 'SENSOR_REPORT', sensorReport });
    expect(bad([{ type: 'Angle', value: 3, uom: 'K40' }])).toContain('SENSOR_UNIT_MISMATCH');
    expect(bad([{ type: 'Acceleration', value: 600, uom: 'K40' }])).toContain('SENSOR_VALUE_OUT_OF_RANGE');
    expect(rejectionCodes(EVENT, { ...envelope, eventType: 'IOT', iotEventCode: 'XYZ' })[0]).toBe(
      'PAYLOAD_INVALID',
    );
  });
});

describe('topics', () => {
  it('splits aduana/v1/{deviceId}/{telemetry|event} and builds it back', () => {
    expect(parseDeviceTopic('aduana/v1/TRK-0001/event')).toEqual({ deviceId: 'TRK-0001', channel: 'event' });
    expect(deviceTopic('TRK-0001', 'telemetry')).toBe(TELEMETRY);
  });

  it('refuses other topics, wildcards in the device id, and a payload published under another device', () => {
    expect(parseDeviceTopic('aduana/v2/TRK-0001/event')).toBeNull();
    expect(parseDeviceTopic('aduana/v1/+/event')).toBeNull();
    expect(parseDeviceTopic('aduana/v1/TRK-0001/status')).toBeNull();
    expect(rejectionCodes('aduana/v1/TRK-0001/other', {})).toEqual(['TOPIC_UNKNOWN']);
    expect(rejectionCodes('aduana/v1/TRK-0002/telemetry', example('telemetry.reefer-pharma.json'))).toEqual([
      'DEVICE_MISMATCH',
      'DEVICE_MISMATCH',
    ]);
  });
});
