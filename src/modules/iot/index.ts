/**
 * The IoT module: smart containers and e-seals over MQTT — devices and their credentials, the broker (embedded Aedes
 * or an external one), ingestion into the telemetry store, shipments bound to declarations with their plans, alarm
 * rules and lifecycle, live views and stream, customs equipment events back to traders.
 *
 * Public face: other modules use only what is exported here, or the events in `IOT_EVENTS`
 * (`iot.alarm-raised`, `iot.alarm-cleared`; payloads `AlarmRaisedPayload`, `AlarmClearedPayload`).
 */
import type { FastifyInstance } from 'fastify';
import type { AuthService } from '../../platform/auth/auth.service.js';
import { isPartyScoped } from '../../platform/auth/roles.js';
import type { Config } from '../../platform/config.js';
import type { AnyDb } from '../../platform/database/database.js';
import type { Subscription } from '../../platform/events/outbox.js';
import type { ReadinessCheck } from '../../platform/http/server.js';
import type { Logger } from '../../platform/logger.js';
import type { DeclarationService } from '../declarations/index.js';
import { AlarmWriter } from './alarms/alarm-writer.js';
import { registerAlarmRoutes } from './alarms/alarm.routes.js';
import { AlarmService } from './alarms/alarm.service.js';
import { EmbeddedBroker } from './broker/embedded-broker.js';
import { ExternalBrokerSubscriber } from './broker/external-broker.js';
import type { TelemetryBroker } from './broker/telemetry-broker.js';
import { TopicSpace } from './broker/topics.js';
import { CustomsEquipmentEvents } from './customs/equipment-events.js';
import { registerDeviceRoutes } from './devices/device.routes.js';
import { DeviceService } from './devices/device.service.js';
import { Fleet } from './ingestion/fleet.js';
import { TelemetryMaintenance } from './ingestion/maintenance.js';
import { TelemetryIngestion } from './ingestion/telemetry-ingestion.js';
import { TelemetryRepository } from './ingestion/telemetry.repository.js';
import { ContainerViews } from './live/container-views.js';
import { LiveHub } from './live/live-hub.js';
import { registerLiveRoutes } from './live/live.routes.js';
import { registerShipmentRoutes } from './shipments/shipment.routes.js';
import { ShipmentService } from './shipments/shipment.service.js';

export { iotMigrations } from './migrations/index.js';
export { IOT_EVENTS, AlarmClearedPayload, AlarmRaisedPayload, type IotEventType } from './iot.events.js';
export { BrokerStartError, type TelemetryBroker, type BrokerEndpoints } from './broker/telemetry-broker.js';
export { TopicSpace } from './broker/topics.js';
export { mosquittoHash, verifyMosquittoHash } from './devices/device-credentials.js';
export { DEVICE_KINDS, type DeviceKind } from './devices/device.schema.js';
export { toDcsaEquipmentEvent, type CustomsEquipmentEventCode } from './customs/equipment-events.js';

export interface IotModuleDeps {
  declarations: DeclarationService;
  auth: AuthService;
  log: Logger;
  /** Called after a commit that published events (the dispatcher delivers at once). */
  onCommit: () => void;
}

export interface IotModule {
  devices: DeviceService;
  shipments: ShipmentService;
  alarms: AlarmService;
  ingestion: TelemetryIngestion;
  maintenance: TelemetryMaintenance;
  live: LiveHub;
  topics: TopicSpace;
  /** The broker adapter chosen by configuration (embedded unless `MQTT_URL`). */
  broker: TelemetryBroker;
  /** Outbox subscriptions to register with the dispatcher. */
  subscriptions: Subscription[];
  /** The readiness check to add once the broker runs. */
  readiness: ReadinessCheck;
  registerRoutes(app: FastifyInstance): void;
  /** Starts the broker (listening or subscribing) and the background jobs. */
  start(): Promise<void>;
  /** Stops taking messages, writes what is in flight, checkpoints monitors, ends live streams. */
  stop(): Promise<void>;
}

/** Builds the module and loads the shipments under watch. Nothing listens until `start()`. */
export async function createIotModule(db: AnyDb, config: Config, deps: IotModuleDeps): Promise<IotModule> {
  const log = deps.log;
  const topics = new TopicSpace(config.mqttTopicNamespace);
  const live = new LiveHub();
  const telemetry = new TelemetryRepository(db);
  const fleet = new Fleet(telemetry, log);
  const devices = new DeviceService(db, topics);
  const alarms = new AlarmService(db, live, deps.onCommit);
  const ingestion = new TelemetryIngestion(
    db,
    { topics, telemetry, fleet, alarms: new AlarmWriter(alarms.repo), live, log, onCommit: deps.onCommit },
    {
      batchSize: config.iotBatchSize,
      batchWaitMs: config.iotBatchWaitMs,
      checkpointIntervalMs: config.iotCheckpointIntervalMs,
    },
  );
  const shipments = new ShipmentService(db, deps.declarations, devices.repo, ingestion);
  for (const row of await shipments.repo.active()) {
    try {
      fleet.add(row);
    } catch (err) {
      log.error({ err, shipmentId: row.shipment_id }, 'shipment plan no longer compiles; not watched');
    }
  }
  const maintenance = new TelemetryMaintenance(ingestion, telemetry, log, {
    tickIntervalMs: config.iotTickIntervalMs,
    checkpointIntervalMs: config.iotCheckpointIntervalMs,
    maintenanceIntervalMs: config.iotMaintenanceIntervalMs,
    rawRetentionDays: config.iotRawRetentionDays,
    aggregateRetentionDays: config.iotAggregateRetentionDays,
  });
  const broker: TelemetryBroker = config.mqttUrl
    ? new ExternalBrokerSubscriber({
        url: config.mqttUrl,
        clientId: config.mqttClientId,
        username: config.mqttUsername,
        password: config.mqttPassword,
        topics,
        log,
      })
    : new EmbeddedBroker({
        host: config.mqttHost,
        port: config.mqttPort,
        wsPort: config.mqttWsPort,
        topics,
        log,
        checkDevice: (id, secret) => devices.checkConnection(id, secret),
        authenticateUser: async (token) => (await deps.auth.authenticate(token)) ?? null,
        userMayWatchDevice: async (principal, deviceId) =>
          (await devices.repo.find(deviceId))?.owner_tin === principal.partyTin,
        isPartyScoped,
      });
  devices.onCredentialsChanged = (deviceId) => broker.disconnectDevice(deviceId);
  const customs = new CustomsEquipmentEvents(db, deps.declarations, config.iotChannelEvents, live);
  const views = new ContainerViews(telemetry, shipments.repo, alarms.repo, deps.declarations);
  let started = false;

  return {
    devices,
    shipments,
    alarms,
    ingestion,
    maintenance,
    live,
    topics,
    broker,
    subscriptions: [customs.subscription()],
    readiness: { name: 'mqtt', check: () => Promise.resolve(broker.isReady()) },
    registerRoutes(app) {
      const endpoints = () => (started ? broker.endpoints() : null);
      registerDeviceRoutes(app, devices, endpoints);
      registerShipmentRoutes(app, shipments);
      registerAlarmRoutes(app, alarms);
      registerLiveRoutes(app, views, live, customs);
    },
    async start() {
      await broker.start(ingestion.accept);
      started = true;
      maintenance.start();
      log.info({ broker: broker.kind, ...broker.endpoints() }, 'IoT broker ready');
    },
    async stop() {
      live.closeAll();
      if (started) await broker.stop();
      started = false;
      await maintenance.stop();
      await ingestion.flush();
      await ingestion
        .checkpointAll()
        .catch((err: unknown) => log.warn({ err }, 'could not checkpoint monitors'));
    },
  };
}
