/**
 * Rules of origin, as a pure library: product-specific rules as data (wholly obtained, change in tariff
 * classification with exceptions and ranges, regional value content, production processes, combined with
 * `and`/`or`), the agreements' de minimis, and an assessment that turns a preferential claim and its provenance
 * trace into `qualifies`, `does_not_qualify` or `insufficient_evidence`, with the worksheet behind it.
 *
 * Money is in integer minor units and percentages are exact until reported, rounded half away from zero to
 * two decimals; thresholds are compared exactly. Reason and error codes are stable; translate them with
 * `messages.en.json` / `messages.es.json`.
 *
 * @example
 * const usmca = loadRuleSet('USMCA');
 * const result = assessOrigin({ ruleSet: usmca, product, materials });
 * if (result.outcome === 'qualifies') … result.worksheet.rvc?.percent …
 */
import { readFileSync } from 'node:fs';
import { OriginRuleError } from './errors.js';
import { AGREEMENTS, parseRuleSet, type Agreement, type RuleSet } from './rule.schema.js';

export { assessOrigin, MAX_TRACE_DEPTH } from './assess.js';
export type {
  AppliedRule,
  OriginAssessment,
  OriginAssessmentRequest,
  OriginCriterion,
  OriginOutcome,
  OriginStatusSource,
  OriginWorksheet,
  WorksheetMaterial,
} from './assess.js';
export { EVIDENCE_KINDS, parseOriginClaim } from './assessment.schema.js';
export type {
  AssessmentOptions,
  BillOfMaterialsLine,
  ClaimedGood,
  OriginClaim,
  OriginEvidence,
  ProductionTrace,
} from './assessment.schema.js';
export { ORIGIN_RULE_ERROR_CODES, OriginRuleError } from './errors.js';
export type { OriginFieldIssue, OriginRuleErrorCode } from './errors.js';
export type {
  DeMinimisResult,
  EvaluationNode,
  MaterialShift,
  OriginStatus,
  RvcOutcome,
  ShiftFinding,
  TariffShiftOutcome,
  TestOutcome,
  Verdict,
} from './evaluate.js';
export {
  classificationChanges,
  formatHsCode,
  normaliseHsCode,
  parseHsRange,
  rangeContains,
} from './hs-range.js';
export type { HsLevel, HsRange, ShiftLevel } from './hs-range.js';
export { ORIGIN_REASON_CODES } from './reasons.js';
export type { OriginReason, OriginReasonCode } from './reasons.js';
export { AGREEMENTS, parseRuleSet, RVC_METHODS, ruleSetSchema } from './rule.schema.js';
export type {
  Agreement,
  DeMinimisConfig,
  DeMinimisExclusion,
  ProductSpecificRule,
  RuleExpression,
  RuleSet,
  RvcMethod,
  RvcTest,
  SourceReference,
  TariffShiftTest,
} from './rule.schema.js';

/** Folder of the sample rule sets (`assets/origin/`), resolved from this module's location. */
export const ORIGIN_ASSETS_URL = new URL('../../../../assets/origin/', import.meta.url);

const FILE_BY_AGREEMENT: Readonly<Record<Agreement, string>> = {
  USMCA: 'usmca.json',
  'CAFTA-DR': 'cafta-dr.json',
};

const loaded = new Map<Agreement, RuleSet>();

/**
 * The sample rule set of an agreement, read from `assets/origin/` on first use, validated, and kept for the
 * life of the process (the same object each call, so compiled ranges are reused).
 *
 * @throws OriginRuleError `ORIGIN_RULE_SET_UNKNOWN` for an agreement without a rule set;
 *   `ORIGIN_RULE_SET_INVALID` (with JSON pointers) if the asset does not validate.
 */
export function loadRuleSet(agreement: Agreement): RuleSet {
  const cached = loaded.get(agreement);
  if (cached !== undefined) return cached;
  if (!(AGREEMENTS as readonly string[]).includes(agreement)) {
    throw new OriginRuleError('ORIGIN_RULE_SET_UNKNOWN', `no rule set for ${String(agreement)}`, {
      params: { agreement: String(agreement) },
    });
  }
  const text = readFileSync(new URL(FILE_BY_AGREEMENT[agreement], ORIGIN_ASSETS_URL), 'utf8');
  const ruleSet = parseRuleSet(JSON.parse(text) as unknown);
  if (ruleSet.agreement !== agreement) {
    throw new OriginRuleError(
      'ORIGIN_RULE_SET_INVALID',
      `asset for ${agreement} holds ${ruleSet.agreement}`,
      {
        issues: [{ pointer: '/agreement', message: `expected ${agreement}` }],
      },
    );
  }
  deepFreeze(ruleSet);
  loaded.set(agreement, ruleSet);
  return ruleSet;
}

/** Freezes shared rule data so that no caller can change another caller's rules. */
function deepFreeze(value: unknown): void {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return;
  Object.freeze(value);
  for (const child of Object.values(value)) deepFreeze(child);
}
