/**
 * What the rules' state says to the outside: the active alarm conditions with their details, rounded so
 * that noise does not read as a change, and when each latch last cleared.
 */
import type { LonLat } from './geo.js';
import type { AlarmSeverity, AlarmType } from './profiles.js';
import type { AlarmCondition, Latch, RuleStates } from './rule-states.js';
import type { CompiledShipmentPlan } from './shipment-plan.js';

const HOUR = 3_600_000;

const round = (value: number | null, step: number): number | null =>
  value === null ? null : Number((Math.round(value / step) * step).toFixed(3));

const point = (p: LonLat | null): string | null =>
  p === null ? null : `${p[1].toFixed(4)},${p[0].toFixed(4)}`;

function condition(
  type: AlarmType,
  l: Latch,
  severity: AlarmSeverity,
  details: AlarmCondition['details'],
): AlarmCondition | null {
  if (!l.active || l.startedAt === null || l.detectedAt === null) return null;
  return { type, severity, startedAt: l.startedAt, detectedAt: l.detectedAt, details };
}

function put(
  out: Partial<Record<AlarmType, AlarmCondition>>,
  c: AlarmCondition | null,
  enabled: boolean,
): void {
  if (c !== null && enabled) out[c.type] = c;
}

/**
 * The active conditions of the state-kept rules, keyed by type (DEVICE_SILENT is the monitor's, as it
 * depends on arrival, not on data). Details are rounded so that noise does not count as a change.
 */
export function ruleConditions(
  s: RuleStates,
  plan: CompiledShipmentPlan,
): Partial<Record<AlarmType, AlarmCondition>> {
  const anyActive =
    s.excursion.active ||
    s.hardLimit.active ||
    s.mkt.active ||
    s.door.active ||
    s.corridor.active ||
    s.stop.active ||
    s.shock.active ||
    s.seal.active;
  if (!anyActive) return {};
  const { rules, band, hardLimits, excursionAllowance } = plan.profile;
  const out: Partial<Record<AlarmType, AlarmCondition>> = {};
  const e = s.excursion;
  // USP <659>-style allowance: an excursion is tolerable while it stays within the allowance's bounds, its
  // cumulative time and MKT limit. Beyond any of them the product may be lost: CRITICAL.
  const a = excursionAllowance;
  const beyondAllowance =
    a !== null &&
    (e.cumulativeOutMs > a.maxCumulativeH * HOUR ||
      (e.peakC !== null && e.peakC > a.maxC) ||
      (e.lowC !== null && e.lowC < a.minC) ||
      (s.mkt.mktC !== null && s.mkt.mktC > a.mktLimitC));
  put(
    out,
    condition(
      'TEMPERATURE_EXCURSION',
      e,
      beyondAllowance ? 'CRITICAL' : rules.temperatureExcursion.severity,
      {
        peakC: round(e.peakC, 0.1),
        lowC: round(e.lowC, 0.1),
        bandMinC: band.minC,
        bandMaxC: band.maxC,
        cumulativeOutOfBandH: Math.floor(e.cumulativeOutMs / HOUR),
        beyondAllowance,
      },
    ),
    rules.temperatureExcursion.enabled,
  );
  const h = s.hardLimit;
  put(
    out,
    condition('TEMPERATURE_HARD_LIMIT', h, rules.temperatureHardLimit.severity, {
      peakC: round(h.peakC, 0.1),
      lowC: round(h.lowC, 0.1),
      hardMinC: hardLimits.minC,
      hardMaxC: hardLimits.maxC,
    }),
    rules.temperatureHardLimit.enabled,
  );
  const m = s.mkt;
  put(
    out,
    condition('MKT_ABOVE_LIMIT', m, rules.mktAboveLimit.severity, {
      peakMktC: round(m.peakMktC, 0.1),
      limitC: rules.mktAboveLimit.limitC,
      windowH: rules.mktAboveLimit.windowH,
    }),
    rules.mktAboveLimit.enabled,
  );
  const d = s.door;
  put(
    out,
    condition('DOOR_OPENED_OUTSIDE_ZONE', d, rules.doorOpenedOutsideZone.severity, {
      position: point(d.point),
      positionKnown: d.point !== null,
      doorOpen: d.open,
    }),
    rules.doorOpenedOutsideZone.enabled,
  );
  const c = s.corridor;
  put(
    out,
    condition('CORRIDOR_DEVIATION', c, rules.corridorDeviation.severity, {
      maxDistanceM: round(c.maxDistanceM, 100),
      toleranceM: plan.plan.corridor.toleranceM,
    }),
    rules.corridorDeviation.enabled,
  );
  const st = s.stop;
  put(
    out,
    condition('UNPLANNED_STOP', st, rules.unplannedStop.severity, { position: point(st.anchor) }),
    rules.unplannedStop.enabled,
  );
  const sh = s.shock;
  put(
    out,
    condition('SHOCK', sh, sh.peakG >= rules.shock.criticalG ? 'CRITICAL' : rules.shock.severity, {
      peakG: round(sh.peakG, 0.1),
      thresholdG: rules.shock.thresholdG,
      count: sh.count,
    }),
    rules.shock.enabled,
  );
  const seal = s.seal;
  put(
    out,
    condition('SEAL_BREACH', seal, seal.event === 'TAMPERED' ? 'CRITICAL' : rules.sealBreach.severity, {
      event: seal.event,
      sealNumber: seal.sealNumber,
      position: point(seal.point),
    }),
    rules.sealBreach.enabled,
  );
  return out;
}

/** When a latch last cleared, for the clear notice. */
export function clearedAt(s: RuleStates, type: AlarmType): number | null {
  switch (type) {
    case 'TEMPERATURE_EXCURSION':
      return s.excursion.clearedAt;
    case 'TEMPERATURE_HARD_LIMIT':
      return s.hardLimit.clearedAt;
    case 'MKT_ABOVE_LIMIT':
      return s.mkt.clearedAt;
    case 'DOOR_OPENED_OUTSIDE_ZONE':
      return s.door.clearedAt;
    case 'CORRIDOR_DEVIATION':
      return s.corridor.clearedAt;
    case 'UNPLANNED_STOP':
      return s.stop.clearedAt;
    case 'SHOCK':
      return s.shock.clearedAt;
    case 'SEAL_BREACH':
      return s.seal.clearedAt;
    case 'DEVICE_SILENT':
      return null;
  }
}
