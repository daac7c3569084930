/**
 * The containers under watch on this node: each active shipment's compiled plan and its `ContainerMonitor`, restored
 * on first use from the last checkpoint plus the telemetry stored after it (so a restart resumes where it stopped).
 */
import type { Logger } from '../../../platform/logger.js';
import {
  ContainerMonitor,
  compileShipmentPlan,
  type CompiledShipmentPlan,
  type ContainerMonitorState,
} from '../domain/index.js';
import { observationOf, type TelemetryRepository } from './telemetry.repository.js';

export interface WatchedShipment {
  shipmentId: string;
  declarationId: string;
  equipmentReference: string;
  partyTins: string[];
  deviceIds: string[];
  compiled: CompiledShipmentPlan;
  boundAt: number;
  monitor: ContainerMonitor | undefined;
  /** Highest telemetry seq folded into the monitor. */
  lastSeq: number;
  /** Seq of the last persisted checkpoint. */
  checkpointSeq: number;
  /** When (epoch ms) the monitor was last persisted, or restored. */
  checkpointedAt: number;
  dirty: boolean;
}

export interface ShipmentRecord {
  shipment_id: string;
  declaration_id: string;
  equipment_reference: string;
  party_tins: string[];
  device_ids: string[];
  plan: unknown;
  bound_at: Date;
}

const REPLAY_PAGE = 5000;

export class Fleet {
  private readonly shipments = new Map<string, WatchedShipment>();
  private readonly byDevice = new Map<string, WatchedShipment>();

  constructor(
    private readonly telemetry: TelemetryRepository,
    private readonly log: Logger,
  ) {}

  add(record: ShipmentRecord): WatchedShipment {
    const watched: WatchedShipment = {
      shipmentId: record.shipment_id,
      declarationId: record.declaration_id,
      equipmentReference: record.equipment_reference,
      partyTins: record.party_tins,
      deviceIds: record.device_ids,
      compiled: compileShipmentPlan(record.plan),
      boundAt: new Date(record.bound_at).getTime(),
      monitor: undefined,
      lastSeq: 0,
      checkpointSeq: 0,
      // A monitor just bound has nothing to save yet.
      checkpointedAt: Date.now(),
      dirty: false,
    };
    this.shipments.set(watched.shipmentId, watched);
    for (const deviceId of watched.deviceIds) this.byDevice.set(deviceId, watched);
    return watched;
  }

  remove(shipmentId: string): void {
    const watched = this.shipments.get(shipmentId);
    if (!watched) return;
    this.shipments.delete(shipmentId);
    for (const deviceId of watched.deviceIds)
      if (this.byDevice.get(deviceId) === watched) this.byDevice.delete(deviceId);
  }

  /** The shipment a device's message belongs to: the device is bound and names the bound container. */
  shipmentFor(deviceId: string, equipmentReference: string): WatchedShipment | undefined {
    const watched = this.byDevice.get(deviceId);
    return watched?.equipmentReference === equipmentReference ? watched : undefined;
  }

  get(shipmentId: string): WatchedShipment | undefined {
    return this.shipments.get(shipmentId);
  }

  all(): IterableIterator<WatchedShipment> {
    return this.shipments.values();
  }

  get size(): number {
    return this.shipments.size;
  }

  /** Drops the in-memory monitor (after a failed write): the next use restores it from the database. */
  invalidate(watched: WatchedShipment): void {
    watched.monitor = undefined;
    watched.dirty = false;
  }

  /** Restores the monitor from its checkpoint and replays what was stored after it. */
  async ensureMonitor(watched: WatchedShipment): Promise<ContainerMonitor> {
    if (watched.monitor) return watched.monitor;
    const saved = await this.telemetry.monitorState(watched.shipmentId);
    let monitor: ContainerMonitor;
    let through = 0;
    if (saved) {
      try {
        monitor = ContainerMonitor.restore(watched.compiled, saved.state as ContainerMonitorState);
        through = Number(saved.through_seq);
      } catch (err) {
        this.log.warn(
          { err, shipmentId: watched.shipmentId },
          'monitor checkpoint unusable; replaying all telemetry',
        );
        monitor = ContainerMonitor.start(watched.compiled, watched.boundAt);
      }
    } else {
      monitor = ContainerMonitor.start(watched.compiled, watched.boundAt);
    }
    let last = through;
    let replayed = 0;
    for (;;) {
      const rows = await this.telemetry.rowsAfter(watched.shipmentId, last, REPLAY_PAGE);
      for (const row of rows) monitor.observe(observationOf(row), new Date(row.received_at).getTime());
      replayed += rows.length;
      if (rows.length > 0) last = Number(rows[rows.length - 1]!.seq);
      if (rows.length < REPLAY_PAGE) break;
    }
    if (replayed > 0)
      this.log.debug({ shipmentId: watched.shipmentId, replayed }, 'monitor restored by replay');
    watched.monitor = monitor;
    watched.lastSeq = last;
    watched.checkpointSeq = through;
    watched.checkpointedAt = Date.now();
    watched.dirty = replayed > 0;
    return monitor;
  }
}
