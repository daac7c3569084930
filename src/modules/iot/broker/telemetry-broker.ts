/**
 * The `TelemetryBroker` port: where device messages come from. Two adapters, chosen by configuration — the embedded
 * Aedes broker (default) and a subscriber on an external broker (`MQTT_URL`, e.g. Mosquitto, EMQX, HiveMQ). Both hand
 * every message to the same ingestion handler and acknowledge a QoS 1 message (PUBACK) only once the handler's promise
 * has resolved, i.e. once the reading is durably written: an acknowledged reading is never lost by a restart.
 */

/** One message as it arrived on the broker. */
export interface InboundDeviceMessage {
  /** Full topic, namespace included. */
  topic: string;
  payload: Buffer;
  /** Epoch ms the platform received it. */
  receivedAt: number;
}

/** Takes a message; resolves once it is durably stored (or refused for good, e.g. invalid). Rejects to refuse the ack. */
export type IngestHandler = (message: InboundDeviceMessage) => Promise<void>;

export interface BrokerEndpoints {
  /** Where devices connect, e.g. `mqtt://127.0.0.1:1883`. */
  mqtt: string;
  /** MQTT over WebSocket, when served. */
  websocket: string | null;
}

export interface TelemetryBroker {
  readonly kind: 'embedded' | 'external';
  /** Starts listening (embedded) or subscribing (external). Throws a clear error when the port is taken. */
  start(handler: IngestHandler): Promise<void>;
  /** Stops taking messages, lets those in flight finish (and be acknowledged), then closes. */
  stop(): Promise<void>;
  /** True while messages can flow. */
  isReady(): boolean;
  endpoints(): BrokerEndpoints;
  /** Closes a device's connections at once (after its credentials were revoked or rotated). Embedded only. */
  disconnectDevice(deviceId: string): void;
}

/** Start-up failure with an operator-facing reason (port taken, broker unreachable). */
export class BrokerStartError extends Error {
  constructor(
    readonly code: 'MQTT_PORT_IN_USE' | 'MQTT_BROKER_UNREACHABLE' | 'MQTT_BROKER_REFUSED',
    message: string,
  ) {
    super(message);
    this.name = 'BrokerStartError';
  }
}
