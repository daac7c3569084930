/**
 * The per-container alarm evaluator. A `ContainerMonitor` watches one bound container against its
 * shipment plan: it is fed observations in any order and `tick(now)` for the passage of time, and answers
 * with alarm condition changes (raise, update, clear) for the alarm lifecycle to apply.
 *
 * Out-of-order tolerance: observations within `reorderWindowMs` of the newest one are kept pending in
 * time order on top of a settled state. An observation that arrives in order is folded straight in; a late
 * one is inserted and the pending stretch replayed from the settled state, so the result is the same as if
 * everything had arrived in order. Older than the window, an observation is LATE and left out. Duplicates
 * (QoS 1 redeliveries) are recognised by `messageId` among the pending ones; older duplicates are LATE.
 *
 * The whole state is plain data (`snapshot()` / `ContainerMonitor.restore`), so ingestion can persist it.
 */
import { IotDomainError } from './errors.js';
import type { Observation } from './observation.js';
import { ALARM_TYPES, type AlarmType } from './profiles.js';
import {
  advanceRules,
  copyRuleStates,
  createRuleStates,
  stepRules,
  type AlarmCondition,
  type RuleStates,
} from './rule-states.js';
import { clearedAt, ruleConditions } from './rule-conditions.js';
import type { CompiledShipmentPlan } from './shipment-plan.js';

export type { AlarmCondition } from './rule-states.js';

/** What a monitor tells the alarm lifecycle. Times are epoch ms. */
export type AlarmConditionChange =
  | { change: 'RAISE'; equipmentReference: string; condition: AlarmCondition }
  | { change: 'UPDATE'; equipmentReference: string; condition: AlarmCondition; previous: AlarmCondition }
  | { change: 'CLEAR'; equipmentReference: string; condition: AlarmCondition; clearedAt: number };

/** How an observation was taken: only ACCEPTED ones reach the rules. */
export type ObservationOutcome = 'ACCEPTED' | 'DUPLICATE' | 'LATE' | 'FUTURE' | 'UNBOUND_DEVICE';

export interface ContainerMonitorOptions {
  /** How far behind the newest observation a late one is still folded in correctly. Default 15 min. */
  reorderWindowMs?: number;
  /** Most observations kept pending, whatever their times. Default 512. */
  maxPending?: number;
  /** An observation stamped further than this after its arrival is refused as FUTURE. Default 5 min. */
  maxFutureSkewMs?: number;
  /**
   * Detail-only updates (a new peak, a longer distance) of one alarm are reported at most this often;
   * a change of severity or start is reported at once. Default 15 min.
   */
  updateEveryMs?: number;
}

export const MONITOR_STATE_VERSION = 1;

/** Everything a monitor knows, as JSON-safe data. */
export interface ContainerMonitorState {
  version: typeof MONITOR_STATE_VERSION;
  equipmentReference: string;
  startedAt: number;
  options: Required<ContainerMonitorOptions>;
  settled: RuleStates;
  /** Time of the last observation folded into `settled`; nothing older is accepted. */
  settledThrough: number | null;
  live: RuleStates;
  pending: Observation[];
  watermark: number | null;
  lastTickAt: number | null;
  /** Latest arrival or tick time seen; the clock silence is measured on. */
  clock: number;
  lastHeardByDevice: Record<string, number>;
  /** What the outside was last told, and when (clock time). */
  reported: Partial<Record<AlarmType, { condition: AlarmCondition; at: number }>>;
  /** The conditions as of the last evaluation, reported or not. */
  latest: Partial<Record<AlarmType, AlarmCondition>>;
  counters: Record<ObservationOutcome, number>;
  /** How many late arrivals forced a replay of the pending stretch. */
  replays: number;
}

const DEFAULTS: Required<ContainerMonitorOptions> = {
  reorderWindowMs: 15 * 60_000,
  maxPending: 512,
  maxFutureSkewMs: 5 * 60_000,
  updateEveryMs: 15 * 60_000,
};

const before = (a: Observation, b: Observation): boolean =>
  a.at < b.at || (a.at === b.at && a.messageId < b.messageId);

/**
 * 'SAME', 'DRIFT' (only numbers in the details moved: a new peak, a longer distance) or 'CHANGE'
 * (severity, start or a categorical detail such as the seal event changed: worth telling at once).
 */
function compareConditions(a: AlarmCondition, b: AlarmCondition): 'SAME' | 'DRIFT' | 'CHANGE' {
  if (a.severity !== b.severity || a.startedAt !== b.startedAt) return 'CHANGE';
  let drift = false;
  for (const key of new Set([...Object.keys(a.details), ...Object.keys(b.details)])) {
    const x = a.details[key];
    const y = b.details[key];
    if (x === y) continue;
    if (typeof x === 'number' && typeof y === 'number') drift = true;
    else return 'CHANGE';
  }
  return drift ? 'DRIFT' : 'SAME';
}

export class ContainerMonitor {
  private readonly pendingIds: Set<string>;
  private readonly devices: Set<string>;

  private constructor(
    private readonly plan: CompiledShipmentPlan,
    private readonly state: ContainerMonitorState,
  ) {
    this.pendingIds = new Set(state.pending.map((o) => o.messageId));
    this.devices = new Set(plan.plan.devices.map((d) => d.deviceId));
  }

  /** Starts watching a container from `startedAt` (epoch ms), the moment it was bound to the shipment. */
  static start(
    plan: CompiledShipmentPlan,
    startedAt: number,
    options: ContainerMonitorOptions = {},
  ): ContainerMonitor {
    const rules = createRuleStates(plan, startedAt);
    return new ContainerMonitor(plan, {
      version: MONITOR_STATE_VERSION,
      equipmentReference: plan.plan.equipmentReference,
      startedAt,
      options: { ...DEFAULTS, ...options },
      settled: rules,
      settledThrough: null,
      live: copyRuleStates(rules),
      pending: [],
      watermark: null,
      lastTickAt: null,
      clock: startedAt,
      lastHeardByDevice: {},
      reported: {},
      latest: {},
      counters: { ACCEPTED: 0, DUPLICATE: 0, LATE: 0, FUTURE: 0, UNBOUND_DEVICE: 0 },
      replays: 0,
    });
  }

  /** Resumes from a snapshot. Throws `MONITOR_STATE_INCOMPATIBLE` if it is another version or container. */
  static restore(plan: CompiledShipmentPlan, state: ContainerMonitorState): ContainerMonitor {
    if (
      state.version !== MONITOR_STATE_VERSION ||
      state.equipmentReference !== plan.plan.equipmentReference
    ) {
      throw new IotDomainError('MONITOR_STATE_INCOMPATIBLE', {
        version: state.version,
        equipmentReference: state.equipmentReference,
      });
    }
    return new ContainerMonitor(plan, structuredClone(state));
  }

  /** A deep copy of the state, safe to JSON.stringify and persist. */
  snapshot(): ContainerMonitorState {
    return structuredClone(this.state);
  }

  /** The alarm conditions active as last reported. */
  activeConditions(): AlarmCondition[] {
    return ALARM_TYPES.flatMap((type) => this.state.latest[type] ?? []);
  }

  /** Counts of observations by outcome, and of replays forced by late arrivals. */
  counters(): Readonly<Record<ObservationOutcome | 'REPLAYS', number>> {
    return { ...this.state.counters, REPLAYS: this.state.replays };
  }

  /**
   * Folds in one observation. `receivedAt` (epoch ms) is when it arrived; it drives silence and the
   * future-timestamp check, and defaults to the observation's own time.
   */
  observe(
    obs: Observation,
    receivedAt?: number,
  ): { outcome: ObservationOutcome; changes: AlarmConditionChange[] } {
    const s = this.state;
    const outcome = this.classify(obs, receivedAt);
    s.counters[outcome] += 1;
    if (outcome === 'UNBOUND_DEVICE' || outcome === 'FUTURE' || outcome === 'DUPLICATE') {
      return { outcome, changes: [] };
    }
    const heard = receivedAt ?? obs.at;
    s.lastHeardByDevice[obs.deviceId] = Math.max(s.lastHeardByDevice[obs.deviceId] ?? heard, heard);
    s.clock = Math.max(s.clock, heard);
    if (outcome === 'ACCEPTED') this.accept(obs);
    return { outcome, changes: this.reportChanges() };
  }

  /** Lets time pass without an observation: silence, and durations held from the last observation. */
  tick(now: number): AlarmConditionChange[] {
    const s = this.state;
    s.lastTickAt = Math.max(s.lastTickAt ?? now, now);
    s.clock = Math.max(s.clock, now);
    this.advanceLive(now);
    return this.reportChanges();
  }

  private advanceLive(now: number): void {
    const live = this.state.live;
    const clock = live.clock;
    // When nothing fired, keep the data clock: a reading stamped before `now` is then still in order and
    // needs no replay.
    if (!advanceRules(live, this.heldUntil(now), this.plan)) live.clock = clock;
  }

  private classify(obs: Observation, receivedAt: number | undefined): ObservationOutcome {
    const s = this.state;
    if (obs.equipmentReference !== s.equipmentReference || !this.devices.has(obs.deviceId))
      return 'UNBOUND_DEVICE';
    if (receivedAt !== undefined && obs.at > receivedAt + s.options.maxFutureSkewMs) return 'FUTURE';
    if (this.pendingIds.has(obs.messageId)) return 'DUPLICATE';
    if (s.settledThrough !== null && obs.at < s.settledThrough) return 'LATE';
    if (s.watermark !== null && obs.at < s.watermark - s.options.reorderWindowMs) return 'LATE';
    return 'ACCEPTED';
  }

  private accept(obs: Observation): void {
    const s = this.state;
    const pending = s.pending;
    let index = pending.length;
    while (index > 0 && before(obs, pending[index - 1]!)) index -= 1;
    pending.splice(index, 0, obs);
    this.pendingIds.add(obs.messageId);
    s.watermark = Math.max(s.watermark ?? obs.at, obs.at);
    if (index === pending.length - 1 && obs.at >= s.live.clock) {
      stepRules(s.live, obs, this.plan);
    } else {
      s.live = copyRuleStates(s.settled);
      s.replays += 1;
      for (const o of pending) stepRules(s.live, o, this.plan);
      if (s.lastTickAt !== null) this.advanceLive(s.lastTickAt);
    }
    const horizon = s.watermark - s.options.reorderWindowMs;
    while (pending.length > 0 && (pending[0]!.at < horizon || pending.length > s.options.maxPending)) {
      const oldest = pending.shift()!;
      this.pendingIds.delete(oldest.messageId);
      stepRules(s.settled, oldest, this.plan);
      s.settledThrough = oldest.at;
    }
  }

  /** The last observation is taken to hold for `holdMs`; after that the record has a gap. */
  private heldUntil(now: number): number {
    return Math.min(now, (this.state.watermark ?? this.state.startedAt) + this.plan.holdMs);
  }

  private silenceCondition(): AlarmCondition | null {
    const s = this.state;
    const rule = this.plan.profile.rules.deviceSilent;
    if (!rule.enabled) return null;
    const silent: string[] = [];
    let since = Infinity;
    let due = Infinity;
    for (const deviceId in this.plan.silenceAfterMs) {
      const thresholdMs = this.plan.silenceAfterMs[deviceId]!;
      const lastHeard = s.lastHeardByDevice[deviceId] ?? s.startedAt;
      if (s.clock - lastHeard > thresholdMs) {
        silent.push(deviceId);
        since = Math.min(since, lastHeard);
        due = Math.min(due, lastHeard + thresholdMs);
      }
    }
    if (silent.length === 0) return null;
    return {
      type: 'DEVICE_SILENT',
      severity: rule.severity,
      startedAt: since,
      detectedAt: due,
      details: { silentDevices: silent.sort().join(','), lastHeardAt: since },
    };
  }

  private reportChanges(): AlarmConditionChange[] {
    const s = this.state;
    const current = ruleConditions(s.live, this.plan);
    const silence = this.silenceCondition();
    if (silence !== null) current.DEVICE_SILENT = silence;
    const changes: AlarmConditionChange[] = [];
    const equipmentReference = s.equipmentReference;
    for (const type of ALARM_TYPES) {
      const reported = s.reported[type];
      const condition = current[type];
      if (reported === undefined && condition !== undefined) {
        changes.push({ change: 'RAISE', equipmentReference, condition });
        s.reported[type] = { condition, at: s.clock };
      } else if (reported !== undefined && condition === undefined) {
        const last = s.latest[type] ?? reported.condition;
        const cleared = clearedAt(s.live, type);
        const at = cleared !== null && cleared >= last.startedAt ? cleared : s.clock;
        changes.push({ change: 'CLEAR', equipmentReference, condition: last, clearedAt: at });
        delete s.reported[type];
      } else if (reported !== undefined && condition !== undefined) {
        const difference = compareConditions(reported.condition, condition);
        const due =
          difference === 'CHANGE' ||
          (difference === 'DRIFT' && s.clock - reported.at >= s.options.updateEveryMs);
        if (due) {
          changes.push({ change: 'UPDATE', equipmentReference, condition, previous: reported.condition });
          s.reported[type] = { condition, at: s.clock };
        }
      }
    }
    s.latest = current;
    return changes;
  }
}
