/**
 * Test support for the IoT module: a configuration that keeps parallel runs apart on a shared broker (ephemeral ports
 * for the embedded broker, a topic namespace and client id per run) and uses the machine's broker when `MQTT_URL` is
 * set (CI's second run).
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../platform/config.js';

export function iotTestConfig(overrides: Partial<Config> = {}): Partial<Config> {
  const run = randomBytes(4).toString('hex');
  const external = process.env.MQTT_URL;
  return {
    mqttPort: 0,
    mqttWsPort: 0,
    mqttTopicNamespace: `test-${run}`,
    mqttClientId: `aduana-test-${run}`,
    iotTickIntervalMs: 200,
    iotBatchWaitMs: 5,
    ...(external ? { mqttUrl: external } : {}),
    ...overrides,
  };
}

/** Where devices connect: the external broker when configured, else the embedded one. */
export function deviceBrokerUrl(endpoints: { mqtt: string }): string {
  return process.env.MQTT_URL ?? endpoints.mqtt;
}

/** Waits until `check` returns a value (not undefined/false), polling; fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => Promise<T | undefined | false>,
  timeoutMs = 20_000,
): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 100));
  }
}
