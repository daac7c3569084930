/**
 * Device topics inside an optional namespace: `{namespace}/aduana/v1/{deviceId}/{telemetry|event}`. The namespace lets
 * a tenant, or a test run, share a broker without seeing another's traffic.
 */
import { deviceTopic, parseDeviceTopic, type DeviceChannel } from '../domain/index.js';

/** Routes remembered per topic (a device publishes on the same two topics all its life); bounded. */
const ROUTE_CACHE_SIZE = 50_000;

export class TopicSpace {
  private readonly prefix: string;
  private readonly routes = new Map<string, { deviceId: string; channel: DeviceChannel } | null>();

  constructor(readonly namespace: string) {
    this.prefix = namespace === '' ? '' : `${namespace}/`;
  }

  /** Where a device publishes a channel. */
  deviceTopic(deviceId: string, channel: DeviceChannel): string {
    return `${this.prefix}${deviceTopic(deviceId, channel)}`;
  }

  /** The subscription that receives every device's messages. */
  get allDevices(): string {
    return `${this.prefix}aduana/v1/+/+`;
  }

  /** The topic as the domain knows it (namespace removed), or null when it is outside the namespace. */
  localTopic(topic: string): string | null {
    if (this.prefix === '') return topic;
    return topic.startsWith(this.prefix) ? topic.slice(this.prefix.length) : null;
  }

  /** The device and channel of a topic, or null for anything that is not a device topic in this namespace. */
  route(topic: string): { deviceId: string; channel: DeviceChannel } | null {
    const known = this.routes.get(topic);
    if (known !== undefined) return known;
    const local = this.localTopic(topic);
    const route = local === null ? null : parseDeviceTopic(local);
    if (this.routes.size >= ROUTE_CACHE_SIZE) this.routes.clear();
    this.routes.set(topic, route);
    return route;
  }
}
