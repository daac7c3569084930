import { describe, expect, it } from 'vitest';
import {
  ALARM_OPERATIONS,
  ALARM_STATUSES,
  ALARM_TRANSITIONS,
  acknowledgeAlarm,
  clearAlarm,
  commentOnAlarm,
  nextAlarmStatus,
  raiseAlarm,
  updateAlarm,
  type Alarm,
  type AlarmOperation,
  type AlarmStatus,
} from './alarm-lifecycle.js';
import { AlarmRegister } from './alarm-register.js';
import type { AlarmCondition, AlarmConditionChange } from './alarm-rules.js';
import { IotDomainError } from './errors.js';

const T = Date.parse('2025-03-01T00:00:00Z');
const EQ = 'MSKU9070323';

const condition = (over: Partial<AlarmCondition> = {}): AlarmCondition => ({
  type: 'TEMPERATURE_EXCURSION',
  severity: 'MAJOR',
  startedAt: T,
  detectedAt: T + 30 * 60_000,
  details: { peakC: 9.5 },
  ...over,
});

const fresh = (): Alarm => raiseAlarm(EQ, condition(), { alarmId: 'A1', at: T + 30 * 60_000 });

function inStatus(status: AlarmStatus): Alarm {
  return { ...fresh(), status };
}

function run(alarm: Alarm, operation: AlarmOperation) {
  switch (operation) {
    case 'update':
      return updateAlarm(alarm, condition({ details: { peakC: 10 } }), T + 1);
    case 'escalate':
      return updateAlarm(alarm, condition({ severity: 'CRITICAL' }), T + 1);
    case 'acknowledge':
      return acknowledgeAlarm(alarm, 'officer-7', T + 1);
    case 'clear':
      return clearAlarm(alarm, T + 1);
    case 'comment':
      return commentOnAlarm(alarm, 'officer-7', T + 1, 'Reefer unit checked at berth');
  }
}

describe('alarm lifecycle transition table', () => {
  const cases = ALARM_STATUSES.flatMap((status) => ALARM_OPERATIONS.map((op) => [status, op] as const));

  it.each(cases)(
    'from %s, %s goes where the table says or fails with ALARM_ILLEGAL_TRANSITION',
    (status, op) => {
      const result = run(inStatus(status), op);
      const expected = ALARM_TRANSITIONS[status][op];
      if (expected === undefined) {
        expect(result).toEqual({
          ok: false,
          error: { code: 'ALARM_ILLEGAL_TRANSITION', alarmId: 'A1', from: status, operation: op },
        });
      } else {
        expect(result.ok && result.alarm.status).toBe(expected);
      }
    },
  );

  it('is closed: no status leads outside the four, and a cleared alarm never becomes active again', () => {
    for (const status of ALARM_STATUSES) {
      for (const op of ALARM_OPERATIONS) {
        const next = nextAlarmStatus(status, op);
        if (next !== null) expect(ALARM_STATUSES).toContain(next);
        if (status.startsWith('CLEARED') && next !== null) expect(next.startsWith('CLEARED')).toBe(true);
      }
    }
  });
});

describe('alarm operations', () => {
  it('raises ACTIVE_UNACK with the condition and a trail entry', () => {
    const alarm = fresh();
    expect(alarm).toMatchObject({ status: 'ACTIVE_UNACK', severity: 'MAJOR', startedAt: T, endedAt: null });
    expect(alarm.history).toEqual([
      { at: T + 30 * 60_000, operation: 'raise', by: null, from: null, to: 'ACTIVE_UNACK' },
    ]);
  });

  it('records who acknowledged and when, and who cleared', () => {
    const acked = acknowledgeAlarm(fresh(), 'officer-7', T + 40 * 60_000);
    expect(acked.ok && acked.alarm).toMatchObject({
      status: 'ACTIVE_ACK',
      acknowledgedBy: 'officer-7',
      acknowledgedAt: T + 40 * 60_000,
    });
    const cleared = acked.ok ? clearAlarm(acked.alarm, T + 90 * 60_000, 'officer-9') : null;
    expect(cleared?.ok && cleared.alarm).toMatchObject({
      status: 'CLEARED_ACK',
      endedAt: T + 90 * 60_000,
      clearedBy: 'officer-9',
    });
  });

  it('asks for a new acknowledgement when the severity rises', () => {
    const acked = acknowledgeAlarm(fresh(), 'officer-7', T + 1);
    const escalated = acked.ok ? updateAlarm(acked.alarm, condition({ severity: 'CRITICAL' }), T + 2) : null;
    expect(escalated?.ok && escalated.alarm).toMatchObject({
      status: 'ACTIVE_UNACK',
      severity: 'CRITICAL',
      acknowledgedBy: null,
    });
    const eased = acked.ok ? updateAlarm(acked.alarm, condition({ severity: 'MINOR' }), T + 2) : null;
    expect(eased?.ok && eased.alarm).toMatchObject({ status: 'ACTIVE_ACK', severity: 'MINOR' });
  });

  it('keeps comments in order without touching the input', () => {
    const alarm = fresh();
    const one = commentOnAlarm(alarm, 'officer-7', T + 1, '  Called the carrier  ');
    const two = one.ok ? commentOnAlarm(one.alarm, 'officer-9', T + 2, 'Seal photo received') : one;
    expect(two.ok && two.alarm.comments.map((c) => c.text)).toEqual([
      'Called the carrier',
      'Seal photo received',
    ]);
    expect(alarm.comments).toEqual([]);
  });
});

describe('alarm register', () => {
  const change = (
    kind: 'RAISE' | 'UPDATE' | 'CLEAR',
    over: Partial<AlarmCondition> = {},
  ): AlarmConditionChange =>
    kind === 'CLEAR'
      ? { change: 'CLEAR', equipmentReference: EQ, condition: condition(over), clearedAt: T + 100 }
      : kind === 'UPDATE'
        ? { change: 'UPDATE', equipmentReference: EQ, condition: condition(over), previous: condition() }
        : { change: 'RAISE', equipmentReference: EQ, condition: condition(over) };

  it('keeps one active alarm per container and type: a second raise updates the first', () => {
    const register = new AlarmRegister();
    expect(register.apply(change('RAISE'), T).operation).toBe('raise');
    expect(register.apply(change('RAISE', { details: { peakC: 11 } }), T + 1).operation).toBe('update');
    expect(register.active(EQ)).toHaveLength(1);
    expect(register.active(EQ)[0]!.details.peakC).toBe(11);
    expect(register.apply(change('RAISE', { type: 'SHOCK' }), T + 2).operation).toBe('raise');
    expect(register.active(EQ)).toHaveLength(2);
  });

  it('clears the active alarm and raises a new one for the next condition of that type', () => {
    const register = new AlarmRegister();
    const first = register.apply(change('RAISE'), T);
    expect(register.apply(change('CLEAR'), T + 100)).toMatchObject({
      operation: 'clear',
      alarm: { status: 'CLEARED_UNACK', endedAt: T + 100 },
    });
    const second = register.apply(change('RAISE'), T + 200);
    expect(second.operation === 'raise' && second.alarm.alarmId).not.toBe(
      first.operation === 'raise' && first.alarm.alarmId,
    );
    expect(register.all()).toHaveLength(2);
  });

  it('lets an officer clear by hand; the rule clear that follows does nothing, a later update raises anew', () => {
    const register = new AlarmRegister();
    const raised = register.apply(change('RAISE'), T);
    const id = raised.operation === 'raise' ? raised.alarm.alarmId : '';
    expect(register.clear(id, 'officer-7', T + 50).ok).toBe(true);
    expect(register.apply(change('CLEAR'), T + 100).operation).toBe('none');
    expect(register.apply(change('UPDATE'), T + 120).operation).toBe('raise');
  });

  it('returns the coded error for an illegal operation and throws ALARM_NOT_FOUND for an unknown id', () => {
    const register = new AlarmRegister();
    const raised = register.apply(change('RAISE'), T);
    const id = raised.operation === 'raise' ? raised.alarm.alarmId : '';
    expect(register.acknowledge(id, 'officer-7', T + 1).ok).toBe(true);
    expect(register.acknowledge(id, 'officer-7', T + 2)).toMatchObject({
      ok: false,
      error: { code: 'ALARM_ILLEGAL_TRANSITION', from: 'ACTIVE_ACK' },
    });
    expect(() => register.get('nope')).toThrow(IotDomainError);
  });
});
