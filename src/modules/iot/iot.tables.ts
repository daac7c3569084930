import type { Generated } from 'kysely';

/** The IoT module's own tables (see migrations/0001_iot.ts). */
export interface IotTables {
  iot_devices: {
    device_id: string;
    kind: string;
    owner_tin: string;
    label: string | null;
    status: string;
    secret_hash: string;
    broker_hash: string;
    secret_version: number;
    created_at: Date;
    rotated_at: Date | null;
    revoked_at: Date | null;
  };
  iot_shipments: {
    shipment_id: string;
    declaration_id: string;
    equipment_reference: string;
    owner_tin: string;
    party_tins: string[];
    device_ids: string[];
    plan: unknown;
    status: string;
    bound_at: Date;
    bound_by: string;
    closed_at: Date | null;
  };
  iot_monitor_states: { shipment_id: string; state: unknown; through_seq: number; updated_at: Date };
  iot_telemetry: {
    seq: Generated<number>;
    device_id: string;
    message_id: string;
    equipment_reference: string;
    shipment_id: string | null;
    kind: string;
    at: Date;
    received_at: Date;
    temperature_c: number | null;
    setpoint_c: number | null;
    humidity_pct: number | null;
    speed_kmh: number | null;
    lon: number | null;
    lat: number | null;
    event: unknown;
  };
  iot_telemetry_15m: {
    equipment_reference: string;
    bucket: Date;
    readings: number;
    temperature_min: number | null;
    temperature_max: number | null;
    temperature_avg: number | null;
    humidity_avg: number | null;
    speed_avg: number | null;
    lon: number | null;
    lat: number | null;
    /** How many values each mean is over (the roll-up folds new readings in). */
    temperature_n: number;
    humidity_n: number;
    speed_n: number;
    /** When the bucket's position (the latest in it) was read. */
    position_at: Date | null;
  };
  iot_cursors: { name: string; position: number };
  iot_alarms: {
    alarm_id: string;
    shipment_id: string;
    declaration_id: string;
    equipment_reference: string;
    party_tins: string[];
    type: string;
    severity: string;
    status: string;
    started_at: Date;
    detected_at: Date;
    ended_at: Date | null;
    acknowledged_at: Date | null;
    acknowledged_by: string | null;
    cleared_by: string | null;
    updated_at: Date;
    details: unknown;
    comments: unknown;
    history: unknown;
  };
  iot_equipment_events: {
    event_id: string;
    declaration_id: string;
    equipment_reference: string;
    party_tins: string[];
    event_code: string;
    occurred_at: Date;
    source_seq: number;
  };
}
