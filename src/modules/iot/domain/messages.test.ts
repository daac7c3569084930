import { describe, expect, it } from 'vitest';
import { ALARM_STATUSES } from './alarm-lifecycle.js';
import type { IotErrorCode } from './errors.js';
import en from './messages.en.json' with { type: 'json' };
import es from './messages.es.json' with { type: 'json' };
import { ALARM_SEVERITIES, ALARM_TYPES } from './profiles.js';
import type { DeviceMessageRejection } from './telemetry.schema.js';

const ERROR_CODES: IotErrorCode[] = [
  'ALARM_ILLEGAL_TRANSITION',
  'ALARM_NOT_FOUND',
  'MONITOR_STATE_INCOMPATIBLE',
  'SHIPMENT_PLAN_INVALID',
  'TEMPERATURE_PROFILE_UNKNOWN',
  'ROUTE_INVALID',
];
const REJECTIONS: DeviceMessageRejection['code'][] = ['TOPIC_UNKNOWN', 'PAYLOAD_INVALID', 'DEVICE_MISMATCH'];

describe('IoT message catalogues', () => {
  it('have the same keys in English and Spanish', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
  });

  it('name every alarm type, severity, status, error and rejection code', () => {
    const needed = [
      ...ALARM_TYPES,
      ...ALARM_SEVERITIES.map((s) => `SEVERITY_${s}`),
      ...ALARM_STATUSES.map((s) => `STATUS_${s}`),
      ...ERROR_CODES,
      ...REJECTIONS,
    ];
    expect(Object.keys(en)).toEqual(expect.arrayContaining(needed));
  });

  it('use the same placeholders in both languages', () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(en)) {
      expect(placeholders((es as Record<string, string>)[key]!), key).toEqual(placeholders(text));
    }
  });
});
