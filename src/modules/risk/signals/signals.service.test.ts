import { describe, expect, it } from 'vitest';
import { iotAlarmVerdict, originVerdict } from './signals.service.js';

describe('signal verdicts', () => {
  it('sends a critical IoT alarm to red and holds the goods; a major one to red; a minor one is only recorded', () => {
    expect(iotAlarmVerdict({ severity: 'CRITICAL', type: 'SEAL_BREACH', alarmId: 'a1' })).toMatchObject({
      channel: 'red',
      hold: true,
      detail: { severity: 'CRITICAL', type: 'SEAL_BREACH', alarmId: 'a1' },
    });
    expect(iotAlarmVerdict({ severity: 'major', type: 'CORRIDOR_DEVIATION' })).toMatchObject({
      channel: 'red',
      hold: false,
    });
    const minor = iotAlarmVerdict({ severity: 'MINOR', type: 'SHOCK' });
    expect(minor.channel).toBeUndefined();
    expect(minor.hold).toBe(false);
  });

  it('sends a failed origin claim to red, an unverifiable one to yellow, and records a qualifying one', () => {
    expect(
      originVerdict({
        outcome: 'does_not_qualify',
        reasons: ['RVC_BELOW_THRESHOLD'],
        agreement: 'CAFTA-DR',
        itemSequence: 2,
      }),
    ).toMatchObject({
      channel: 'red',
      detail: {
        outcome: 'does_not_qualify',
        reason: 'RVC_BELOW_THRESHOLD',
        agreement: 'CAFTA-DR',
        itemSequence: 2,
      },
    });
    expect(originVerdict({ outcome: 'unverifiable', reason: 'no trace' }).channel).toBe('yellow');
    expect(originVerdict({ outcome: 'insufficient_evidence' }).channel).toBe('yellow');
    expect(originVerdict({ outcome: 'qualifies' }).channel).toBeUndefined();
  });
});
