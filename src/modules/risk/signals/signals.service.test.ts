import { describe, expect, it } from 'vitest';
import { amendmentVerdict, iotAlarmVerdict, originVerdict } from './signals.service.js';

describe('signal verdicts', () => {
  it('sends a critical IoT alarm to red and holds the goods; a major one to red; a minor one is only recorded', () => {
    expect(iotAlarmVerdict({ severity: 'CRITICAL', type: 'SEAL_BREACH', alarmId: 'a1' })).toMatchObject({
      channel: 'red',
      hold: true,
      detail: { severity: 'CRITICAL', type: 'SEAL_BREACH', alarmId: 'a1' },
      reasonCode: 'iot_alarm',
      reasonParams: { type: 'SEAL_BREACH', severity: 'CRITICAL' },
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
    expect(originVerdict({ outcome: 'unverifiable', reason: 'no trace' })).toMatchObject({
      channel: 'yellow',
      reasonCode: 'origin_claim',
      reasonParams: { outcome: 'unverifiable', detail: 'no trace' },
    });
    expect(originVerdict({ outcome: 'insufficient_evidence' }).channel).toBe('yellow');
    expect(originVerdict({ outcome: 'qualifies' }).channel).toBeUndefined();
  });

  it('raises an amended declaration to the channel its applied profiles now select, naming them', () => {
    const hit = (name: string, action: { channel: 'red' } | { scoreWeight: number }, applied = true) => ({
      profileId: name,
      name,
      version: 1,
      action: 'channel' in action ? { ...action, percent: 100 } : action,
      reason: 'why',
      items: [1],
      lists: [],
      applied,
    });
    const red = amendmentVerdict(
      3,
      {
        verdict: { channel: 'red', hits: [hit('P1', { channel: 'red' }), hit('W', { scoreWeight: 5 })] },
        probability: 0.4,
      },
      { probability: 0.1 },
    );
    expect(red).toMatchObject({
      kind: 'amendment',
      channel: 'red',
      hold: false,
      detail: { version: 3, ruleHits: [{ profileId: 'P1' }], probability: 0.4, probabilityAtLodgement: 0.1 },
    });
    expect(red.reason).toBe('amendment (version 3) re-assessed: P1');
    expect(red).toMatchObject({
      reasonCode: 'amendment_reassessed',
      reasonParams: { version: 3, profiles: 'P1' },
    });
    const none = amendmentVerdict(
      2,
      { verdict: { hits: [hit('P2', { channel: 'red' }, false)] }, probability: null },
      {
        probability: null,
      },
    );
    expect(none.channel).toBeUndefined();
    expect(none.detail.ruleHits).toEqual([]);
  });
});
