/**
 * The alarm lane: which readings of a batch are written ahead of the rest because they change an alarm.
 *
 * A batch's readings are folded into their containers' monitors before anything is written, so the batch's alarm
 * changes are known up front. The containers with a change go first, in a small transaction of their own (their
 * readings, the alarm changes, the outbox events, their monitors' checkpoints); the rest of the batch follows in the
 * bulk transaction. A container goes whole — every reading of the batch from any of its devices — so that its stored
 * sequence numbers stay in the order its monitor saw the readings (a restart replays them by sequence) and each
 * device's acknowledgements stay in the order it published.
 */

/** What the lane needs to know of a batch entry: its device, its container's shipment, whether it changed an alarm. */
export interface LaneEntry {
  deviceId: string;
  shipment: { shipmentId: string; deviceIds: string[] } | undefined;
  changesAlarm: boolean;
}

/**
 * Splits a batch (in arrival order) into the alarm lane — the entries of every container with an alarm change, and of
 * every device bound to such a container — and the bulk, each in the order given. No alarm change: all bulk.
 */
export function splitAlarmLane<T extends LaneEntry>(entries: T[]): { alarmLane: T[]; bulk: T[] } {
  const devices = new Set<string>();
  for (const e of entries)
    if (e.changesAlarm && e.shipment) for (const d of e.shipment.deviceIds) devices.add(d);
  if (devices.size === 0) return { alarmLane: [], bulk: entries };
  const alarmLane: T[] = [];
  const bulk: T[] = [];
  for (const e of entries) (devices.has(e.deviceId) ? alarmLane : bulk).push(e);
  return { alarmLane, bulk };
}
