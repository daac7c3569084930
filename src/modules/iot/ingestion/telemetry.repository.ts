import { PGlite } from '@electric-sql/pglite';
import { sql, type Insertable, type Selectable } from 'kysely';
import { tablesOf, type AnyDb, type AnyTransaction } from '../../../platform/database/database.js';
import type { ContainerMonitorState, LonLat, Observation } from '../domain/index.js';
import type { IotTables } from '../iot.tables.js';

export type TelemetryRow = Selectable<IotTables['iot_telemetry']>;
type TelemetryInsert = Insertable<IotTables['iot_telemetry']>;

/** A stored observation as a row: readings in columns, the rest of the observation in `event`. */
export function rowOf(obs: Observation, receivedAt: number, shipmentId: string | null): TelemetryInsert {
  const base = {
    device_id: obs.deviceId,
    message_id: obs.messageId,
    equipment_reference: obs.equipmentReference,
    shipment_id: shipmentId,
    kind: obs.kind,
    at: new Date(obs.at),
    received_at: new Date(receivedAt),
    lon: obs.position?.[0] ?? null,
    lat: obs.position?.[1] ?? null,
    temperature_c: null as number | null,
    setpoint_c: null as number | null,
    humidity_pct: null as number | null,
    speed_kmh: null as number | null,
    event: null as unknown,
  };
  switch (obs.kind) {
    case 'READING': {
      base.temperature_c = obs.temperatureC ?? null;
      base.setpoint_c = obs.setpointC ?? null;
      base.humidity_pct = obs.humidityPct ?? null;
      base.speed_kmh = obs.speedKmh ?? null;
      const extra: Record<string, number> = {};
      if (obs.ambientTemperatureC !== undefined) extra.ambientTemperatureC = obs.ambientTemperatureC;
      if (obs.o2Pct !== undefined) extra.o2Pct = obs.o2Pct;
      if (obs.co2Pct !== undefined) extra.co2Pct = obs.co2Pct;
      base.event = Object.keys(extra).length > 0 ? JSON.stringify(extra) : null;
      break;
    }
    case 'DOOR':
      base.event = JSON.stringify({ door: obs.door });
      break;
    case 'SEAL':
      base.event = JSON.stringify({ sealNumber: obs.sealNumber, seal: obs.seal });
      break;
    case 'SENSOR':
      base.event = JSON.stringify({ peakG: obs.peakG, tiltDeg: obs.tiltDeg });
      break;
  }
  return base;
}

/** The observation a stored row came from (for replays after a restart). */
export function observationOf(row: TelemetryRow): Observation {
  const position: LonLat | undefined = row.lon !== null && row.lat !== null ? [row.lon, row.lat] : undefined;
  const base = {
    messageId: row.message_id,
    deviceId: row.device_id,
    equipmentReference: row.equipment_reference,
    at: new Date(row.at).getTime(),
    position,
  };
  const event = (row.event ?? {}) as Record<string, unknown>;
  switch (row.kind) {
    case 'DOOR':
      return { ...base, kind: 'DOOR', door: event.door as 'OPENED' | 'CLOSED' };
    case 'SEAL':
      return {
        ...base,
        kind: 'SEAL',
        sealNumber: String(event.sealNumber),
        seal: event.seal as 'APPLIED' | 'OPENED' | 'TAMPERED',
      };
    case 'SENSOR':
      return {
        ...base,
        kind: 'SENSOR',
        ...(typeof event.peakG === 'number' ? { peakG: event.peakG } : {}),
        ...(typeof event.tiltDeg === 'number' ? { tiltDeg: event.tiltDeg } : {}),
      };
    default: {
      return {
        ...base,
        kind: 'READING',
        ...(row.temperature_c !== null ? { temperatureC: row.temperature_c } : {}),
        ...(row.setpoint_c !== null ? { setpointC: row.setpoint_c } : {}),
        ...(row.humidity_pct !== null ? { humidityPct: row.humidity_pct } : {}),
        ...(row.speed_kmh !== null ? { speedKmh: row.speed_kmh } : {}),
        ...(event as { ambientTemperatureC?: number; o2Pct?: number; co2Pct?: number }),
      };
    }
  }
}

const INSERT_CHUNK = 3000;

/** COPY text format: `\N` is null; backslash, tab, newline and carriage return are escaped. */
function copyText(v: string | number | null | undefined): string {
  if (v === null || v === undefined) return '\\N';
  if (typeof v === 'number') return String(v);
  return /[\\\t\n\r]/.test(v) ? v.replace(/[\\\t\n\r]/g, (c) => COPY_ESCAPES[c]!) : v;
}
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };
const iso = (d: unknown): string => (d instanceof Date ? d.toISOString() : String(d));

/** SQL for raw telemetry, monitor checkpoints and the 15-minute aggregates. */
export class TelemetryRepository {
  /** The embedded engine's session (COPY needs it), null on PostgreSQL; looked up once. */
  private pglite: PGlite | null | undefined;

  constructor(private readonly db: AnyDb) {}

  private t(trx?: AnyTransaction) {
    return tablesOf<IotTables>(trx ?? this.db);
  }

  /**
   * Stores a batch; returns each row's sequence number, in the order given, or null for a row that was already stored
   * (same device and message id).
   *
   * `assumeNew`: the caller's dedup window says none of them is stored yet. On PGlite the rows then go in by COPY with
   * a block of sequence numbers taken beforehand — a third cheaper than an insert that checks each row for a conflict
   * and returns it. Should a row be stored after all, the unique index makes the COPY fail with a unique violation
   * (the caller's transaction is then spoilt: it retries with `assumeNew` false). Otherwise, and always on PostgreSQL,
   * one `insert … on conflict do nothing` with the rows as one JSON parameter (much cheaper than thousands of bound
   * values).
   */
  async insertNew(
    trx: AnyTransaction,
    rows: TelemetryInsert[],
    assumeNew = false,
  ): Promise<(number | null)[]> {
    if (rows.length === 0) return [];
    if (assumeNew) {
      const pglite = await this.pgliteOf(trx);
      if (pglite) return this.copyNew(pglite, rows);
    }
    const seqs = new Map<string, number>();
    for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
      const chunk = rows.slice(i, i + INSERT_CHUNK).map((r) => ({
        ...r,
        event: typeof r.event === 'string' ? (JSON.parse(r.event) as unknown) : r.event,
      }));
      const stored = await sql<{ seq: number; device_id: string; message_id: string }>`
        insert into iot_telemetry (device_id, message_id, equipment_reference, shipment_id, kind, at, received_at,
          temperature_c, setpoint_c, humidity_pct, speed_kmh, lon, lat, event)
        select device_id, message_id, equipment_reference, shipment_id, kind, at, received_at,
          temperature_c, setpoint_c, humidity_pct, speed_kmh, lon, lat, event
        from json_populate_recordset(null::iot_telemetry, ${JSON.stringify(chunk)}::json)
        on conflict (device_id, message_id) do nothing
        returning seq, device_id, message_id`.execute(trx);
      for (const s of stored.rows) seqs.set(`${s.device_id}\u0000${s.message_id}`, Number(s.seq));
    }
    return rows.map((r) => seqs.get(`${r.device_id}\u0000${r.message_id}`) ?? null);
  }

  /** COPY into the table with sequence numbers reserved as one block (PGlite: one session, nothing interleaves). */
  private async copyNew(pglite: PGlite, rows: TelemetryInsert[]): Promise<number[]> {
    const block = await pglite.query<{ last: number | bigint }>(
      `select setval(s::regclass, nextval(s::regclass) + $1 - 1) as last
         from pg_get_serial_sequence('iot_telemetry', 'seq') s`,
      [rows.length],
    );
    const first = Number(block.rows[0]!.last) - rows.length + 1;
    const seqs: number[] = new Array<number>(rows.length);
    let text = '';
    for (let i = 0; i < rows.length; i += 1) {
      const r = rows[i]!;
      seqs[i] = first + i;
      text += `${first + i}\t${copyText(r.device_id)}\t${copyText(r.message_id)}\t${copyText(r.equipment_reference)}\t${copyText(
        r.shipment_id,
      )}\t${copyText(r.kind)}\t${iso(r.at)}\t${iso(r.received_at)}\t${copyText(r.temperature_c)}\t${copyText(
        r.setpoint_c,
      )}\t${copyText(r.humidity_pct)}\t${copyText(r.speed_kmh)}\t${copyText(r.lon)}\t${copyText(r.lat)}\t${copyText(
        r.event as string | null,
      )}\n`;
    }
    await pglite.query(
      `copy iot_telemetry (seq, device_id, message_id, equipment_reference, shipment_id, kind, at, received_at,
         temperature_c, setpoint_c, humidity_pct, speed_kmh, lon, lat, event) from '/dev/blob'`,
      [],
      { blob: new Blob([text]) },
    );
    return seqs;
  }

  /** The PGlite instance behind a transaction (the dialect's connection holds it), or null for PostgreSQL. */
  private async pgliteOf(trx: AnyTransaction): Promise<PGlite | null> {
    if (this.pglite === undefined) {
      this.pglite = await trx.getExecutor().provideConnection((connection) => {
        const client = (connection as { client?: unknown }).client;
        return Promise.resolve(client instanceof PGlite ? client : null);
      });
    }
    return this.pglite;
  }

  /** A shipment's rows after a checkpoint, in ingestion order. */
  rowsAfter(shipmentId: string, seq: number, limit: number): Promise<TelemetryRow[]> {
    return this.t()
      .selectFrom('iot_telemetry')
      .selectAll()
      .where('shipment_id', '=', shipmentId)
      .where('seq', '>', seq)
      .orderBy('seq')
      .limit(limit)
      .execute();
  }

  monitorState(shipmentId: string) {
    return this.t()
      .selectFrom('iot_monitor_states')
      .selectAll()
      .where('shipment_id', '=', shipmentId)
      .executeTakeFirst();
  }

  async saveMonitorStates(
    trx: AnyTransaction,
    states: { shipmentId: string; state: ContainerMonitorState; throughSeq: number }[],
  ): Promise<void> {
    if (states.length === 0) return;
    const now = new Date();
    await this.t(trx)
      .insertInto('iot_monitor_states')
      .values(
        states.map((s) => ({
          shipment_id: s.shipmentId,
          state: JSON.stringify(s.state),
          through_seq: s.throughSeq,
          updated_at: now,
        })),
      )
      .onConflict((oc) =>
        oc.column('shipment_id').doUpdateSet((eb) => ({
          state: eb.ref('excluded.state'),
          through_seq: eb.ref('excluded.through_seq'),
          updated_at: eb.ref('excluded.updated_at'),
        })),
      )
      .execute();
  }

  /** Positions and readings of a container over a period, oldest first. */
  track(container: string, from: Date, to: Date, limit: number) {
    return this.t()
      .selectFrom('iot_telemetry')
      .select(['at', 'lon', 'lat', 'temperature_c', 'speed_kmh', 'device_id'])
      .where('equipment_reference', '=', container)
      .where('kind', '=', 'READING')
      .where('at', '>=', from)
      .where('at', '<', to)
      .where('lon', 'is not', null)
      .orderBy('at')
      .limit(limit)
      .execute();
  }

  rawSeries(container: string, from: Date, to: Date, limit: number) {
    return this.t()
      .selectFrom('iot_telemetry')
      .select(['at', 'temperature_c', 'setpoint_c', 'humidity_pct', 'speed_kmh'])
      .where('equipment_reference', '=', container)
      .where('kind', '=', 'READING')
      .where('at', '>=', from)
      .where('at', '<', to)
      .orderBy('at')
      .limit(limit)
      .execute();
  }

  aggregateSeries(container: string, from: Date, to: Date, limit: number) {
    return this.t()
      .selectFrom('iot_telemetry_15m')
      .selectAll()
      .where('equipment_reference', '=', container)
      .where('bucket', '>=', from)
      .where('bucket', '<', to)
      .orderBy('bucket')
      .limit(limit)
      .execute();
  }

  /** The last reading and the last event of a container. */
  async latest(container: string) {
    const [reading, event] = await Promise.all([
      this.t()
        .selectFrom('iot_telemetry')
        .selectAll()
        .where('equipment_reference', '=', container)
        .where('kind', '=', 'READING')
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst(),
      this.t()
        .selectFrom('iot_telemetry')
        .selectAll()
        .where('equipment_reference', '=', container)
        .where('kind', '!=', 'READING')
        .orderBy('at', 'desc')
        .limit(1)
        .executeTakeFirst(),
    ]);
    return { reading, event };
  }

  /** The last reading of each of these containers (one index probe each). */
  async latestReadings(containers: string[]): Promise<TelemetryRow[]> {
    if (containers.length === 0) return [];
    const result = await sql<TelemetryRow>`
      select t.* from unnest(${containers}::text[]) as c(equipment_reference)
      cross join lateral (
        select * from iot_telemetry x where x.equipment_reference = c.equipment_reference and x.kind = 'READING'
        order by x.at desc limit 1
      ) t`.execute(this.db);
    return result.rows;
  }

  // --- maintenance: roll-up and retention ---

  cursor(name: string): Promise<number> {
    return this.t()
      .selectFrom('iot_cursors')
      .select('position')
      .where('name', '=', name)
      .executeTakeFirst()
      .then((r) => Number(r?.position ?? 0));
  }

  /**
   * Folds the readings after `afterSeq` (up to `maxRows` of them) into their 15-minute buckets and moves the cursor, in
   * one transaction: each reading is counted once, a late one lands in its own bucket, and the cost follows the new
   * rows, not the size of the buckets they touch. Means merge by their counts; the position is the latest read.
   */
  async rollUp(afterSeq: number, maxRows: number): Promise<{ through: number; buckets: number }> {
    return this.db.transaction().execute(async (trx) => {
      const head = await sql<{ through: number | null }>`
        select max(seq) as through from (
          select seq from iot_telemetry where seq > ${afterSeq} order by seq limit ${maxRows}) s`.execute(
        trx,
      );
      const through = Number(head.rows[0]?.through ?? afterSeq);
      if (through === afterSeq) return { through, buckets: 0 };
      const mean = (m: string) =>
        sql.raw(`
          ${m}_avg = case when a.${m}_n + excluded.${m}_n = 0 then coalesce(excluded.${m}_avg, a.${m}_avg)
            else (coalesce(a.${m}_avg, 0) * a.${m}_n + coalesce(excluded.${m}_avg, 0) * excluded.${m}_n)
                 / (a.${m}_n + excluded.${m}_n) end,
          ${m}_n = a.${m}_n + excluded.${m}_n`);
      const newer = sql.raw(
        'excluded.position_at is not null and (a.position_at is null or excluded.position_at >= a.position_at)',
      );
      const result = await sql`
        with fresh as (
          select equipment_reference, to_timestamp(floor(extract(epoch from at) / 900) * 900) as bucket,
            count(*)::int as readings,
            min(temperature_c) as temperature_min, max(temperature_c) as temperature_max,
            avg(temperature_c) as temperature_avg, count(temperature_c)::int as temperature_n,
            avg(humidity_pct) as humidity_avg, count(humidity_pct)::int as humidity_n,
            avg(speed_kmh) as speed_avg, count(speed_kmh)::int as speed_n,
            (array_agg(lon order by at desc) filter (where lon is not null and lat is not null))[1] as lon,
            (array_agg(lat order by at desc) filter (where lon is not null and lat is not null))[1] as lat,
            max(at) filter (where lon is not null and lat is not null) as position_at
          from iot_telemetry where seq > ${afterSeq} and seq <= ${through} and kind = 'READING'
          group by 1, 2
        )
        insert into iot_telemetry_15m as a (equipment_reference, bucket, readings, temperature_min, temperature_max,
          temperature_avg, temperature_n, humidity_avg, humidity_n, speed_avg, speed_n, lon, lat, position_at)
        select equipment_reference, bucket, readings, temperature_min, temperature_max, temperature_avg,
          temperature_n, humidity_avg, humidity_n, speed_avg, speed_n, lon, lat, position_at from fresh
        on conflict (equipment_reference, bucket) do update set
          readings = a.readings + excluded.readings,
          temperature_min = least(a.temperature_min, excluded.temperature_min),
          temperature_max = greatest(a.temperature_max, excluded.temperature_max),
          ${mean('temperature')}, ${mean('humidity')}, ${mean('speed')},
          lon = case when ${newer} then excluded.lon else a.lon end,
          lat = case when ${newer} then excluded.lat else a.lat end,
          position_at = greatest(a.position_at, excluded.position_at)`.execute(trx);
      await this.t(trx)
        .insertInto('iot_cursors')
        .values({ name: 'rollup', position: through })
        .onConflict((oc) => oc.column('name').doUpdateSet({ position: through }))
        .execute();
      return { through, buckets: Number(result.numAffectedRows ?? 0) };
    });
  }

  /** Deletes raw rows received before `before` that are already rolled up, at most `limit`. */
  async deleteRawBefore(before: Date, rolledThrough: number, limit: number): Promise<number> {
    const result = await sql`
      delete from iot_telemetry where seq in (
        select seq from iot_telemetry where received_at < ${before} and seq <= ${rolledThrough} limit ${limit})`.execute(
      this.db,
    );
    return Number(result.numAffectedRows ?? 0);
  }

  async deleteAggregatesBefore(before: Date): Promise<number> {
    const result = await this.t()
      .deleteFrom('iot_telemetry_15m')
      .where('bucket', '<', before)
      .executeTakeFirst();
    return Number(result.numDeletedRows ?? 0);
  }
}
