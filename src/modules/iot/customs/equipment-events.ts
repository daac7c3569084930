/**
 * Customs decisions back to traders as DCSA equipment events, one per container on the declaration: `CUSS` (selected
 * for scan) or `CUSI` (selected for inspection) when a channel is assigned — which channel gives which code is
 * configuration (`ADUANA_IOT_CHANNEL_EVENTS`, default red → CUSI) — and `CUSR` (released) on release.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Config } from '../../../platform/config.js';
import { tablesOf, type AnyDb } from '../../../platform/database/database.js';
import type { DomainEvent, Subscription } from '../../../platform/events/outbox.js';
import { DECLARATION_EVENTS, type DeclarationService } from '../../declarations/index.js';
import type { IotTables } from '../iot.tables.js';
import type { LiveHub } from '../live/live-hub.js';

export type CustomsEquipmentEventCode = 'CUSS' | 'CUSI' | 'CUSR';

/** The platform itself reading a declaration to learn its containers. */
const IOT_SYSTEM: Principal = {
  kind: 'api_key',
  id: 'iot-module',
  name: 'IoT module',
  roles: ['inventory_system'],
  partyTin: null,
  office: null,
  locale: 'en',
};

type Row = IotTables['iot_equipment_events'];

/** DCSA Track & Trace 3 `EquipmentEvent` (metadata + payload) for a customs event. */
export function toDcsaEquipmentEvent(row: Row) {
  const at = new Date(row.occurred_at).toISOString();
  return {
    metadata: { eventID: row.event_id, eventCreatedDateTime: at, eventType: 'EQUIPMENT' as const },
    payload: {
      eventClassifierCode: 'ACT' as const,
      eventDateTime: at,
      equipmentEventTypeCode: row.event_code as CustomsEquipmentEventCode,
      equipmentReference: row.equipment_reference,
      emptyIndicatorCode: 'LADEN' as const,
      documentReferences: [{ type: 'CUSTOMS_DECLARATION', reference: row.declaration_id }],
    },
  };
}

export class CustomsEquipmentEvents {
  constructor(
    private readonly db: AnyDb,
    private readonly declarations: DeclarationService,
    private readonly channelEvents: Config['iotChannelEvents'],
    private readonly live: LiveHub,
  ) {}

  subscription(): Subscription {
    return {
      name: 'iot.customs-equipment-events',
      types: [DECLARATION_EVENTS.channelAssigned, DECLARATION_EVENTS.released],
      handle: (event) => this.handle(event),
    };
  }

  /** Idempotent: one event per (outbox event, container). */
  async handle(event: DomainEvent): Promise<void> {
    const payload = event.payload as { declarationId?: string; channel?: string };
    if (!payload.declarationId) return;
    const code: CustomsEquipmentEventCode | undefined =
      event.type === DECLARATION_EVENTS.released
        ? 'CUSR'
        : this.channelEvents[payload.channel as keyof Config['iotChannelEvents']];
    if (!code) return;
    const declaration = await this.declarations.get(IOT_SYSTEM, payload.declarationId);
    if (declaration.container_numbers.length === 0) return;
    const parties = [declaration.declarant_tin, declaration.importer_tin, declaration.exporter_tin].filter(
      (t): t is string => t !== null,
    );
    const rows: Row[] = declaration.container_numbers.map((container) => ({
      event_id: randomUUID(),
      declaration_id: declaration.id,
      equipment_reference: container.toUpperCase(),
      party_tins: [...new Set(parties)],
      event_code: code,
      occurred_at: new Date(event.occurredAt),
      source_seq: event.seq,
    }));
    const stored = await tablesOf<IotTables>(this.db)
      .insertInto('iot_equipment_events')
      .values(rows)
      .onConflict((oc) => oc.columns(['source_seq', 'equipment_reference']).doNothing())
      .returningAll()
      .execute();
    if (this.live.active)
      for (const row of stored)
        this.live.publish({
          kind: 'equipment-event',
          equipmentReference: row.equipment_reference,
          partyTins: row.party_tins,
          data: toDcsaEquipmentEvent(row),
        });
  }

  list(filter: { partyTin: string | null; container?: string; declarationId?: string; limit: number }) {
    let q = tablesOf<IotTables>(this.db).selectFrom('iot_equipment_events').selectAll();
    if (filter.partyTin !== null) q = q.where(sql<boolean>`${filter.partyTin} = any(party_tins)`);
    if (filter.container) q = q.where('equipment_reference', '=', filter.container);
    if (filter.declarationId) q = q.where('declaration_id', '=', filter.declarationId);
    return q.orderBy('occurred_at', 'desc').limit(filter.limit).execute();
  }
}
