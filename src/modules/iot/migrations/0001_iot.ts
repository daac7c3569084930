import { sql, type Kysely } from 'kysely';
import type { Migration } from 'kysely/migration';

/** Devices, shipments, raw telemetry with 15-minute aggregates, monitor checkpoints, alarms, customs equipment events. */
export const m0001_iot: Migration = {
  async up(db: Kysely<unknown>) {
    await sql`
      create table iot_devices (
        device_id text primary key,
        kind text not null,
        owner_tin text not null,
        label text,
        status text not null,
        secret_hash text not null,
        broker_hash text not null,
        secret_version integer not null,
        created_at timestamptz not null,
        rotated_at timestamptz,
        revoked_at timestamptz
      )`.execute(db);
    await sql`create index iot_devices_owner on iot_devices (owner_tin)`.execute(db);

    await sql`
      create table iot_shipments (
        shipment_id text primary key,
        declaration_id uuid not null,
        equipment_reference text not null,
        owner_tin text not null,
        party_tins text[] not null,
        device_ids text[] not null,
        plan jsonb not null,
        status text not null,
        bound_at timestamptz not null,
        bound_by text not null,
        closed_at timestamptz
      )`.execute(db);
    await sql`create unique index iot_shipments_active_container on iot_shipments (equipment_reference)
      where status = 'ACTIVE'`.execute(db);
    await sql`create index iot_shipments_declaration on iot_shipments (declaration_id)`.execute(db);

    await sql`
      create table iot_monitor_states (
        shipment_id text primary key,
        state jsonb not null,
        through_seq bigint not null,
        updated_at timestamptz not null
      )`.execute(db);

    await sql`
      create table iot_telemetry (
        seq bigserial primary key,
        device_id text not null,
        message_id text not null,
        equipment_reference text not null,
        shipment_id text,
        kind text not null,
        at timestamptz not null,
        received_at timestamptz not null,
        temperature_c real,
        setpoint_c real,
        humidity_pct real,
        speed_kmh real,
        lon double precision,
        lat double precision,
        event jsonb
      )`.execute(db);
    await sql`create unique index iot_telemetry_message on iot_telemetry (device_id, message_id)`.execute(db);
    await sql`create index iot_telemetry_container_at on iot_telemetry (equipment_reference, at)`.execute(db);
    await sql`create index iot_telemetry_shipment_seq on iot_telemetry (shipment_id, seq)`.execute(db);
    await sql`create index iot_telemetry_received on iot_telemetry using brin (received_at)`.execute(db);

    await sql`
      create table iot_telemetry_15m (
        equipment_reference text not null,
        bucket timestamptz not null,
        readings integer not null,
        temperature_min real,
        temperature_max real,
        temperature_avg real,
        humidity_avg real,
        speed_avg real,
        lon double precision,
        lat double precision,
        primary key (equipment_reference, bucket)
      )`.execute(db);
    await sql`create table iot_cursors (name text primary key, position bigint not null)`.execute(db);

    await sql`
      create table iot_alarms (
        alarm_id text primary key,
        shipment_id text not null,
        declaration_id uuid not null,
        equipment_reference text not null,
        party_tins text[] not null,
        type text not null,
        severity text not null,
        status text not null,
        started_at timestamptz not null,
        detected_at timestamptz not null,
        ended_at timestamptz,
        acknowledged_at timestamptz,
        acknowledged_by text,
        cleared_by text,
        updated_at timestamptz not null,
        details jsonb not null,
        comments jsonb not null,
        history jsonb not null
      )`.execute(db);
    await sql`create unique index iot_alarms_one_active on iot_alarms (equipment_reference, type)
      where status in ('ACTIVE_UNACK', 'ACTIVE_ACK')`.execute(db);
    await sql`create index iot_alarms_declaration on iot_alarms (declaration_id)`.execute(db);
    await sql`create index iot_alarms_started on iot_alarms (started_at desc)`.execute(db);

    await sql`
      create table iot_equipment_events (
        event_id uuid primary key,
        declaration_id uuid not null,
        equipment_reference text not null,
        party_tins text[] not null,
        event_code text not null,
        occurred_at timestamptz not null,
        source_seq bigint not null,
        unique (source_seq, equipment_reference)
      )`.execute(db);
    await sql`create index iot_equipment_events_container on iot_equipment_events (equipment_reference, occurred_at)`.execute(
      db,
    );
  },
};
