import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/**
 * The 15-minute aggregates fold new readings in instead of being recomputed from the raw rows: each bucket keeps how
 * many values each mean is over, and when its position was read. Existing buckets get their counts from the raw rows
 * still kept.
 */
export const m0003_incremental_rollup: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      alter table iot_telemetry_15m
        add column temperature_n integer not null default 0,
        add column humidity_n integer not null default 0,
        add column speed_n integer not null default 0,
        add column position_at timestamptz`.execute(db);
    await sql`
      update iot_telemetry_15m a
         set temperature_n = s.temperature_n, humidity_n = s.humidity_n, speed_n = s.speed_n,
             position_at = s.position_at
        from (
          select equipment_reference, to_timestamp(floor(extract(epoch from at) / 900) * 900) as bucket,
                 count(temperature_c)::int as temperature_n, count(humidity_pct)::int as humidity_n,
                 count(speed_kmh)::int as speed_n,
                 max(at) filter (where lon is not null and lat is not null) as position_at
            from iot_telemetry where kind = 'READING' group by 1, 2) s
       where a.equipment_reference = s.equipment_reference and a.bucket = s.bucket`.execute(db);
  },
  async down(db: Kysely<unknown>) {
    await sql`
      alter table iot_telemetry_15m drop column temperature_n, drop column humidity_n, drop column speed_n,
        drop column position_at`.execute(db);
  },
};
