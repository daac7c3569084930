/**
 * Cargo temperature profiles and the alarm rule settings that go with them, as data with defaults.
 *
 * The numbers are conventions, not law (DOMAIN.md): a deployment overrides them per shipment.
 * - PHARMA_2_8: refrigerated medicines, 2–8 °C. USP <659> / GDP controlled cold: excursions between 0 and
 *   15 °C are tolerated for up to 24 h in total provided the mean kinetic temperature stays ≤ 8 °C.
 * - FROZEN: ≤ −18 °C; brief rises to −15 °C during transport are tolerated (quick-frozen foodstuffs rule).
 * - CHILLED: chilled perishables, 0–5 °C; below −1 °C they freeze, above 8 °C they spoil.
 * - AMBIENT: 15–25 °C (USP controlled room temperature allows excursions up to 30 °C, MKT ≤ 25 °C).
 */
import { z } from 'zod';
import { IotDomainError } from './errors.js';

export const ALARM_TYPES = [
  'TEMPERATURE_EXCURSION',
  'TEMPERATURE_HARD_LIMIT',
  'MKT_ABOVE_LIMIT',
  'DOOR_OPENED_OUTSIDE_ZONE',
  'CORRIDOR_DEVIATION',
  'UNPLANNED_STOP',
  'SHOCK',
  'DEVICE_SILENT',
  'SEAL_BREACH',
] as const;
export type AlarmType = (typeof ALARM_TYPES)[number];

/** ThingsBoard's severities, most severe first. */
export const ALARM_SEVERITIES = ['CRITICAL', 'MAJOR', 'MINOR', 'WARNING', 'INDETERMINATE'] as const;
export type AlarmSeverity = (typeof ALARM_SEVERITIES)[number];

/** True when `a` is more severe than `b`. */
export function isMoreSevere(a: AlarmSeverity, b: AlarmSeverity): boolean {
  return ALARM_SEVERITIES.indexOf(a) < ALARM_SEVERITIES.indexOf(b);
}

const severity = z.enum(ALARM_SEVERITIES);
const minutes = z
  .number()
  .min(0)
  .max(7 * 24 * 60);

export const alarmRuleSettingsSchema = z.object({
  temperatureExcursion: z.object({
    enabled: z.boolean(),
    severity,
    /** Raise once the temperature has been outside the band for this long (D). */
    outOfBandForMin: minutes,
    /** Clear once back inside the band narrowed by this margin… */
    clearMarginC: z.number().min(0).max(10),
    /** …for this long (hysteresis). */
    clearAfterMin: minutes,
  }),
  temperatureHardLimit: z.object({
    enabled: z.boolean(),
    severity,
    clearMarginC: z.number().min(0).max(10),
    clearAfterMin: minutes,
  }),
  mktAboveLimit: z.object({
    enabled: z.boolean(),
    severity,
    limitC: z.number().min(-100).max(100),
    windowH: z
      .number()
      .positive()
      .max(24 * 365),
    /** No verdict until the window holds at least this much data. */
    minCoverageH: z
      .number()
      .min(0)
      .max(24 * 365),
    activationEnergyK: z.number().positive(),
    clearMarginC: z.number().min(0).max(10),
  }),
  doorOpenedOutsideZone: z.object({ enabled: z.boolean(), severity }),
  corridorDeviation: z.object({
    enabled: z.boolean(),
    severity,
    outsideForMin: minutes,
    /** Back on the corridor means within tolerance × this ratio (hysteresis)… */
    clearWithinRatio: z.number().positive().max(1),
    /** …for this long. */
    clearAfterMin: minutes,
  }),
  unplannedStop: z.object({
    enabled: z.boolean(),
    severity,
    stoppedForMin: minutes,
    /** Speed at or under which the container counts as stopped. */
    speedBelowKmh: z.number().min(0).max(50),
    /** Positions within this radius of where the stop began count as the same stop. */
    stopRadiusM: z.number().positive().max(10_000),
  }),
  shock: z.object({
    enabled: z.boolean(),
    severity,
    thresholdG: z.number().positive().max(500),
    /** Peaks at or above this are CRITICAL whatever `severity` says. */
    criticalG: z.number().positive().max(500),
    clearAfterQuietMin: minutes,
  }),
  deviceSilent: z.object({
    enabled: z.boolean(),
    severity,
    /** Silent once nothing was heard for reporting interval × k. */
    intervalFactor: z.number().min(1).max(100),
  }),
  sealBreach: z.object({ enabled: z.boolean(), severity }),
});
export type AlarmRuleSettings = z.infer<typeof alarmRuleSettingsSchema>;

const bound = z.number().min(-100).max(100).nullable();

export const temperatureProfileSchema = z.object({
  profileId: z.string().regex(/^[A-Z0-9_]{2,40}$/),
  /** Required temperature band; outside it for D minutes is an excursion. Null = unbounded side. */
  band: z.object({ minC: bound, maxC: bound }),
  /** Any single reading beyond these is a hard-limit breach. */
  hardLimits: z.object({ minC: bound, maxC: bound }),
  /** Tolerated excursion (USP <659> style): beyond its bounds, cumulative hours or MKT limit, the excursion alarm turns CRITICAL. */
  excursionAllowance: z
    .object({
      minC: z.number(),
      maxC: z.number(),
      maxCumulativeH: z.number().positive(),
      mktLimitC: z.number(),
    })
    .nullable(),
  rules: alarmRuleSettingsSchema,
});
export type TemperatureProfile = z.infer<typeof temperatureProfileSchema>;

const commonRules = {
  doorOpenedOutsideZone: { enabled: true, severity: 'CRITICAL' },
  corridorDeviation: {
    enabled: true,
    severity: 'MAJOR',
    outsideForMin: 30,
    clearWithinRatio: 0.8,
    clearAfterMin: 15,
  },
  unplannedStop: { enabled: true, severity: 'MAJOR', stoppedForMin: 120, speedBelowKmh: 2, stopRadiusM: 500 },
  shock: { enabled: true, severity: 'MAJOR', thresholdG: 5, criticalG: 10, clearAfterQuietMin: 60 },
  deviceSilent: { enabled: true, severity: 'MAJOR', intervalFactor: 3 },
  sealBreach: { enabled: true, severity: 'CRITICAL' },
} satisfies Partial<AlarmRuleSettings>;

const PHARMA_2_8: TemperatureProfile = {
  profileId: 'PHARMA_2_8',
  band: { minC: 2, maxC: 8 },
  hardLimits: { minC: 0, maxC: 15 },
  excursionAllowance: { minC: 0, maxC: 15, maxCumulativeH: 24, mktLimitC: 8 },
  rules: {
    temperatureExcursion: {
      enabled: true,
      severity: 'MAJOR',
      outOfBandForMin: 30,
      clearMarginC: 0.5,
      clearAfterMin: 30,
    },
    temperatureHardLimit: { enabled: true, severity: 'CRITICAL', clearMarginC: 1, clearAfterMin: 30 },
    mktAboveLimit: {
      enabled: true,
      severity: 'MAJOR',
      limitC: 8,
      windowH: 24,
      minCoverageH: 6,
      activationEnergyK: 10_000,
      clearMarginC: 0.2,
    },
    ...commonRules,
    shock: { ...commonRules.shock, thresholdG: 3, criticalG: 8 },
  },
};

const FROZEN: TemperatureProfile = {
  profileId: 'FROZEN',
  band: { minC: null, maxC: -18 },
  hardLimits: { minC: null, maxC: -15 },
  excursionAllowance: null,
  rules: {
    temperatureExcursion: {
      enabled: true,
      severity: 'MAJOR',
      outOfBandForMin: 60,
      clearMarginC: 1,
      clearAfterMin: 30,
    },
    temperatureHardLimit: { enabled: true, severity: 'CRITICAL', clearMarginC: 1, clearAfterMin: 30 },
    mktAboveLimit: {
      enabled: false,
      severity: 'MAJOR',
      limitC: -18,
      windowH: 24,
      minCoverageH: 6,
      activationEnergyK: 10_000,
      clearMarginC: 0.2,
    },
    ...commonRules,
  },
};

const CHILLED: TemperatureProfile = {
  profileId: 'CHILLED',
  band: { minC: 0, maxC: 5 },
  hardLimits: { minC: -1, maxC: 8 },
  excursionAllowance: null,
  rules: {
    temperatureExcursion: {
      enabled: true,
      severity: 'MAJOR',
      outOfBandForMin: 60,
      clearMarginC: 0.5,
      clearAfterMin: 30,
    },
    temperatureHardLimit: { enabled: true, severity: 'CRITICAL', clearMarginC: 0.5, clearAfterMin: 30 },
    mktAboveLimit: {
      enabled: false,
      severity: 'MAJOR',
      limitC: 5,
      windowH: 24,
      minCoverageH: 6,
      activationEnergyK: 10_000,
      clearMarginC: 0.2,
    },
    ...commonRules,
  },
};

const AMBIENT: TemperatureProfile = {
  profileId: 'AMBIENT',
  band: { minC: 15, maxC: 25 },
  hardLimits: { minC: 2, maxC: 30 },
  excursionAllowance: { minC: 15, maxC: 30, maxCumulativeH: 24, mktLimitC: 25 },
  rules: {
    temperatureExcursion: {
      enabled: true,
      severity: 'MINOR',
      outOfBandForMin: 120,
      clearMarginC: 1,
      clearAfterMin: 60,
    },
    temperatureHardLimit: { enabled: true, severity: 'MAJOR', clearMarginC: 1, clearAfterMin: 60 },
    mktAboveLimit: {
      enabled: true,
      severity: 'MAJOR',
      limitC: 25,
      windowH: 24,
      minCoverageH: 6,
      activationEnergyK: 10_000,
      clearMarginC: 0.2,
    },
    ...commonRules,
  },
};

/** The built-in profiles, keyed by id. */
export const TEMPERATURE_PROFILES: Readonly<Record<string, TemperatureProfile>> = Object.freeze({
  PHARMA_2_8,
  FROZEN,
  CHILLED,
  AMBIENT,
});
export type BuiltInProfileId = 'PHARMA_2_8' | 'FROZEN' | 'CHILLED' | 'AMBIENT';

type DeepPartial<T> = {
  [K in keyof T]?: T[K] extends object | null ? DeepPartial<NonNullable<T[K]>> | null : T[K];
};
export type TemperatureProfileOverrides = DeepPartial<Omit<TemperatureProfile, 'profileId'>>;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function merge(base: unknown, patch: unknown): unknown {
  if (patch === undefined) return base;
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) out[key] = merge(base[key], value);
  return out;
}

/**
 * A built-in profile with a shipment's overrides merged in and the result validated.
 * Throws `TEMPERATURE_PROFILE_UNKNOWN` or `SHIPMENT_PLAN_INVALID` (with zod issue paths).
 */
export function resolveTemperatureProfile(
  profileId: string,
  overrides: TemperatureProfileOverrides = {},
): TemperatureProfile {
  const base = TEMPERATURE_PROFILES[profileId];
  if (base === undefined) throw new IotDomainError('TEMPERATURE_PROFILE_UNKNOWN', { profileId });
  const parsed = temperatureProfileSchema.safeParse(merge(base, overrides));
  if (!parsed.success) {
    throw new IotDomainError('SHIPMENT_PLAN_INVALID', {
      issues: parsed.error.issues.map((i) => ({
        path: ['temperatureProfile', ...i.path].join('.'),
        code: i.code,
      })),
    });
  }
  return parsed.data;
}
