import { sql } from 'kysely';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateAll } from '../../../platform/database/migrations.js';
import { openTestDatabase } from '../../../platform/database/test-database.js';
import { platformMigrations } from '../../../platform/platform.migrations.js';
import { AlarmRepository } from '../alarms/alarm.repository.js';
import { AlarmWriter } from '../alarms/alarm-writer.js';
import { TopicSpace } from '../broker/topics.js';
import { LiveHub } from '../live/live-hub.js';
import { iotMigrations } from '../migrations/index.js';
import { pharmaVoyagePlan } from '../testing/iot-test-kit.js';
import { splitAlarmLane, type LaneEntry } from './alarm-lane.js';
import { Fleet } from './fleet.js';
import { TelemetryIngestion, type WriteReport } from './telemetry-ingestion.js';
import { TelemetryRepository } from './telemetry.repository.js';

describe('the alarm lane of a batch', () => {
  const shipment = { shipmentId: 'S-1', deviceIds: ['TRK-1', 'SEAL-1'] };
  const other = { shipmentId: 'S-2', deviceIds: ['TRK-2'] };
  const entry = (deviceId: string, s: LaneEntry['shipment'], changesAlarm = false) => ({
    deviceId,
    shipment: s,
    changesAlarm,
  });

  it('takes every reading of a container whose alarm changes, from all its devices, in arrival order', () => {
    const batch = [
      entry('TRK-1', shipment),
      entry('TRK-2', other),
      entry('SEAL-1', shipment),
      entry('TRK-1', shipment, true),
      entry('TRK-1', shipment),
      entry('LOOSE', undefined),
    ];
    const { alarmLane, bulk } = splitAlarmLane(batch);
    expect(alarmLane).toEqual([batch[0], batch[2], batch[3], batch[4]]);
    expect(bulk).toEqual([batch[1], batch[5]]);
  });

  it('keeps a device’s readings together even when one names another container', () => {
    const batch = [entry('TRK-1', undefined), entry('TRK-1', shipment, true)];
    expect(splitAlarmLane(batch).alarmLane).toEqual(batch);
  });

  it('leaves a batch without alarm changes whole', () => {
    const batch = [entry('TRK-1', shipment), entry('TRK-2', other)];
    expect(splitAlarmLane(batch)).toEqual({ alarmLane: [], bulk: batch });
  });
});

/**
 * Against the real engine (PGlite, or PostgreSQL with DATABASE_URL): a container whose alarm changes is committed
 * ahead of the rest of its batch, once, and a failure of that commit neither loses nor doubles the alarm.
 */
let database: Awaited<ReturnType<typeof openTestDatabase>>;
const topics = new TopicSpace('lane');
const log = pino({ level: 'silent' });

beforeAll(async () => {
  database = await openTestDatabase();
  await migrateAll(database.db, [{ module: 'platform', migrations: platformMigrations }, iotMigrations]);
});
afterAll(() => database.close());

function ingestion(batchSize = 5000) {
  const telemetry = new TelemetryRepository(database.db);
  return new TelemetryIngestion(
    database.db,
    {
      topics,
      telemetry,
      fleet: new Fleet(telemetry, log),
      alarms: new AlarmWriter(new AlarmRepository(database.db)),
      live: new LiveHub(),
      log,
      onCommit: () => undefined,
    },
    // A long wait: everything accepted in one turn of the test forms one batch.
    { batchSize, batchWaitMs: 50, checkpointIntervalMs: 30_000 },
  );
}

/** Watches `container` with one reefer controller `deviceId` under PHARMA_2_8. */
async function watch(ingest: TelemetryIngestion, container: string, deviceId: string) {
  const plan = pharmaVoyagePlan(`SHP-${container}`, container, deviceId);
  await ingest.watch({
    shipment_id: plan.shipmentId,
    declaration_id: '00000000-0000-4000-8000-000000000001',
    equipment_reference: container,
    party_tins: ['JM-TRADER-1'],
    device_ids: [deviceId],
    plan,
    bound_at: new Date(Date.now() - 60_000),
  });
}

const reading = (deviceId: string, container: string, messageId: string, temperature: number) => ({
  topic: topics.deviceTopic(deviceId, 'telemetry'),
  payload: Buffer.from(
    JSON.stringify({
      messageId,
      deviceId,
      equipmentReference: container,
      eventCreatedDateTime: new Date().toISOString(),
      geoLocation: { latitude: 9.4, longitude: -79.9 },
      measurements: [{ measurementType: 'TEMPERATURE', value: temperature, unit: 'CEL' }],
    }),
  ),
  receivedAt: Date.now(),
});

async function alarmsOf(container: string) {
  const r = await sql<{ alarm_id: string; status: string }>`
    select alarm_id, status from iot_alarms
    where equipment_reference = ${container} and type = 'TEMPERATURE_HARD_LIMIT'`.execute(database.db);
  return r.rows;
}

async function raisedEvents(alarmIds: string[]) {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from outbox where type = 'iot.alarm-raised' and aggregate_id = any(${alarmIds}::text[])`.execute(
    database.db,
  );
  return Number(r.rows[0]!.n);
}

async function storedCount(deviceId: string, messageId?: string) {
  const r = await sql<{ n: number }>`
    select count(*)::int as n from iot_telemetry
    where device_id = ${deviceId} and (${messageId ?? null}::text is null or message_id = ${messageId ?? null})`.execute(
    database.db,
  );
  return Number(r.rows[0]!.n);
}

/** Makes the next `times` alarm writes fail inside the database (a sequence: its count survives the rollback). */
async function failAlarmWrites(name: string, times: number) {
  for (const statement of [
    `create sequence ${name}_faults`,
    `create function ${name}_fault() returns trigger language plpgsql as $$
     begin
       if nextval('${name}_faults') <= ${times} then raise exception 'injected fault'; end if;
       return new;
     end $$`,
    `create trigger ${name}_fault before insert or update on iot_alarms
     for each row when (new.equipment_reference = '${name.toUpperCase()}') execute function ${name}_fault()`,
  ])
    await sql.raw(statement).execute(database.db);
}

describe('alarm changes committed ahead of their batch', () => {
  it('commits the alarm and its container’s readings before the rest of a large batch, which follows in bulk', async () => {
    const ingest = ingestion();
    const container = 'MSKU9070323';
    await watch(ingest, container, 'LANE-A');
    const writes: WriteReport[] = [];
    ingest.onWrite((w) => writes.push(w));
    let storedWhenAlarmCommitted = -1;
    ingest.onAlarm(() => (storedWhenAlarmCommitted = ingest.counters.stored));
    const acked: string[] = [];
    const accept = (m: ReturnType<typeof reading>, name: string) =>
      ingest.accept(m).then(() => void acked.push(name));
    const bulk = Array.from({ length: 1500 }, (_, i) =>
      accept(reading(`BULK-${i % 30}`, 'CSQU3054383', `b-${i}`, 5), 'bulk'),
    );
    const before = accept(reading('LANE-A', container, 'a-1', 5), 'lane');
    const trigger = accept(reading('LANE-A', container, 'a-2', 16.5), 'trigger');
    bulk.push(
      ...Array.from({ length: 500 }, (_, i) => accept(reading('BULK-X', 'CSQU3054383', `x-${i}`, 5), 'bulk')),
    );
    await trigger;
    // The trigger is acknowledged with its container's earlier reading, before any reading of the bulk.
    expect(acked).toEqual(['lane', 'trigger']);
    await Promise.all([before, ...bulk]);
    expect(writes.map((w) => [w.lane, w.rows, w.careful])).toEqual([
      ['alarm', 2, false],
      ['bulk', 2000, false],
    ]);
    expect(storedWhenAlarmCommitted).toBe(2);
    const alarms = await alarmsOf(container);
    expect(alarms).toEqual([{ alarm_id: expect.any(String) as string, status: 'ACTIVE_UNACK' }]);
    expect(await raisedEvents(alarms.map((a) => a.alarm_id))).toBe(1);
    expect(await storedCount('LANE-A')).toBe(2);
    expect(await storedCount('BULK-X')).toBe(500);
    expect(ingest.counters).toMatchObject({
      stored: 2002,
      alarmLaneCommits: 1,
      batches: 1,
      failedBatches: 0,
    });
  });

  it('stores the triggering reading once when it arrives twice and again after its commit, with one alarm', async () => {
    const ingest = ingestion();
    const container = 'TGHU1234567';
    await watch(ingest, container, 'LANE-B');
    const trigger = () => reading('LANE-B', container, 'b-hot', 17);
    await Promise.all([
      ingest.accept(trigger()),
      ingest.accept(reading('OTHER-B', 'CSQU3054383', 'o-1', 5)),
      ingest.accept(trigger()),
    ]);
    await ingest.accept(trigger());
    expect(await storedCount('LANE-B', 'b-hot')).toBe(1);
    const alarms = await alarmsOf(container);
    expect(alarms).toHaveLength(1);
    expect(await raisedEvents(alarms.map((a) => a.alarm_id))).toBe(1);
    expect(ingest.counters).toMatchObject({ stored: 2, duplicates: 2, alarmLaneCommits: 1 });
  });

  it('writes the lane again the careful way when its commit fails, raising the alarm once', async () => {
    const ingest = ingestion();
    const container = 'MSCU1234566';
    await watch(ingest, container, 'LANE-C');
    await failAlarmWrites('mscu1234566', 1);
    await Promise.all([
      ingest.accept(reading('LANE-C', container, 'c-1', 5)),
      ingest.accept(reading('LANE-C', container, 'c-hot', 16.5)),
      ingest.accept(reading('OTHER-C', 'CSQU3054383', 'oc-1', 5)),
    ]);
    expect(ingest.counters).toMatchObject({ carefulRewrites: 1, failedBatches: 0, stored: 3 });
    const alarms = await alarmsOf(container);
    expect(alarms).toHaveLength(1);
    expect(await raisedEvents(alarms.map((a) => a.alarm_id))).toBe(1);
    expect(await storedCount('LANE-C')).toBe(2);
    // The rebuilt monitor knows the alarm is raised: a further reading beyond the limit raises no second one.
    await ingest.accept(reading('LANE-C', container, 'c-hot-2', 18));
    expect(await alarmsOf(container)).toHaveLength(1);
    expect(await raisedEvents(alarms.map((a) => a.alarm_id))).toBe(1);
  });

  it('rejects the lane when the careful write fails too, and the resent readings raise the alarm once', async () => {
    const ingest = ingestion();
    const container = 'TRLU1234567';
    await watch(ingest, container, 'LANE-D');
    await failAlarmWrites('trlu1234567', 2);
    const results = await Promise.allSettled([
      ingest.accept(reading('LANE-D', container, 'd-1', 5)),
      ingest.accept(reading('LANE-D', container, 'd-hot', 16.5)),
      ingest.accept(reading('OTHER-D', 'CSQU3054383', 'od-1', 5)),
    ]);
    // Not stored, not acknowledged: the device resends; the other container's reading is stored.
    expect(results.map((r) => r.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect(await storedCount('LANE-D')).toBe(0);
    expect(await alarmsOf(container)).toEqual([]);
    await Promise.all([
      ingest.accept(reading('LANE-D', container, 'd-1', 5)),
      ingest.accept(reading('LANE-D', container, 'd-hot', 16.5)),
    ]);
    expect(await storedCount('LANE-D')).toBe(2);
    const alarms = await alarmsOf(container);
    expect(alarms).toHaveLength(1);
    expect(await raisedEvents(alarms.map((a) => a.alarm_id))).toBe(1);
  });

  it('after a restart, a redelivered reading beside the trigger is skipped and the alarm raised once', async () => {
    const container = 'HLXU1234561';
    const first = ingestion();
    await watch(first, container, 'LANE-E');
    await first.accept(reading('LANE-E', container, 'e-old', 5));
    await first.checkpointAll();
    const restarted = ingestion();
    await watch(restarted, container, 'LANE-E');
    await Promise.all([
      restarted.accept(reading('LANE-E', container, 'e-old', 5)),
      restarted.accept(reading('LANE-E', container, 'e-hot', 16.5)),
    ]);
    expect(restarted.counters).toMatchObject({
      carefulRewrites: 1,
      stored: 1,
      duplicates: 1,
      failedBatches: 0,
    });
    expect(await storedCount('LANE-E')).toBe(2);
    const alarms = await alarmsOf(container);
    expect(alarms).toHaveLength(1);
    expect(await raisedEvents(alarms.map((a) => a.alarm_id))).toBe(1);
  });
});
