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
  if (failing.length === 0) {
    return {
      basis,
      thresholdPercent,
      allowedByRule,
      applies: false,
      sharePercent: null,
      ok: null,
      excludedMaterials: [],
      missing: null,
      verdict: 'pass',
    };
  }
  const exclusions = ruleSet.exclusions.filter((exclusion) =>
    anyRangeContains(exclusion.products, good.code),
  );
  const excludedMaterials: number[] = [];
  let value = 0n;
  let weight = 0n;
  let weightMissing = false;
  for (const material of failing) {
    if (exclusions.some((exclusion) => anyRangeContains(exclusion.materials, material.code))) {
      excludedMaterials.push(material.index);
    }
    value += material.valueMinor;
    if (material.weightMg === null) weightMissing = true;
    else weight += material.weightMg;
  }
  let share: Share | null = null;
  let missing: DeMinimisResult['missing'] = null;
  if (byWeight) {
    if (good.weightMg === null) missing = 'good_weight';
    else if (weightMissing) missing = 'material_weight';
    else share = { numerator: weight, denominator: good.weightMg };
  } else {
    const denominator =
      config.valueDenominator === 'transaction_value' ? good.transactionValueMinor : good.adjustedValueMinor;
    if (denominator === null) missing = 'good_value';
    else share = { numerator: value, denominator };
  }
  const refused = !allowedByRule || excludedMaterials.length > 0;
  const ok = refused ? false : share === null ? null : shareAtMost(share, thresholdPercent);
  return {
    basis,
    thresholdPercent,
    allowedByRule,
    applies: true,
    sharePercent: share === null ? null : sharePercent(share),
    ok,
    excludedMaterials,
    missing,
    verdict: ok === null ? 'unknown' : ok ? 'pass' : 'fail',
  };
}
