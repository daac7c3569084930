import { randomUUID } from 'node:crypto';
import { recordAudit } from '../../../platform/audit/audit.js';
import { isPartyScoped, type Principal } from '../../../platform/auth/roles.js';
import { isUniqueViolation, type AnyDb } from '../../../platform/database/database.js';
import { DomainError } from '../../../platform/errors.js';
import type { DeclarationService } from '../../declarations/index.js';
import type { DeviceRepository } from '../devices/device.repository.js';
import { actorOf } from '../devices/device.service.js';
import { IotDomainError, compileShipmentPlan, type CompiledShipmentPlan } from '../domain/index.js';
import type { ShipmentRecord } from '../ingestion/fleet.js';
import type { BindShipmentInput } from './shipment.schema.js';
import { ShipmentRepository, type ShipmentRow } from './shipment.repository.js';
import { voyageRouteBetween } from './voyage-plans.js';

const CLOSED_DECLARATION = new Set(['rejected', 'invalidated']);

function planInvalid(issues: { path: string; code: string }[]): DomainError {
  return new DomainError('VALIDATION_FAILED', undefined, {
    errors: issues.map((i) => ({ code: i.code, pointer: `/${i.path.replaceAll('.', '/')}` })),
  });
}

/** Binding containers and their devices to declarations, with the plan the alarm rules check. */
export class ShipmentService {
  readonly repo: ShipmentRepository;

  constructor(
    private readonly db: AnyDb,
    private readonly declarations: DeclarationService,
    private readonly devices: DeviceRepository,
    private readonly watcher: { watch(r: ShipmentRecord): Promise<void>; unwatch(id: string): Promise<void> },
  ) {
    this.repo = new ShipmentRepository(db);
  }

  /**
   * Binds a container on a declaration the caller may see to devices its party owns. The declaration must carry the
   * container; a container or device can be in one active shipment at a time.
   */
  async bind(
    principal: Principal,
    input: BindShipmentInput,
  ): Promise<{ row: ShipmentRow; compiled: CompiledShipmentPlan }> {
    const declaration = await this.declarations.get(principal, input.declarationId);
    const container = input.containerNumber;
    if (!declaration.container_numbers.map((c) => c.toUpperCase()).includes(container))
      throw new DomainError('VALIDATION_FAILED', undefined, {
        errors: [{ code: 'CONTAINER_NOT_ON_DECLARATION', pointer: '/containerNumber', value: container }],
      });
    if (CLOSED_DECLARATION.has(declaration.status))
      throw new DomainError('CONFLICT', undefined, {
        extra: { reason: 'DECLARATION_CLOSED', status: declaration.status },
      });
    const parties = [declaration.declarant_tin, declaration.importer_tin, declaration.exporter_tin].filter(
      (t): t is string => t !== null,
    );
    const ownerTin = isPartyScoped(principal) ? principal.partyTin! : declaration.declarant_tin;
    const deviceIds = [...new Set(input.devices.map((d) => d.deviceId))];
    const rows = await this.devices.findMany(deviceIds);
    const allowedOwners = isPartyScoped(principal) ? [principal.partyTin] : parties;
    for (const id of deviceIds) {
      const device = rows.find((r) => r.device_id === id);
      if (!device || !allowedOwners.includes(device.owner_tin))
        throw new DomainError('VALIDATION_FAILED', undefined, {
          errors: [{ code: 'DEVICE_NOT_OWN_PARTY', pointer: '/devices', value: id }],
        });
      if (device.status !== 'ACTIVE')
        throw new DomainError('VALIDATION_FAILED', undefined, {
          errors: [{ code: 'DEVICE_REVOKED', pointer: '/devices', value: id }],
        });
    }
    const route =
      input.corridor && input.authorisedZones ? null : voyageRouteBetween(input.origin, input.destination);
    const corridor =
      input.corridor ?? (route ? { path: route.path, toleranceM: route.corridorToleranceM } : null);
    if (!corridor)
      throw new DomainError('VALIDATION_FAILED', undefined, {
        errors: [{ code: 'CORRIDOR_REQUIRED', pointer: '/corridor' }],
      });
    const shipmentId = input.shipmentId ?? `SHP-${randomUUID()}`;
    const plan = {
      shipmentId,
      declarationReference: declaration.lrn,
      equipmentReference: container,
      devices: input.devices,
      origin: input.origin,
      destination: input.destination,
      corridor,
      authorisedZones: input.authorisedZones ?? route?.authorisedZones ?? [],
      temperatureProfile: input.temperatureProfile,
    };
    let compiled: CompiledShipmentPlan;
    try {
      compiled = compileShipmentPlan(plan);
    } catch (err) {
      if (err instanceof IotDomainError) {
        const issues = (err.details.issues as { path: string; code: string }[] | undefined) ?? [
          { path: 'temperatureProfile/profileId', code: err.code },
        ];
        throw planInvalid(issues);
      }
      throw err;
    }
    const row: ShipmentRow = {
      shipment_id: shipmentId,
      declaration_id: declaration.id,
      equipment_reference: container,
      owner_tin: ownerTin,
      party_tins: [...new Set([...parties, ownerTin])],
      device_ids: deviceIds,
      plan: compiled.plan,
      status: 'ACTIVE',
      bound_at: new Date(),
      bound_by: actorOf(principal).id,
      closed_at: null,
    };
    try {
      await this.db.transaction().execute(async (trx) => {
        const busy = await this.repo.activeUsingDevices(trx, deviceIds);
        if (busy.length > 0)
          throw new DomainError('CONFLICT', undefined, {
            extra: { reason: 'DEVICE_ALREADY_BOUND', shipmentId: busy[0]!.shipment_id },
          });
        await this.repo.insert(trx, row);
        await recordAudit(trx, [
          {
            actor: actorOf(principal),
            action: 'iot.shipment-bound',
            entityType: 'iot_shipment',
            entityId: shipmentId,
            data: { declarationId: declaration.id, containerNumber: container, deviceIds },
          },
        ]);
      });
    } catch (err) {
      if (isUniqueViolation(err))
        throw new DomainError('CONFLICT', undefined, {
          extra: { reason: 'CONTAINER_ALREADY_BOUND', containerNumber: container },
        });
      throw err;
    }
    await this.watcher.watch(row);
    return { row, compiled };
  }

  /** A shipment the caller may see; another party's is "not found". */
  async get(principal: Principal, shipmentId: string): Promise<ShipmentRow> {
    const row = await this.repo.find(shipmentId);
    if (!row || !visible(principal, row.party_tins))
      throw new DomainError('NOT_FOUND', undefined, { extra: { resource: 'shipment', shipmentId } });
    return row;
  }

  list(
    principal: Principal,
    filter: { declarationId?: string; container?: string; status?: string; limit: number; offset: number },
  ) {
    return this.repo.list({
      ...filter,
      partyTin: isPartyScoped(principal) ? (principal.partyTin ?? '∅') : null,
    });
  }

  /** Ends the watch (goods delivered, or bound by mistake). Alarms stay on record. */
  async close(principal: Principal, shipmentId: string, reason: string): Promise<ShipmentRow> {
    const row = await this.get(principal, shipmentId);
    if (row.status !== 'ACTIVE') return row;
    const at = new Date();
    await this.db.transaction().execute(async (trx) => {
      await this.repo.close(trx, shipmentId, at);
      await recordAudit(trx, [
        {
          actor: actorOf(principal),
          action: 'iot.shipment-closed',
          entityType: 'iot_shipment',
          entityId: shipmentId,
          reason,
        },
      ]);
    });
    await this.watcher.unwatch(shipmentId);
    return { ...row, status: 'CLOSED', closed_at: at };
  }
}

/** Customs see everything; a trader sees what one of its parties is on. */
export function visible(principal: Principal, partyTins: readonly string[]): boolean {
  return !isPartyScoped(principal) || (principal.partyTin !== null && partyTins.includes(principal.partyTin));
}
