/**
 * The IoT benchmark's devices: a child process (the publishers must not share the measured process's event loop) with
 * one mqtt.js connection per device, MQTT 3.1.1, QoS 1, up to `window` publishes in flight per device. Unpaced, each
 * device publishes as fast as its acknowledgements come back (saturation); paced, the devices together offer `rate`
 * messages/s (open loop, the window only as a cap). Chosen devices send one reading beyond the hard limit at a set
 * time and report when they published it.
 */
import { spawn } from 'node:child_process';

export interface DeviceSpec {
  deviceId: string;
  secret?: string | undefined;
  topic: string;
  container: string;
  /** When (ms after the start) it sends one reading beyond the hard limit; null: never. */
  triggerAtMs: number | null;
}

export interface LoadOptions {
  url: string;
  devices: DeviceSpec[];
  seconds: number;
  window: number;
  /** Messages/s offered by all devices together; null: as fast as acknowledged. */
  rate: number | null;
  /** Prefix of message ids (a new one per phase, so that nothing repeats an id already stored). */
  idPrefix: string;
}

export interface LoadResult {
  /** Epoch ms the first publish went out. */
  startedAt: number;
  sent: number;
  acked: number;
  failed: number;
  elapsedMs: number;
  /** Device id → epoch ms it published its trigger reading. */
  triggers: Record<string, number>;
}

/** Publisher process (CommonJS, `node -e`). */
const PUBLISHER = `
const mqtt = require('mqtt');
const send = (m) => process.send(m);
const { url, devices, seconds, window: maxInFlight, rate, idPrefix } = JSON.parse(process.env.IOT_BENCH_LOAD);
(async () => {
  const clients = await Promise.all(devices.map((d) => new Promise((resolve, reject) => {
    const c = mqtt.connect(url, { clientId: d.deviceId, username: d.secret ? d.deviceId : undefined,
      password: d.secret, protocolVersion: 4, clean: true, reconnectPeriod: 1000, keepalive: 60 });
    c.once('connect', () => resolve(c)); c.once('error', reject);
  })));
  const start = Date.now(); const end = start + seconds * 1000;
  send({ started: start });
  const gapMs = rate ? (devices.length * 1000) / rate : 0;
  let sent = 0, acked = 0, failed = 0; const triggers = {};
  await Promise.all(devices.map((d, i) => new Promise((resolve) => {
    const c = clients[i]; let seq = 0, inflight = 0, triggered = d.triggerAtMs === null;
    let nextAt = start + (gapMs * i) / devices.length;
    const pump = () => {
      while (inflight < maxInFlight && Date.now() < end && (!rate || Date.now() >= nextAt)) {
        seq += 1; inflight += 1; sent += 1; nextAt += gapMs;
        let t = 4.5 + ((seq * 7) % 20) / 10;
        if (!triggered && Date.now() - start >= d.triggerAtMs) { triggered = true; t = 16.5; triggers[d.deviceId] = Date.now(); }
        const body = JSON.stringify({ messageId: idPrefix + seq, deviceId: d.deviceId, equipmentReference: d.container,
          eventCreatedDateTime: new Date().toISOString(), geoLocation: { latitude: 9.37, longitude: -79.88 },
          measurements: [{ measurementType: 'TEMPERATURE', value: t, unit: 'CEL' },
            { measurementType: 'HUMIDITY', value: 88, unit: 'P1' }, { measurementType: 'SPEED', value: 0, unit: 'KMH' }] });
        c.publish(d.topic, body, { qos: 1 }, (err) => { inflight -= 1; if (err) failed += 1; else acked += 1; pump(); });
      }
      if (inflight === 0 && Date.now() >= end) resolve();
    };
    pump();
    const timer = setInterval(() => { if (Date.now() >= end) { clearInterval(timer); if (inflight === 0) resolve(); } else pump(); }, rate ? 5 : 50);
  })));
  const elapsedMs = Date.now() - start;
  await Promise.all(clients.map((c) => new Promise((r) => c.end(false, {}, r))));
  send({ startedAt: start, sent, acked, failed, elapsedMs, triggers });
})().catch((err) => send({ error: String((err && err.stack) || err) }));
`;

/** Runs the devices; `onStart` gets the epoch ms of the first publish. */
export function runLoad(options: LoadOptions, onStart?: (at: number) => void): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const env: NodeJS.ProcessEnv = { ...process.env, IOT_BENCH_LOAD: JSON.stringify(options) };
    delete env.NODE_OPTIONS;
    const child = spawn(process.execPath, ['-e', PUBLISHER], {
      env,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    child.on('message', (m: LoadResult & { started?: number; error?: string }) => {
      if (m.started !== undefined) return onStart?.(m.started);
      if (m.error) reject(new Error(m.error));
      else resolve(m);
      child.kill();
    });
    child.on('error', reject);
  });
}

/**
 * Samples a growing count every 100 ms and answers the rate over [start + warm-up, end of publishing]: messages/s
 * sustained after warm-up, not the average over a start-up or a drain.
 */
export class RateWindow {
  private readonly samples: { at: number; count: number }[] = [];
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly count: () => number) {
    this.timer = setInterval(() => this.sample(), 100);
  }

  sample(): void {
    this.samples.push({ at: Date.now(), count: this.count() });
  }

  stop(): void {
    clearInterval(this.timer);
    this.sample();
  }

  /** Rate between the samples nearest to `from` and `to` (epoch ms). */
  rate(from: number, to: number): number {
    const near = (t: number) =>
      this.samples.reduce((best, s) => (Math.abs(s.at - t) < Math.abs(best.at - t) ? s : best));
    const a = near(from);
    const b = near(to);
    return b.at > a.at ? ((b.count - a.count) * 1000) / (b.at - a.at) : 0;
  }
}
