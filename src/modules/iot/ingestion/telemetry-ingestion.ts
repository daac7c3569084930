/**
 * Ingestion: device messages → validation → micro-batches → one transaction per batch (raw rows, deduplicated by
 * (device, message id); alarm changes with their outbox events; monitor checkpoints) → acknowledgement.
 *
 * Every message's promise resolves only after its reading committed: the broker adapters send the PUBACK then. Batches,
 * ticks and bindings run one at a time on this node, so monitors are never touched concurrently. A batch's readings
 * are folded into their monitors before anything is written, so its alarm changes are known up front: the containers
 * whose alarms change are committed first in a small transaction of their own (the alarm lane, `alarm-lane.ts`), the
 * rest of the batch after it. Should either transaction fail, its monitors are dropped (restored from the database,
 * which holds none of it) and its readings are written again the careful way — stored first, each checked against
 * the unique index, then folded; if that fails too, every message in it is rejected (no ack: the devices resend).
 *
 * Throughput (see docs/iot.md, Benchmark): the usual telemetry payload is validated by a hand-written fast path (zod
 * for everything else); one batch is written at a time and the next one is whatever arrived meanwhile (up to
 * `batchSize`), so batches grow with the load instead of queueing; a window of recently stored (device, message id)
 * keys answers QoS 1 redeliveries without the database and lets PGlite take a batch by COPY (the unique index still
 * stands behind it); monitors are checkpointed a few per batch, spread over the checkpoint interval, rather than all
 * at once.
 */
import type { AnyDb, AnyTransaction } from '../../../platform/database/database.js';
import { publishEvents, type NewEvent } from '../../../platform/events/outbox.js';
import type { Logger } from '../../../platform/logger.js';
import type { AlarmWriter, AppliedAlarm } from '../alarms/alarm-writer.js';
import type { InboundDeviceMessage } from '../broker/telemetry-broker.js';
import type { TopicSpace } from '../broker/topics.js';
import { isUniqueViolation } from '../../../platform/database/database.js';
import { findUnstorableText, mayHoldUnstorableText } from '../../../platform/text/storable-text.js';
import {
  parseDeviceMessage,
  toObservation,
  type AlarmConditionChange,
  type DeviceMessage,
  type Observation,
} from '../domain/index.js';
import type { LiveHub } from '../live/live-hub.js';
import { splitAlarmLane } from './alarm-lane.js';
import { fastTelemetryMessage } from './fast-telemetry.js';
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
  /** Transactions of the alarm lane: containers whose alarms changed, committed ahead of their batch. */
  alarmLaneCommits: number;
  /** Transactions written again the careful way after the folded write failed (or met a stored reading). */
  carefulRewrites: number;
}

/** One committed write, for whoever watches (benchmark): which lane, how many readings, how long from start. */
export interface WriteReport {
  lane: 'alarm' | 'bulk';
  rows: number;
  ms: number;
  careful: boolean;
}

interface Pending {
  observation: Observation;
  /** Device id and message id: the dedup key. */
  key: string;
  receivedAt: number;
  resolve: () => void;
  reject: (err: unknown) => void;
}

/** Monitors saved per transaction by the periodic checkpoint job. */
const CHECKPOINTS_PER_TURN = 8;

/** Keys of recently stored messages, in two generations of this many each (the window is 1–2 × this). */
const DEDUP_GENERATION = 50_000;

const keyOf = (deviceId: string, messageId: string): string => `${deviceId}\u0000${messageId}`;

/**
 * Alarm changes applied by a batch or a tick, for whoever watches (live stream, benchmark); `receivedAt` is when the
 * reading that changed it reached ingestion (undefined for a tick).
 */
export type AlarmListener = (applied: AppliedAlarm, shipment: WatchedShipment, receivedAt?: number) => void;

/** A message of a batch after in-batch dedup: its first copy, any later copies, its shipment and alarm changes. */
interface Entry {
  p: Pending;
  copies: Pending[];
  deviceId: string;
  shipment: WatchedShipment | undefined;
  changes: AlarmConditionChange[];
  changesAlarm: boolean;
}

type Announced = { applied: AppliedAlarm; shipment: WatchedShipment; receivedAt?: number | undefined }[];

/** The folded write met a reading stored before (the dedup window did not know it): written the careful way. */
class StoredBefore extends Error {
  constructor() {
    super('a reading of the batch was stored before');
  }
}

export class TelemetryIngestion {
  private pending: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** A write is queued or running: what arrives meanwhile goes in the next one. */
  private writing = false;
  private queue: Promise<unknown> = Promise.resolve();
  private recent = new Set<string>();
  private older = new Set<string>();
  /** Checkpoints owed (fractional), accrued at fleet size per checkpoint interval. */
  private checkpointCredit = 0;
  private creditAt = Date.now();
  private rotation: IterableIterator<WatchedShipment> | undefined;
  private readonly alarmListeners = new Set<AlarmListener>();
  private readonly writeListeners = new Set<(report: WriteReport) => void>();
  /** Monitors holding readings of the batch under way that are not committed yet: never checkpointed meanwhile. */
  private readonly ahead = new Set<WatchedShipment>();
  readonly counters: IngestionCounters = {
    received: 0,
    stored: 0,
    duplicates: 0,
    rejected: 0,
    batches: 0,
    failedBatches: 0,
    alarmChanges: 0,
    alarmLaneCommits: 0,
    carefulRewrites: 0,
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

  onWrite(listener: (report: WriteReport) => void): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  /** The broker's handler: resolves once the message is stored, or refused for good (invalid: logged, acknowledged). */
  readonly accept = (message: InboundDeviceMessage): Promise<void> => {
    this.counters.received += 1;
    let body: unknown;
    const text = message.payload.toString('utf8');
    try {
      body = JSON.parse(text);
    } catch {
      return this.refuse(message.topic, 'PAYLOAD_NOT_JSON', []);
    }
    // A string the database cannot store would fail the whole batch, again on every resend: refused for good.
    const unstorable = mayHoldUnstorableText(text) ? findUnstorableText(body) : undefined;
    if (unstorable)
      return this.refuse(message.topic, 'PAYLOAD_INVALID', [
        { path: unstorable.pointer.slice(1).replaceAll('/', '.'), code: 'TEXT_UNSTORABLE' },
      ]);
    const route = this.deps.topics.route(message.topic);
    let valid: DeviceMessage | null =
      route?.channel === 'telemetry' ? fastTelemetryMessage(route.deviceId, body) : null;
    if (valid === null) {
      const parsed = parseDeviceMessage(this.deps.topics.localTopic(message.topic) ?? '', body);
      if (!parsed.ok) return this.refuse(message.topic, parsed.rejection.code, parsed.rejection.issues);
      valid = parsed.message;
    }
    const observation = toObservation(valid);
    const key = keyOf(observation.deviceId, observation.messageId);
    if (this.isKnown(key)) {
      // A redelivery of a stored message: acknowledge it again, nothing to write.
      this.counters.duplicates += 1;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ observation, key, receivedAt: message.receivedAt, resolve, reject });
      this.schedule();
    });
  };

  /** How many accepted messages wait for a write (the broker adapters hold back above a limit). */
  get backlog(): number {
    return this.pending.length;
  }

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
    do await this.serial(() => this.writeNext());
    while (this.pending.length > 0);
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
          const out: Announced = [];
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

  /**
   * Persists every monitor that changed since its checkpoint (at shutdown), or with `olderThanMs` only those whose
   * checkpoint is older than that (the periodic job: batches checkpoint a few at a time, this catches the rest) — then
   * a few per transaction, each in its own turn, so that batches (and the alarm lane) go in between: a monitor of a
   * busy container is ~100 KB of JSON, and a hundred of them in one transaction held ingestion for over a second.
   */
  async checkpointAll(olderThanMs = 0): Promise<void> {
    const before = Date.now() - olderThanMs;
    const due = (s: WatchedShipment) =>
      s.dirty && s.monitor !== undefined && (olderThanMs === 0 || s.checkpointedAt <= before);
    const dirty = [...this.deps.fleet.all()].filter(due);
    const step = olderThanMs === 0 ? dirty.length : CHECKPOINTS_PER_TURN;
    for (let i = 0; i < dirty.length; i += step) {
      const chunk = dirty.slice(i, i + step);
      await this.serial(async () => {
        // Saved meanwhile by a batch, or dropped after a failed write: nothing to do for those.
        const still = chunk.filter(due);
        if (still.length > 0) await this.db.transaction().execute((trx) => this.checkpoint(trx, still));
      });
    }
  }

  private refuse(topic: string, code: string, issues: { path: string; code: string }[]): Promise<void> {
    this.counters.rejected += 1;
    this.deps.log.info({ topic, code, issues: issues.slice(0, 5) }, 'device message refused');
    return Promise.resolve();
  }

  /**
   * Starts a write unless one is queued or running (that one's successor takes what arrives meanwhile): at once when
   * a batch is full, otherwise after `batchWaitMs` so that a trickle still forms batches.
   */
  private schedule(): void {
    if (this.writing) return;
    if (this.pending.length >= this.options.batchSize) this.startWrite();
    else this.timer ??= setTimeout(() => this.startWrite(), this.options.batchWaitMs);
  }

  private startWrite(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.writing || this.pending.length === 0) return;
    this.writing = true;
    void this.serial(() => this.writeNext())
      .catch(() => undefined)
      .finally(() => {
        this.writing = false;
        // Whatever arrived during the write is the next batch: no waiting under load.
        if (this.pending.length > 0) this.startWrite();
      });
  }

  /** Writes up to `batchSize` of the waiting messages. */
  private writeNext(): Promise<void> {
    if (this.pending.length === 0) return Promise.resolve();
    let batch: Pending[];
    if (this.pending.length <= this.options.batchSize) {
      batch = this.pending;
      this.pending = [];
    } else batch = this.pending.splice(0, this.options.batchSize);
    return this.write(batch);
  }

  private remember(key: string): void {
    if (this.recent.size >= DEDUP_GENERATION) {
      this.older = this.recent;
      this.recent = new Set();
    }
    this.recent.add(key);
  }

  private isKnown(key: string): boolean {
    return this.recent.has(key) || this.older.has(key);
  }

  private async write(batch: Pending[]): Promise<void> {
    const fleet = this.deps.fleet;
    // Drop what is twice in the batch (a QoS 1 resend before the first was written): later copies are acknowledged
    // with the first. A redelivery that arrived while its first copy was being written is caught by the unique index.
    const byKey = new Map<string, Entry>();
    const entries: Entry[] = [];
    for (const p of batch) {
      const first = byKey.get(p.key);
      if (first) {
        first.copies.push(p);
        continue;
      }
      const o = p.observation;
      const entry: Entry = {
        p,
        copies: [],
        deviceId: o.deviceId,
        shipment: fleet.shipmentFor(o.deviceId, o.equipmentReference),
        changes: [],
        changesAlarm: false,
      };
      byKey.set(p.key, entry);
      entries.push(entry);
    }
    try {
      for (const e of entries) if (e.shipment && !e.shipment.monitor) await fleet.ensureMonitor(e.shipment);
    } catch (err) {
      this.fail(entries, err);
      return;
    }
    // Fold every reading into its monitor now, in arrival order: the batch's alarm changes are known before it is
    // written, and the containers they concern go first.
    for (const e of entries) {
      const s = e.shipment;
      if (!s?.monitor) continue;
      e.changes = s.monitor.observe(e.p.observation, e.p.receivedAt).changes;
      e.changesAlarm = e.changes.length > 0;
      s.dirty = true;
      this.ahead.add(s);
    }
    const { alarmLane, bulk } = splitAlarmLane(entries);
    try {
      if (alarmLane.length > 0) await this.writeLane('alarm', alarmLane, bulk.length === 0);
      if (bulk.length > 0) await this.writeLane('bulk', bulk, true);
    } finally {
      this.ahead.clear();
    }
  }

  /**
   * Commits one lane's readings, already folded into their monitors: the alarm changes worked out, their events and
   * the monitors' checkpoints go in the same transaction (the bulk lane also checkpoints a few others). If that fails,
   * the monitors are dropped and rebuilt from the database, and the readings are written the careful way.
   */
  private async writeLane(lane: 'alarm' | 'bulk', entries: Entry[], endsBatch: boolean): Promise<void> {
    const fleet = this.deps.fleet;
    const started = performance.now();
    const shipments = new Set<WatchedShipment>();
    for (const e of entries) if (e.shipment) shipments.add(e.shipment);
    let result: { applied: Announced; stored: number };
    let careful = false;
    try {
      result = await this.foldedTransaction(entries, lane === 'bulk');
    } catch (err) {
      for (const s of shipments) {
        fleet.invalidate(s);
        this.ahead.delete(s);
      }
      this.counters.carefulRewrites += 1;
      careful = true;
      this.deps.log.debug({ err, lane, size: entries.length }, 'telemetry written again, row by row');
      try {
        result = await this.carefulWrite(entries, !(err instanceof StoredBefore || isUniqueViolation(err)));
      } catch (again) {
        this.fail(entries, again);
        return;
      }
    }
    for (const s of shipments) this.ahead.delete(s);
    for (const e of entries) this.remember(e.p.key);
    const copies = entries.reduce((n, e) => n + 1 + e.copies.length, 0);
    this.counters.stored += result.stored;
    this.counters.duplicates += copies - result.stored;
    if (lane === 'alarm') this.counters.alarmLaneCommits += 1;
    if (endsBatch) this.counters.batches += 1;
    for (const e of entries) {
      e.p.resolve();
      for (const c of e.copies) c.resolve();
    }
    this.announce(result.applied);
    this.publishTelemetry(entries);
    if (this.writeListeners.size > 0) {
      const report: WriteReport = { lane, rows: entries.length, ms: performance.now() - started, careful };
      for (const listener of this.writeListeners) listener(report);
    }
  }

  /** Not stored: every message is rejected (no ack, the devices resend) and its monitor rebuilt on next use. */
  private fail(entries: Entry[], err: unknown): void {
    const fleet = this.deps.fleet;
    this.counters.failedBatches += 1;
    for (const e of entries)
      if (e.shipment) {
        fleet.invalidate(e.shipment);
        this.ahead.delete(e.shipment);
      }
    this.deps.log.warn({ err, size: entries.length }, 'telemetry batch not stored; devices will resend');
    for (const e of entries) {
      e.p.reject(err);
      for (const c of e.copies) c.reject(err);
    }
  }

  /**
   * The readings, already folded, as one transaction: every one must be new (COPY on PGlite; on PostgreSQL a reading
   * stored before comes back without a sequence number and spoils the transaction), then the alarm changes worked
   * out while folding, their outbox events, and the checkpoints of the monitors whose alarms changed.
   */
  private foldedTransaction(
    entries: Entry[],
    checkpointOthers: boolean,
  ): Promise<{ applied: Announced; stored: number }> {
    const rows = entries.map((e) => rowOf(e.p.observation, e.p.receivedAt, e.shipment?.shipmentId ?? null));
    return this.db.transaction().execute(async (trx) => {
      const seqs = await this.deps.telemetry.insertNew(trx, rows, true);
      for (let i = 0; i < entries.length; i += 1) {
        const seq = seqs[i];
        if (seq === null || seq === undefined) throw new StoredBefore();
        const s = entries[i]!.shipment;
        if (s && seq > s.lastSeq) s.lastSeq = seq;
      }
      const events: NewEvent[] = [];
      const applied: Announced = [];
      const changed = new Set<WatchedShipment>();
      for (const e of entries) {
        if (!e.changesAlarm || !e.shipment) continue;
        changed.add(e.shipment);
        for (const change of e.changes) {
          const r = await this.deps.alarms.apply(trx, e.shipment, change, e.p.receivedAt);
          events.push(...r.events);
          if (r.applied)
            applied.push({ applied: r.applied, shipment: e.shipment, receivedAt: e.p.receivedAt });
        }
      }
      await publishEvents(trx, events);
      // This lane's monitors are consistent with the database once its rows are in: those whose alarms changed are
      // saved with the change; the bulk lane adds a few others, spread over the interval.
      if (checkpointOthers) for (const s of this.dueForCheckpoint(changed.size)) changed.add(s);
      await this.checkpoint(trx, [...changed]);
      return { applied, stored: entries.length };
    });
  }

  /** The careful way: monitors rebuilt from the database, rows checked against the unique index, then folded. */
  private async carefulWrite(
    entries: Entry[],
    assumeNew: boolean,
  ): Promise<{ applied: Announced; stored: number }> {
    const fleet = this.deps.fleet;
    const touched = new Set<WatchedShipment>();
    try {
      for (const e of entries) if (e.shipment && !e.shipment.monitor) await fleet.ensureMonitor(e.shipment);
      const rows = entries.map((e) => rowOf(e.p.observation, e.p.receivedAt, e.shipment?.shipmentId ?? null));
      const attempt = { assumeNew, insertConflict: false };
      try {
        return await this.transaction(entries, rows, attempt, touched);
      } catch (err) {
        // The dedup window missed a stored message (e.g. redelivered after a restart): the COPY met the unique index
        // before anything else happened in the transaction. Again, checking each row.
        if (!attempt.insertConflict) throw err;
        attempt.assumeNew = false;
        return await this.transaction(entries, rows, attempt, touched);
      }
    } catch (err) {
      for (const s of touched) fleet.invalidate(s);
      throw err;
    }
  }

  /** The careful transaction: rows (each checked), monitors folded with what was stored, alarm changes, checkpoints. */
  private transaction(
    unique: { p: Pending; shipment: WatchedShipment | undefined }[],
    rows: ReturnType<typeof rowOf>[],
    attempt: { assumeNew: boolean; insertConflict: boolean },
    touched: Set<WatchedShipment>,
  ): Promise<{ applied: Announced; stored: number }> {
    const telemetry = this.deps.telemetry;
    return this.db.transaction().execute(async (trx) => {
      let seqs: (number | null)[];
      try {
        seqs = await telemetry.insertNew(trx, rows, attempt.assumeNew);
      } catch (err) {
        attempt.insertConflict = attempt.assumeNew && isUniqueViolation(err);
        throw err;
      }
      const changes: { shipment: WatchedShipment; change: AlarmConditionChange; at: number }[] = [];
      let stored = 0;
      for (let i = 0; i < unique.length; i += 1) {
        const seq = seqs[i];
        if (seq === null || seq === undefined) continue;
        stored += 1;
        const { p, shipment } = unique[i]!;
        if (!shipment?.monitor) continue;
        touched.add(shipment);
        const { changes: produced } = shipment.monitor.observe(p.observation, p.receivedAt);
        if (seq > shipment.lastSeq) shipment.lastSeq = seq;
        shipment.dirty = true;
        for (const change of produced) changes.push({ shipment, change, at: p.receivedAt });
      }
      const events: NewEvent[] = [];
      const out: Announced = [];
      for (const { shipment, change, at } of changes) {
        const r = await this.deps.alarms.apply(trx, shipment, change, at);
        events.push(...r.events);
        if (r.applied) out.push({ applied: r.applied, shipment, receivedAt: at });
      }
      await publishEvents(trx, events);
      // Monitors whose alarms changed are saved with the change; a few others, spread over the interval.
      const toSave = new Set(changes.map((c) => c.shipment));
      for (const s of this.dueForCheckpoint(toSave.size)) toSave.add(s);
      await this.checkpoint(trx, [...toSave]);
      return { applied: out, stored };
    });
  }

  /**
   * Dirty monitors whose checkpoint is older than the interval, as many as the fleet's share of the time since the
   * last call (every monitor about once per interval) minus those saved anyway: no batch stalls on all of them.
   */
  private dueForCheckpoint(alreadySaving: number): WatchedShipment[] {
    const fleet = this.deps.fleet;
    const now = Date.now();
    const interval = this.options.checkpointIntervalMs;
    this.checkpointCredit = Math.min(
      this.checkpointCredit + (fleet.size * (now - this.creditAt)) / interval - alreadySaving,
      fleet.size,
    );
    this.creditAt = now;
    const out: WatchedShipment[] = [];
    for (let scanned = 0; this.checkpointCredit >= 1 && scanned < fleet.size; scanned += 1) {
      let next = this.rotation?.next();
      if (!next || next.done) {
        this.rotation = fleet.all();
        next = this.rotation.next();
        if (next.done) break;
      }
      const s = next.value;
      if (s.dirty && s.monitor && !this.ahead.has(s) && now - s.checkpointedAt >= interval) {
        out.push(s);
        this.checkpointCredit -= 1;
      }
    }
    if (this.checkpointCredit < 0) this.checkpointCredit = 0;
    return out;
  }

  private async checkpoint(trx: AnyTransaction, shipments: WatchedShipment[]): Promise<void> {
    const states = shipments
      .filter((s) => s.monitor)
      .map((s) => ({ shipmentId: s.shipmentId, state: s.monitor!.snapshot(), throughSeq: s.lastSeq }));
    await this.deps.telemetry.saveMonitorStates(trx, states);
    const now = Date.now();
    for (const s of shipments) {
      s.checkpointSeq = s.lastSeq;
      s.checkpointedAt = now;
      s.dirty = false;
    }
  }

  private announce(applied: Announced): void {
    if (applied.length === 0) return;
    this.counters.alarmChanges += applied.length;
    if (applied.some((a) => a.applied.operation !== 'update')) this.deps.onCommit();
    for (const { applied: a, shipment, receivedAt } of applied) {
      for (const listener of this.alarmListeners) listener(a, shipment, receivedAt);
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
