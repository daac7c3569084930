/**
 * IoT ingestion under load: N simulated devices (each bound to a pharma shipment, every alarm rule on) publish QoS 1
 * readings through the broker into ingestion (validation, dedup, batched writes, monitors, alarms, outbox).
 *
 * Per broker (embedded Aedes always; the external one too when MQTT_URL is set), in one run:
 *  1. sustained: the devices publish as fast as they are acknowledged (up to IOT_BENCH_WINDOW in flight each) for
 *     IOT_BENCH_SECONDS; messages/s is what ingestion stored per second after IOT_BENCH_WARMUP seconds, to the end of
 *     publishing (for an external broker, which acknowledges devices itself, ingestion's own pace; what it had not
 *     stored by then is the backlog, drained afterwards and timed);
 *  2. latency: the same devices paced at IOT_BENCH_LATENCY_RATE messages/s in all (open loop, default 10 000) for
 *     IOT_BENCH_LATENCY_SECONDS; a tenth of the devices each send one reading beyond the hard limit. Alarm latency is
 *     from the publish of that reading to the alarm being committed — in the database, in the same transaction as the
 *     reading, so `GET /api/v1/iot/alarms` shows it; that is also when the console's live stream gets it. Phase 1 has
 *     triggers too: latency at saturation, which is mostly the devices' own window queueing (Little's law);
 *  3. baseline: a bare subscriber on a broker of the same kind that only counts, the same devices and messages,
 *     unpaced, same duration and warm-up.
 * Dropped (acknowledged to a device but not stored) and duplicated (stored twice) messages are counted in the database.
 *
 *   npm run bench:iot                          # IOT_BENCH_DEVICES=200 IOT_BENCH_SECONDS=30 by default
 *   MQTT_URL=mqtt://127.0.0.1:1883 npm run bench:iot
 *   IOT_BENCH_CPU_PROFILE=/tmp/iot.cpuprofile  # sample phase 1 of the first broker (see bench/iot-profile.ts)
 *   IOT_BENCH_BROKERS=external                 # only the MQTT_URL broker
 *   IOT_BENCH_DATA_DIR=/tmp                    # PGlite in a data directory there, not in memory
 *
 * Prints the load average with each broker (the machine may be shared), two tables, then one line of JSON; progress on
 * stderr.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import pino from 'pino';
import { sql } from 'kysely';
import { createApp, type Aduana } from '../src/platform/app.js';
import { loadConfig } from '../src/platform/config.js';
import { lodgeWatchedReefer } from '../src/modules/iot/testing/iot-test-kit.js';
import { openDatabase } from '../src/platform/database/database.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';
import { seedDemoUsers } from '../src/modules/declarations/demo/seed.js';
import { containerNumber, seededRandom } from '../src/modules/declarations/demo/generator.js';
import { TopicSpace } from '../src/modules/iot/index.js';
import { RateWindow, runLoad, type DeviceSpec, type LoadResult } from './iot-load.js';
import { startCpuProfile } from './iot-profile.js';
import { peakRssMiB, percentiles, printTable } from './lib/report.js';

const DEVICES = Number(process.env.IOT_BENCH_DEVICES ?? 200);
const SECONDS = Number(process.env.IOT_BENCH_SECONDS ?? 30);
const WARMUP = Number(process.env.IOT_BENCH_WARMUP ?? 5);
const WINDOW = Number(process.env.IOT_BENCH_WINDOW ?? 16);
const LATENCY_RATE = Number(process.env.IOT_BENCH_LATENCY_RATE ?? 10_000);
const LATENCY_SECONDS = Number(process.env.IOT_BENCH_LATENCY_SECONDS ?? 15);
const BROKERS = process.env.IOT_BENCH_BROKERS ?? 'embedded,external';
const DATA_DIR = process.env.IOT_BENCH_DATA_DIR;
const STEP = 10;
const log = (m: string) => process.stderr.write(`${m}\n`);
const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(' ');

/** Peak RSS from now on (Linux: resets VmHWM; elsewhere the process's peak so far). */
function resetPeakRss(): void {
  try {
    fs.writeFileSync('/proc/self/clear_refs', '5');
  } catch {
    // Not Linux, or not allowed: the peak then covers the whole process.
  }
}

/** Every STEP-th device sends one hard-limit reading in a phase, at 20 %…80 % of it; `offset` picks which ones. */
function withTriggers(devices: DeviceSpec[], offset: number, seconds: number): DeviceSpec[] {
  return devices.map((d, i) => ({
    ...d,
    triggerAtMs: i % STEP === offset ? Math.round(((((i / STEP) % 7) + 2) * seconds * 1000) / 10) : null,
  }));
}

async function setup(app: Aduana, topics: TopicSpace, run: string): Promise<DeviceSpec[]> {
  const login = async (username: string, password: string) =>
    `Bearer ${(await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).json<{ token: string }>().token}`;
  const trader = { authorization: await login('trader', 'trader-demo-1') };
  const random = seededRandom(42);
  const specs: DeviceSpec[] = [];
  for (let i = 0; i < DEVICES; i += 1) {
    const container = containerNumber('BNCU', i * 37 + 11);
    const deviceId = `${run}-B${i}`;
    const { secret } = await lodgeWatchedReefer(app.http, trader, {
      random,
      lrn: `BENCH-${run}-${i}`,
      container,
      deviceId,
      reportingIntervalS: 60,
      temperatureProfile: { profileId: 'PHARMA_2_8' },
    });
    specs.push({
      deviceId,
      secret,
      topic: topics.deviceTopic(deviceId, 'telemetry'),
      container,
      triggerAtMs: null,
    });
    if ((i + 1) % 50 === 0) log(`  set up ${i + 1}/${DEVICES} devices`);
  }
  return specs;
}

async function measure(external: string | null, profile?: string) {
  const run = randomBytes(3).toString('hex');
  const topics = new TopicSpace(`bench-${run}`);
  // IOT_BENCH_DATA_DIR: PGlite on disk under that directory (as `npm start` runs) instead of in memory.
  const database = DATA_DIR
    ? await openDatabase({ dataDir: fs.mkdtempSync(path.join(DATA_DIR, 'iot-bench-')) })
    : await openTestDatabase();
  const mqttClientId = `aduana-bench-${run}`;
  const config = loadConfig(
    {},
    {
      port: 0,
      logLevel: 'warn',
      loginRateLimitPerMinute: 100_000,
      mqttPort: 0,
      mqttWsPort: -1,
      mqttTopicNamespace: topics.namespace,
      mqttClientId,
      iotTickIntervalMs: 1000,
      ...(external ? { mqttUrl: external } : {}),
    },
  );
  const app = await createApp(config, { database, logger: pino({ level: 'warn' }) });
  await seedDemoUsers(app.auth);
  await app.listen();
  const broker = external ?? app.iot.broker.endpoints().mqtt;
  const loadBefore = load();
  log(
    `${external ? 'external' : 'embedded'} broker at ${broker} (load ${loadBefore}): setting up ${DEVICES} devices`,
  );
  const devices = await setup(app, topics, run);
  const byContainer = new Map(devices.map((d) => [d.container, d.deviceId]));
  const alarmAt = new Map<string, { committedAt: number; receivedAt: number }>();
  app.iot.ingestion.onAlarm((applied, _shipment, receivedAt) => {
    if (applied.operation === 'raise' && applied.alarm.type === 'TEMPERATURE_HARD_LIMIT')
      alarmAt.set(byContainer.get(applied.alarm.equipmentReference)!, {
        committedAt: Date.now(),
        receivedAt: receivedAt ?? Date.now(),
      });
  });
  // Commit durations per lane (from the start of the lane's transaction to its commit), per phase.
  let writes: { alarm: number[]; bulk: number[] } = { alarm: [], bulk: [] };
  app.iot.ingestion.onWrite((w) => writes[w.lane].push(w.ms));
  const commitTimes = () => {
    const of = (ms: number[]) => {
      const p = percentiles(ms);
      return { count: ms.length, p50: Math.round(p.p50), p99: Math.round(p.p99), max: Math.round(p.max) };
    };
    const out = { alarmLane: of(writes.alarm), bulk: of(writes.bulk) };
    writes = { alarm: [], bulk: [] };
    return out;
  };
  const ingestion = app.iot.ingestion;
  /** Publish → committed; split at the moment the reading reached ingestion (broker and socket queueing before it). */
  const latencies = (r: LoadResult) => {
    const found = Object.entries(r.triggers).filter(([d]) => alarmAt.has(d));
    const total = found.map(([d, sentAt]) => alarmAt.get(d)!.committedAt - sentAt);
    const toIngestion = found.map(([d, sentAt]) => alarmAt.get(d)!.receivedAt - sentAt);
    const inIngestion = found.map(([d]) => alarmAt.get(d)!.committedAt - alarmAt.get(d)!.receivedAt);
    return {
      ...percentiles(total),
      alarms: found.length,
      expected: Object.keys(r.triggers).length,
      p99BeforeIngestion: percentiles(toIngestion).p99,
      p99InIngestion: percentiles(inIngestion).p99,
    };
  };
  /** Waits until ingestion stored `target` (or stops growing for 3 s); returns the seconds it took. */
  const drain = async (target: number) => {
    const from = Date.now();
    let last = -1;
    let grewAt = Date.now();
    for (;;) {
      await ingestion.flush();
      const stored = ingestion.counters.stored;
      if (stored >= target) break;
      if (stored !== last) [last, grewAt] = [stored, Date.now()];
      else if (Date.now() - grewAt > 3000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    return (Date.now() - from) / 1000;
  };

  // 1. sustained, unpaced
  log(`sustained: publishing for ${SECONDS} s (window ${WINDOW})`);
  resetPeakRss();
  const stored0 = ingestion.counters.stored;
  const window = new RateWindow(() => ingestion.counters.stored);
  const progress = setInterval(() => {
    const c = ingestion.counters;
    log(
      `  stored ${c.stored - stored0}, waiting ${ingestion.backlog}, batches ${c.batches}, failed ${c.failedBatches}`,
    );
  }, 5000);
  commitTimes();
  const stopProfile = await startCpuProfile(profile);
  const sustained = await runLoad({
    url: broker,
    devices: withTriggers(devices, 0, SECONDS),
    seconds: SECONDS,
    window: WINDOW,
    rate: null,
    idPrefix: 's-',
  });
  await stopProfile();
  window.stop();
  clearInterval(progress);
  const sustainedCommits = commitTimes();
  const backlog = sustained.acked - (ingestion.counters.stored - stored0);
  const drainSeconds = await drain(stored0 + sustained.acked);
  const rate = window.rate(sustained.startedAt + WARMUP * 1000, sustained.startedAt + sustained.elapsedMs);
  const peakRss = peakRssMiB(process.pid);

  // 2. latency at the target offered rate, paced
  log(`latency: ${LATENCY_RATE} msg/s offered for ${LATENCY_SECONDS} s`);
  const stored1 = ingestion.counters.stored;
  const pacedWindow = new RateWindow(() => ingestion.counters.stored);
  const paced = await runLoad({
    url: broker,
    devices: withTriggers(devices, STEP / 2, LATENCY_SECONDS),
    seconds: LATENCY_SECONDS,
    window: WINDOW,
    rate: LATENCY_RATE,
    idPrefix: 'p-',
  });
  pacedWindow.stop();
  const pacedCommits = commitTimes();
  await drain(stored1 + paced.acked);
  const pacedRate = pacedWindow.rate(paced.startedAt + 2000, paced.startedAt + paced.elapsedMs);

  const counts = await sql<{ rows: number; distinct: number }>`
    select count(*)::int as rows, count(distinct (device_id, message_id))::int as distinct
    from iot_telemetry where device_id like ${`${run}-B%`}`.execute(app.database.db);
  const visible = await sql<{ n: number }>`
    select count(*)::int as n from iot_alarms where type = 'TEMPERATURE_HARD_LIMIT'
      and equipment_reference = any(${devices.map((d) => d.container)}::text[])`.execute(app.database.db);
  const stored = Number(counts.rows[0]!.rows);
  const acked = sustained.acked + paced.acked;
  const result = {
    broker: external ? 'external' : 'embedded',
    loadAverage: { before: loadBefore, after: load() },
    rate,
    published: sustained.sent + paced.sent,
    acknowledged: acked,
    stored,
    dropped: Math.max(0, acked - stored),
    duplicates: stored - Number(counts.rows[0]!.distinct),
    backlogAtEnd: backlog,
    drainSeconds,
    batches: ingestion.counters.batches,
    alarmChanges: ingestion.counters.alarmChanges,
    alarmLaneCommits: ingestion.counters.alarmLaneCommits,
    carefulRewrites: ingestion.counters.carefulRewrites,
    sustainedCommits,
    pacedCommits,
    alarmsVisible: Number(visible.rows[0]!.n),
    peakRssMiB: peakRss,
    atSaturation: latencies(sustained),
    pacedRate,
    paced: latencies(paced),
  };
  await app.close();
  if (external) await forgetSession(external, mqttClientId);
  log('baseline: bare subscriber on the same kind of broker');
  const baseline = await bareSubscriber(external, topics, devices);
  return { ...result, baselineRate: baseline.rate, baselineReceived: baseline.received };
}

/** Ends the platform's persistent session on a shared external broker (it would queue for it for days). */
async function forgetSession(url: string, clientId: string): Promise<void> {
  const c = await mqtt.connectAsync(url, {
    clientId,
    protocolVersion: 5,
    clean: true,
    properties: { sessionExpiryInterval: 0 },
  });
  await c.endAsync();
}

/** Baseline: the same load into a broker with a subscriber that only counts (QoS 1). */
async function bareSubscriber(external: string | null, topics: TopicSpace, devices: DeviceSpec[]) {
  let aedes: Aedes | undefined;
  let server: net.Server | undefined;
  let url = external ?? '';
  if (!external) {
    aedes = await Aedes.createBroker();
    server = net.createServer((s) => aedes!.handle(s));
    await new Promise<void>((r) => server!.listen(0, '127.0.0.1', () => r()));
    url = `mqtt://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  }
  const subscriber = await mqtt.connectAsync(url, {
    clientId: `bare-${randomBytes(3).toString('hex')}`,
    protocolVersion: external ? 5 : 4,
    ...(external ? { properties: { receiveMaximum: 65_535 } } : {}),
  });
  let received = 0;
  subscriber.on('message', () => {
    received += 1;
  });
  await subscriber.subscribeAsync(topics.allDevices, { qos: 1 });
  const window = new RateWindow(() => received);
  const bare = devices.map((d) => ({ ...d, secret: undefined, triggerAtMs: null }));
  const result = await runLoad({
    url,
    devices: bare,
    seconds: SECONDS,
    window: WINDOW,
    rate: null,
    idPrefix: 's-',
  });
  await new Promise((r) => setTimeout(r, 1000));
  window.stop();
  await subscriber.endAsync();
  if (aedes) await new Promise<void>((r) => aedes.close(() => r()));
  server?.close();
  return {
    result,
    received,
    rate: window.rate(result.startedAt + WARMUP * 1000, result.startedAt + result.elapsedMs),
  };
}

const results = [];
const profile = process.env.IOT_BENCH_CPU_PROFILE;
if (BROKERS.includes('embedded')) results.push(await measure(null, profile));
if (process.env.MQTT_URL && BROKERS.includes('external'))
  results.push(await measure(process.env.MQTT_URL, results.length === 0 ? profile : undefined));

process.stdout.write(
  `${DEVICES} devices, QoS 1, window ${WINDOW}; sustained ${SECONDS} s after ${WARMUP} s warm-up; ` +
    `latency at ${LATENCY_RATE} msg/s offered for ${LATENCY_SECONDS} s\n`,
);
printTable(
  [
    'broker',
    'load avg',
    'msg/s',
    'bare msg/s',
    'ratio',
    'acked',
    'stored',
    'dropped',
    'dup',
    'backlog',
    'drain s',
    'peak RSS MiB',
  ],
  results.map((r) => [
    r.broker,
    r.loadAverage.before.split(' ')[0]!,
    r.rate,
    r.baselineRate,
    r.rate / r.baselineRate,
    r.acknowledged,
    r.stored,
    r.dropped,
    r.duplicates,
    r.backlogAtEnd,
    r.drainSeconds,
    r.peakRssMiB ?? '?',
  ]),
);
process.stdout.write('\nalarm latency, publish of the reading → alarm committed (ms)\n');
printTable(
  ['broker', 'load', 'msg/s', 'alarms', 'p50', 'p95', 'p99', 'max', 'p99 to ingestion', 'p99 in ingestion'],
  results.flatMap((r) =>
    (
      [
        ['saturation', r.rate, r.atSaturation],
        [`${LATENCY_RATE}/s offered`, r.pacedRate, r.paced],
      ] as const
    ).map(([phase, rate, l]) => [
      r.broker,
      phase,
      rate,
      `${l.alarms}/${l.expected}`,
      l.p50,
      l.p95,
      l.p99,
      l.max,
      l.p99BeforeIngestion,
      l.p99InIngestion,
    ]),
  ),
);
process.stdout.write(
  '\ncommit time per transaction, from its start (waiting for the connection included) (ms)\n',
);
printTable(
  ['broker', 'load', 'lane', 'commits', 'p50', 'p99', 'max'],
  results.flatMap((r) =>
    (
      [
        ['saturation', r.sustainedCommits],
        [`${LATENCY_RATE}/s offered`, r.pacedCommits],
      ] as const
    ).flatMap(([phase, c]) =>
      (['alarmLane', 'bulk'] as const).map((lane) => [
        r.broker,
        phase,
        lane,
        c[lane].count,
        c[lane].p50,
        c[lane].p99,
        c[lane].max,
      ]),
    ),
  ),
);
process.stdout.write(
  `${JSON.stringify({
    bench: 'iot',
    devices: DEVICES,
    seconds: SECONDS,
    warmupSeconds: WARMUP,
    window: WINDOW,
    latencyRate: LATENCY_RATE,
    results: results.map((r) => ({
      broker: r.broker,
      loadAverage: r.loadAverage,
      messagesPerSecond: Math.round(r.rate),
      bareSubscriberMessagesPerSecond: Math.round(r.baselineRate),
      ratio: Number((r.rate / r.baselineRate).toFixed(3)),
      acknowledged: r.acknowledged,
      stored: r.stored,
      dropped: r.dropped,
      duplicates: r.duplicates,
      backlogAtEnd: r.backlogAtEnd,
      drainSeconds: r.drainSeconds,
      batches: r.batches,
      alarmChanges: r.alarmChanges,
      alarmLaneCommits: r.alarmLaneCommits,
      carefulRewrites: r.carefulRewrites,
      commitMsAtSaturation: r.sustainedCommits,
      commitMsPaced: r.pacedCommits,
      alarmsVisible: r.alarmsVisible,
      peakRssMiB: r.peakRssMiB,
      alarmLatencyAtSaturationMs: r.atSaturation,
      pacedMessagesPerSecond: Math.round(r.pacedRate),
      alarmLatencyMs: r.paced,
    })),
  })}\n`,
);
process.exit(0);
