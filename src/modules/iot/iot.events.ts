/**
 * Events the IoT module publishes through the outbox. The payloads are a contract with the risk module (which raises
 * the bound declaration's risk, may force a channel or hold release) and the ledger (which anchors them).
 */
import { z } from 'zod';

export const IOT_EVENTS = {
  alarmRaised: 'iot.alarm-raised',
  alarmCleared: 'iot.alarm-cleared',
} as const;
export type IotEventType = (typeof IOT_EVENTS)[keyof typeof IOT_EVENTS];

/**
 * `iot.alarm-raised`: a new alarm on a container bound to a declaration, or an escalation of an active one (same
 * `alarmId`, higher `severity`, `escalation: true`). Consumers key on `alarmId` to stay idempotent.
 */
export const AlarmRaisedPayload = z.object({
  alarmId: z.string(),
  declarationId: z.uuid(),
  containerNumber: z.string(),
  type: z.string(),
  severity: z.enum(['CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INDETERMINATE']),
  shipmentId: z.string(),
  startedAt: z.string(),
  detectedAt: z.string(),
  escalation: z.boolean(),
});
export type AlarmRaisedPayload = z.infer<typeof AlarmRaisedPayload>;

/** `iot.alarm-cleared`: the condition ended (`clearedBy` null) or an officer cleared the alarm. */
export const AlarmClearedPayload = z.object({
  alarmId: z.string(),
  declarationId: z.uuid(),
  containerNumber: z.string(),
  type: z.string(),
  severity: z.enum(['CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INDETERMINATE']),
  shipmentId: z.string(),
  endedAt: z.string(),
  clearedBy: z.string().nullable(),
});
export type AlarmClearedPayload = z.infer<typeof AlarmClearedPayload>;
