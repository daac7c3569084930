import { describe, expect, it } from 'vitest';
import { parseDeviceMessage, toObservation } from '../domain/index.js';
import { fastTelemetryMessage } from './fast-telemetry.js';

const DEVICE = 'TRK-1';
const TOPIC = `aduana/v1/${DEVICE}/telemetry`;

const valid = () => ({
  messageId: 'm-1',
  deviceId: DEVICE,
  equipmentReference: 'MSKU9070323',
  eventCreatedDateTime: '2026-03-01T10:00:00.125Z',
  geoLocation: { latitude: 9.37, longitude: -79.88 },
  measurements: [
    { measurementType: 'TEMPERATURE', value: 5.2, unit: 'CEL' },
    { measurementType: 'HUMIDITY', value: 88, unit: 'P1' },
    { measurementType: 'SPEED', value: 12, unit: 'KNT' },
  ],
});

type Body = ReturnType<typeof valid> & Record<string, unknown>;

/** Each variant changes one thing; the fast path must either agree with zod or step aside (null). */
const variants: [string, (b: Body) => unknown][] = [
  ['as is', (b) => b],
  ['no position', ({ geoLocation: _g, ...b }) => b],
  ['a place name', (b) => ({ ...b, geoLocation: { ...b.geoLocation, locationName: 'Colón' } })],
  ['an unknown key', (b) => ({ ...b, firmware: '1.2' })],
  ['an unknown key in a measurement', (b) => ({ ...b, measurements: [{ ...b.measurements[0], q: 1 }] })],
  [
    'Fahrenheit',
    (b) => ({ ...b, measurements: [{ measurementType: 'TEMPERATURE', value: 41, unit: 'FAH' }] }),
  ],
  [
    'every type',
    (b) => ({
      ...b,
      measurements: [
        { measurementType: 'TEMPERATURE', value: -18, unit: 'CEL' },
        { measurementType: 'SETPOINT', value: -20, unit: 'CEL' },
        { measurementType: 'AMBIENT_TEMPERATURE', value: 95, unit: 'FAH' },
        { measurementType: 'O2', value: 21, unit: 'P1' },
        { measurementType: 'CO2', value: 0.04, unit: 'P1' },
        { measurementType: 'AIR_EXCHANGE', value: 30, unit: 'MQH' },
        { measurementType: 'SPEED', value: 0, unit: 'KMH' },
      ],
    }),
  ],
  ['an offset time', (b) => ({ ...b, eventCreatedDateTime: '2026-03-01T10:00:00-05:00' })],
  ['a leap day', (b) => ({ ...b, eventCreatedDateTime: '2028-02-29T00:00:00Z' })],
  ['no such day', (b) => ({ ...b, eventCreatedDateTime: '2026-02-30T00:00:00Z' })],
  ['a local time', (b) => ({ ...b, eventCreatedDateTime: '2026-03-01T10:00:00' })],
  ['a date only', (b) => ({ ...b, eventCreatedDateTime: '2026-03-01' })],
  [
    'string coordinates (DCSA)',
    (b) => ({ ...b, geoLocation: { latitude: '+9.370000', longitude: '-79.880000' } }),
  ],
  ['latitude beyond 90', (b) => ({ ...b, geoLocation: { latitude: 90.5, longitude: 0 } })],
  ['longitude beyond 180', (b) => ({ ...b, geoLocation: { latitude: 0, longitude: -180.1 } })],
  ['a long place name', (b) => ({ ...b, geoLocation: { ...b.geoLocation, locationName: 'x'.repeat(101) } })],
  ['another device id', (b) => ({ ...b, deviceId: 'TRK-2' })],
  ['no message id', (b) => ({ ...b, messageId: '' })],
  ['a long message id', (b) => ({ ...b, messageId: 'x'.repeat(129) })],
  ['a numeric message id', (b) => ({ ...b, messageId: 7 })],
  ['a bad check digit', (b) => ({ ...b, equipmentReference: 'MSKU9070324' })],
  ['no measurements', (b) => ({ ...b, measurements: [] })],
  ['33 measurements', (b) => ({ ...b, measurements: Array.from({ length: 33 }, () => b.measurements[0]) })],
  ['a repeated type', (b) => ({ ...b, measurements: [b.measurements[0], b.measurements[0]] })],
  ['an unknown type', (b) => ({ ...b, measurements: [{ measurementType: 'LIGHT', value: 1, unit: 'LX' }] })],
  [
    'a wrong unit',
    (b) => ({ ...b, measurements: [{ measurementType: 'HUMIDITY', value: 50, unit: 'CEL' }] }),
  ],
  [
    '101 % humidity',
    (b) => ({ ...b, measurements: [{ measurementType: 'HUMIDITY', value: 101, unit: 'P1' }] }),
  ],
  ['101 °C', (b) => ({ ...b, measurements: [{ measurementType: 'TEMPERATURE', value: 101, unit: 'CEL' }] })],
  ['213 °F', (b) => ({ ...b, measurements: [{ measurementType: 'TEMPERATURE', value: 213, unit: 'FAH' }] })],
  ['170 knots', (b) => ({ ...b, measurements: [{ measurementType: 'SPEED', value: 170, unit: 'KNT' }] })],
  [
    'a negative speed',
    (b) => ({ ...b, measurements: [{ measurementType: 'SPEED', value: -1, unit: 'KMH' }] }),
  ],
  [
    'an infinite value',
    (b) => ({ ...b, measurements: [{ measurementType: 'O2', value: Infinity, unit: 'P1' }] }),
  ],
  ['a string value', (b) => ({ ...b, measurements: [{ measurementType: 'O2', value: '21', unit: 'P1' }] })],
  [
    'air exchange beyond 10 000',
    (b) => ({
      ...b,
      measurements: [{ measurementType: 'AIR_EXCHANGE', value: 10_001, unit: 'FQH' }],
    }),
  ],
  ['a list body', () => [valid()]],
  ['null', () => null],
];

describe('fast telemetry validation', () => {
  it.each(variants)('refuses what zod refuses, and builds what zod builds: %s', (_name, change) => {
    const body = change(valid());
    const fast = fastTelemetryMessage(DEVICE, body);
    const slow = parseDeviceMessage(TOPIC, body);
    if (!slow.ok) expect(fast).toBeNull();
    else if (fast !== null) {
      expect(fast).toEqual(slow.message);
      expect(toObservation(fast)).toEqual(toObservation(slow.message));
    }
  });

  it('takes the usual messages itself (numeric coordinates, known measurements, with or without a place)', () => {
    for (const name of [
      'as is',
      'no position',
      'a place name',
      'an unknown key',
      'Fahrenheit',
      'every type',
      'an offset time',
      'a leap day',
    ]) {
      const change = variants.find(([n]) => n === name)![1];
      expect(fastTelemetryMessage(DEVICE, change(valid() as Body)), name).not.toBeNull();
    }
  });
});
