/**
 * IoT ingestion under load: N simulated devices (each bound to a pharma shipment, every alarm rule on) publish QoS 1
 * readings through the broker into ingestion (validation, dedup, batched writes, monitors, alarms). Measured: sustained
 * messages/s, end-to-end alarm latency (publish of a reading beyond the hard limit → alarm committed and visible),
 * dropped and duplicated messages. Baseline in the same run: a bare subscriber on the same kind of broker that only
 * counts messages. Embedded broker always; the external broker too when MQTT_URL is set.
 *
 *   npm run bench:iot            # IOT_BENCH_DEVICES=200 IOT_BENCH_SECONDS=15 by default
 *   MQTT_URL=mqtt://127.0.0.1:1883 npm run bench:iot
 *
 * Publishers run in a child process (the second core). Prints a table, then one line of JSON; progress on stderr.
 */
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { spawn } from 'node:child_process';
import { Aedes } from 'aedes';
import mqtt from 'mqtt';
import pino from 'pino';
import { sql } from 'kysely';
import { createApp, type Aduana } from '../src/platform/app.js';
import { loadConfig } from '../src/platform/config.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';
import { seedDemoUsers } from '../src/modules/declarations/demo/seed.js';
import {
  containerNumber,
  generateDeclaration,
  seededRandom,
} from '../src/modules/declarations/demo/generator.js';
import { TopicSpace } from '../src/modules/iot/index.js';
import { percentiles, printTable } from './lib/report.js';

const DEVICES = Number(process.env.IOT_BENCH_DEVICES ?? 200);
const SECONDS = Number(process.env.IOT_BENCH_SECONDS ?? 15);
const WINDOW = Number(process.env.IOT_BENCH_WINDOW ?? 16);
const TRIGGERS = Math.max(1, Math.floor(DEVICES / 10));
const log = (m: string) => process.stderr.write(`${m}\n`);

interface DeviceSpec {
  deviceId: string;
  secret?: string;
  topic: string;
  container: string;
  /** When (ms after the start) it sends one reading beyond the hard limit; null: never. */
  triggerAtMs: number | null;
}

interface PublisherResult {
  sent: number;
  acked: number;
  failed: number;
  elapsedMs: number;
  triggers: Record<string, number>;
}

/** Publisher process (CommonJS, `node -e`): one mqtt.js connection per device, up to WINDOW QoS 1 publishes in flight. */
const PUBLISHER = `
const mqtt = require('mqtt');
const parentPort = { postMessage: (m) => process.send(m) };
const workerData = JSON.parse(process.env.IOT_BENCH_WORKER);
const { url, devices, seconds, window: maxInFlight } = workerData;
(async () => {
  const clients = await Promise.all(devices.map((d) => new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { clientId: d.deviceId, username: d.secret ? d.deviceId : undefined,
      password: d.secret, protocolVersion: 4, clean: true, reconnectPeriod: 1000, keepalive: 60 });
    c.once('connect', () => resolve(c)); c.once('error', reject);
  })));
  parentPort.postMessage({ ready: true });
  const start = Date.now(); const end = start + seconds * 1000;
  let sent = 0, acked = 0, failed = 0; const triggers = {};
  await Promise.all(devices.map((d, i) => new Promise((resolve) => {
    const c = clients[i]; let seq = 0, inflight = 0, triggered = d.triggerAtMs === null;
    const pump = () => {
      while (inflight < maxInFlight && Date.now() < end) {
        seq += 1; inflight += 1; sent += 1;
        let t = 4.5 + ((seq * 7) % 20) / 10;
        if (!triggered && Date.now() - start >= d.triggerAtMs) { triggered = true; t = 16.5; triggers[d.deviceId] = Date.now(); }
        const body = JSON.stringify({ messageId: 'b-' + seq, deviceId: d.deviceId, equipmentReference: d.container,
          eventCreatedDateTime: new Date().toISOString(), geoLocation: { latitude: 9.37, longitude: -79.88 },
          measurements: [{ measurementType: 'TEMPERATURE', value: t, unit: 'CEL' },
            { measurementType: 'HUMIDITY', value: 88, unit: 'P1' }, { measurementType: 'SPEED', value: 0, unit: 'KMH' }] });
        c.publish(d.topic, body, { qos: 1 }, (err) => { inflight -= 1; if (err) failed += 1; else acked += 1; pump(); });
      }
      if (inflight === 0 && Date.now() >= end) resolve();
    };
    pump();
    const timer = setInterval(() => { if (Date.now() >= end) { clearInterval(timer); if (inflight === 0) resolve(); } else pump(); }, 50);
  })));
  const elapsedMs = Date.now() - start;
  await Promise.all(clients.map((c) => new Promise((r) => c.end(false, {}, r))));
  parentPort.postMessage({ sent, acked, failed, elapsedMs, triggers });
})().catch((err) => parentPort.postMessage({ error: String(err && err.stack || err) }));
`;

function runPublishers(url: string, devices: DeviceSpec[], onReady?: () => void): Promise<PublisherResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      IOT_BENCH_WORKER: JSON.stringify({ url, devices, seconds: SECONDS, window: WINDOW }),
    };
    delete env.NODE_OPTIONS;
    const worker = spawn(process.execPath, ['-e', PUBLISHER], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    worker.on('message', (m: PublisherResult & { ready?: boolean; error?: string }) => {
      if (m.ready) return onReady?.();
      if (m.error) reject(new Error(m.error));
      else resolve(m);
      worker.kill();
    });
    worker.on('error', reject);
  });
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
  let first = 0;
  let last = 0;
  subscriber.on('message', () => {
    received += 1;
    last = Date.now();
    if (first === 0) first = last;
  });
  await subscriber.subscribeAsync(topics.allDevices, { qos: 1 });
  const bare = devices.map((d) => ({ ...d, secret: undefined, triggerAtMs: null }));
  const result = await runPublishers(url, bare);
  await new Promise((r) => setTimeout(r, 1000));
  await subscriber.endAsync();
  if (aedes) await new Promise<void>((r) => aedes.close(() => r()));
  server?.close();
  return { result, received, rate: received / ((last - first) / 1000 || 1) };
}

async function setup(app: Aduana, topics: TopicSpace, run: string): Promise<DeviceSpec[]> {
  const login = async (username: string, password: string) =>
    `Bearer ${(await app.http.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } })).json<{ token: string }>().token}`;
  const trader = { authorization: await login('trader', 'trader-demo-1') };
  const random = seededRandom(42);
  const specs: DeviceSpec[] = [];
  for (let i = 0; i < DEVICES; i += 1) {
    const container = containerNumber('BNCU', i * 37 + 11);
    const declaration = generateDeclaration(random, {
      lrn: `BENCH-${run}-${i}`,
      declarant: { tin: 'JM-BRK-0001', name: 'Bench broker', country: 'JM', aeo: false },
      office: 'JMKIN01',
    });
    declaration.transport.containers = [{ number: container }];
    const lodged = await app.http.inject({
      method: 'POST',
      url: '/api/v1/declarations',
      headers: trader,
      payload: declaration,
    });
    const deviceId = `${run}-B${i}`;
    const device = await app.http.inject({
      method: 'POST',
      url: '/api/v1/iot/devices',
      headers: trader,
      payload: { deviceId, kind: 'REEFER_CONTROLLER' },
    });
    const bound = await app.http.inject({
      method: 'POST',
      url: '/api/v1/iot/shipments',
      headers: trader,
      payload: {
        declarationId: lodged.json<{ id: string }>().id,
        containerNumber: container,
        devices: [{ deviceId, reportingIntervalS: 60 }],
        origin: 'PAONX',
        destination: 'HNPCR',
        temperatureProfile: { profileId: 'PHARMA_2_8' },
      },
    });
    if (bound.statusCode !== 201) throw new Error(`bind failed: ${bound.body}`);
    specs.push({
      deviceId,
      secret: device.json<{ secret: string }>().secret,
      topic: topics.deviceTopic(deviceId, 'telemetry'),
      container,
      triggerAtMs:
        i % Math.ceil(DEVICES / TRIGGERS) === 0 ? Math.round((((i % 7) + 2) * (SECONDS * 1000)) / 10) : null,
    });
    if ((i + 1) % 50 === 0) log(`  set up ${i + 1}/${DEVICES} devices`);
  }
  return specs;
}

async function measure(external: string | null) {
  const run = randomBytes(3).toString('hex');
  const topics = new TopicSpace(`bench-${run}`);
  const database = await openTestDatabase();
  const config = loadConfig(
    {},
    {
      port: 0,
      logLevel: 'warn',
      loginRateLimitPerMinute: 100_000,
      mqttPort: 0,
      mqttWsPort: -1,
      mqttTopicNamespace: topics.namespace,
      mqttClientId: `aduana-bench-${run}`,
      iotTickIntervalMs: 1000,
      ...(external ? { mqttUrl: external } : {}),
    },
  );
  const app = await createApp(config, { database, logger: pino({ level: 'warn' }) });
  await seedDemoUsers(app.auth);
  await app.listen();
  const broker = external ?? app.iot.broker.endpoints().mqtt;
  log(
    `${external ? 'external' : 'embedded'} broker at ${broker}: setting up ${DEVICES} devices and shipments`,
  );
  const devices = await setup(app, topics, run);
  const byContainer = new Map(devices.map((d) => [d.container, d.deviceId]));
  const alarmAt = new Map<string, number>();
  app.iot.ingestion.onAlarm((applied) => {
    if (applied.operation === 'raise' && applied.alarm.type === 'TEMPERATURE_HARD_LIMIT')
      alarmAt.set(byContainer.get(applied.alarm.equipmentReference)!, Date.now());
  });
  log(`publishing for ${SECONDS} s`);
  const before = { ...app.iot.ingestion.counters };
  const startedAt = Date.now();
  const result = await runPublishers(broker, devices);
  // Ingestion may lag the publishers (an external broker acknowledges them itself): wait until it stops growing.
  let lastStored = -1;
  let lastGrowthAt = Date.now();
  for (let i = 0; i < 240; i += 1) {
    await app.iot.ingestion.flush();
    const stored = app.iot.ingestion.counters.stored - before.stored;
    if (stored >= result.acked) break;
    if (stored !== lastStored) {
      lastStored = stored;
      lastGrowthAt = Date.now();
    } else if (Date.now() - lastGrowthAt > 3000) break;
    await new Promise((r) => setTimeout(r, 250));
  }
  const ingestSeconds = (Date.now() - startedAt) / 1000;
  const counts = await sql<{ rows: number; distinct: number }>`
    select count(*)::int as rows, count(distinct (device_id, message_id))::int as distinct
    from iot_telemetry where device_id like ${`${run}-B%`}`.execute(app.database.db);
  const stored = Number(counts.rows[0]!.rows);
  const duplicates = stored - Number(counts.rows[0]!.distinct);
  const latencies = Object.entries(result.triggers)
    .filter(([d]) => alarmAt.has(d))
    .map(([d, sentAt]) => alarmAt.get(d)! - sentAt);
  const missingAlarms = Object.keys(result.triggers).length - latencies.length;
  const batches = app.iot.ingestion.counters.batches - before.batches;
  await app.close();
  log('baseline: bare subscriber on the same broker');
  const baseline = await bareSubscriber(external, topics, devices);
  return {
    broker: external ? 'external' : 'embedded',
    // Sustained ingestion: what was stored, over the time until it was (never faster than the publishers' acks).
    rate: Math.min(
      result.acked / (result.elapsedMs / 1000),
      stored / Math.max(ingestSeconds, result.elapsedMs / 1000),
    ),
    published: result.sent,
    acknowledged: result.acked,
    stored,
    dropped: result.acked - stored,
    duplicates,
    batches,
    alarms: latencies.length,
    missingAlarms,
    latency: percentiles(latencies),
    baselineRate: baseline.rate,
    baselineReceived: baseline.received,
    baselinePublished: baseline.result.acked,
  };
}

const results = [await measure(null)];
if (process.env.MQTT_URL) results.push(await measure(process.env.MQTT_URL));

printTable(
  [
    'broker',
    'devices',
    'msg/s',
    'bare msg/s',
    'ratio',
    'acked',
    'stored',
    'dropped',
    'dup',
    'alarms',
    'alarm p50 ms',
    'alarm p99 ms',
  ],
  results.map((r) => [
    r.broker,
    DEVICES,
    r.rate,
    r.baselineRate,
    r.rate / r.baselineRate,
    r.acknowledged,
    r.stored,
    r.dropped,
    r.duplicates,
    `${r.alarms}/${r.alarms + r.missingAlarms}`,
    r.latency.p50,
    r.latency.p99,
  ]),
);
process.stdout.write(
  `${JSON.stringify({
    bench: 'iot',
    devices: DEVICES,
    seconds: SECONDS,
    window: WINDOW,
    results: results.map((r) => ({
      broker: r.broker,
      messagesPerSecond: Math.round(r.rate),
      bareSubscriberMessagesPerSecond: Math.round(r.baselineRate),
      ratio: Number((r.rate / r.baselineRate).toFixed(3)),
      acknowledged: r.acknowledged,
      stored: r.stored,
      dropped: r.dropped,
      duplicates: r.duplicates,
      batches: r.batches,
      alarms: r.alarms,
      missingAlarms: r.missingAlarms,
      alarmLatencyMs: { p50: r.latency.p50, p99: r.latency.p99, max: r.latency.max },
    })),
  })}\n`,
);
process.exit(0);
