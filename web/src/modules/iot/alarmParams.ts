import { ALARM_SEVERITIES, ALARM_TYPES, type AlarmQuery, type AlarmSeverity, type AlarmType } from './types';

/** The status choices of the board: one status, or the active / cleared pairs. */
export const STATUS_CHOICES = [
  'ACTIVE_UNACK,ACTIVE_ACK',
  'ACTIVE_UNACK',
  'ACTIVE_ACK',
  'CLEARED_UNACK,CLEARED_ACK',
  'CLEARED_UNACK',
] as const;
export type StatusChoice = (typeof STATUS_CHOICES)[number];

export const ALARM_PAGE_SIZE = 50;

/** The alarm board's filters, kept in the URL. */
export interface AlarmFilters {
  severity: AlarmSeverity | '';
  status: StatusChoice | '';
  type: AlarmType | '';
  container: string;
  offset: number;
}

const pick = <T extends string>(v: string | null, allowed: readonly T[]): T | '' =>
  v && (allowed as readonly string[]).includes(v) ? (v as T) : '';

export function alarmFiltersFromSearch(params: URLSearchParams): AlarmFilters {
  const offset = Number(params.get('offset'));
  return {
    severity: pick(params.get('severity'), ALARM_SEVERITIES),
    status: pick(params.get('status'), STATUS_CHOICES),
    type: pick(params.get('type'), ALARM_TYPES),
    container: (params.get('container') ?? '').trim().toUpperCase().slice(0, 11),
    offset: Number.isInteger(offset) && offset > 0 ? offset : 0,
  };
}

export function alarmFiltersToSearch(f: AlarmFilters): URLSearchParams {
  const p = new URLSearchParams();
  for (const key of ['severity', 'status', 'type', 'container'] as const) if (f[key]) p.set(key, f[key]);
  if (f.offset) p.set('offset', String(f.offset));
  return p;
}

export function toAlarmQuery(f: AlarmFilters): AlarmQuery {
  return {
    limit: ALARM_PAGE_SIZE,
    offset: f.offset,
    ...(f.severity ? { severity: f.severity } : {}),
    ...(f.status ? { status: f.status } : {}),
    ...(f.type ? { type: f.type } : {}),
    ...(f.container ? { container: f.container } : {}),
  };
}
