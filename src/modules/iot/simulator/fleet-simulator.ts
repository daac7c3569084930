/**
 * Simulated smart containers for the demo, the tests and the benchmark: for each container, a declaration lodged by
 * the demo trader, a tracker and an e-seal registered with their secrets, a shipment bound with a compressed plan, then
 * the voyage published over MQTT at QoS 1 in compressed real time. Routes run between real ports.
 */
import { randomBytes } from 'node:crypto';
import { containerNumber, generateDeclaration, seededRandom } from '../../declarations/demo/generator.js';
import {
  VOYAGE_ROUTES,
  generateVoyage,
  type Scenario,
  type Voyage,
  type VoyageRoute,
} from '../domain/index.js';
import type { TopicSpace } from '../broker/topics.js';
import type { AduanaClient } from './aduana-client.js';
import { connectDevice, type DeviceConnection } from './device-client.js';
import { compressedMessages, compressedPlan, type PlaybackMessage } from './playback.js';

export interface SimulatedContainer {
  containerNumber: string;
  declarationId: string;
  shipmentId: string;
  scenario: Scenario;
  voyage: Voyage;
  devices: { deviceId: string; secret: string }[];
}

export interface FleetOptions {
  api: AduanaClient;
  /** Where devices connect; by default what the platform says at device registration. */
  mqttUrl?: string;
  /** Device ids are prefixed with this (unique per run). */
  runId?: string;
  topics: TopicSpace;
  containers: number;
  /** Telemetry messages per second per container (sets the time compression: 300 s of voyage per message). */
  rate: number;
  scenario: Scenario | 'mixed';
  seed?: number;
  /** Start the playback this long (simulated ms) before the incident; default: from the start of the voyage. */
  leadBeforeIncidentMs?: number;
  /** Connect devices with these secrets instead of the issued ones (tests of refusals). */
  declarantTin?: string;
  onProgress?: (sent: number, total: number) => void;
}

const SCENARIO_CYCLE: Scenario[] = ['normal', 'excursion', 'door', 'deviation', 'silence', 'shock', 'stop'];
const ROUTES: VoyageRoute[] = Object.values(VOYAGE_ROUTES);

/** Registers devices, lodges declarations and binds shipments for `containers` simulated containers. */
export async function prepareFleet(options: FleetOptions): Promise<{
  containers: SimulatedContainer[];
  brokerUrl: string;
  compression: number;
}> {
  const runId = options.runId ?? randomBytes(3).toString('hex');
  const compression = 300 * options.rate;
  const random = seededRandom(options.seed ?? Date.now());
  const out: SimulatedContainer[] = [];
  let brokerUrl = options.mqttUrl ?? '';
  for (let i = 0; i < options.containers; i += 1) {
    const scenario =
      options.scenario === 'mixed' ? SCENARIO_CYCLE[i % SCENARIO_CYCLE.length]! : options.scenario;
    const container = containerNumber('MSKU', Math.floor(random() * 1_000_000));
    const declaration = generateDeclaration(random, {
      lrn: `IOT-${runId}-${i}-${Date.now().toString(36)}`,
      declarant: {
        tin: options.declarantTin ?? 'JM-BRK-0001',
        name: 'Simulated broker',
        country: 'JM',
        aeo: false,
      },
      office: 'JMKIN01',
    });
    declaration.transport.containers = [{ number: container }];
    const lodged = await options.api.request<{ id: string }>('POST', '/api/v1/declarations', declaration);
    const trackerId = `${runId}-TRK-${i}`;
    const esealId = `${runId}-SEAL-${i}`;
    const devices: { deviceId: string; secret: string }[] = [];
    for (const [deviceId, kind] of [
      [trackerId, 'TRACKER'],
      [esealId, 'E_SEAL'],
    ] as const) {
      const d = await options.api.request<{ secret: string; broker: { mqtt: string | null } }>(
        'POST',
        '/api/v1/iot/devices',
        { deviceId, kind, label: `simulated ${kind.toLowerCase()} of ${container}` },
      );
      devices.push({ deviceId, secret: d.secret });
      if (!brokerUrl && d.broker.mqtt) brokerUrl = d.broker.mqtt;
    }
    const route = ROUTES[i % ROUTES.length]!;
    const voyage = generateVoyage({
      route,
      scenario,
      seed: (options.seed ?? 1) + i,
      startAt: Date.now(),
      equipmentReference: container,
      trackerId,
      esealId,
      incidentAt: 0.1,
      delivery: { maxDelayS: 2 },
    });
    out.push({
      containerNumber: container,
      declarationId: lodged.id,
      shipmentId: '',
      scenario,
      voyage,
      devices,
    });
  }
  // Bound last, all together: the watch (and its silence clock) starts just before the devices speak.
  for (const c of out) {
    const plan = compressedPlan(c.voyage, compression);
    const bound = await options.api.request<{ shipmentId: string }>('POST', '/api/v1/iot/shipments', {
      declarationId: c.declarationId,
      containerNumber: c.containerNumber,
      devices: plan.devices,
      origin: plan.origin,
      destination: plan.destination,
      corridor: plan.corridor,
      authorisedZones: plan.authorisedZones,
      temperatureProfile: plan.temperatureProfile,
    });
    c.shipmentId = bound.shipmentId;
  }
  if (!brokerUrl) throw new Error('no MQTT broker URL: pass --mqtt-url');
  return { containers: out, brokerUrl, compression };
}

export interface PlaybackResult {
  sent: number;
  acknowledged: number;
  failed: number;
}

/**
 * Publishes every container's voyage over MQTT in compressed real time, each device on its own connection, until the
 * voyages end, `untilMs` passes or `signal` aborts. Resolves when every publish is acknowledged (or failed).
 */
export async function playFleet(
  fleet: { containers: SimulatedContainer[]; brokerUrl: string; compression: number },
  options: { topics: TopicSpace; untilMs?: number; signal?: AbortSignal; leadBeforeIncidentMs?: number },
): Promise<PlaybackResult> {
  const connections = new Map<string, DeviceConnection>();
  for (const c of fleet.containers)
    for (const d of c.devices)
      connections.set(d.deviceId, await connectDevice(fleet.brokerUrl, d.deviceId, d.secret));
  const wallStart = Date.now() + 200;
  const queue: PlaybackMessage[] = [];
  for (const c of fleet.containers) {
    const lead = options.leadBeforeIncidentMs;
    const fromSimAt =
      lead !== undefined && c.voyage.incident
        ? Math.max(c.voyage.startAt, c.voyage.incident.fromAt - lead)
        : undefined;
    queue.push(
      ...compressedMessages(c.voyage, {
        compression: fleet.compression,
        wallStart,
        ...(fromSimAt !== undefined ? { fromSimAt } : {}),
        topicOf: (topic) =>
          options.topics.deviceTopic(topic.split('/')[2]!, topic.endsWith('/event') ? 'event' : 'telemetry'),
      }),
    );
  }
  queue.sort((a, b) => a.sendAt - b.sendAt);
  const result: PlaybackResult = { sent: 0, acknowledged: 0, failed: 0 };
  const pending: Promise<void>[] = [];
  const until = options.untilMs === undefined ? Infinity : Date.now() + options.untilMs;
  for (const m of queue) {
    if (options.signal?.aborted || m.sendAt > until) break;
    const wait = m.sendAt - Date.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const connection = connections.get(String(m.payload.deviceId));
    if (!connection) continue;
    result.sent += 1;
    pending.push(
      connection.publish(m.topic, m.payload).then(
        () => void (result.acknowledged += 1),
        () => void (result.failed += 1),
      ),
    );
  }
  await Promise.all(pending);
  await Promise.all([...connections.values()].map((c) => c.close()));
  return result;
}
