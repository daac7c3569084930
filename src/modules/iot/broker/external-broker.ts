/**
 * Subscriber on an external broker (`MQTT_URL`: Mosquitto, EMQX, HiveMQ …), MQTT 5 over TCP, TLS or WebSocket.
 *
 * A small client on `mqtt-packet` rather than mqtt.js, because ingestion needs what mqtt.js cannot give: many QoS 1
 * messages in flight at once, each acknowledged only after its batch is committed, in the order received. The session
 * is persistent (clean start off, long session expiry) under a fixed client id, so the broker queues what arrives
 * while the platform restarts; a message whose write failed is never acknowledged and comes back on reconnect.
 *
 * Receive maximum 65 535 (the most MQTT 5 allows): Mosquitto then keeps up to that many messages in flight to the
 * platform and queues only beyond it (`max_queued_messages`, 1000 by default, counts what exceeds the receive
 * maximum). A platform that stores as fast as devices publish never comes near; a burst of up to ~66 000 messages
 * is absorbed; only a sustained shortfall, or messages arriving while the platform is away, meet the queue limit.
 */
import net from 'node:net';
import tls from 'node:tls';
import type { Duplex } from 'node:stream';
import mqttPacket, { type IPublishPacket, type Packet } from 'mqtt-packet';
import WebSocket, { createWebSocketStream } from 'ws';
import type { Logger } from '../../../platform/logger.js';
import {
  BrokerStartError,
  type BrokerEndpoints,
  type IngestHandler,
  type TelemetryBroker,
} from './telemetry-broker.js';
import type { TopicSpace } from './topics.js';

export interface ExternalBrokerOptions {
  url: string;
  clientId: string;
  username?: string | undefined;
  password?: string | undefined;
  topics: TopicSpace;
  log: Logger;
  keepaliveS?: number;
  /** How long the broker keeps the session (and queues for it) while the platform is away. Default 7 days. */
  sessionExpiryS?: number;
  /** How long `start()` waits for the first connection before carrying on in the background. Default 5 s. */
  connectTimeoutMs?: number;
}

interface PendingAck {
  messageId: number;
  done: boolean;
}

interface Connection {
  stream: Duplex;
  acks: PendingAck[];
  /** A flush of ready acknowledgements is scheduled (setImmediate). */
  ackScheduled: boolean;
  ping: NodeJS.Timeout | undefined;
  awaitingPong: boolean;
  alive: boolean;
}

const PROTOCOL = { protocolVersion: 5 } as const;

export class ExternalBrokerSubscriber implements TelemetryBroker {
  readonly kind = 'external' as const;
  private handler: IngestHandler | undefined;
  private connection: Connection | undefined;
  private ready = false;
  private stopping = false;
  private retryMs = 500;
  private retryTimer: NodeJS.Timeout | undefined;
  /** Messages handed to ingestion and not settled yet; `stop()` waits for them. */
  private inFlight = 0;
  private settled: (() => void) | undefined;
  private nextMessageId = 1;
  private firstConnect: { resolve: () => void; reject: (e: Error) => void } | undefined;

  constructor(private readonly options: ExternalBrokerOptions) {}

  async start(handler: IngestHandler): Promise<void> {
    this.handler = handler;
    const first = new Promise<void>((resolve, reject) => (this.firstConnect = { resolve, reject }));
    this.connect();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.options.connectTimeoutMs ?? 5000);
    });
    try {
      const outcome = await Promise.race([first, timeout]);
      if (outcome === 'timeout')
        this.options.log.error(
          { url: redact(this.options.url) },
          'external MQTT broker unreachable; retrying in the background (readiness reports it)',
        );
    } finally {
      clearTimeout(timer);
      this.firstConnect = undefined;
    }
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.retryTimer);
    if (this.inFlight > 0) await new Promise<void>((resolve) => (this.settled = resolve));
    const c = this.connection;
    if (c?.alive) {
      this.flushAcks(c);
      await new Promise<void>((resolve) => {
        c.stream.write(mqttPacket.generate({ cmd: 'disconnect', reasonCode: 0 }, PROTOCOL), () => resolve());
      });
      c.stream.end();
    }
    if (c) this.drop(c);
    this.ready = false;
  }

  isReady(): boolean {
    return this.ready;
  }

  endpoints(): BrokerEndpoints {
    return { mqtt: redact(this.options.url), websocket: null };
  }

  disconnectDevice(): void {
    // The external broker owns device connections: revocation takes effect when its password file is regenerated.
  }

  private openStream(): Duplex {
    const url = new URL(this.options.url);
    const port = Number(url.port);
    switch (url.protocol) {
      case 'mqtt:':
      case 'tcp:':
        return net.connect(port || 1883, url.hostname);
      case 'mqtts:':
        return tls.connect(port || 8883, url.hostname, { servername: url.hostname });
      case 'ws:':
      case 'wss:': {
        const ws = new WebSocket(url, ['mqtt']);
        return createWebSocketStream(ws);
      }
      default:
        throw new BrokerStartError('MQTT_BROKER_UNREACHABLE', `unsupported MQTT URL scheme ${url.protocol}`);
    }
  }

  private connect(): void {
    if (this.stopping) return;
    const stream = this.openStream();
    const c: Connection = {
      stream,
      acks: [],
      ackScheduled: false,
      ping: undefined,
      awaitingPong: false,
      alive: true,
    };
    this.connection = c;
    const parser = mqttPacket.parser(PROTOCOL);
    parser.on('packet', (packet: Packet) => this.onPacket(c, packet));
    parser.on('error', (err: Error) => {
      this.options.log.warn({ err: err.message }, 'malformed packet from the MQTT broker');
      stream.destroy();
    });
    stream.on('data', (buf: Buffer) => parser.parse(buf));
    stream.on('error', (err: Error) => this.options.log.debug({ err: err.message }, 'MQTT connection error'));
    stream.on('close', () => {
      this.drop(c);
      if (!this.stopping) {
        this.retryTimer = setTimeout(() => this.connect(), this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 10_000);
      }
    });
    const o = this.options;
    const keepalive = o.keepaliveS ?? 30;
    this.send(c, {
      cmd: 'connect',
      protocolId: 'MQTT',
      protocolVersion: 5,
      clean: false,
      clientId: o.clientId,
      keepalive,
      ...(o.username ? { username: o.username } : {}),
      ...(o.password ? { password: Buffer.from(o.password) } : {}),
      properties: { sessionExpiryInterval: o.sessionExpiryS ?? 7 * 24 * 3600, receiveMaximum: 65_535 },
    });
    c.ping = setInterval(
      () => {
        if (c.awaitingPong) {
          o.log.warn('MQTT broker stopped answering pings; reconnecting');
          stream.destroy();
          return;
        }
        c.awaitingPong = true;
        this.send(c, { cmd: 'pingreq' });
      },
      (keepalive * 1000) / 2,
    );
    c.ping.unref();
  }

  private drop(c: Connection): void {
    c.alive = false;
    clearInterval(c.ping);
    if (this.connection === c) this.ready = false;
  }

  private send(c: Connection, packet: Packet): void {
    if (c.alive) c.stream.write(mqttPacket.generate(packet, PROTOCOL));
  }

  private onPacket(c: Connection, packet: Packet): void {
    // Anything from the broker shows the connection alive: under a backlog the PINGRESP waits behind thousands of
    // PUBLISH packets, and dropping the connection then would only make the broker send them all again.
    c.awaitingPong = false;
    switch (packet.cmd) {
      case 'connack': {
        const code = packet.reasonCode ?? packet.returnCode ?? 0;
        if (code !== 0) {
          const err = new BrokerStartError(
            'MQTT_BROKER_REFUSED',
            `the MQTT broker refused the platform's connection (reason ${code}): check MQTT_USERNAME / MQTT_PASSWORD`,
          );
          this.options.log.error({ reasonCode: code }, err.message);
          this.firstConnect?.reject(err);
          c.stream.destroy();
          return;
        }
        this.retryMs = 500;
        const messageId = this.allocateId();
        this.send(c, {
          cmd: 'subscribe',
          messageId,
          subscriptions: [{ topic: this.options.topics.allDevices, qos: 1, nl: false, rap: false, rh: 0 }],
        });
        return;
      }
      case 'suback': {
        const granted = packet.granted[0];
        const code = typeof granted === 'number' ? granted : 0x80;
        if (code >= 0x80) {
          const err = new BrokerStartError(
            'MQTT_BROKER_REFUSED',
            `the MQTT broker refused the subscription to ${this.options.topics.allDevices} (ACL?)`,
          );
          this.options.log.error(err.message);
          this.firstConnect?.reject(err);
          return;
        }
        this.ready = true;
        this.firstConnect?.resolve();
        return;
      }
      case 'publish':
        this.onPublish(c, packet);
        return;
      case 'pingresp':
        c.awaitingPong = false;
        return;
      case 'disconnect':
        this.options.log.warn({ reasonCode: packet.reasonCode }, 'the MQTT broker closed the session');
        c.stream.destroy();
        return;
      case 'auth':
      case 'connect':
      case 'pingreq':
      case 'puback':
      case 'pubcomp':
      case 'pubrec':
      case 'pubrel':
      case 'subscribe':
      case 'unsuback':
      case 'unsubscribe':
        return;
    }
  }

  private onPublish(c: Connection, packet: IPublishPacket): void {
    const handler = this.handler;
    if (!handler) return;
    const message = {
      topic: packet.topic,
      payload: Buffer.isBuffer(packet.payload) ? packet.payload : Buffer.from(packet.payload),
      receivedAt: Date.now(),
    };
    const pending: PendingAck | null =
      packet.qos > 0 && packet.messageId !== undefined ? { messageId: packet.messageId, done: false } : null;
    if (pending) c.acks.push(pending);
    this.inFlight += 1;
    handler(message).then(
      () => {
        this.settle();
        if (!pending) return;
        pending.done = true;
        // One write for every acknowledgement a commit released (a batch commits thousands at once).
        if (!c.ackScheduled) {
          c.ackScheduled = true;
          setImmediate(() => {
            c.ackScheduled = false;
            this.flushAcks(c);
          });
        }
      },
      (err: unknown) => {
        this.settle();
        // Not stored: never acknowledge; reconnecting makes the broker send it (and what follows) again.
        this.options.log.warn({ err }, 'could not store a device message; reconnecting for redelivery');
        c.stream.destroy();
      },
    );
  }

  private settle(): void {
    this.inFlight -= 1;
    if (this.inFlight === 0 && this.settled) {
      this.settled();
      this.settled = undefined;
    }
  }

  /**
   * PUBACKs go out in the order the messages arrived (MQTT 4.6), all that are ready in one write. With reason code
   * 0 (success) and no properties an MQTT 5 PUBACK is 4 bytes: type, length 2, packet id.
   */
  private flushAcks(c: Connection): void {
    let ready = 0;
    while (ready < c.acks.length && c.acks[ready]!.done) ready += 1;
    if (ready === 0 || !c.alive) return;
    const buf = Buffer.allocUnsafe(ready * 4);
    for (let i = 0; i < ready; i += 1) {
      const id = c.acks[i]!.messageId;
      buf[i * 4] = 0x40;
      buf[i * 4 + 1] = 2;
      buf.writeUInt16BE(id, i * 4 + 2);
    }
    c.acks.splice(0, ready);
    c.stream.write(buf);
  }

  private allocateId(): number {
    const id = this.nextMessageId;
    this.nextMessageId = id >= 65_535 ? 1 : id + 1;
    return id;
  }
}

function redact(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString().replace(/\/$/, '');
  } catch {
    return 'mqtt://(unparseable)';
  }
}
