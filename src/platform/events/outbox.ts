import { randomUUID } from 'node:crypto';
import { sql, type Generated } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../database/database.js';
import type { Logger } from '../logger.js';

/** A domain event as stored in the outbox and delivered to subscribers. */
export interface DomainEvent<P = Record<string, unknown>> {
  /** Global delivery order (assigned after commit by the sequencer). */
  seq: number;
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: P;
  occurredAt: string;
}

export interface NewEvent {
  type: string;
  aggregateType: string;
  aggregateId: string;
  payload: Record<string, unknown>;
}

interface OutboxTables {
  outbox: {
    id: Generated<number>;
    seq: number | null;
    type: string;
    aggregate_type: string;
    aggregate_id: string;
    payload: Record<string, unknown>;
    occurred_at: Date;
  };
  outbox_cursors: {
    subscriber: string;
    last_seq: number;
    lease_owner: string | null;
    lease_until: Date | null;
    failures: number;
    last_error: string | null;
  };
  outbox_dead_letters: { subscriber: string; event_seq: number; error: string };
}

/** Writes events in the caller's transaction: they exist if and only if the change they describe committed. */
export async function publishEvents(trx: AnyTransaction | AnyDb, events: NewEvent[]): Promise<void> {
  if (events.length === 0) return;
  await outboxInsert(trx, events).execute();
}

/** The insert statement of `publishEvents`, unexecuted, to combine with others (`executeTogether`). */
export function outboxInsert(trx: AnyTransaction | AnyDb, events: NewEvent[]) {
  const now = new Date();
  return tablesOf<OutboxTables>(trx)
    .insertInto('outbox')
    .values(
      events.map((e) => ({
        type: e.type,
        aggregate_type: e.aggregateType,
        aggregate_id: e.aggregateId,
        payload: JSON.stringify(e.payload) as unknown as Record<string, unknown>,
        occurred_at: now,
      })),
    );
}

const SEQUENCE_LOCK = 7_220_002;

/**
 * Gives committed events their delivery number, in the order they are found. Numbering after commit (one sequencer
 * at a time, advisory lock) means a reader never skips an event whose transaction committed late.
 */
export async function sequenceOutbox(db: AnyDb, batchSize = 1000): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const locked = await sql<{
      ok: boolean;
    }>`select pg_try_advisory_xact_lock(${SEQUENCE_LOCK}) as ok`.execute(trx);
    if (!locked.rows[0]?.ok) return 0;
    const result = await sql`
      with head as (select coalesce(max(seq), 0) as s from outbox where seq is not null),
      pending as (select id, row_number() over (order by id) as n from outbox where seq is null order by id limit ${batchSize})
      update outbox set seq = head.s + pending.n from head, pending where outbox.id = pending.id`.execute(
      trx,
    );
    return Number(result.numAffectedRows ?? 0);
  });
}

export type EventHandler = (event: DomainEvent) => Promise<void>;

export interface Subscription {
  /** Stable name: the subscriber's cursor is stored under it. */
  name: string;
  /** Event types to receive; other events advance the cursor without a call. */
  types: string[] | '*';
  handle: EventHandler;
  /**
   * Optional: handles a page of events (in order) at once — one read and one transaction instead of one per event.
   * It must have the same effect as `handle` on each event in turn. If it throws, the page is handled again event by
   * event with `handle`, so a failing event is retried and dead-lettered on its own.
   */
  handleBatch?: (events: DomainEvent[]) => Promise<void>;
}

export interface DispatcherOptions {
  pollMs: number;
  maxAttempts?: number;
  batchSize?: number;
  leaseMs?: number;
  /** Called after each sequencing pass, e.g. to seal the audit trail in the same loop. */
  afterSequencing?: () => Promise<unknown>;
  /** Called when a subscriber's batch handler failed and its page was handled event by event (for a metric). */
  onBatchFallback?: (subscriber: string) => void;
  /**
   * After a pass, how long a commit's kick waits before the next one (default 0): under a stream of commits the events
   * of that interval are then delivered by one pass instead of one pass each.
   */
  kickGapMs?: number;
}

/** A lease this node holds on a subscriber's cursor, with the cursor as this node last wrote it. */
interface HeldLease {
  /** `performance.now()` after which the lease is renewed (half its term after it was claimed). */
  renewAt: number;
  lastSeq: number;
  failures: number;
}

/**
 * Delivers outbox events to in-process subscribers, at least once and in order: each subscriber has a cursor; a
 * handler that throws is retried (the cursor does not move) and after `maxAttempts` the event is dead-lettered so the
 * subscriber is not stuck forever. A lease on the cursor lets several nodes run dispatchers without double delivery.
 */
export class OutboxDispatcher {
  private readonly subs: Subscription[] = [];
  private readonly owner = randomUUID();
  private readonly knownCursors = new Set<string>();
  /**
   * Where each subscriber's cursor was last seen (a lower bound: only this node's reads move it here, and cursors only
   * move forward). A subscriber already at the head is skipped without touching the database.
   */
  private readonly cursorAt = new Map<string, number>();
  /**
   * Leases held, so a pass does not claim the lease again while it is fresh: while this node holds it, no other node
   * moves the cursor, so the cursor this node wrote is the cursor.
   */
  private readonly leases = new Map<string, HeldLease>();
  private lastPassEnded = 0;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;

  constructor(
    private readonly db: AnyDb,
    private readonly log: Logger,
    private readonly options: DispatcherOptions,
  ) {}

  subscribe(sub: Subscription): void {
    if (this.subs.some((s) => s.name === sub.name)) throw new Error(`duplicate subscriber ${sub.name}`);
    this.subs.push(sub);
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  /** Stops polling and waits for the pass under way to finish. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** Asks for a pass now (after a commit), instead of waiting for the next poll. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.schedule(Math.max(0, this.lastPassEnded + (this.options.kickGapMs ?? 0) - performance.now()));
  }

  /** Runs sequencing and delivery until nothing is left; used by the CLI and by tests to await delivery. */
  async drain(): Promise<void> {
    for (let i = 0; i < 1000; i++) {
      await this.running;
      const work = await this.pass();
      if (!work) return;
    }
  }

  private schedule(ms: number): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.running = this.loop().finally(() => {
        this.running = undefined;
        this.lastPassEnded = performance.now();
        if (!this.stopped) this.schedule(this.again ? (this.options.kickGapMs ?? 0) : this.options.pollMs);
        this.again = false;
      });
    }, ms);
    this.timer.unref();
  }

  private async loop(): Promise<void> {
    try {
      while (!this.stopped && (await this.pass())) {
        /* keep going while there is work */
      }
    } catch (err) {
      this.log.warn({ err }, 'outbox pass failed; will retry');
    }
  }

  /** One round: sequence new events, then deliver to each subscriber. True if anything happened. */
  private async pass(): Promise<boolean> {
    const sequenced = await sequenceOutbox(this.db);
    const sealed = (await this.options.afterSequencing?.()) ?? 0;
    const head = await tablesOf<OutboxTables>(this.db)
      .selectFrom('outbox')
      .select(sql<number | null>`max(seq)`.as('head'))
      .executeTakeFirstOrThrow();
    const headSeq = Number(head.head ?? 0);
    let delivered = 0;
    for (const sub of this.subs)
      if ((this.cursorAt.get(sub.name) ?? -1) < headSeq) delivered += await this.deliver(sub, headSeq);
    return sequenced > 0 || delivered > 0 || (typeof sealed === 'number' && sealed > 0);
  }

  private async deliver(sub: Subscription, headSeq: number): Promise<number> {
    const t = tablesOf<OutboxTables>(this.db);
    const leaseMs = this.options.leaseMs ?? 30_000;
    if (!this.knownCursors.has(sub.name)) {
      await t
        .insertInto('outbox_cursors')
        .values({ subscriber: sub.name, last_seq: 0, failures: 0 })
        .onConflict((oc) => oc.column('subscriber').doNothing())
        .execute();
      this.knownCursors.add(sub.name);
    }
    const lease = await this.claim(sub.name, leaseMs);
    if (!lease) return 0;
    const startSeq = lease.lastSeq;
    this.cursorAt.set(sub.name, startSeq);
    if (headSeq <= startSeq) return 0;
    const limit = this.options.batchSize ?? 500;
    let query = t.selectFrom('outbox').selectAll().where('seq', '>', startSeq).where('seq', '<=', headSeq);
    if (sub.types !== '*') query = query.where('type', 'in', sub.types);
    const rows = await query.orderBy('seq').limit(limit).execute();
    let lastSeq = startSeq;
    let failures = lease.failures;
    let delivered = 0;
    const saveCursor = async (error: string | null) => {
      await t
        .updateTable('outbox_cursors')
        .set({ last_seq: lastSeq, failures, last_error: error })
        .where('subscriber', '=', sub.name)
        .execute();
      this.cursorAt.set(sub.name, lastSeq);
      lease.lastSeq = lastSeq;
      lease.failures = failures;
    };
    const events = rows.map((row): DomainEvent => ({
      seq: Number(row.seq),
      type: row.type,
      aggregateType: row.aggregate_type,
      aggregateId: row.aggregate_id,
      payload: row.payload,
      occurredAt: new Date(row.occurred_at).toISOString(),
    }));
    let batched = false;
    if (sub.handleBatch && events.length > 1) {
      try {
        await sub.handleBatch(events);
        batched = true;
        failures = 0;
        delivered = events.length;
        lastSeq = events[events.length - 1]!.seq;
      } catch (err) {
        this.log.warn(
          { err, subscriber: sub.name, events: events.length },
          'batch handler failed; handling the events one by one',
        );
        this.options.onBatchFallback?.(sub.name);
      }
    }
    for (const event of batched ? [] : events) {
      try {
        await sub.handle(event);
        failures = 0;
      } catch (err) {
        failures += 1;
        const message = err instanceof Error ? err.message : String(err);
        this.log.warn(
          { err, subscriber: sub.name, seq: event.seq, type: event.type, failures },
          'event handler failed',
        );
        if (failures < (this.options.maxAttempts ?? 5)) {
          await saveCursor(message);
          return delivered;
        }
        await t
          .insertInto('outbox_dead_letters')
          .values({ subscriber: sub.name, event_seq: event.seq, error: message })
          .onConflict((oc) => oc.doNothing())
          .execute();
        failures = 0;
      }
      delivered += 1;
      lastSeq = event.seq;
    }
    // The whole range up to the head was read (no more matching events): skip past the non-matching ones too.
    if (rows.length < limit) lastSeq = headSeq;
    await saveCursor(null);
    return delivered;
  }

  /** The lease on a subscriber's cursor: the one held while fresh, else claimed (or renewed) in the database. */
  private async claim(subscriber: string, leaseMs: number): Promise<HeldLease | undefined> {
    const held = this.leases.get(subscriber);
    if (held && performance.now() < held.renewAt) return held;
    const claimedAt = performance.now();
    const claimed = await tablesOf<OutboxTables>(this.db)
      .updateTable('outbox_cursors')
      .set({
        lease_owner: this.owner,
        lease_until: sql<Date>`now() + ${`${leaseMs} milliseconds`}::interval`,
      })
      .where('subscriber', '=', subscriber)
      .where((eb) =>
        eb.or([
          eb('lease_until', 'is', null),
          eb('lease_until', '<', sql<Date>`now()`),
          eb('lease_owner', '=', this.owner),
        ]),
      )
      .returning(['last_seq', 'failures'])
      .executeTakeFirst();
    if (!claimed) {
      this.leases.delete(subscriber);
      return undefined;
    }
    const lease = {
      renewAt: claimedAt + leaseMs / 2,
      lastSeq: Number(claimed.last_seq),
      failures: claimed.failures,
    };
    this.leases.set(subscriber, lease);
    return lease;
  }
}
