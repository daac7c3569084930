import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../../platform/database/migrations.js';
import { containerCheckDigit } from '../../../platform/reference/container-number.js';
import { openTestDatabase } from '../../../platform/database/test-database.js';
import { AlarmRepository } from '../alarms/alarm.repository.js';
import { AlarmWriter } from '../alarms/alarm-writer.js';
import { TopicSpace } from '../broker/topics.js';
import { LiveHub } from '../live/live-hub.js';
import { iotMigrations } from '../migrations/index.js';
import { pharmaVoyagePlan } from '../testing/iot-test-kit.js';
import { Fleet } from './fleet.js';
import { TelemetryIngestion } from './telemetry-ingestion.js';
import { TelemetryRepository } from './telemetry.repository.js';

/**
 * Deduplication by (device, message id) when the fast paths are taken: the window of stored keys, the batch itself,
 * and the unique index behind PGlite's COPY when the window does not know a stored message (after a restart).
 */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const topics = new TopicSpace('dedup');
const log = pino({ level: 'silent' });

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, [iotMigrations]);
});
afterAll(() => database.close());

function ingestion(fleet?: Fleet) {
  const telemetry = new TelemetryRepository(database.db);
  return new TelemetryIngestion(
    database.db,
    {
      topics,
      telemetry,
      fleet: fleet ?? new Fleet(telemetry, log),
      alarms: new AlarmWriter(new AlarmRepository(database.db)),
      live: new LiveHub(),
      log,
      onCommit: () => undefined,
    },
    { batchSize: 100, batchWaitMs: 5, checkpointIntervalMs: 30_000 },
  );
}

const message = (deviceId: string, messageId: string) => ({
  topic: topics.deviceTopic(deviceId, 'telemetry'),
  payload: Buffer.from(
    JSON.stringify({
      messageId,
      deviceId,
      equipmentReference: 'MSKU9070323',
      eventCreatedDateTime: new Date().toISOString(),
      measurements: [{ measurementType: 'TEMPERATURE', value: 5, unit: 'CEL' }],
    }),
  ),
  receivedAt: Date.now(),
});

async function stored(deviceId: string) {
  const r = await sql<{ message_id: string; seq: number }>`
    select message_id, seq from iot_telemetry where device_id = ${deviceId} order by seq`.execute(
    database.db,
  );
  return r.rows.map((x) => ({ messageId: x.message_id, seq: Number(x.seq) }));
}

describe('telemetry ingestion deduplication', () => {
  it('stores a message sent twice in one batch once and acknowledges both', async () => {
    const ingest = ingestion();
    await Promise.all([ingest.accept(message('D-1', 'a')), ingest.accept(message('D-1', 'a'))]);
    expect((await stored('D-1')).map((r) => r.messageId)).toEqual(['a']);
    expect(ingest.counters).toMatchObject({ stored: 1, duplicates: 1, failedBatches: 0 });
  });

  it('acknowledges a redelivery of a stored message without writing it again', async () => {
    const ingest = ingestion();
    await ingest.accept(message('D-2', 'a'));
    const batches = ingest.counters.batches;
    await ingest.accept(message('D-2', 'a'));
    expect(ingest.counters.batches).toBe(batches);
    expect(ingest.counters.duplicates).toBe(1);
    expect(await stored('D-2')).toHaveLength(1);
  });

  it('after a restart stores the new messages of a batch and skips the stored one, numbered in arrival order', async () => {
    await ingestion().accept(message('D-3', 'old'));
    const restarted = ingestion();
    await Promise.all(['n1', 'old', 'n2', 'n3'].map((id) => restarted.accept(message('D-3', id))));
    const rows = await stored('D-3');
    expect(rows.map((r) => r.messageId)).toEqual(['old', 'n1', 'n2', 'n3']);
    expect(restarted.counters).toMatchObject({ stored: 3, duplicates: 1, failedBatches: 0 });
  });

  it('numbers a batch written in one go in the order the messages arrived', async () => {
    const ingest = ingestion();
    const ids = Array.from({ length: 50 }, (_, i) => `m${i}`);
    await Promise.all(ids.map((id) => ingest.accept(message('D-4', id))));
    const rows = await stored('D-4');
    expect(rows.map((r) => r.messageId)).toEqual(ids);
    expect(rows.every((r, i) => i === 0 || r.seq > rows[i - 1]!.seq)).toBe(true);
  });
});

describe('telemetry the database cannot store', () => {
  it.each([
    ['a NUL in the message id', 'bad\u0000id', undefined],
    ['a lone surrogate in the message id', 'bad\ud800id', undefined],
    ['a NUL in the location name', 'loc-1', 'Port\u0000 of Kingston'],
  ])(
    'refuses a message with %s for good, and the batch it arrived with is stored',
    async (name, messageId, locationName) => {
      const ingest = ingestion();
      const ok = `ok-${name}`;
      const poison = JSON.parse(message('P-1', messageId).payload.toString('utf8')) as Record<
        string,
        unknown
      >;
      if (locationName) poison.geoLocation = { latitude: 18, longitude: -76.8, locationName };
      const results = await Promise.allSettled([
        ingest.accept(message('P-2', ok)),
        ingest.accept({ ...message('P-1', messageId), payload: Buffer.from(JSON.stringify(poison)) }),
        ingest.accept(message('P-3', ok)),
      ]);
      // Refused for good is acknowledged (the device must not resend it forever); the others are stored.
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
      expect(ingest.counters).toMatchObject({ rejected: 1, failedBatches: 0, stored: 2 });
      expect(await stored('P-1')).toEqual([]);
    },
  );
});

describe('telemetry with values at the edge of what the database holds', () => {
  const base = () => JSON.parse(message('E-0', 'x').payload.toString('utf8')) as Record<string, unknown>;
  const variants: [string, (m: Record<string, unknown>) => void][] = [
    ['a time in year 275760', (m) => (m.eventCreatedDateTime = '+275760-09-13T00:00:00.000Z')],
    ['a time in year 1', (m) => (m.eventCreatedDateTime = '0001-01-01T00:00:00.000Z')],
    ['a time before year 0', (m) => (m.eventCreatedDateTime = '-000001-01-01T00:00:00.000Z')],
    [
      'a temperature of 1e308',
      (m) => (m.measurements = [{ measurementType: 'TEMPERATURE', value: 1e308, unit: 'CEL' }]),
    ],
    [
      'a humidity of -1e308',
      (m) => (m.measurements = [{ measurementType: 'HUMIDITY', value: -1e308, unit: 'PCT' }]),
    ],
    ['a position at 1e308', (m) => (m.geoLocation = { latitude: 1e308, longitude: -1e308 })],
    ['a message id of 128 characters', (m) => (m.messageId = 'm'.repeat(128))],
  ];

  it.each(variants)('stores or refuses %s without failing the batch it came with', async (name, change) => {
    const ingest = ingestion();
    const edge = base();
    edge.deviceId = 'E-1';
    edge.messageId = `edge-${name}`;
    change(edge);
    const results = await Promise.allSettled([
      ingest.accept(message('E-2', `ok-${name}`)),
      ingest.accept({
        topic: topics.deviceTopic('E-1', 'telemetry'),
        payload: Buffer.from(JSON.stringify(edge)),
        receivedAt: Date.now(),
      }),
    ]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled']);
    expect(ingest.counters.failedBatches).toBe(0);
    expect(ingest.counters.stored + ingest.counters.rejected).toBe(2);
  });
});

describe('periodic monitor checkpoints', () => {
  it('saves every monitor older than asked, a few per transaction, with batches written in between', async () => {
    const fleet = new Fleet(new TelemetryRepository(database.db), log);
    const ingest = ingestion(fleet);
    const containers = Array.from({ length: 20 }, (_, i) => {
      const first10 = `CKPU${String(100_000 + i).padStart(6, '0')}`;
      return `${first10}${containerCheckDigit(first10) % 10}`;
    });
    for (const [i, c] of containers.entries())
      await ingest.watch({
        shipment_id: `SHP-CK-${i}`,
        declaration_id: '00000000-0000-4000-8000-000000000002',
        equipment_reference: c,
        party_tins: [],
        device_ids: [`CK-${i}`],
        plan: pharmaVoyagePlan(`SHP-CK-${i}`, c, `CK-${i}`),
        bound_at: new Date(Date.now() - 60_000),
      });
    const reading = (i: number, messageId: string) => {
      const m = message(`CK-${i}`, messageId);
      const body = JSON.parse(m.payload.toString('utf8')) as Record<string, unknown>;
      return { ...m, payload: Buffer.from(JSON.stringify({ ...body, equipmentReference: containers[i] })) };
    };
    await Promise.all(containers.map((_, i) => ingest.accept(reading(i, 'first'))));
    await new Promise((r) => setTimeout(r, 20));
    // Monitors of the other containers not yet saved when the reading below is written.
    const unsavedAtWrite: number[] = [];
    ingest.onWrite(() =>
      unsavedAtWrite.push([...fleet.all()].filter((s) => s.dirty && s.shipmentId !== 'SHP-CK-0').length),
    );
    const saving = ingest.checkpointAll(10);
    const late = ingest.accept(reading(0, 'while-saving'));
    await Promise.all([saving, late, ingest.flush()]);
    const saved = await sql<{ n: number }>`
      select count(*)::int as n from iot_monitor_states where shipment_id like 'SHP-CK-%'`.execute(
      database.db,
    );
    expect(Number(saved.rows[0]!.n)).toBe(20);
    // The reading accepted after the job started did not wait for all twenty monitors to be saved.
    expect(unsavedAtWrite).toHaveLength(1);
    expect(unsavedAtWrite[0]).toBeGreaterThan(0);
    expect([...fleet.all()].filter((s) => s.dirty && s.shipmentId !== 'SHP-CK-0')).toEqual([]);
  });
});
