/**
 * Test support for the IoT module: a configuration that keeps parallel runs apart on a shared broker (ephemeral ports
 * for the embedded broker, a topic namespace and client id per run) and uses the machine's broker when `MQTT_URL` is
 * set (CI's second run).
 */
import { randomBytes } from 'node:crypto';
import type { Config } from '../../../platform/config.js';
import { generateDeclaration } from '../../declarations/demo/generator.js';

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

/** Fastify's `inject`, as much of it as {@link lodgeWatchedReefer} needs. */
interface Injector {
  inject(options: {
    method: 'POST';
    url: string;
    headers: Record<string, string>;
    payload: object;
  }): PromiseLike<{ statusCode: number; body: string; json<T>(): T }>;
}

/**
 * Over the API, as a trader would: lodges a generated declaration for `container`, registers a reefer controller
 * `deviceId` and binds both to a shipment from Panama (PAONX) to Honduras (HNPCR) under `temperatureProfile`.
 * Returns the device's secret and topics; throws when a step is refused.
 */
export async function lodgeWatchedReefer(
  http: Injector,
  trader: Record<string, string>,
  spec: {
    random: () => number;
    lrn: string;
    container: string;
    deviceId: string;
    reportingIntervalS: number;
    temperatureProfile: Record<string, unknown>;
  },
): Promise<{ declarationId: string; secret: string; topics: { telemetry: string; event: string } }> {
  const declaration = generateDeclaration(spec.random, {
    lrn: spec.lrn,
    declarant: { tin: 'JM-BRK-0001', name: 'Test broker', country: 'JM', aeo: false },
    office: 'JMKIN01',
  });
  declaration.transport.containers = [{ number: spec.container }];
  const step = async (url: string, payload: object) => {
    const res = await http.inject({ method: 'POST', url, headers: trader, payload });
    if (res.statusCode !== 201 && res.statusCode !== 200) throw new Error(`${url} refused: ${res.body}`);
    return res;
  };
  const lodged = await step('/api/v1/declarations', declaration);
  const device = await step('/api/v1/iot/devices', { deviceId: spec.deviceId, kind: 'REEFER_CONTROLLER' });
  const declarationId = lodged.json<{ id: string }>().id;
  await step('/api/v1/iot/shipments', {
    declarationId,
    containerNumber: spec.container,
    devices: [{ deviceId: spec.deviceId, reportingIntervalS: spec.reportingIntervalS }],
    origin: 'PAONX',
    destination: 'HNPCR',
    temperatureProfile: spec.temperatureProfile,
  });
  const { secret, topics } = device.json<{ secret: string; topics: { telemetry: string; event: string } }>();
  return { declarationId, secret, topics };
}

/** A PHARMA_2_8 voyage, Colón (PAONX) to Puerto Cortés (HNPCR), for one reefer controller on `container`. */
export function pharmaVoyagePlan(shipmentId: string, container: string, deviceId: string) {
  return {
    shipmentId,
    equipmentReference: container,
    devices: [{ deviceId, reportingIntervalS: 60 }],
    origin: 'PAONX',
    destination: 'HNPCR',
    corridor: {
      path: [
        [-79.9, 9.3],
        [-79.9, 9.5],
      ] as [number, number][],
      toleranceM: 50_000,
    },
    authorisedZones: [],
    temperatureProfile: { profileId: 'PHARMA_2_8' },
  };
}
