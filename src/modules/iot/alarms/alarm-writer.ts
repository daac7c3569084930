/**
 * Applies a monitor's alarm condition changes inside the ingestion transaction: one active alarm per (container,
 * type), updated rather than duplicated, with `iot.alarm-raised` / `iot.alarm-cleared` in the outbox.
 */
import { randomUUID } from 'node:crypto';
import type { AnyTransaction } from '../../../platform/database/database.js';
import type { NewEvent } from '../../../platform/events/outbox.js';
import { applyConditionChange, type Alarm, type AlarmConditionChange } from '../domain/index.js';
import { IOT_EVENTS, type AlarmClearedPayload, type AlarmRaisedPayload } from '../iot.events.js';
import type { AlarmRepository } from './alarm.repository.js';
import { toAlarm, toRow, type AlarmBinding } from './alarm.repository.js';

export const newAlarmId = (): string => `ALM-${randomUUID()}`;

export function raisedEvent(alarm: Alarm, binding: AlarmBinding, escalation: boolean): NewEvent {
  const payload: AlarmRaisedPayload = {
    alarmId: alarm.alarmId,
    declarationId: binding.declarationId,
    containerNumber: alarm.equipmentReference,
    type: alarm.type,
    severity: alarm.severity,
    shipmentId: binding.shipmentId,
    startedAt: new Date(alarm.startedAt).toISOString(),
    detectedAt: new Date(alarm.detectedAt).toISOString(),
    escalation,
  };
  return { type: IOT_EVENTS.alarmRaised, aggregateType: 'iot_alarm', aggregateId: alarm.alarmId, payload };
}

export function clearedEvent(alarm: Alarm, binding: AlarmBinding): NewEvent {
  const payload: AlarmClearedPayload = {
    alarmId: alarm.alarmId,
    declarationId: binding.declarationId,
    containerNumber: alarm.equipmentReference,
    type: alarm.type,
    severity: alarm.severity,
    shipmentId: binding.shipmentId,
    endedAt: new Date(alarm.endedAt ?? alarm.updatedAt).toISOString(),
    clearedBy: alarm.clearedBy,
  };
  return { type: IOT_EVENTS.alarmCleared, aggregateType: 'iot_alarm', aggregateId: alarm.alarmId, payload };
}

export interface AppliedAlarm {
  alarm: Alarm;
  binding: AlarmBinding;
  operation: 'raise' | 'update' | 'escalate' | 'clear';
}

export class AlarmWriter {
  constructor(private readonly alarms: AlarmRepository) {}

  /** Applies one change; returns what it did and the events to publish in the same transaction. */
  async apply(
    trx: AnyTransaction,
    binding: AlarmBinding,
    change: AlarmConditionChange,
    at: number,
  ): Promise<{ applied: AppliedAlarm | null; events: NewEvent[] }> {
    const activeRow = await this.alarms.lockActive(trx, change.equipmentReference, change.condition.type);
    const outcome = applyConditionChange(activeRow ? toAlarm(activeRow) : null, change, { at, newAlarmId });
    if (outcome.operation === 'none') return { applied: null, events: [] };
    const owner: AlarmBinding = activeRow
      ? {
          shipmentId: activeRow.shipment_id,
          declarationId: activeRow.declaration_id,
          partyTins: activeRow.party_tins,
        }
      : binding;
    await this.alarms.upsert(trx, toRow(outcome.alarm, owner));
    const events: NewEvent[] = [];
    if (outcome.operation === 'raise') events.push(raisedEvent(outcome.alarm, owner, false));
    if (outcome.operation === 'escalate') events.push(raisedEvent(outcome.alarm, owner, true));
    if (outcome.operation === 'clear') events.push(clearedEvent(outcome.alarm, owner));
    return { applied: { alarm: outcome.alarm, binding: owner, operation: outcome.operation }, events };
  }
}
