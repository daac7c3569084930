import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import net from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { openDatabase } from '../src/platform/database/database.js';
import { createProcessStorage } from './helpers/process-storage.js';
import { connectDevice, type DeviceConnection } from '../src/modules/iot/simulator/device-client.js';
import { TopicSpace } from '../src/modules/iot/index.js';

/**
 * Devices publish at QoS 1 while the platform is killed (SIGKILL) and started again on the same data: every reading
 * the broker acknowledged is stored, exactly once. Embedded broker by default; the machine's Mosquitto with MQTT_URL.
 */
const BIN = path.resolve(import.meta.dirname, '../bin/aduana.mjs');
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function storage(): Promise<{
  env: Record<string, string>;
  open: () => ReturnType<typeof openDatabase>;
}> {
  const created = await createProcessStorage('iot-restart');
  cleanups.push(created.cleanup);
  return created;
}

function start(env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--demo', '--demo-declarations', '0', '--demo-fleet', '0'],
    {
      env: { ...process.env, PORT: '0', LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout?.on('data', (b: Buffer) => (out += b.toString()));
  child.stderr?.on('data', (b: Buffer) => (out += b.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 150_000);
    child.stdout?.on('data', () => {
      const m = /running at (http:\/\/\S+)/.exec(out);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve({ child, url: m[1].replace('localhost', '127.0.0.1') });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${out}`));
    });
  });
}

const exited = (child: ChildProcess) =>
  child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise<void>((r) => child.once('exit', () => r()));

describe('restart under load', () => {
  it(
    'loses no acknowledged reading when the platform is killed mid-stream',
    { timeout: 300_000 },
    async () => {
      const run = randomBytes(3).toString('hex');
      const mqttPort = await freePort();
      const topics = new TopicSpace(`restart-${run}`);
      const { env: storageEnv, open } = await storage();
      const env = {
        ...storageEnv,
        MQTT_PORT: String(mqttPort),
        MQTT_WS_PORT: '-1',
        MQTT_TOPIC_NAMESPACE: topics.namespace,
        MQTT_CLIENT_ID: `aduana-restart-${run}`,
        ...(process.env.MQTT_URL ? { MQTT_URL: process.env.MQTT_URL } : { MQTT_URL: '' }),
      };
      let server = await start(env);
      cleanups.push(async () => {
        server.child.kill('SIGKILL');
        await exited(server.child);
      });
      const login = await fetch(`${server.url}/api/v1/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'trader', password: 'trader-demo-1' }),
      });
      const token = ((await login.json()) as { token: string }).token;
      const brokerUrl = process.env.MQTT_URL ?? `mqtt://127.0.0.1:${mqttPort}`;
      const devices: { id: string; connection: DeviceConnection }[] = [];
      for (let i = 0; i < 3; i += 1) {
        const id = `RST-${run}-${i}`;
        const res = await fetch(`${server.url}/api/v1/iot/devices`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ deviceId: id, kind: 'TRACKER' }),
        });
        const { secret } = (await res.json()) as { secret: string };
        devices.push({
          id,
          connection: await connectDevice(brokerUrl, id, secret, { reconnectPeriod: 200 }),
        });
      }

      const acknowledged = new Set<string>();
      const pending: Promise<void>[] = [];
      let stop = false;
      let n = 0;
      // An external broker queues for the platform's session only up to its limit (Mosquitto's default
      // max_queued_messages is 1000; docs/iot.md lifts it): devices publish more slowly while the platform is away.
      let roundMs = 20;
      const publisher = (async () => {
        while (!stop) {
          for (const d of devices) {
            const messageId = `m-${String(n).padStart(6, '0')}`;
            const payload = {
              messageId,
              deviceId: d.id,
              equipmentReference: 'MSKU9070323',
              eventCreatedDateTime: new Date().toISOString(),
              measurements: [{ measurementType: 'TEMPERATURE', value: 4 + (n % 10) / 10, unit: 'CEL' }],
            };
            pending.push(
              d.connection.publish(topics.deviceTopic(d.id, 'telemetry'), payload).then(
                () => void acknowledged.add(`${d.id}/${messageId}`),
                () => undefined,
              ),
            );
          }
          n += 1;
          await new Promise((r) => setTimeout(r, roundMs));
        }
      })();

      const waitFor = async (count: number) => {
        while (acknowledged.size < count) await new Promise((r) => setTimeout(r, 20));
      };
      await waitFor(300);
      if (process.env.MQTT_URL) roundMs = 150;
      server.child.kill('SIGKILL');
      await exited(server.child);
      const ackedAtKill = acknowledged.size;
      await new Promise((r) => setTimeout(r, 500));
      server = await start(env);
      roundMs = 20;
      await waitFor(ackedAtKill + 300);
      stop = true;
      await publisher;
      await Promise.race([Promise.all(pending), new Promise((r) => setTimeout(r, 5_000))]);
      for (const d of devices) await d.connection.close(true);
      server.child.kill('SIGTERM');
      await exited(server.child);

      const database = await open();
      try {
        const rows = await database.db
          .selectFrom('iot_telemetry')
          .select(['device_id', 'message_id'])
          .where('device_id', 'like', `RST-${run}-%`)
          .execute();
        const stored = new Set(
          rows.map((r: { device_id: string; message_id: string }) => `${r.device_id}/${r.message_id}`),
        );
        expect(rows.length).toBe(stored.size);
        const lost = [...acknowledged].filter((k) => !stored.has(k));
        expect(lost).toEqual([]);
        expect(acknowledged.size).toBeGreaterThan(ackedAtKill);
      } finally {
        await database.close();
      }
    },
  );
});
