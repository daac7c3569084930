/**
 * The alarm rules as step functions over plain, serialisable state. Observations must be folded in time
 * order (the monitor guarantees it by replaying late arrivals); `advanceRules` moves the rules' clock to a
 * time without a new observation, for the duration-based rules.
 */
import { distanceToPolylineM, haversineDistanceM, type LonLat } from './geo.js';
import { addRollingMktReading, createRollingMkt, rollingMkt, type RollingMktState } from './mkt.js';
import type { Observation, ReadingObservation } from './observation.js';
import type { AlarmSeverity, AlarmType } from './profiles.js';
import { authorisedZoneAt, type CompiledShipmentPlan } from './shipment-plan.js';

const MINUTE = 60_000;
const HOUR = 3_600_000;

/** An alarm condition as a rule sees it: what is wrong, since when, how badly. Times are epoch ms. */
export interface AlarmCondition {
  type: AlarmType;
  severity: AlarmSeverity;
  /** When the underlying condition began (e.g. the first reading out of band). */
  startedAt: number;
  /** When the rule's threshold was crossed and the alarm became due. */
  detectedAt: number;
  details: Record<string, string | number | boolean | null>;
}

export interface Latch {
  active: boolean;
  startedAt: number | null;
  detectedAt: number | null;
  clearedAt: number | null;
}

const latch = (): Latch => ({ active: false, startedAt: null, detectedAt: null, clearedAt: null });

function raise(l: Latch, startedAt: number, at: number): true {
  l.active = true;
  l.startedAt = startedAt;
  l.detectedAt = at;
  l.clearedAt = null;
  return true;
}

function clear(l: Latch, at: number): true {
  l.active = false;
  l.clearedAt = at;
  return true;
}

export interface RuleStates {
  clock: number;
  lastReadingAt: number | null;
  position: { at: number; point: LonLat } | null;
  excursion: Latch & {
    outSince: number | null;
    backSince: number | null;
    peakC: number | null;
    lowC: number | null;
    cumulativeOutMs: number;
    lastTemperatureC: number | null;
  };
  hardLimit: Latch & { safeSince: number | null; peakC: number | null; lowC: number | null };
  mkt: Latch & { rolling: RollingMktState; mktC: number | null; peakMktC: number | null };
  door: Latch & { open: boolean; point: LonLat | null };
  corridor: Latch & { outSince: number | null; backSince: number | null; maxDistanceM: number };
  stop: Latch & { anchor: LonLat | null; since: number | null; authorised: boolean };
  shock: Latch & { peakG: number; count: number; lastShockAt: number | null };
  seal: Latch & { event: 'OPENED' | 'TAMPERED' | null; sealNumber: string | null; point: LonLat | null };
}

export function createRuleStates(plan: CompiledShipmentPlan, startedAt: number): RuleStates {
  const mkt = plan.profile.rules.mktAboveLimit;
  return {
    clock: startedAt,
    lastReadingAt: null,
    position: null,
    excursion: {
      ...latch(),
      outSince: null,
      backSince: null,
      peakC: null,
      lowC: null,
      cumulativeOutMs: 0,
      lastTemperatureC: null,
    },
    hardLimit: { ...latch(), safeSince: null, peakC: null, lowC: null },
    mkt: {
      ...latch(),
      rolling: createRollingMkt({
        windowMs: mkt.windowH * HOUR,
        maxGapMs: plan.holdMs,
        activationEnergyK: mkt.activationEnergyK,
      }),
      mktC: null,
      peakMktC: null,
    },
    door: { ...latch(), open: false, point: null },
    corridor: { ...latch(), outSince: null, backSince: null, maxDistanceM: 0 },
    stop: { ...latch(), anchor: null, since: null, authorised: false },
    shock: { ...latch(), peakG: 0, count: 0, lastShockAt: null },
    seal: { ...latch(), event: null, sealNumber: null, point: null },
  };
}

/**
 * A copy that shares nothing mutable with the original (coordinates and the MKT's last reading are
 * replaced, never changed in place, so they may be shared). Much cheaper than structuredClone, and it
 * runs on every late arrival.
 */
export function copyRuleStates(s: RuleStates): RuleStates {
  return {
    clock: s.clock,
    lastReadingAt: s.lastReadingAt,
    position: s.position,
    excursion: { ...s.excursion },
    hardLimit: { ...s.hardLimit },
    mkt: { ...s.mkt, rolling: { ...s.mkt.rolling, buckets: s.mkt.rolling.buckets.slice() } },
    door: { ...s.door },
    corridor: { ...s.corridor },
    stop: { ...s.stop },
    shock: { ...s.shock },
    seal: { ...s.seal },
  };
}

const outside = (value: number, min: number | null, max: number | null, margin = 0): boolean =>
  (min !== null && value < min + margin) || (max !== null && value > max - margin);

/** Where the container was at `at`: the observation's own fix, else the last one if it is recent enough. */
function positionAt(s: RuleStates, obs: Observation, plan: CompiledShipmentPlan): LonLat | null {
  if (obs.position) return obs.position;
  if (s.position !== null && obs.at - s.position.at <= plan.holdMs) return s.position.point;
  return null;
}

function observeTemperature(
  s: RuleStates,
  r: ReadingObservation,
  t: number,
  plan: CompiledShipmentPlan,
): void {
  const { band, hardLimits, rules } = plan.profile;
  const gap = s.lastReadingAt === null ? Infinity : r.at - s.lastReadingAt;
  const e = s.excursion;
  const wasOut = e.lastTemperatureC !== null && outside(e.lastTemperatureC, band.minC, band.maxC);
  if (wasOut && gap !== Infinity) e.cumulativeOutMs += Math.min(gap, plan.holdMs);
  const isOut = outside(t, band.minC, band.maxC);
  if (isOut) {
    if (e.outSince === null || gap > plan.holdMs) {
      e.outSince = r.at;
      if (!e.active) {
        e.peakC = t;
        e.lowC = t;
      }
    }
    e.peakC = Math.max(e.peakC ?? t, t);
    e.lowC = Math.min(e.lowC ?? t, t);
    e.backSince = null;
  } else {
    e.outSince = null;
    const wellInside = !outside(t, band.minC, band.maxC, rules.temperatureExcursion.clearMarginC);
    if (!e.active || !wellInside) e.backSince = null;
    else if (e.backSince === null || gap > plan.holdMs) e.backSince = r.at;
  }
  e.lastTemperatureC = t;

  const h = s.hardLimit;
  if (outside(t, hardLimits.minC, hardLimits.maxC)) {
    if (!h.active) {
      raise(h, r.at, r.at);
      h.peakC = t;
      h.lowC = t;
    }
    h.peakC = Math.max(h.peakC ?? t, t);
    h.lowC = Math.min(h.lowC ?? t, t);
    h.safeSince = null;
  } else if (h.active) {
    if (outside(t, hardLimits.minC, hardLimits.maxC, rules.temperatureHardLimit.clearMarginC))
      h.safeSince = null;
    else h.safeSince ??= r.at;
  }

  const m = s.mkt;
  const mktRule = rules.mktAboveLimit;
  if (!mktRule.enabled) return;
  addRollingMktReading(m.rolling, { at: r.at, temperatureC: t });
  const rolling = rollingMkt(m.rolling);
  m.mktC = rolling.coveredMs >= mktRule.minCoverageH * HOUR ? rolling.mktC : null;
  if (m.mktC !== null) {
    if (!m.active && m.mktC > mktRule.limitC) {
      raise(m, r.at, r.at);
      m.peakMktC = m.mktC;
    } else if (m.active && m.mktC <= mktRule.limitC - mktRule.clearMarginC) clear(m, r.at);
    if (m.active) m.peakMktC = Math.max(m.peakMktC ?? m.mktC, m.mktC);
  }
}

function observePosition(
  s: RuleStates,
  r: ReadingObservation,
  point: LonLat,
  plan: CompiledShipmentPlan,
): void {
  const rules = plan.profile.rules;
  const zone = authorisedZoneAt(plan, point);
  const gap = s.lastReadingAt === null ? Infinity : r.at - s.lastReadingAt;

  const c = s.corridor;
  const distanceM = distanceToPolylineM(point, plan.corridor);
  const tolerance = plan.plan.corridor.toleranceM;
  if (zone === null && distanceM > tolerance) {
    if (c.outSince === null || gap > plan.holdMs) {
      c.outSince = r.at;
      if (!c.active) c.maxDistanceM = 0;
    }
    c.maxDistanceM = Math.max(c.maxDistanceM, distanceM);
    c.backSince = null;
  } else {
    c.outSince = null;
    if (zone !== null || distanceM <= tolerance * rules.corridorDeviation.clearWithinRatio)
      c.backSince ??= r.at;
    else c.backSince = null;
  }

  const st = s.stop;
  const previous = s.position;
  const speed =
    r.speedKmh ??
    (previous !== null && r.at > previous.at
      ? (haversineDistanceM(previous.point, point) / (r.at - previous.at)) * 3_600
      : undefined);
  const still =
    (speed === undefined || speed <= rules.unplannedStop.speedBelowKmh) &&
    (st.anchor === null || haversineDistanceM(st.anchor, point) <= rules.unplannedStop.stopRadiusM);
  if (still && st.anchor !== null && (gap <= plan.holdMs || st.active)) {
    if (zone !== null) st.authorised = true;
  } else {
    if (st.active) clear(st, r.at);
    const moving = speed !== undefined && speed > rules.unplannedStop.speedBelowKmh;
    st.anchor = moving ? null : point;
    st.since = moving ? null : r.at;
    st.authorised = zone !== null;
  }

  const d = s.door;
  if (d.open && !d.active && zone === null) {
    raise(d, r.at, r.at);
    d.point = point;
  }
}

function observeReading(s: RuleStates, r: ReadingObservation, plan: CompiledShipmentPlan): void {
  if (r.temperatureC !== undefined) observeTemperature(s, r, r.temperatureC, plan);
  if (r.position) observePosition(s, r, r.position, plan);
  s.lastReadingAt = r.at;
}

/** Folds one observation in; observations must come in time order. */
export function stepRules(s: RuleStates, obs: Observation, plan: CompiledShipmentPlan): void {
  advanceRules(s, obs.at, plan);
  const point = positionAt(s, obs, plan);
  switch (obs.kind) {
    case 'READING':
      observeReading(s, obs, plan);
      break;
    case 'DOOR': {
      const d = s.door;
      d.open = obs.door === 'OPENED';
      if (d.open && !d.active && (point === null || authorisedZoneAt(plan, point) === null)) {
        raise(d, obs.at, obs.at);
        d.point = point;
      } else if (!d.open && d.active) clear(d, obs.at);
      break;
    }
    case 'SEAL': {
      const seal = s.seal;
      const insideZone = point !== null && authorisedZoneAt(plan, point) !== null;
      if (obs.seal === 'TAMPERED' || (obs.seal === 'OPENED' && !insideZone)) {
        if (!seal.active || seal.event !== 'TAMPERED') {
          if (!seal.active) raise(seal, obs.at, obs.at);
          seal.event = obs.seal;
          seal.sealNumber = obs.sealNumber;
          seal.point = point;
        }
      } else if (obs.seal === 'APPLIED' && seal.active) {
        clear(seal, obs.at);
        seal.event = null;
      }
      break;
    }
    case 'SENSOR': {
      const sh = s.shock;
      if (obs.peakG !== undefined && obs.peakG > plan.profile.rules.shock.thresholdG) {
        if (!sh.active) {
          raise(sh, obs.at, obs.at);
          sh.peakG = 0;
          sh.count = 0;
        }
        sh.peakG = Math.max(sh.peakG, obs.peakG);
        sh.count += 1;
        sh.lastShockAt = obs.at;
      }
      break;
    }
  }
  if (obs.position) s.position = { at: obs.at, point: obs.position };
  advanceRules(s, obs.at, plan);
}

function lasted(now: number, since: number | null, minutes: number): boolean {
  return since !== null && now - since >= minutes * MINUTE;
}

/**
 * Moves the duration-based rules to time `at` (never backwards). Returns whether a latch was raised or
 * cleared; when none was, only the clock moved.
 */
export function advanceRules(s: RuleStates, at: number, plan: CompiledShipmentPlan): boolean {
  if (at < s.clock) return false;
  s.clock = at;
  const rules = plan.profile.rules;
  // The last reading holds for holdMs at most; past that the record has a gap, and a gap proves nothing.
  const held = s.lastReadingAt === null ? at : Math.min(at, s.lastReadingAt + plan.holdMs);
  let changed = false;
  const e = s.excursion;
  if (!e.active && lasted(held, e.outSince, rules.temperatureExcursion.outOfBandForMin)) {
    changed = raise(e, e.outSince!, held);
  } else if (e.active && lasted(held, e.backSince, rules.temperatureExcursion.clearAfterMin)) {
    changed = clear(e, held);
    e.backSince = null;
  }
  const h = s.hardLimit;
  if (h.active && lasted(held, h.safeSince, rules.temperatureHardLimit.clearAfterMin)) {
    changed = clear(h, held);
    h.safeSince = null;
  }
  const c = s.corridor;
  if (!c.active && lasted(held, c.outSince, rules.corridorDeviation.outsideForMin)) {
    changed = raise(c, c.outSince!, held);
  } else if (c.active && lasted(held, c.backSince, rules.corridorDeviation.clearAfterMin)) {
    changed = clear(c, held);
  }
  const st = s.stop;
  if (!st.active && !st.authorised && lasted(held, st.since, rules.unplannedStop.stoppedForMin)) {
    changed = raise(st, st.since!, held);
  }
  const sh = s.shock;
  if (
    sh.active &&
    sh.lastShockAt !== null &&
    at - sh.lastShockAt >= rules.shock.clearAfterQuietMin * MINUTE
  ) {
    changed = clear(sh, at);
  }
  return changed;
}
