/** A device's MQTT connection (mqtt.js, MQTT 3.1.1, persistent session) with QoS 1 publishes as promises. */
import mqtt, { type MqttClient } from 'mqtt';

export interface DeviceConnection {
  client: MqttClient;
  /** Resolves on PUBACK. */
  publish(topic: string, payload: unknown): Promise<void>;
  /** Waits for unacknowledged publishes unless `force`. */
  close(force?: boolean): Promise<void>;
}

export function connectDevice(
  url: string,
  deviceId: string,
  secret: string | undefined,
  options: { reconnectPeriod?: number; connectTimeout?: number; clientId?: string } = {},
): Promise<DeviceConnection> {
  const client = mqtt.connect(url, {
    clientId: options.clientId ?? deviceId,
    ...(secret !== undefined ? { username: deviceId, password: secret } : {}),
    clean: false,
    protocolVersion: 4,
    reconnectPeriod: options.reconnectPeriod ?? 500,
    connectTimeout: options.connectTimeout ?? 5000,
    keepalive: 30,
  });
  const connection: DeviceConnection = {
    client,
    publish: (topic, payload) =>
      new Promise<void>((resolve, reject) => {
        client.publish(topic, JSON.stringify(payload), { qos: 1 }, (err) => (err ? reject(err) : resolve()));
      }),
    close: (force = false) => new Promise<void>((resolve) => client.end(force, {}, () => resolve())),
  };
  return new Promise((resolve, reject) => {
    const onError = (err: Error) => {
      client.removeListener('connect', onConnect);
      client.end(true);
      reject(err);
    };
    const onConnect = () => {
      client.removeListener('error', onError);
      client.on('error', () => undefined);
      resolve(connection);
    };
    client.once('connect', onConnect);
    client.once('error', onError);
  });
}
