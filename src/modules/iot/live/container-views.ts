/** Read models for the console: the fleet map, a container's state, track and time series, a declaration's watch. */
import { isPartyScoped, type Principal } from '../../../platform/auth/roles.js';
import { DomainError } from '../../../platform/errors.js';
import type { DeclarationService } from '../../declarations/index.js';
import { ALARM_SEVERITIES, type AlarmSeverity, type TemperatureProfile } from '../domain/index.js';
import type { AlarmRepository } from '../alarms/alarm.repository.js';
import { toAlarmView } from '../alarms/alarm.schema.js';
import type { TelemetryRepository, TelemetryRow } from '../ingestion/telemetry.repository.js';
import type { ShipmentRepository } from '../shipments/shipment.repository.js';
import { toShipmentView } from '../shipments/shipment.routes.js';
import { visible } from '../shipments/shipment.service.js';

/** Ranges longer than this are answered from the 15-minute aggregates. */
export const RAW_SERIES_MAX_MS = 48 * 3_600_000;

const iso = (d: Date) => new Date(d).toISOString();

export function toReading(row: TelemetryRow | undefined) {
  if (!row) return null;
  return {
    at: iso(row.at),
    receivedAt: iso(row.received_at),
    deviceId: row.device_id,
    temperatureC: row.temperature_c,
    setpointC: row.setpoint_c,
    humidityPct: row.humidity_pct,
    speedKmh: row.speed_kmh,
    position: row.lon !== null && row.lat !== null ? { longitude: row.lon, latitude: row.lat } : null,
  };
}

/** The plan's corridor, as the console draws it under the track. */
function corridorOf(plan: Record<string, unknown>) {
  const corridor = plan.corridor as { path?: [number, number][]; toleranceM?: number } | undefined;
  return corridor?.path && typeof corridor.toleranceM === 'number'
    ? { path: corridor.path, toleranceM: corridor.toleranceM }
    : null;
}

/** The resolved profile's band and hard limits, as the console draws them behind the charts. */
function profileBandOf(profile: Record<string, unknown>) {
  const p = profile as Pick<TemperatureProfile, 'profileId' | 'band' | 'hardLimits'>;
  return { profileId: p.profileId, band: p.band, hardLimits: p.hardLimits };
}

export class ContainerViews {
  constructor(
    private readonly telemetry: TelemetryRepository,
    private readonly shipments: ShipmentRepository,
    private readonly alarms: AlarmRepository,
    private readonly declarations: DeclarationService,
  ) {}

  /** The container's latest shipment, if the caller may see it; customs may look at unbound containers too. */
  private async access(principal: Principal, container: string) {
    const shipment = await this.shipments.latestForContainer(container);
    if (shipment ? !visible(principal, shipment.party_tins) : isPartyScoped(principal))
      throw new DomainError('NOT_FOUND', undefined, { extra: { resource: 'container', container } });
    return shipment;
  }

  async state(principal: Principal, container: string) {
    const shipment = await this.access(principal, container);
    const [{ reading, event }, active] = await Promise.all([
      this.telemetry.latest(container),
      this.alarms.list({
        partyTin: null,
        container,
        status: ['ACTIVE_UNACK', 'ACTIVE_ACK'],
        limit: 50,
        offset: 0,
      }),
    ]);
    const view = shipment ? toShipmentView(shipment) : null;
    return {
      containerNumber: container,
      shipment: view,
      corridor: view ? corridorOf(view.plan) : null,
      profile: view ? profileBandOf(view.profile) : null,
      latestReading: toReading(reading),
      latestEvent: event
        ? { at: iso(event.at), deviceId: event.device_id, kind: event.kind, event: event.event }
        : null,
      activeAlarms: active.rows.map(toAlarmView),
    };
  }

  async track(principal: Principal, container: string, from: Date, to: Date, limit: number) {
    await this.access(principal, container);
    const rows = await this.telemetry.track(container, from, to, limit);
    return {
      containerNumber: container,
      points: rows.map((r) => ({
        at: iso(r.at),
        longitude: r.lon!,
        latitude: r.lat!,
        temperatureC: r.temperature_c,
        speedKmh: r.speed_kmh,
      })),
    };
  }

  async series(
    principal: Principal,
    container: string,
    from: Date,
    to: Date,
    resolution: 'auto' | 'raw' | '15m',
  ) {
    await this.access(principal, container);
    const aggregate =
      resolution === '15m' || (resolution === 'auto' && to.getTime() - from.getTime() > RAW_SERIES_MAX_MS);
    if (aggregate) {
      const rows = await this.telemetry.aggregateSeries(container, from, to, 20_000);
      return {
        containerNumber: container,
        resolution: '15m' as const,
        points: rows.map((r) => ({
          at: iso(r.bucket),
          readings: r.readings,
          temperatureC: r.temperature_avg,
          temperatureMinC: r.temperature_min,
          temperatureMaxC: r.temperature_max,
          humidityPct: r.humidity_avg,
          speedKmh: r.speed_avg,
        })),
      };
    }
    const rows = await this.telemetry.rawSeries(container, from, to, 20_000);
    return {
      containerNumber: container,
      resolution: 'raw' as const,
      points: rows.map((r) => ({
        at: iso(r.at),
        readings: 1,
        temperatureC: r.temperature_c,
        temperatureMinC: r.temperature_c,
        temperatureMaxC: r.temperature_c,
        humidityPct: r.humidity_pct,
        speedKmh: r.speed_kmh,
      })),
    };
  }

  /** Every active shipment the caller may see, with its last position and reading and its worst active alarm. */
  async fleet(principal: Principal) {
    const shipments = await this.shipments.list({
      partyTin: isPartyScoped(principal) ? (principal.partyTin ?? '∅') : null,
      status: 'ACTIVE',
      limit: 5000,
      offset: 0,
    });
    const containers = shipments.map((s) => s.equipment_reference);
    const [readings, alarms] = await Promise.all([
      this.telemetry.latestReadings(containers),
      containers.length === 0
        ? Promise.resolve({ rows: [] })
        : this.alarms.list({
            partyTin: null,
            status: ['ACTIVE_UNACK', 'ACTIVE_ACK'],
            limit: 5000,
            offset: 0,
          }),
    ]);
    const byContainer = new Map(readings.map((r) => [r.equipment_reference, r]));
    const order: readonly string[] = ALARM_SEVERITIES;
    return {
      containers: shipments.map((s) => {
        const own = alarms.rows.filter((a) => a.equipment_reference === s.equipment_reference);
        const worst =
          own
            .map((a) => a.severity as AlarmSeverity)
            .sort((a, b) => order.indexOf(a) - order.indexOf(b))[0] ?? null;
        return {
          containerNumber: s.equipment_reference,
          shipmentId: s.shipment_id,
          declarationId: s.declaration_id,
          origin: (s.plan as { origin?: string }).origin ?? null,
          destination: (s.plan as { destination?: string }).destination ?? null,
          profileId:
            (s.plan as { temperatureProfile?: { profileId?: string } }).temperatureProfile?.profileId ?? null,
          latestReading: toReading(byContainer.get(s.equipment_reference)),
          activeAlarms: own.length,
          worstSeverity: worst,
        };
      }),
    };
  }

  /** What IoT knows about a declaration: its shipments and their alarms (for the declaration page). */
  async forDeclaration(principal: Principal, declarationId: string) {
    await this.declarations.get(principal, declarationId);
    const [shipments, alarms] = await Promise.all([
      this.shipments.forDeclaration(declarationId),
      this.alarms.list({ partyTin: null, declarationId, limit: 500, offset: 0 }),
    ]);
    return {
      declarationId,
      shipments: shipments.map(toShipmentView),
      alarms: alarms.rows.map(toAlarmView),
    };
  }
}
