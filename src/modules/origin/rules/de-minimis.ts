import type { EvaluationContext, MaterialFacts, Verdict } from './evaluate.js';
import { anyRangeContains } from './hs-range.js';
import { sharePercent, shareAtMost, type Share } from './percentage.js';

/**
 * De minimis: non-originating materials that fail a tariff shift still let the good qualify if their share of
 * the good is at most the agreement's threshold — by value (transaction value for USMCA, adjusted value for
 * CAFTA-DR), or by weight for the goods the agreement names (textiles). Materials under an exclusion, and tests
 * whose rule refuses de minimis, are never rescued.
 */
export interface DeMinimisResult {
  /** Whether any non-originating material failed the shift, so that de minimis was called on. */
  readonly applies: boolean;
  readonly basis: 'value' | 'weight';
  readonly thresholdPercent: number;
  /** Share of the failing materials, rounded; `null` when not computed (no failures, or data missing). */
  readonly sharePercent: number | null;
  /** `null` when de minimis was not called on or could not be computed. */
  readonly ok: boolean | null;
  /** Failing materials that the agreement or the rule keeps out of de minimis. */
  readonly excludedMaterials: readonly number[];
  readonly allowedByRule: boolean;
  readonly missing: 'good_value' | 'good_weight' | 'material_weight' | null;
}

const sum = (values: readonly bigint[]): bigint => values.reduce((total, value) => total + value, 0n);

/** The de minimis test for `failing`, the non-originating materials that failed a tariff shift. */
export function deMinimis(
  context: EvaluationContext,
  failing: readonly MaterialFacts[],
  allowedByRule: boolean,
): DeMinimisResult & { readonly verdict: Verdict } {
  const { ruleSet, good } = context;
  const config = ruleSet.ruleSet.deMinimis;
  const byWeight = anyRangeContains(ruleSet.weightBasisFor, good.code);
  const basis = byWeight ? 'weight' : 'value';
  const thresholdPercent = byWeight ? config.weightThresholdPercent : config.thresholdPercent;
  const base = { basis, thresholdPercent, allowedByRule } as const;
  if (failing.length === 0) {
    return {
      ...base,
      applies: false,
      sharePercent: null,
      ok: null,
      excludedMaterials: [],
      missing: null,
      verdict: 'pass',
    };
  }
  const excludedMaterials = failing
    .filter((material) =>
      ruleSet.exclusions.some(
        (exclusion) =>
          anyRangeContains(exclusion.products, good.code) &&
          anyRangeContains(exclusion.materials, material.code),
      ),
    )
    .map((material) => material.index);
  let share: Share | null = null;
  let missing: DeMinimisResult['missing'] = null;
  if (byWeight) {
    const weights = failing.map((material) => material.weightMg);
    if (good.weightMg === null) missing = 'good_weight';
    else if (weights.some((weight) => weight === null)) missing = 'material_weight';
    else share = { numerator: sum(weights.filter((weight) => weight !== null)), denominator: good.weightMg };
  } else {
    const denominator =
      config.valueDenominator === 'transaction_value' ? good.transactionValueMinor : good.adjustedValueMinor;
    if (denominator === null) missing = 'good_value';
    else share = { numerator: sum(failing.map((material) => material.valueMinor)), denominator };
  }
  const refused = !allowedByRule || excludedMaterials.length > 0;
  const within = share === null ? null : shareAtMost(share, thresholdPercent);
  const ok = refused ? false : within;
  return {
    ...base,
    applies: true,
    sharePercent: share === null ? null : sharePercent(share),
    ok,
    excludedMaterials,
    missing,
    verdict: ok === null ? 'unknown' : ok ? 'pass' : 'fail',
  };
}
