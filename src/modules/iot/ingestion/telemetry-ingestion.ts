/**
 * Ingestion: device messages → validation → micro-batches → one transaction per batch (raw rows, deduplicated by
 * (device, message id); alarm changes with their outbox events; monitor checkpoints) → acknowledgement.
 *
 * Every message's promise resolves only after its batch committed: the broker adapters send the PUBACK then. Batches,
 * ticks and bindings run one at a time on this node, so monitors are never touched concurrently. A failed batch
 * rejects every message in it (no ack: the devices resend) and drops the touched monitors, which are restored from
 * the database on next use.
 */
import type { AnyDb, AnyTransaction } from '../../../platform/database/database.js';
import { publishEvents, type NewEvent } from '../../../platform/events/outbox.js';
import type { Logger } from '../../../platform/logger.js';
import type { AlarmWriter, AppliedAlarm } from '../alarms/alarm-writer.js';
import type { InboundDeviceMessage } from '../broker/telemetry-broker.js';
import type { TopicSpace } from '../broker/topics.js';
import {
  parseDeviceMessage,
  toObservation,
  type AlarmConditionChange,
  type Observation,
} from '../domain/index.js';
import type { LiveHub } from '../live/live-hub.js';
import type { Fleet, ShipmentRecord, WatchedShipment } from './fleet.js';
import { rowOf, type TelemetryRepository } from './telemetry.repository.js';

export interface IngestionOptions {
  batchSize: number;
  batchWaitMs: number;
  checkpointIntervalMs: number;
}

export interface IngestionCounters {
  received: number;
  stored: number;
  duplicates: number;
  rejected: number;
  batches: number;
  failedBatches: number;
  alarmChanges: number;
}

interface Pending {
  observation: Observation;
  receivedAt: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Alarm changes applied by a batch or a tick, for whoever watches (live stream, benchmark). */
export type AlarmListener = (applied: AppliedAlarm, shipment: WatchedShipment) => void;

export class TelemetryIngestion {
  private batch: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private queue: Promise<unknown> = Promise.resolve();
  private lastCheckpointAt = Date.now();
  private readonly alarmListeners = new Set<AlarmListener>();
  readonly counters: IngestionCounters = {
    received: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    batches: 0,
    failedBatches: 0,
    alarmChanges: 0,
  };

  constructor(
    private readonly db: AnyDb,
    private readonly deps: {
      topics: TopicSpace;
      telemetry: TelemetryRepository;
      fleet: Fleet;
      alarms: AlarmWriter;
      live: LiveHub;
      log: Logger;
      onCommit: () => void;
    },
    private readonly options: IngestionOptions,
  ) {}

  onAlarm(listener: AlarmListener): () => void {
    this.alarmListeners.add(listener);
    return () => this.alarmListeners.delete(listener);
  }

  /** The broker's handler: resolves once the message is stored, or refused for good (invalid: logged, acknowledged). */
  readonly accept = (message: InboundDeviceMessage): Promise<void> => {
    this.counters.received += 1;
    const local = this.deps.topics.localTopic(message.topic);
    let body: unknown;
    try {
      body = JSON.parse(message.payload.toString('utf8'));
    } catch {
      return this.refuse(message.topic, 'PAYLOAD_NOT_JSON', []);
    }
    const parsed = parseDeviceMessage(local ?? '', body);
    if (!parsed.ok) return this.refuse(message.topic, parsed.rejection.code, parsed.rejection.issues);
    return new Promise<void>((resolve, reject) => {
      this.batch.push({
        observation: toObservation(parsed.message),
        receivedAt: message.receivedAt,
        resolve,
        reject,
      });
      if (this.batch.length >= this.options.batchSize) this.flushSoon(0);
      else if (!this.timer) this.flushSoon(this.options.batchWaitMs);
    });
  };

  /** Runs `work` after everything queued before it (batches, ticks, bindings). */
  serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.queue.then(work, work);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Writes what is waiting now; resolves when done (tests, shutdown). */
  async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batch.length > 0) {
      const batch = this.batch;
      this.batch = [];
      await this.serial(() => this.write(batch));
    } else {
      await this.serial(() => Promise.resolve());
    }
  }

  /** A new binding: the container is watched from now on. */
  watch(record: ShipmentRecord): Promise<void> {
    return this.serial(() => {
      this.deps.fleet.add(record);
      return Promise.resolve();
    });
  }

  unwatch(shipmentId: string): Promise<void> {
    return this.serial(() => {
      this.deps.fleet.remove(shipmentId);
      return Promise.resolve();
    });
  }

  /** Lets time pass for every watched container (silence, held durations); applies what changes. */
  tick(now = Date.now()): Promise<number> {
    return this.serial(async () => {
      const changed: { shipment: WatchedShipment; change: AlarmConditionChange }[] = [];
      for (const shipment of this.deps.fleet.all()) {
        const monitor = await this.deps.fleet.ensureMonitor(shipment);
        for (const change of monitor.tick(now)) changed.push({ shipment, change });
        shipment.dirty = true;
      }
      if (changed.length === 0) return 0;
      const touched = new Set(changed.map((c) => c.shipment));
      try {
        const applied = await this.db.transaction().execute(async (trx) => {
          const events: NewEvent[] = [];
          const out: { applied: AppliedAlarm; shipment: WatchedShipment }[] = [];
          for (const { shipment, change } of changed) {
            const r = await this.deps.alarms.apply(trx, shipment, change, now);
            events.push(...r.events);
            if (r.applied) out.push({ applied: r.applied, shipment });
          }
          await publishEvents(trx, events);
          await this.checkpoint(trx, [...touched]);
          return out;
        });
        this.announce(applied);
        return applied.length;
      } catch (err) {
        for (const s of touched) this.deps.fleet.invalidate(s);
        throw err;
      }
    });
  }

  /** Persists every monitor that changed since its checkpoint (periodically and at shutdown). */
  checkpointAll(): Promise<void> {
    return this.serial(async () => {
      const dirty = [...this.deps.fleet.all()].filter((s) => s.dirty && s.monitor);
      if (dirty.length === 0) return;
      await this.db.transaction().execute((trx) => this.checkpoint(trx, dirty));
      this.lastCheckpointAt = Date.now();
    });
  }

  private refuse(topic: string, code: string, issues: { path: string; code: string }[]): Promise<void> {
    this.counters.rejected += 1;
    this.deps.log.info({ topic, code, issues: issues.slice(0, 5) }, 'device message refused');
    return Promise.resolve();
  }

  private flushSoon(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      const batch = this.batch;
      this.batch = [];
      if (batch.length > 0) void this.serial(() => this.write(batch)).catch(() => undefined);
    }, ms);
  }

  private async write(batch: Pending[]): Promise<void> {
    const { fleet, telemetry } = this.deps;
    // Last chance to drop duplicates inside the batch (a QoS 1 resend can arrive before the first was written).
    const seen = new Set<string>();
    const unique: { p: Pending; shipment: WatchedShipment | undefined }[] = [];
    for (const p of batch) {
      const key = `${p.observation.deviceId}\u0000${p.observation.messageId}`;
      if (seen.has(key)) continue;
      seen.add(key);
      unique.push({
        p,
        shipment: fleet.shipmentFor(p.observation.deviceId, p.observation.equipmentReference),
      });
    }
    const touched = new Set<WatchedShipment>();
    try {
      for (const u of unique) if (u.shipment) await fleet.ensureMonitor(u.shipment);
      const applied = await this.db.transaction().execute(async (trx) => {
        const stored = await telemetry.insertNew(
          trx,
          unique.map((u) => rowOf(u.p.observation, u.p.receivedAt, u.shipment?.shipmentId ?? null)),
        );
        const seqOf = new Map(stored.map((s) => [`${s.device_id}\u0000${s.message_id}`, s.seq]));
        const changes: { shipment: WatchedShipment; change: AlarmConditionChange; at: number }[] = [];
        for (const { p, shipment } of unique) {
          const seq = seqOf.get(`${p.observation.deviceId}\u0000${p.observation.messageId}`);
          if (seq === undefined || !shipment?.monitor) continue;
          touched.add(shipment);
          const { changes: produced } = shipment.monitor.observe(p.observation, p.receivedAt);
          shipment.lastSeq = Math.max(shipment.lastSeq, seq);
          shipment.dirty = true;
          for (const change of produced) changes.push({ shipment, change, at: p.receivedAt });
        }
        const events: NewEvent[] = [];
        const out: { applied: AppliedAlarm; shipment: WatchedShipment }[] = [];
        for (const { shipment, change, at } of changes) {
          const r = await this.deps.alarms.apply(trx, shipment, change, at);
          events.push(...r.events);
          if (r.applied) out.push({ applied: r.applied, shipment });
        }
        await publishEvents(trx, events);
        const due = Date.now() - this.lastCheckpointAt >= this.options.checkpointIntervalMs;
        const toSave = due
          ? [...fleet.all()].filter((s) => s.dirty && s.monitor)
          : [...new Set(changes.map((c) => c.shipment))];
        await this.checkpoint(trx, toSave);
        if (due) this.lastCheckpointAt = Date.now();
        this.counters.stored += stored.length;
        this.counters.duplicates += batch.length - stored.length;
        return out;
      });
      this.counters.batches += 1;
      for (const p of batch) p.resolve();
      this.announce(applied);
      this.publishTelemetry(unique);
    } catch (err) {
      this.counters.failedBatches += 1;
      for (const s of touched) fleet.invalidate(s);
      for (const u of unique) if (u.shipment) fleet.invalidate(u.shipment);
      this.deps.log.warn({ err, size: batch.length }, 'telemetry batch not stored; devices will resend');
      for (const p of batch) p.reject(err);
    }
  }

  private async checkpoint(trx: AnyTransaction, shipments: WatchedShipment[]): Promise<void> {
    const states = shipments
      .filter((s) => s.monitor)
      .map((s) => ({ shipmentId: s.shipmentId, state: s.monitor!.snapshot(), throughSeq: s.lastSeq }));
    await this.deps.telemetry.saveMonitorStates(trx, states);
    for (const s of shipments) {
      s.checkpointSeq = s.lastSeq;
      s.dirty = false;
    }
  }

  private announce(applied: { applied: AppliedAlarm; shipment: WatchedShipment }[]): void {
    if (applied.length === 0) return;
    this.counters.alarmChanges += applied.length;
    if (applied.some((a) => a.applied.operation !== 'update')) this.deps.onCommit();
    for (const { applied: a, shipment } of applied) {
      for (const listener of this.alarmListeners) listener(a, shipment);
      if (this.deps.live.active)
        this.deps.live.publish({
          kind: 'alarm',
          equipmentReference: a.alarm.equipmentReference,
          partyTins: a.binding.partyTins,
          data: {
            operation: a.operation,
            alarmId: a.alarm.alarmId,
            type: a.alarm.type,
            severity: a.alarm.severity,
            status: a.alarm.status,
            declarationId: a.binding.declarationId,
            startedAt: new Date(a.alarm.startedAt).toISOString(),
          },
        });
    }
  }

  private publishTelemetry(items: { p: Pending; shipment: WatchedShipment | undefined }[]): void {
    const live = this.deps.live;
    if (!live.active) return;
    for (const { p, shipment } of items) {
      const o = p.observation;
      live.publish({
        kind: 'telemetry',
        equipmentReference: o.equipmentReference,
        partyTins: shipment?.partyTins ?? [],
        data: {
          ...o,
          at: new Date(o.at).toISOString(),
          shipmentId: shipment?.shipmentId ?? null,
        },
      });
    }
  }
}
