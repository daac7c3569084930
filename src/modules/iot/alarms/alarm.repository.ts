import { sql } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import type { Alarm, AlarmSeverity, AlarmStatus, AlarmType } from '../domain/index.js';
import type { IotTables } from '../iot.tables.js';

export type AlarmRow = IotTables['iot_alarms'];

/** What the alarm belongs to, beyond the domain's alarm. */
export interface AlarmBinding {
  shipmentId: string;
  declarationId: string;
  partyTins: string[];
}

export interface AlarmFilter {
  /** Null: every party (customs). */
  partyTin: string | null;
  status?: AlarmStatus[] | undefined;
  type?: AlarmType[] | undefined;
  severity?: AlarmSeverity[] | undefined;
  container?: string | undefined;
  declarationId?: string | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  limit: number;
  offset: number;
}

const date = (ms: number | null): Date | null => (ms === null ? null : new Date(ms));

export function toRow(alarm: Alarm, binding: AlarmBinding): AlarmRow {
  return {
    alarm_id: alarm.alarmId,
    shipment_id: binding.shipmentId,
    declaration_id: binding.declarationId,
    equipment_reference: alarm.equipmentReference,
    party_tins: binding.partyTins,
    type: alarm.type,
    severity: alarm.severity,
    status: alarm.status,
    started_at: new Date(alarm.startedAt),
    detected_at: new Date(alarm.detectedAt),
    ended_at: date(alarm.endedAt),
    acknowledged_at: date(alarm.acknowledgedAt),
    acknowledged_by: alarm.acknowledgedBy,
    cleared_by: alarm.clearedBy,
    updated_at: new Date(alarm.updatedAt),
    details: JSON.stringify(alarm.details),
    comments: JSON.stringify(alarm.comments),
    history: JSON.stringify(alarm.history),
  };
}

export function toAlarm(row: AlarmRow): Alarm {
  const ms = (d: Date | null) => (d === null ? null : new Date(d).getTime());
  return {
    alarmId: row.alarm_id,
    equipmentReference: row.equipment_reference,
    type: row.type as AlarmType,
    severity: row.severity as AlarmSeverity,
    status: row.status as AlarmStatus,
    startedAt: new Date(row.started_at).getTime(),
    detectedAt: new Date(row.detected_at).getTime(),
    endedAt: ms(row.ended_at),
    clearedBy: row.cleared_by,
    acknowledgedAt: ms(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    updatedAt: new Date(row.updated_at).getTime(),
    details: row.details as Alarm['details'],
    comments: row.comments as Alarm['comments'],
    history: row.history as Alarm['history'],
  };
}

/** SQL for alarms. The partial unique index keeps one active alarm per (container, type). */
export class AlarmRepository {
  constructor(private readonly db: AnyDb) {}

  private t(trx?: AnyTransaction) {
    return tablesOf<IotTables>(trx ?? this.db);
  }

  /** The active alarm of a type on a container, locked for the caller's transaction. */
  lockActive(trx: AnyTransaction, equipmentReference: string, type: string): Promise<AlarmRow | undefined> {
    return this.t(trx)
      .selectFrom('iot_alarms')
      .selectAll()
      .where('equipment_reference', '=', equipmentReference)
      .where('type', '=', type)
      .where('status', 'in', ['ACTIVE_UNACK', 'ACTIVE_ACK'])
      .forUpdate()
      .executeTakeFirst();
  }

  lock(trx: AnyTransaction, alarmId: string): Promise<AlarmRow | undefined> {
    return this.t(trx)
      .selectFrom('iot_alarms')
      .selectAll()
      .where('alarm_id', '=', alarmId)
      .forUpdate()
      .executeTakeFirst();
  }

  find(alarmId: string): Promise<AlarmRow | undefined> {
    return this.t().selectFrom('iot_alarms').selectAll().where('alarm_id', '=', alarmId).executeTakeFirst();
  }

  async upsert(trx: AnyTransaction, row: AlarmRow): Promise<void> {
    await this.t(trx)
      .insertInto('iot_alarms')
      .values(row)
      .onConflict((oc) =>
        oc.column('alarm_id').doUpdateSet({
          severity: row.severity,
          status: row.status,
          started_at: row.started_at,
          ended_at: row.ended_at,
          acknowledged_at: row.acknowledged_at,
          acknowledged_by: row.acknowledged_by,
          cleared_by: row.cleared_by,
          updated_at: row.updated_at,
          details: row.details,
          comments: row.comments,
          history: row.history,
        }),
      )
      .execute();
  }

  async list(filter: AlarmFilter): Promise<{ rows: AlarmRow[]; total: number }> {
    let q = this.t().selectFrom('iot_alarms');
    if (filter.partyTin !== null) q = q.where(sql<boolean>`${filter.partyTin} = any(party_tins)`);
    if (filter.status?.length) q = q.where('status', 'in', filter.status);
    if (filter.type?.length) q = q.where('type', 'in', filter.type);
    if (filter.severity?.length) q = q.where('severity', 'in', filter.severity);
    if (filter.container) q = q.where('equipment_reference', '=', filter.container);
    if (filter.declarationId) q = q.where('declaration_id', '=', filter.declarationId);
    if (filter.from) q = q.where('started_at', '>=', filter.from);
    if (filter.to) q = q.where('started_at', '<', filter.to);
    const [rows, count] = await Promise.all([
      q
        .selectAll()
        .orderBy('started_at', 'desc')
        .orderBy('alarm_id')
        .limit(filter.limit)
        .offset(filter.offset)
        .execute(),
      q.select(sql<number>`count(*)::int`.as('n')).executeTakeFirstOrThrow(),
    ]);
    return { rows, total: Number(count.n) };
  }
}
