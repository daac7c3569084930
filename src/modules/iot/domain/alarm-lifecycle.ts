/**
 * The alarm lifecycle, after ThingsBoard's: an alarm is raised ACTIVE_UNACK; an officer acknowledges it
 * (ACTIVE_ACK); the condition ends or an officer clears it (CLEARED_UNACK or CLEARED_ACK). Updates while
 * active keep the status, except an escalation of severity, which asks for a new acknowledgement.
 * Comments are allowed in every status. There is at most one active alarm per (container, alarm type):
 * a new condition of the same type updates it rather than raising a second one.
 *
 * The transition table is the single source of truth; anything not in it is ALARM_ILLEGAL_TRANSITION.
 * Functions here are pure: they return a new alarm and never mutate their input.
 */
import type { AlarmCondition, AlarmConditionChange } from './alarm-rules.js';
import { isMoreSevere, type AlarmSeverity, type AlarmType } from './profiles.js';

export const ALARM_STATUSES = ['ACTIVE_UNACK', 'ACTIVE_ACK', 'CLEARED_UNACK', 'CLEARED_ACK'] as const;
export type AlarmStatus = (typeof ALARM_STATUSES)[number];

export const ALARM_OPERATIONS = ['update', 'escalate', 'acknowledge', 'clear', 'comment'] as const;
export type AlarmOperation = (typeof ALARM_OPERATIONS)[number];

/** status → operation → next status. Absent = illegal. */
export const ALARM_TRANSITIONS: Readonly<
  Record<AlarmStatus, Readonly<Partial<Record<AlarmOperation, AlarmStatus>>>>
> = {
  ACTIVE_UNACK: {
    update: 'ACTIVE_UNACK',
    escalate: 'ACTIVE_UNACK',
    acknowledge: 'ACTIVE_ACK',
    clear: 'CLEARED_UNACK',
    comment: 'ACTIVE_UNACK',
  },
  ACTIVE_ACK: {
    update: 'ACTIVE_ACK',
    escalate: 'ACTIVE_UNACK',
    clear: 'CLEARED_ACK',
    comment: 'ACTIVE_ACK',
  },
  CLEARED_UNACK: {
    acknowledge: 'CLEARED_ACK',
    comment: 'CLEARED_UNACK',
  },
  CLEARED_ACK: {
    comment: 'CLEARED_ACK',
  },
};

export const isActive = (status: AlarmStatus): boolean =>
  status === 'ACTIVE_UNACK' || status === 'ACTIVE_ACK';

export interface AlarmComment {
  at: number;
  /** Officer (user) id. */
  by: string;
  text: string;
}

/** One line of the alarm's own trail: who did what, when, from which status to which. */
export interface AlarmHistoryEntry {
  at: number;
  operation: AlarmOperation | 'raise';
  /** Officer id, or null for the system (rules). */
  by: string | null;
  from: AlarmStatus | null;
  to: AlarmStatus;
}

export interface Alarm {
  alarmId: string;
  equipmentReference: string;
  type: AlarmType;
  severity: AlarmSeverity;
  status: AlarmStatus;
  startedAt: number;
  detectedAt: number;
  /** When the alarm was cleared (by the rule or an officer); null while active. */
  endedAt: number | null;
  clearedBy: string | null;
  acknowledgedAt: number | null;
  acknowledgedBy: string | null;
  updatedAt: number;
  details: AlarmCondition['details'];
  comments: AlarmComment[];
  history: AlarmHistoryEntry[];
}

export interface AlarmIllegalTransition {
  code: 'ALARM_ILLEGAL_TRANSITION';
  alarmId: string;
  from: AlarmStatus;
  operation: AlarmOperation;
}

export type AlarmResult = { ok: true; alarm: Alarm } | { ok: false; error: AlarmIllegalTransition };

/** The status an operation leads to, or null when the table forbids it. */
export function nextAlarmStatus(from: AlarmStatus, operation: AlarmOperation): AlarmStatus | null {
  return ALARM_TRANSITIONS[from][operation] ?? null;
}

function apply(
  alarm: Alarm,
  operation: AlarmOperation,
  at: number,
  by: string | null,
  change: (next: Alarm) => void,
): AlarmResult {
  const to = nextAlarmStatus(alarm.status, operation);
  if (to === null) {
    return {
      ok: false,
      error: { code: 'ALARM_ILLEGAL_TRANSITION', alarmId: alarm.alarmId, from: alarm.status, operation },
    };
  }
  const next: Alarm = {
    ...alarm,
    status: to,
    updatedAt: Math.max(alarm.updatedAt, at),
    comments: [...alarm.comments],
    history: [...alarm.history, { at, operation, by, from: alarm.status, to }],
  };
  change(next);
  return { ok: true, alarm: next };
}

/** A new alarm from a raised condition: ACTIVE_UNACK. */
export function raiseAlarm(
  equipmentReference: string,
  condition: AlarmCondition,
  options: { alarmId: string; at: number },
): Alarm {
  return {
    alarmId: options.alarmId,
    equipmentReference,
    type: condition.type,
    severity: condition.severity,
    status: 'ACTIVE_UNACK',
    startedAt: condition.startedAt,
    detectedAt: condition.detectedAt,
    endedAt: null,
    clearedBy: null,
    acknowledgedAt: null,
    acknowledgedBy: null,
    updatedAt: options.at,
    details: { ...condition.details },
    comments: [],
    history: [{ at: options.at, operation: 'raise', by: null, from: null, to: 'ACTIVE_UNACK' }],
  };
}

/** New figures for an active alarm; an increase in severity is an escalation and needs acknowledging again. */
export function updateAlarm(alarm: Alarm, condition: AlarmCondition, at: number): AlarmResult {
  const operation = isMoreSevere(condition.severity, alarm.severity) ? 'escalate' : 'update';
  return apply(alarm, operation, at, null, (next) => {
    next.severity = condition.severity;
    next.startedAt = Math.min(alarm.startedAt, condition.startedAt);
    next.details = { ...condition.details };
    if (operation === 'escalate') {
      next.acknowledgedAt = null;
      next.acknowledgedBy = null;
    }
  });
}

/** An officer takes note of the alarm. */
export function acknowledgeAlarm(alarm: Alarm, by: string, at: number): AlarmResult {
  return apply(alarm, 'acknowledge', at, by, (next) => {
    next.acknowledgedAt = at;
    next.acknowledgedBy = by;
  });
}

/** The condition is over (`by` null: the rule cleared it) or an officer closes the alarm. */
export function clearAlarm(alarm: Alarm, at: number, by: string | null = null): AlarmResult {
  return apply(alarm, 'clear', at, by, (next) => {
    next.endedAt = at;
    next.clearedBy = by;
  });
}

/** An officer's note, in any status. Text is trimmed and limited to 2 000 characters. */
export function commentOnAlarm(alarm: Alarm, by: string, at: number, text: string): AlarmResult {
  return apply(alarm, 'comment', at, by, (next) => {
    next.comments.push({ at, by, text: text.trim().slice(0, 2_000) });
  });
}

/**
 * What applying a monitor's change did: `raise` (a new alarm), `update`/`escalate`/`clear` (the active
 * alarm of that type), or `none` (a clear for an alarm an officer had already cleared).
 */
export type AlarmChangeOutcome =
  { operation: 'raise' | 'update' | 'escalate' | 'clear'; alarm: Alarm } | { operation: 'none' };

/**
 * Applies a monitor's condition change to the container's active alarm of that type (or to none):
 * RAISE or UPDATE without an active alarm raises one; with one, updates it — never a duplicate.
 */
export function applyConditionChange(
  active: Alarm | null,
  change: AlarmConditionChange,
  options: { at: number; newAlarmId: () => string },
): AlarmChangeOutcome {
  if (active !== null && !isActive(active.status)) active = null;
  if (change.change === 'CLEAR') {
    if (active === null) return { operation: 'none' };
    const cleared = clearAlarm({ ...active, details: { ...change.condition.details } }, change.clearedAt);
    return cleared.ok ? { operation: 'clear', alarm: cleared.alarm } : { operation: 'none' };
  }
  if (active === null) {
    return {
      operation: 'raise',
      alarm: raiseAlarm(change.equipmentReference, change.condition, {
        alarmId: options.newAlarmId(),
        at: options.at,
      }),
    };
  }
  const updated = updateAlarm(active, change.condition, options.at);
  if (!updated.ok) return { operation: 'none' };
  return {
    operation: updated.alarm.history.at(-1)!.operation === 'escalate' ? 'escalate' : 'update',
    alarm: updated.alarm,
  };
}
