import { sql } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import type { IotTables } from '../iot.tables.js';

export type ShipmentRow = IotTables['iot_shipments'];

export class ShipmentRepository {
  constructor(private readonly db: AnyDb) {}

  private t(trx?: AnyTransaction) {
    return tablesOf<IotTables>(trx ?? this.db);
  }

  insert(trx: AnyTransaction, row: ShipmentRow) {
    return this.t(trx)
      .insertInto('iot_shipments')
      .values({ ...row, plan: JSON.stringify(row.plan) })
      .execute();
  }

  find(shipmentId: string): Promise<ShipmentRow | undefined> {
    return this.t()
      .selectFrom('iot_shipments')
      .selectAll()
      .where('shipment_id', '=', shipmentId)
      .executeTakeFirst();
  }

  active(): Promise<ShipmentRow[]> {
    return this.t().selectFrom('iot_shipments').selectAll().where('status', '=', 'ACTIVE').execute();
  }

  /** Active shipments that already use one of these devices. */
  activeUsingDevices(trx: AnyTransaction, deviceIds: string[]): Promise<{ shipment_id: string }[]> {
    return this.t(trx)
      .selectFrom('iot_shipments')
      .select('shipment_id')
      .where('status', '=', 'ACTIVE')
      .where(sql<boolean>`device_ids && ${deviceIds}::text[]`)
      .execute();
  }

  list(filter: {
    partyTin: string | null;
    declarationId?: string | undefined;
    container?: string | undefined;
    status?: string | undefined;
    limit: number;
    offset: number;
  }): Promise<ShipmentRow[]> {
    let q = this.t().selectFrom('iot_shipments').selectAll();
    if (filter.partyTin !== null) q = q.where(sql<boolean>`${filter.partyTin} = any(party_tins)`);
    if (filter.declarationId) q = q.where('declaration_id', '=', filter.declarationId);
    if (filter.container) q = q.where('equipment_reference', '=', filter.container);
    if (filter.status) q = q.where('status', '=', filter.status);
    return q.orderBy('bound_at', 'desc').limit(filter.limit).offset(filter.offset).execute();
  }

  /** The latest shipment (active first) of a container. */
  latestForContainer(container: string): Promise<ShipmentRow | undefined> {
    return this.t()
      .selectFrom('iot_shipments')
      .selectAll()
      .where('equipment_reference', '=', container)
      .orderBy(sql`status = 'ACTIVE'`, 'desc')
      .orderBy('bound_at', 'desc')
      .limit(1)
      .executeTakeFirst();
  }

  forDeclaration(declarationId: string): Promise<ShipmentRow[]> {
    return this.t()
      .selectFrom('iot_shipments')
      .selectAll()
      .where('declaration_id', '=', declarationId)
      .execute();
  }

  close(trx: AnyTransaction, shipmentId: string, at: Date) {
    return this.t(trx)
      .updateTable('iot_shipments')
      .set({ status: 'CLOSED', closed_at: at })
      .where('shipment_id', '=', shipmentId)
      .where('status', '=', 'ACTIVE')
      .execute();
  }
}
