import { sql } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import type { IotTables } from '../iot.tables.js';

export type DeviceRow = IotTables['iot_devices'];

/** SQL for devices; one method, one query. */
export class DeviceRepository {
  constructor(private readonly db: AnyDb) {}

  private t(trx?: AnyTransaction) {
    return tablesOf<IotTables>(trx ?? this.db);
  }

  insert(trx: AnyTransaction, row: DeviceRow) {
    return this.t(trx).insertInto('iot_devices').values(row).execute();
  }

  find(deviceId: string, trx?: AnyTransaction): Promise<DeviceRow | undefined> {
    return this.t(trx)
      .selectFrom('iot_devices')
      .selectAll()
      .where('device_id', '=', deviceId)
      .executeTakeFirst();
  }

  findMany(deviceIds: string[]): Promise<DeviceRow[]> {
    if (deviceIds.length === 0) return Promise.resolve([]);
    return this.t().selectFrom('iot_devices').selectAll().where('device_id', 'in', deviceIds).execute();
  }

  list(filter: { ownerTin: string | null; status?: string | undefined; limit: number; offset: number }) {
    let q = this.t().selectFrom('iot_devices').selectAll();
    if (filter.ownerTin !== null) q = q.where('owner_tin', '=', filter.ownerTin);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('device_id').limit(filter.limit).offset(filter.offset).execute();
  }

  /** Every device, for the external broker's password and ACL files. */
  all(): Promise<DeviceRow[]> {
    return this.t().selectFrom('iot_devices').selectAll().orderBy('device_id').execute();
  }

  update(trx: AnyTransaction, deviceId: string, patch: Partial<DeviceRow>) {
    return this.t(trx).updateTable('iot_devices').set(patch).where('device_id', '=', deviceId).execute();
  }

  count(): Promise<number> {
    return this.t()
      .selectFrom('iot_devices')
      .select(sql<number>`count(*)::int`.as('n'))
      .executeTakeFirstOrThrow()
      .then((r) => Number(r.n));
  }
}
