import { recordAudit } from '../../../platform/audit/audit.js';
import { isPartyScoped, type Principal } from '../../../platform/auth/roles.js';
import type { AnyDb } from '../../../platform/database/database.js';
import { DomainError } from '../../../platform/errors.js';
import { publishEvents } from '../../../platform/events/outbox.js';
import { actorOf } from '../devices/device.service.js';
import {
  acknowledgeAlarm,
  clearAlarm,
  commentOnAlarm,
  type Alarm,
  type AlarmResult,
} from '../domain/index.js';
import type { LiveHub } from '../live/live-hub.js';
import { visible } from '../shipments/shipment.service.js';
import { clearedEvent } from './alarm-writer.js';
import { AlarmRepository, toAlarm, toRow, type AlarmFilter, type AlarmRow } from './alarm.repository.js';

/** Officers' work on alarms: acknowledge, comment, clear — each a transition of the domain's table, audited. */
export class AlarmService {
  readonly repo: AlarmRepository;

  constructor(
    private readonly db: AnyDb,
    private readonly live: LiveHub,
    private readonly onCommit: () => void,
  ) {
    this.repo = new AlarmRepository(db);
  }

  list(principal: Principal, filter: Omit<AlarmFilter, 'partyTin'>) {
    return this.repo.list({
      ...filter,
      partyTin: isPartyScoped(principal) ? (principal.partyTin ?? '∅') : null,
    });
  }

  async get(principal: Principal, alarmId: string): Promise<AlarmRow> {
    const row = await this.repo.find(alarmId);
    if (!row || !visible(principal, row.party_tins))
      throw new DomainError('NOT_FOUND', undefined, { extra: { resource: 'alarm', alarmId } });
    return row;
  }

  acknowledge(principal: Principal, alarmId: string) {
    return this.transition(principal, alarmId, 'acknowledged', (a, by, at) => acknowledgeAlarm(a, by, at));
  }

  comment(principal: Principal, alarmId: string, text: string) {
    return this.transition(
      principal,
      alarmId,
      'commented',
      (a, by, at) => commentOnAlarm(a, by, at, text),
      text,
    );
  }

  /** An officer closes the alarm; if the condition persists, the rules raise a new one. */
  clear(principal: Principal, alarmId: string, reason: string) {
    return this.transition(principal, alarmId, 'cleared', (a, by, at) => clearAlarm(a, at, by), reason);
  }

  private async transition(
    principal: Principal,
    alarmId: string,
    action: string,
    apply: (alarm: Alarm, by: string, at: number) => AlarmResult,
    reason?: string,
  ): Promise<AlarmRow> {
    // The alarm names the officer as colleagues know them; the audit entry below keeps the principal's id.
    const by = actorOf(principal).name;
    const row = await this.db.transaction().execute(async (trx) => {
      const current = await this.repo.lock(trx, alarmId);
      if (!current) throw new DomainError('NOT_FOUND', undefined, { extra: { resource: 'alarm', alarmId } });
      const result = apply(toAlarm(current), by, Date.now());
      if (!result.ok)
        throw new DomainError('ILLEGAL_TRANSITION', undefined, {
          params: { from: result.error.from, to: result.error.operation },
          extra: { reason: 'ALARM_ILLEGAL_TRANSITION' },
        });
      const binding = {
        shipmentId: current.shipment_id,
        declarationId: current.declaration_id,
        partyTins: current.party_tins,
      };
      const next = toRow(result.alarm, binding);
      await this.repo.upsert(trx, next);
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: `iot.alarm-${action}`,
          entityType: 'iot_alarm',
          entityId: alarmId,
          reason: reason ?? null,
          data: { from: current.status, to: result.alarm.status },
        },
      ]);
      if (action === 'cleared') await publishEvents(trx, [clearedEvent(result.alarm, binding)]);
      return {
        ...next,
        details: result.alarm.details,
        comments: result.alarm.comments,
        history: result.alarm.history,
      };
    });
    if (action === 'cleared') this.onCommit();
    if (this.live.active)
      this.live.publish({
        kind: 'alarm',
        equipmentReference: row.equipment_reference,
        partyTins: row.party_tins,
        data: { operation: action, alarmId, type: row.type, severity: row.severity, status: row.status },
      });
    return row;
  }
}
