import net from 'node:net';
import mqtt from 'mqtt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../src/platform/app.js';
import { loadConfig } from '../src/platform/config.js';
import { openTestDatabase } from '../src/platform/database/test-database.js';
import { BrokerStartError } from '../src/modules/iot/index.js';
import { connectDevice } from '../src/modules/iot/simulator/device-client.js';
import { eventually, iotTestConfig } from '../src/modules/iot/testing/iot-test-kit.js';
import pino from 'pino';
import type { TestApp } from './helpers/test-app.js';

/** The embedded broker's door: authentication, topic ACLs, revocation, rotation, WebSocket, a taken port. */
const embedded = !process.env.MQTT_URL;
let t: TestApp;
let brokerUrl: string;
let wsUrl: string;
const logged: Record<string, unknown>[] = [];
const secrets = new Map<string, string>();

async function register(deviceId: string, username = 'trader') {
  const res = await t.app.http.inject({
    method: 'POST',
    url: '/api/v1/iot/devices',
    headers: await t.login(username),
    payload: { deviceId, kind: 'TRACKER' },
  });
  expect(res.statusCode).toBe(201);
  secrets.set(deviceId, res.json<{ secret: string }>().secret);
  return res.json<{ secret: string; topics: { telemetry: string } }>();
}

const reading = (deviceId: string, messageId: string) => ({
  messageId,
  deviceId,
  equipmentReference: 'MSKU9070323',
  eventCreatedDateTime: new Date().toISOString(),
  measurements: [{ measurementType: 'TEMPERATURE', value: 5.1, unit: 'CEL' }],
});

/** Resolves with the CONNACK return code, or 0 on success. */
function connackCode(url: string, options: mqtt.IClientOptions): Promise<number> {
  return new Promise((resolve) => {
    const client = mqtt.connect(url, { reconnectPeriod: 0, protocolVersion: 4, ...options });
    client.on('connect', () => {
      client.end(true);
      resolve(0);
    });
    client.on('error', (err: Error & { code?: number }) => {
      client.end(true);
      resolve(err.code ?? -1);
    });
  });
}

beforeAll(async () => {
  if (!embedded) return;
  const database = await openTestDatabase();
  const config = loadConfig(
    {},
    { port: 0, logLevel: 'warn', loginRateLimitPerMinute: 1000, ...iotTestConfig() },
  );
  const logger = pino({ level: 'warn' }, { write: (line: string) => void logged.push(JSON.parse(line)) });
  const app = await createApp(config, { database, logger });
  const { seedDemoUsers } = await import('../src/modules/declarations/demo/seed.js');
  await seedDemoUsers(app.auth);
  // A TestApp around our own app (its logger captures the broker's refusals).
  const tokens = new Map<string, string>();
  t = {
    app,
    async login(username) {
      const passwords: Record<string, string> = {
        trader: 'trader-demo-1',
        'trader.gt': 'trader-demo-2',
        admin: 'admin-demo-1',
      };
      if (!tokens.has(username)) {
        const res = await app.http.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          payload: { username, password: passwords[username] },
        });
        tokens.set(username, res.json<{ token: string }>().token);
      }
      return { authorization: `Bearer ${tokens.get(username)}` };
    },
    close: () => app.close(),
  };
  await app.listen();
  brokerUrl = app.iot.broker.endpoints().mqtt;
  wsUrl = app.iot.broker.endpoints().websocket!;
}, 60_000);
afterAll(async () => {
  if (embedded) await t.close();
});

describe.skipIf(!embedded)('embedded broker security', () => {
  it('accepts a registered device and stores what it publishes on its own topic', async () => {
    const d = await register('SEC-TRK-1');
    const device = await connectDevice(brokerUrl, 'SEC-TRK-1', d.secret);
    await device.publish(d.topics.telemetry, reading('SEC-TRK-1', 'm-1'));
    await device.close();
    expect(t.app.iot.ingestion.counters.stored).toBeGreaterThanOrEqual(1);
  });

  it('refuses a wrong password (CONNACK 4) and logs it without the secret', async () => {
    await register('SEC-TRK-2');
    const code = await connackCode(brokerUrl, {
      clientId: 'SEC-TRK-2',
      username: 'SEC-TRK-2',
      password: 'not-the-secret',
    });
    expect(code).toBe(4);
    const line = logged.find((l) => l.deviceId === 'SEC-TRK-2' && String(l.msg).includes('refused'));
    expect(line).toBeDefined();
    expect(JSON.stringify(logged)).not.toContain('not-the-secret');
    expect(JSON.stringify(logged)).not.toContain(secrets.get('SEC-TRK-2')!);
  });

  it('refuses an unknown device, a missing password and a client id that is not the device id', async () => {
    expect(await connackCode(brokerUrl, { clientId: 'NOPE', username: 'NOPE', password: 'x' })).toBe(4);
    expect(await connackCode(brokerUrl, { clientId: 'SEC-TRK-2' })).toBe(4);
    expect(
      await connackCode(brokerUrl, {
        clientId: 'SEC-TRK-1',
        username: 'SEC-TRK-2',
        password: secrets.get('SEC-TRK-2')!,
      }),
    ).toBe(2);
  });

  it('refuses a publish on another device’s topic: no acknowledgement, connection closed, nothing stored', async () => {
    const own = await register('SEC-TRK-3');
    const victim = await register('SEC-TRK-4');
    const device = await connectDevice(brokerUrl, 'SEC-TRK-3', own.secret, { reconnectPeriod: 0 });
    const before = t.app.iot.ingestion.counters.received;
    const closed = new Promise<void>((resolve) => device.client.once('close', () => resolve()));
    let acked = false;
    device.client.publish(
      victim.topics.telemetry,
      JSON.stringify(reading('SEC-TRK-4', 'forged-1')),
      { qos: 1 },
      (err) => {
        if (!err) acked = true;
      },
    );
    await closed;
    expect(acked).toBe(false);
    expect(t.app.iot.ingestion.counters.received).toBe(before);
    expect(logged.some((l) => l.deviceId === 'SEC-TRK-3' && String(l.msg).includes('foreign topic'))).toBe(
      true,
    );
    device.client.end(true);
  });

  it('closes a revoked device’s connection and refuses it afterwards (CONNACK 5)', async () => {
    const d = await register('SEC-TRK-5');
    const device = await connectDevice(brokerUrl, 'SEC-TRK-5', d.secret, { reconnectPeriod: 0 });
    const closed = new Promise<void>((resolve) => device.client.once('close', () => resolve()));
    const res = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/iot/devices/SEC-TRK-5/revoke',
      headers: await t.login('trader'),
      payload: { reason: 'tracker reported stolen' },
    });
    expect(res.json<{ status: string }>().status).toBe('REVOKED');
    await closed;
    expect(
      await connackCode(brokerUrl, { clientId: 'SEC-TRK-5', username: 'SEC-TRK-5', password: d.secret }),
    ).toBe(5);
  });

  it('after a rotation accepts only the new secret', async () => {
    const d = await register('SEC-TRK-6');
    expect(
      await connackCode(brokerUrl, { clientId: 'SEC-TRK-6', username: 'SEC-TRK-6', password: d.secret }),
    ).toBe(0);
    const rotated = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/iot/devices/SEC-TRK-6/rotate',
      headers: await t.login('trader'),
    });
    const fresh = rotated.json<{ secret: string; secretVersion: number }>();
    expect(fresh.secretVersion).toBe(2);
    expect(
      await connackCode(brokerUrl, { clientId: 'SEC-TRK-6', username: 'SEC-TRK-6', password: d.secret }),
    ).toBe(4);
    expect(
      await connackCode(brokerUrl, { clientId: 'SEC-TRK-6', username: 'SEC-TRK-6', password: fresh.secret }),
    ).toBe(0);
  });

  it('hides a party’s devices from another party and refuses registering for another party', async () => {
    const other = await t.login('trader.gt');
    expect(
      (await t.app.http.inject({ method: 'GET', url: '/api/v1/iot/devices/SEC-TRK-1', headers: other }))
        .statusCode,
    ).toBe(404);
    const forged = await t.app.http.inject({
      method: 'POST',
      url: '/api/v1/iot/devices',
      headers: other,
      payload: { deviceId: 'SEC-TRK-99', kind: 'E_SEAL', ownerTin: 'JM-BRK-0001' },
    });
    expect(forged.statusCode).toBe(403);
  });

  it('speaks MQTT over WebSocket, and lets a trader watch only its own devices', async () => {
    const d = await register('SEC-TRK-7');
    const device = await connectDevice(wsUrl, 'SEC-TRK-7', d.secret);
    const token = (await t.login('trader')).authorization!.slice(7);
    const watcher = mqtt.connect(wsUrl, {
      username: 'bearer',
      password: token,
      protocolVersion: 4,
      reconnectPeriod: 0,
    });
    await new Promise<void>((resolve) => watcher.once('connect', () => resolve()));
    const granted = await watcher.subscribeAsync([d.topics.telemetry]);
    expect(granted[0]!.qos).toBeLessThan(128);
    const got = new Promise<string>((resolve) =>
      watcher.once('message', (_topic, payload) => resolve(payload.toString())),
    );
    await device.publish(d.topics.telemetry, reading('SEC-TRK-7', 'ws-1'));
    expect(JSON.parse(await got)).toMatchObject({ messageId: 'ws-1' });
    const wildcard = await watcher
      .subscribeAsync([d.topics.telemetry.replace('SEC-TRK-7', '+')])
      .catch(() => [{ qos: 128 }]);
    expect(wildcard[0]!.qos).toBe(128);
    watcher.end(true);
    await device.close();
  });

  it('fails to start with a clear error when the MQTT port is taken', async () => {
    const holder = net.createServer();
    await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', () => resolve()));
    const port = (holder.address() as net.AddressInfo).port;
    // A second platform on the same database (its close must not close the shared one).
    const database = { ...t.app.database, close: () => Promise.resolve() };
    const config = loadConfig({}, { port: 0, logLevel: 'silent', ...iotTestConfig({ mqttPort: port }) });
    const app = await createApp(config, { database, logger: pino({ level: 'silent' }) });
    const error = await app.listen().then(
      () => null,
      (err: unknown) => err,
    );
    expect(error).toBeInstanceOf(BrokerStartError);
    expect((error as Error).message).toMatch(new RegExp(`port ${port} .*already in use.*MQTT_PORT`));
    await app.close();
    holder.close();
  });

  it('reports the broker in readiness once it runs', async () => {
    const ready = await eventually(async () => {
      const res = await t.app.http.inject({ method: 'GET', url: '/ready' });
      return res.statusCode === 200 ? res.json<{ checks: Record<string, boolean> }>() : undefined;
    });
    expect(ready.checks).toEqual({ database: true, mqtt: true });
  });
});

describe.skipIf(embedded)('external broker', () => {
  it('is covered by the scenario and restart suites against MQTT_URL', () => {
    expect(process.env.MQTT_URL).toMatch(/^mqtts?:|^wss?:|^tcp:/);
  });
});
