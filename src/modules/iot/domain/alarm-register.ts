/**
 * An in-memory register of alarms that keeps the rule "one active alarm per (container, type)". Used by
 * the simulator and tests; a database-backed repository keeps the same rule with a unique partial index
 * and the same pure lifecycle functions.
 */
import type { AlarmConditionChange } from './alarm-rules.js';
import { IotDomainError } from './errors.js';
import {
  acknowledgeAlarm,
  applyConditionChange,
  clearAlarm,
  commentOnAlarm,
  isActive,
  type Alarm,
  type AlarmChangeOutcome,
  type AlarmResult,
} from './alarm-lifecycle.js';
import type { AlarmType } from './profiles.js';

const key = (equipmentReference: string, type: AlarmType): string => `${equipmentReference}|${type}`;

export class AlarmRegister {
  private readonly alarms = new Map<string, Alarm>();
  private readonly activeByKey = new Map<string, string>();
  private sequence = 0;

  constructor(
    private readonly newAlarmId: () => string = () => `ALM-${String(++this.sequence).padStart(8, '0')}`,
  ) {}

  /** Applies a monitor's change at time `at`; see {@link applyConditionChange}. */
  apply(change: AlarmConditionChange, at: number): AlarmChangeOutcome {
    const k = key(change.equipmentReference, change.condition.type);
    const activeId = this.activeByKey.get(k);
    const outcome = applyConditionChange(activeId === undefined ? null : this.alarms.get(activeId)!, change, {
      at,
      newAlarmId: this.newAlarmId,
    });
    if (outcome.operation !== 'none') this.store(outcome.alarm);
    return outcome;
  }

  /** An officer acknowledges. Throws ALARM_NOT_FOUND; an illegal transition is returned, not thrown. */
  acknowledge(alarmId: string, by: string, at: number): AlarmResult {
    return this.keep(acknowledgeAlarm(this.get(alarmId), by, at));
  }

  /** An officer clears by hand; if the condition persists, the next change from the rules raises anew. */
  clear(alarmId: string, by: string, at: number): AlarmResult {
    return this.keep(clearAlarm(this.get(alarmId), at, by));
  }

  comment(alarmId: string, by: string, at: number, text: string): AlarmResult {
    return this.keep(commentOnAlarm(this.get(alarmId), by, at, text));
  }

  get(alarmId: string): Alarm {
    const alarm = this.alarms.get(alarmId);
    if (alarm === undefined) throw new IotDomainError('ALARM_NOT_FOUND', { alarmId });
    return alarm;
  }

  /** Active alarms, optionally of one container, oldest first. */
  active(equipmentReference?: string): Alarm[] {
    return [...this.activeByKey.values()]
      .map((id) => this.alarms.get(id)!)
      .filter((a) => equipmentReference === undefined || a.equipmentReference === equipmentReference)
      .sort((a, b) => a.startedAt - b.startedAt);
  }

  /** Every alarm ever raised, oldest first. */
  all(): Alarm[] {
    return [...this.alarms.values()].sort((a, b) => a.startedAt - b.startedAt);
  }

  private keep(result: AlarmResult): AlarmResult {
    if (result.ok) this.store(result.alarm);
    return result;
  }

  private store(alarm: Alarm): void {
    this.alarms.set(alarm.alarmId, alarm);
    const k = key(alarm.equipmentReference, alarm.type);
    if (isActive(alarm.status)) this.activeByKey.set(k, alarm.alarmId);
    else if (this.activeByKey.get(k) === alarm.alarmId) this.activeByKey.delete(k);
  }
}
