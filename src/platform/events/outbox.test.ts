import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../database/database.js';
import { migrateAll } from '../database/migrations.js';
import { openTestDatabase } from '../database/test-database.js';
import { platformMigrations } from '../platform.migrations.js';
import { OutboxDispatcher, publishEvents, type DomainEvent } from './outbox.js';

let database: Database;
beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, [{ module: 'platform', migrations: platformMigrations }]);
});
afterAll(async () => database.close());

const log = pino({ level: 'silent' });
const ev = (type: string, aggregateId: string, n: number) => ({
  type,
  aggregateType: 'declaration',
  aggregateId,
  payload: { n },
});

describe('outbox', () => {
  it('delivers committed events in order, per aggregate and overall, and nothing of a rolled-back transaction', async () => {
    const dispatcher = new OutboxDispatcher(database.db, log, { pollMs: 10_000 });
    const seen: DomainEvent[] = [];
    dispatcher.subscribe({ name: 'order', types: '*', handle: (e) => Promise.resolve(void seen.push(e)) });
    await publishEvents(database.db, [ev('declaration.lodged', 'a', 1), ev('declaration.lodged', 'b', 1)]);
    await database.db
      .transaction()
      .execute((trx) => publishEvents(trx, [ev('declaration.released', 'a', 2)]));
    await database.db
      .transaction()
      .execute(async (trx) => {
        await publishEvents(trx, [ev('declaration.ghost', 'a', 99)]);
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await dispatcher.drain();
    expect(seen.map((e) => `${e.aggregateId}:${String(e.payload.n)}`)).toEqual(['a:1', 'b:1', 'a:2']);
    expect(seen.map((e) => e.seq)).toEqual([...seen.map((e) => e.seq)].sort((x, y) => x - y));
  });

  it('does not skip an event whose transaction commits after a later one', async () => {
    const dispatcher = new OutboxDispatcher(database.db, log, { pollMs: 10_000 });
    const seen: string[] = [];
    dispatcher.subscribe({
      name: 'late-commit',
      types: ['late.test'],
      handle: (e) => Promise.resolve(void seen.push(String(e.payload.n))),
    });
    await dispatcher.drain();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    // With PostgreSQL both transactions really overlap; with single-connection PGlite they serialise, and the
    // test still proves that numbering follows commit order.
    const slow = database.db.transaction().execute(async (trx) => {
      await publishEvents(trx, [ev('late.test', 'x', 1)]);
      await gate;
    });
    const fast = publishEvents(database.db, [ev('late.test', 'y', 2)]);
    if (database.engine === 'postgres') {
      await fast;
      await dispatcher.drain();
      release();
      await slow;
    } else {
      release();
      await Promise.all([slow, fast]);
    }
    await dispatcher.drain();
    expect(seen.sort()).toEqual(['1', '2']);
  });

  it('retries a failing handler without losing its place, then dead-letters after the last attempt', async () => {
    const dispatcher = new OutboxDispatcher(database.db, log, { pollMs: 10_000, maxAttempts: 3 });
    const attempts: number[] = [];
    const delivered: number[] = [];
    dispatcher.subscribe({
      name: 'flaky',
      types: ['flaky.test'],
      // eslint-disable-next-line @typescript-eslint/require-await -- a handler is async by contract; this one throws
      handle: async (e) => {
        const n = Number(e.payload.n);
        attempts.push(n);
        if (n === 1 && attempts.filter((x) => x === 1).length < 2) throw new Error('transient');
        if (n === 2) throw new Error('poison');
        delivered.push(n);
      },
    });
    await publishEvents(database.db, [
      ev('flaky.test', 'f', 1),
      ev('flaky.test', 'f', 2),
      ev('flaky.test', 'f', 3),
    ]);
    for (let i = 0; i < 6; i++) await dispatcher.drain();
    expect(delivered).toEqual([1, 3]);
    expect(attempts.filter((x) => x === 2)).toHaveLength(3);
    const dead = await database.db
      .selectFrom('outbox_dead_letters')
      .selectAll()
      .where('subscriber', '=', 'flaky')
      .execute();
    expect(dead).toHaveLength(1);
  });

  it('hands a page of events to a batch handler at once, and one by one when the batch fails', async () => {
    const fallbacks: string[] = [];
    const dispatcher = new OutboxDispatcher(database.db, log, {
      pollMs: 10_000,
      maxAttempts: 2,
      onBatchFallback: (s) => void fallbacks.push(s),
    });
    const batches: number[][] = [];
    const single: number[] = [];
    let failBatch = false;
    dispatcher.subscribe({
      name: 'batched',
      types: ['batched.test'],
      handle: (e) => Promise.resolve(void single.push(Number(e.payload.n))),
      handleBatch: (events) => {
        if (failBatch) return Promise.reject(new Error('batch refused'));
        batches.push(events.map((e) => Number(e.payload.n)));
        return Promise.resolve();
      },
    });
    await publishEvents(
      database.db,
      [1, 2, 3].map((n) => ev('batched.test', 'b', n)),
    );
    await dispatcher.drain();
    expect(batches).toEqual([[1, 2, 3]]);
    expect(single).toEqual([]);
    failBatch = true;
    await publishEvents(
      database.db,
      [4, 5].map((n) => ev('batched.test', 'b', n)),
    );
    await dispatcher.drain();
    expect(single).toEqual([4, 5]);
    expect(fallbacks).toEqual(['batched']);
    // Nothing is delivered twice: the cursor moved past every event.
    await dispatcher.drain();
    expect(batches.flat().concat(single)).toEqual([1, 2, 3, 4, 5]);
  });

  it('leaves a subscriber that has seen every event alone: an idle pass writes nothing', async () => {
    const dispatcher = new OutboxDispatcher(database.db, log, { pollMs: 10_000 });
    const seen: number[] = [];
    dispatcher.subscribe({
      name: 'idle',
      types: ['idle.test'],
      handle: (e) => Promise.resolve(void seen.push(Number(e.payload.n))),
    });
    await publishEvents(database.db, [ev('idle.test', 'i', 1)]);
    await dispatcher.drain();
    const lease = () =>
      database.db
        .selectFrom('outbox_cursors')
        .select(['lease_until', 'last_seq'])
        .where('subscriber', '=', 'idle')
        .executeTakeFirstOrThrow();
    const before = await lease();
    await new Promise((r) => setTimeout(r, 20));
    await dispatcher.drain();
    expect(await lease()).toEqual(before);
    // New work is still delivered.
    await publishEvents(database.db, [ev('idle.test', 'i', 2)]);
    await dispatcher.drain();
    expect(seen).toEqual([1, 2]);
  });

  it('does not claim a fresh lease again on every pass, and another node takes the cursor over only once it lapsed', async () => {
    const received: [string, number][] = [];
    const node = (name: string) => {
      const d = new OutboxDispatcher(database.db, log, { pollMs: 10_000, leaseMs: 400 });
      d.subscribe({
        name: 'leased',
        types: ['lease.test'],
        handle: (e) => Promise.resolve(void received.push([name, Number(e.payload.n)])),
      });
      return d;
    };
    const leaseUntil = async () =>
      (
        await database.db
          .selectFrom('outbox_cursors')
          .select('lease_until')
          .where('subscriber', '=', 'leased')
          .executeTakeFirstOrThrow()
      ).lease_until;
    const a = node('a');
    const b = node('b');
    await publishEvents(database.db, [ev('lease.test', 'l', 1)]);
    await a.drain();
    const claimed = await leaseUntil();
    await publishEvents(database.db, [ev('lease.test', 'l', 2)]);
    await a.drain();
    expect(await leaseUntil()).toEqual(claimed); // delivered under the lease it holds, not claimed again
    await publishEvents(database.db, [ev('lease.test', 'l', 3)]);
    await b.drain(); // a's lease holds: b delivers nothing
    expect(received).toEqual([
      ['a', 1],
      ['a', 2],
    ]);
    await new Promise((r) => setTimeout(r, 450));
    await b.drain(); // lapsed: b takes over from a's cursor
    await a.drain(); // and a, renewing, finds it taken
    expect(received).toEqual([
      ['a', 1],
      ['a', 2],
      ['b', 3],
    ]);
  });

  it('delivers the commits kicked within the gap after a pass in one page', async () => {
    const pages: number[][] = [];
    const d = new OutboxDispatcher(database.db, log, { pollMs: 10_000, kickGapMs: 300 });
    d.subscribe({
      name: 'paced',
      types: ['paced.test'],
      handle: (e) => Promise.resolve(void pages.push([Number(e.payload.n)])),
      handleBatch: (events) => Promise.resolve(void pages.push(events.map((e) => Number(e.payload.n)))),
    });
    await d.drain();
    d.start();
    await new Promise((r) => setTimeout(r, 50)); // the first pass has run
    for (let n = 1; n <= 5; n++) {
      await publishEvents(database.db, [ev('paced.test', 'p', n)]);
      d.kick();
    }
    await new Promise((r) => setTimeout(r, 100));
    expect(pages).toEqual([]); // still within the gap
    await new Promise((r) => setTimeout(r, 600));
    await d.stop();
    expect(pages).toEqual([[1, 2, 3, 4, 5]]);
  });
});
