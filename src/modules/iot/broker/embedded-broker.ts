/**
 * The embedded broker: Aedes over TCP (`MQTT_PORT`) and WebSocket (`MQTT_WS_PORT`), MQTT 3.1.1.
 *
 * - Every connection authenticates. A device presents its id as username and client id and its secret as password;
 *   a console user presents `bearer` and a session token or API key (read-only subscriptions).
 * - ACL: a device publishes only under `{namespace}/aduana/v1/{its id}/telemetry|event` and subscribes to nothing; a
 *   customs user may subscribe to every device topic, a trader only to its own devices' topics.
 * - Ingestion runs inside `authorizePublish`, before Aedes writes the PUBACK: the device is acknowledged only after
 *   the reading is stored. If storing fails, the connection is dropped without an ack and the device resends.
 */
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { Aedes, type AuthenticateError, type Client } from 'aedes';
import { WebSocketServer, createWebSocketStream } from 'ws';
import type { Principal } from '../../../platform/auth/roles.js';
import type { Logger } from '../../../platform/logger.js';
import type { CredentialCheck } from '../devices/device-credentials.js';
import {
  BrokerStartError,
  type BrokerEndpoints,
  type IngestHandler,
  type TelemetryBroker,
} from './telemetry-broker.js';
import type { TopicSpace } from './topics.js';

/** Who a connection is. */
export type BrokerIdentity =
  { kind: 'device'; deviceId: string; ownerTin: string } | { kind: 'user'; principal: Principal };

export interface EmbeddedBrokerOptions {
  host: string;
  port: number;
  /** -1: no WebSocket listener. */
  wsPort: number;
  topics: TopicSpace;
  log: Logger;
  checkDevice(deviceId: string, secret: string): Promise<CredentialCheck>;
  /** A console user's bearer token or API key. */
  authenticateUser(token: string): Promise<Principal | null>;
  /** Whether a party-scoped user may watch a device (it owns it). */
  userMayWatchDevice(principal: Principal, deviceId: string): Promise<boolean>;
  isPartyScoped(principal: Principal): boolean;
}

function authError(returnCode: number, message: string): AuthenticateError {
  const error = new Error(message) as AuthenticateError;
  error.returnCode = returnCode;
  return error;
}

function listen(server: net.Server | http.Server, port: number, host: string, what: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (err: NodeJS.ErrnoException) => {
      server.off('listening', onListening);
      reject(
        err.code === 'EADDRINUSE'
          ? new BrokerStartError(
              'MQTT_PORT_IN_USE',
              `${what} port ${port} on ${host} is already in use (another MQTT broker?): set ${
                what === 'MQTT' ? 'MQTT_PORT' : 'MQTT_WS_PORT'
              } to a free port, or MQTT_URL to use the broker that holds it`,
            )
          : err,
      );
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}

export class EmbeddedBroker implements TelemetryBroker {
  readonly kind = 'embedded' as const;
  private aedes: Aedes | undefined;
  private tcp: net.Server | undefined;
  private web: http.Server | undefined;
  private wss: WebSocketServer | undefined;
  private readonly identities = new WeakMap<Client, BrokerIdentity>();
  private handler: IngestHandler | undefined;
  private ready = false;
  private tcpPort = 0;
  private wsPort: number | null = null;
  private inFlight = 0;
  private drained: (() => void) | undefined;

  constructor(private readonly options: EmbeddedBrokerOptions) {}

  async start(handler: IngestHandler): Promise<void> {
    this.handler = handler;
    const o = this.options;
    const aedes = await Aedes.createBroker({
      authenticate: (client, username, password, done) => {
        this.authenticate(client, username, password).then(
          (identity) => {
            this.identities.set(client, identity);
            done(null, true);
          },
          (err: AuthenticateError) => done(err, false),
        );
      },
      authorizePublish: (client, packet, done) =>
        this.authorizePublish(client, packet.topic, packet.payload as Buffer, done),
      authorizeSubscribe: (client, sub, done) => {
        this.authorizeSubscribe(client, sub.topic).then(
          (ok) => done(ok ? null : new Error('subscription refused'), ok ? sub : null),
          (err: Error) => done(err, null),
        );
      },
    });
    this.aedes = aedes;
    aedes.on('clientError', (client, err) => {
      o.log.debug({ clientId: client.id, err: err.message }, 'mqtt client error');
    });
    this.tcp = net.createServer((socket) => aedes.handle(socket));
    try {
      this.tcpPort = await listen(this.tcp, o.port, o.host, 'MQTT');
      if (o.wsPort >= 0) {
        this.web = http.createServer((_req, res) => {
          res.writeHead(426, { 'content-type': 'text/plain' }).end('MQTT over WebSocket only');
        });
        this.wss = new WebSocketServer({
          server: this.web,
          handleProtocols: (protocols) => (protocols.has('mqtt') ? 'mqtt' : false),
        });
        this.wss.on('connection', (ws, req) => {
          const stream = createWebSocketStream(ws);
          stream.on('error', () => ws.terminate());
          aedes.handle(stream, req);
        });
        this.wsPort = await listen(this.web, o.wsPort, o.host, 'MQTT over WebSocket');
      }
    } catch (err) {
      await this.stop();
      throw err;
    }
    this.ready = true;
  }

  async stop(): Promise<void> {
    this.ready = false;
    const closeServer = (s: net.Server | http.Server | undefined) =>
      new Promise<void>((resolve) => (s ? s.close(() => resolve()) : resolve()));
    const tcpClosed = closeServer(this.tcp);
    const webClosed = closeServer(this.web);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.drained = resolve));
    for (const client of this.wss?.clients ?? []) client.terminate();
    if (this.aedes) await new Promise<void>((resolve) => this.aedes!.close(() => resolve()));
    await Promise.all([tcpClosed, webClosed]);
    this.aedes = undefined;
  }

  isReady(): boolean {
    return this.ready;
  }

  endpoints(): BrokerEndpoints {
    const host = this.options.host.includes(':') ? `[${this.options.host}]` : this.options.host;
    return {
      mqtt: `mqtt://${host}:${this.tcpPort}`,
      websocket: this.wsPort === null ? null : `ws://${host}:${this.wsPort}`,
    };
  }

  disconnectDevice(deviceId: string): void {
    const clients = (this.aedes as unknown as { clients?: Record<string, Client> } | undefined)?.clients;
    clients?.[deviceId]?.close();
  }

  private async authenticate(
    client: Client,
    username: string | undefined,
    password: Buffer | undefined,
  ): Promise<BrokerIdentity> {
    const log = this.options.log;
    const secret = password?.toString('utf8') ?? '';
    if (!username || !secret) {
      log.warn(
        { clientId: client.id, username: username ?? null },
        'mqtt connection refused: no credentials',
      );
      throw authError(4, 'credentials required');
    }
    if (username === 'bearer') {
      const principal = await this.options.authenticateUser(secret);
      if (!principal) {
        log.warn({ clientId: client.id }, 'mqtt connection refused: invalid user token');
        throw authError(4, 'bad credentials');
      }
      return { kind: 'user', principal };
    }
    const check = await this.options.checkDevice(username, secret);
    if (!check.ok) {
      log.warn(
        { clientId: client.id, deviceId: username, reason: check.reason },
        'mqtt connection refused: device authentication failed',
      );
      throw authError(check.reason === 'DEVICE_REVOKED' ? 5 : 4, 'bad credentials');
    }
    if (client.id !== username) {
      log.warn(
        { clientId: client.id, deviceId: username },
        'mqtt connection refused: client id is not the device id',
      );
      throw authError(2, 'client id must be the device id');
    }
    return { kind: 'device', deviceId: check.device.deviceId, ownerTin: check.device.ownerTin };
  }

  /** Checks the publisher and its topic, then hands the message to ingestion; `done` (the PUBACK) once stored. */
  private authorizePublish(
    client: Client | null,
    topic: string,
    payload: Buffer,
    done: (err: Error | null) => void,
  ): void {
    const log = this.options.log;
    const identity = client ? this.identities.get(client) : undefined;
    if (!client || identity?.kind !== 'device') {
      log.warn({ clientId: client?.id ?? null, topic }, 'mqtt publish refused: only devices publish');
      return done(new Error('publish refused'));
    }
    const route = this.options.topics.route(topic);
    if (route === null || route.deviceId !== identity.deviceId) {
      log.warn(
        { clientId: client.id, deviceId: identity.deviceId, topic },
        'mqtt publish refused: foreign topic',
      );
      return done(new Error('publish refused'));
    }
    if (!this.ready || !this.handler) return done(new Error('broker stopping'));
    this.inFlight += 1;
    this.handler({ topic, payload, receivedAt: Date.now() }).then(
      () => {
        this.settle();
        done(null);
      },
      (err: unknown) => {
        this.settle();
        done(err instanceof Error ? err : new Error(String(err)));
      },
    );
  }

  private settle(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0 && this.drained) {
      this.drained();
      this.drained = undefined;
    }
  }

  private async authorizeSubscribe(client: Client, topic: string): Promise<boolean> {
    const identity = this.identities.get(client);
    const log = this.options.log;
    if (identity?.kind !== 'user') {
      log.warn({ clientId: client.id, topic }, 'mqtt subscription refused: devices do not subscribe');
      return false;
    }
    const local = this.options.topics.localTopic(topic);
    const fits =
      local !== null && /^aduana\/v1\/[^/#]+\/(telemetry|event|\+|#)$|^aduana\/v1\/[^/#]+\/#$/.test(local);
    if (!fits) {
      log.warn({ clientId: client.id, topic }, 'mqtt subscription refused: not a device topic');
      return false;
    }
    if (!this.options.isPartyScoped(identity.principal)) return true;
    const deviceId = local.split('/')[2]!;
    if (deviceId === '+' || !(await this.options.userMayWatchDevice(identity.principal, deviceId))) {
      log.warn({ clientId: client.id, topic }, 'mqtt subscription refused: not the party’s device');
      return false;
    }
    return true;
  }
}
