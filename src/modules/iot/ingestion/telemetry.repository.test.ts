import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../../platform/database/migrations.js';
import { openTestDatabase } from '../../../platform/database/test-database.js';
import { iotMigrations } from '../migrations/index.js';
import { TelemetryRepository } from './telemetry.repository.js';

/** The 15-minute aggregates: readings folded in batch after batch equal the same buckets computed from the raw rows. */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
let repo: TelemetryRepository;
let message = 0;

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, [iotMigrations]);
  repo = new TelemetryRepository(database.db);
});
afterAll(() => database.close());

interface Reading {
  container: string;
  at: string;
  temperature?: number | null;
  humidity?: number | null;
  speed?: number | null;
  position?: [number, number];
}

async function store(readings: Reading[]): Promise<void> {
  for (const r of readings)
    await sql`
      insert into iot_telemetry (device_id, message_id, equipment_reference, kind, at, received_at, temperature_c,
        humidity_pct, speed_kmh, lon, lat)
      values ('dev-1', ${`m${++message}`}, ${r.container}, 'READING', ${r.at}, now(), ${r.temperature ?? null},
        ${r.humidity ?? null}, ${r.speed ?? null}, ${r.position?.[0] ?? null}, ${r.position?.[1] ?? null})`.execute(
      database.db,
    );
}

async function rollAll(): Promise<void> {
  let through = await repo.cursor('rollup');
  for (;;) {
    // Small steps, so the same bucket is folded into several times.
    const step = await repo.rollUp(through, 3);
    if (step.through === through) return;
    through = step.through;
  }
}

/** Each bucket computed afresh from every raw reading. */
async function recomputed(container: string) {
  const rows = await sql<Record<string, number | null>>`
    select to_timestamp(floor(extract(epoch from at) / 900) * 900) as bucket, count(*)::int as readings,
      min(temperature_c) as temperature_min, max(temperature_c) as temperature_max,
      avg(temperature_c) as temperature_avg, avg(humidity_pct) as humidity_avg, avg(speed_kmh) as speed_avg,
      (array_agg(lon order by at desc) filter (where lon is not null))[1] as lon,
      (array_agg(lat order by at desc) filter (where lat is not null))[1] as lat
    from iot_telemetry where equipment_reference = ${container} and kind = 'READING' group by 1 order by 1`.execute(
    database.db,
  );
  return rows.rows;
}

async function aggregates(container: string) {
  return repo.aggregateSeries(container, new Date('2026-01-01'), new Date('2027-01-01'), 100);
}

describe('telemetry roll-up', () => {
  it('folds readings into 15-minute buckets, batch after batch, as a recomputation from the raw rows gives', async () => {
    const c = 'MSKU0117040';
    await store([
      {
        container: c,
        at: '2026-11-26T10:00:00Z',
        temperature: 4,
        humidity: 80,
        speed: 30,
        position: [-76.8, 17.9],
      },
      { container: c, at: '2026-11-26T10:05:00Z', temperature: 5, humidity: null, speed: 32 },
      { container: c, at: '2026-11-26T10:10:00Z', temperature: 9.5, humidity: 84, position: [-76.7, 17.95] },
      { container: c, at: '2026-11-26T10:16:00Z', temperature: 6, humidity: 82, speed: 0 },
    ]);
    await rollAll();
    // A late reading for the first bucket, read before the last position of that bucket, and one with no temperature.
    await store([
      { container: c, at: '2026-11-26T10:02:00Z', temperature: 2, humidity: 90, position: [-80, 10] },
      { container: c, at: '2026-11-26T10:12:00Z', temperature: null, humidity: 86, speed: 31 },
      { container: c, at: '2026-11-26T10:29:00Z', temperature: 7, position: [-76.5, 18] },
    ]);
    await rollAll();

    const folded = await aggregates(c);
    const expected = await recomputed(c);
    expect(folded.map((b) => b.readings)).toEqual([5, 2]);
    expect(folded).toHaveLength(expected.length);
    folded.forEach((b, i) => {
      const e = expected[i]!;
      expect(b.readings).toBe(e.readings);
      expect(b.temperature_min).toBeCloseTo(Number(e.temperature_min), 5);
      expect(b.temperature_max).toBeCloseTo(Number(e.temperature_max), 5);
      expect(b.temperature_avg).toBeCloseTo(Number(e.temperature_avg), 4);
      expect(b.humidity_avg).toBeCloseTo(Number(e.humidity_avg), 4);
      expect(b.speed_avg === null ? null : Number(b.speed_avg.toFixed(3))).toBe(
        e.speed_avg === null ? null : Number(Number(e.speed_avg).toFixed(3)),
      );
      expect([b.lon, b.lat]).toEqual([e.lon, e.lat]);
    });
    // The late position (10:02) is older than the bucket's last one (10:10): the bucket keeps 10:10's.
    expect([folded[0]!.lon, folded[0]!.lat]).toEqual([-76.7, 17.95]);
  });

  it('counts each reading once however often the roll-up runs', async () => {
    const c = 'TGHU8880003';
    await store([{ container: c, at: '2026-11-26T11:00:00Z', temperature: 3 }]);
    await rollAll();
    await rollAll();
    await repo.rollUp(await repo.cursor('rollup'), 1000);
    expect((await aggregates(c)).map((b) => [b.readings, b.temperature_avg])).toEqual([[1, 3]]);
  });
});
