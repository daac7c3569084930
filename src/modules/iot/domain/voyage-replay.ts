/**
 * Plays a simulated voyage through the same path a live message takes — topic and schema validation,
 * reduction to an observation, the container monitor — with the clock ticking in simulated time.
 */
import {
  ContainerMonitor,
  type AlarmConditionChange,
  type ContainerMonitorOptions,
  type ObservationOutcome,
} from './alarm-rules.js';
import { toObservation } from './observation.js';
import type { Voyage } from './scenarios.js';
import { compileShipmentPlan } from './shipment-plan.js';
import { parseDeviceMessage } from './telemetry.schema.js';

export interface VoyageReplay {
  monitor: ContainerMonitor;
  /** Every change in the order the monitor produced it, with the simulated time it came out. */
  changes: (AlarmConditionChange & { emittedAt: number })[];
  outcomes: Record<ObservationOutcome | 'REJECTED', number>;
}

/** Replays `voyage` message by message, ticking every `tickEveryMs` (default 60 s) until its end. */
export function replayVoyage(
  voyage: Voyage,
  options: { tickEveryMs?: number; monitor?: ContainerMonitorOptions } = {},
): VoyageReplay {
  const tickEveryMs = options.tickEveryMs ?? 60_000;
  const monitor = ContainerMonitor.start(compileShipmentPlan(voyage.plan), voyage.startAt, options.monitor);
  const changes: VoyageReplay['changes'] = [];
  const outcomes: VoyageReplay['outcomes'] = {
    ACCEPTED: 0,
    DUPLICATE: 0,
    LATE: 0,
    FUTURE: 0,
    UNBOUND_DEVICE: 0,
    REJECTED: 0,
  };
  let nextTick = voyage.startAt + tickEveryMs;
  const tickUntil = (until: number): void => {
    for (; nextTick <= until; nextTick += tickEveryMs) {
      for (const c of monitor.tick(nextTick)) changes.push({ ...c, emittedAt: nextTick });
    }
  };
  for (const message of voyage.messages) {
    tickUntil(message.receivedAt);
    const parsed = parseDeviceMessage(message.topic, message.payload);
    if (!parsed.ok) {
      outcomes.REJECTED += 1;
      continue;
    }
    const { outcome, changes: produced } = monitor.observe(toObservation(parsed.message), message.receivedAt);
    outcomes[outcome] += 1;
    for (const c of produced) changes.push({ ...c, emittedAt: message.receivedAt });
  }
  tickUntil(voyage.endAt);
  return { monitor, changes, outcomes };
}
