import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import mqtt from 'mqtt';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mosquittoFiles } from '../src/modules/iot/broker/mosquitto-files.js';
import { ExternalBrokerSubscriber } from '../src/modules/iot/broker/external-broker.js';
import type { InboundDeviceMessage } from '../src/modules/iot/broker/telemetry-broker.js';
import { TopicSpace, mosquittoHash, verifyMosquittoHash } from '../src/modules/iot/index.js';
import { eventually } from '../src/modules/iot/testing/iot-test-kit.js';

/**
 * `aduana iot broker-config` output in a real Mosquitto 2 (a private instance on a free port): the `$7$` hashes
 * verify, a wrong password is refused, a device cannot publish on another's topic, and the platform's account
 * (through the external-broker adapter) receives what devices publish on their own topics.
 */
const hasMosquitto = spawnSync('mosquitto', ['-h']).status !== null;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'aduana-mosquitto-'));
let broker: ChildProcess | undefined;
let url = '';
const topics = new TopicSpace('cfgtest');
const secrets = { 'TRK-A': 'secret-of-tracker-a', 'TRK-B': 'secret-of-tracker-b' };

beforeAll(async () => {
  if (!hasMosquitto) return;
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  const files = mosquittoFiles({
    devices: Object.entries(secrets).map(([deviceId, secret]) => ({
      deviceId,
      status: 'ACTIVE',
      brokerHash: mosquittoHash(secret),
    })),
    platform: { username: 'aduana-ingest', password: 'platform-secret' },
    topics,
    passwordPath: path.join(dir, 'aduana.passwd'),
    aclPath: path.join(dir, 'aduana.acl'),
  });
  fs.writeFileSync(path.join(dir, 'aduana.passwd'), files.passwordFile);
  fs.writeFileSync(path.join(dir, 'aduana.acl'), files.aclFile);
  const conf = `listener ${port} 127.0.0.1\n${files.configSnippet.replace('persistence true', 'persistence false')}`;
  fs.writeFileSync(path.join(dir, 'mosquitto.conf'), conf);
  // Mosquitto started as root reads its files as the `mosquitto` user.
  fs.chmodSync(dir, 0o755);
  for (const f of fs.readdirSync(dir)) fs.chmodSync(path.join(dir, f), 0o644);
  broker = spawn('mosquitto', ['-c', path.join(dir, 'mosquitto.conf')], { stdio: 'ignore' });
  url = `mqtt://127.0.0.1:${port}`;
  await eventually(
    () =>
      new Promise<boolean>((resolve) => {
        const c = net.connect(port, '127.0.0.1');
        c.on('connect', () => (c.end(), resolve(true)));
        c.on('error', () => resolve(false));
      }),
    10_000,
  );
});
afterAll(() => {
  broker?.kill('SIGTERM');
  fs.rmSync(dir, { recursive: true, force: true });
});

function connect(username: string, password: string, protocolVersion: 4 | 5 = 5) {
  return new Promise<mqtt.MqttClient | number>((resolve) => {
    const c = mqtt.connect(url, {
      clientId: username,
      username,
      password,
      protocolVersion,
      reconnectPeriod: 0,
    });
    c.once('connect', () => resolve(c));
    c.once('error', (err: Error & { code?: number }) => (c.end(true), resolve(err.code ?? -1)));
  });
}

describe('Mosquitto password file', () => {
  it('writes mosquitto_passwd’s $7$ PBKDF2-SHA512 format', () => {
    const hash = mosquittoHash('s3cret');
    expect(hash).toMatch(/^\$7\$101\$[A-Za-z0-9+/=]{16}\$[A-Za-z0-9+/=]{88}$/);
    expect(verifyMosquittoHash('s3cret', hash)).toBe(true);
    expect(verifyMosquittoHash('other', hash)).toBe(false);
  });
});

describe.skipIf(!hasMosquitto)('generated files in a real Mosquitto', () => {
  it('accepts a device with its secret and refuses a wrong one', async () => {
    const ok = await connect('TRK-A', secrets['TRK-A']);
    expect(typeof ok).not.toBe('number');
    (ok as mqtt.MqttClient).end(true);
    // MQTT 5 CONNACK: 0x86 bad user name or password, or 0x87 not authorised (what Mosquitto 2.0 answers).
    expect([134, 135]).toContain(await connect('TRK-A', 'wrong-password'));
  });

  it('delivers a device’s own-topic messages to the platform account and drops another device’s topic', async () => {
    const received: InboundDeviceMessage[] = [];
    const subscriber = new ExternalBrokerSubscriber({
      url,
      clientId: 'aduana-ingest',
      username: 'aduana-ingest',
      password: 'platform-secret',
      topics,
      log: pino({ level: 'silent' }),
    });
    await subscriber.start((m) => {
      received.push(m);
      return Promise.resolve();
    });
    expect(subscriber.isReady()).toBe(true);
    const device = (await connect('TRK-A', secrets['TRK-A'])) as mqtt.MqttClient;
    await device.publishAsync(topics.deviceTopic('TRK-A', 'telemetry'), '{"own":true}', { qos: 1 });
    const forged = await device
      .publishAsync(topics.deviceTopic('TRK-B', 'telemetry'), '{"forged":true}', { qos: 1 })
      .then(
        (packet) => (packet as { reasonCode?: number } | undefined)?.reasonCode ?? 0,
        (err: Error & { code?: number }) => err.code ?? -1,
      );
    expect(forged).toBe(135);
    await eventually(() => Promise.resolve(received.length >= 1));
    await new Promise((r) => setTimeout(r, 300));
    expect(received.map((m) => m.topic)).toEqual([topics.deviceTopic('TRK-A', 'telemetry')]);
    device.end(true);
    await subscriber.stop();
  });
});
