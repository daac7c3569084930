import { z } from 'zod';
import { ALARM_SEVERITIES, ALARM_STATUSES, ALARM_TYPES, translateAlarm } from './alarm-text.js';
import type { AlarmRow } from './alarm.repository.js';

export const AlarmOut = z.object({
  alarmId: z.string(),
  shipmentId: z.string(),
  declarationId: z.string(),
  containerNumber: z.string(),
  type: z.enum(ALARM_TYPES),
  severity: z.enum(ALARM_SEVERITIES),
  status: z.enum(ALARM_STATUSES),
  startedAt: z.string(),
  detectedAt: z.string(),
  endedAt: z.string().nullable(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  clearedBy: z.string().nullable(),
  updatedAt: z.string(),
  details: z.record(z.string(), z.unknown()),
  /** The alarm in words, in English and Spanish. */
  messages: z.record(z.string(), z.string()),
  comments: z.array(z.object({ at: z.string(), by: z.string(), text: z.string() })),
  history: z.array(
    z.object({
      at: z.string(),
      operation: z.string(),
      by: z.string().nullable(),
      from: z.string().nullable(),
      to: z.string(),
    }),
  ),
});
export type AlarmView = z.infer<typeof AlarmOut>;

const iso = (d: Date | null) => (d === null ? null : new Date(d).toISOString());

export function toAlarmView(row: AlarmRow): AlarmView {
  const details = (typeof row.details === 'string' ? JSON.parse(row.details) : row.details) as Record<
    string,
    unknown
  >;
  const comments = (typeof row.comments === 'string' ? JSON.parse(row.comments) : row.comments) as {
    at: number;
    by: string;
    text: string;
  }[];
  const history = (typeof row.history === 'string' ? JSON.parse(row.history) : row.history) as {
    at: number;
    operation: string;
    by: string | null;
    from: string | null;
    to: string;
  }[];
  return {
    alarmId: row.alarm_id,
    shipmentId: row.shipment_id,
    declarationId: row.declaration_id,
    containerNumber: row.equipment_reference,
    type: row.type as AlarmView['type'],
    severity: row.severity as AlarmView['severity'],
    status: row.status as AlarmView['status'],
    startedAt: iso(row.started_at)!,
    detectedAt: iso(row.detected_at)!,
    endedAt: iso(row.ended_at),
    acknowledgedAt: iso(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    clearedBy: row.cleared_by,
    updatedAt: iso(row.updated_at)!,
    details,
    messages: translateAlarm(row.type, { startedAt: new Date(row.started_at).getTime(), ...details }),
    comments: comments.map((c) => ({ ...c, at: new Date(c.at).toISOString() })),
    history: history.map((h) => ({ ...h, at: new Date(h.at).toISOString() })),
  };
}
