import {
  parseOriginClaim,
  type AssessmentOptions,
  type BillOfMaterialsLine,
  type ClaimedGood,
  type OriginClaim,
  type ProductionTrace,
} from './assessment.schema.js';
import { compileRuleSet, findRule, type CompiledRuleSet } from './compile.js';
import { OriginRuleError } from './errors.js';
import {
  anyOf,
  evaluateRule,
  testsOf,
  type DeMinimisResult,
  type EvaluationNode,
  type GoodFacts,
  type MaterialFacts,
  type MaterialShift,
  type OriginStatus,
  type RvcOutcome,
  type Verdict,
} from './evaluate.js';
import { normaliseHsCode, type ShiftLevel } from './hs-range.js';
import { milligrams, minorUnits, sharePercent, toSafeNumber } from './percentage.js';
import { reason, reasonsOfEvaluation, type OriginReason } from './reasons.js';
import type { Agreement, ProductSpecificRule, RuleSet } from './rule.schema.js';

/** Outcome of a preferential origin claim. */
export type OriginOutcome = 'qualifies' | 'does_not_qualify' | 'insufficient_evidence';

/** Which origin criterion the good meets: wholly obtained, only originating materials, or the PSR. */
export type OriginCriterion = 'wholly_obtained' | 'originating_materials_only' | 'product_specific_rule';

/** Where a material's status comes from. */
export type OriginStatusSource = 'declared' | 'trace' | 'outside_territory' | 'evidence_missing';

/** One bill-of-materials line on the worksheet. */
export interface WorksheetMaterial {
  readonly index: number;
  readonly description: string;
  readonly hs: string;
  readonly originCountry: string;
  readonly status: OriginStatus;
  readonly statusSource: OriginStatusSource;
  readonly valueMinor: number;
  /** Share of the good's value basis (TV for USMCA, AV for CAFTA-DR), rounded to two decimals. */
  readonly valueSharePercent: number | null;
  readonly weightKg: number | null;
  readonly weightSharePercent: number | null;
  /** Result of the worksheet's tariff-shift test; `null` if originating or no shift was tested. */
  readonly shiftOk: boolean | null;
  readonly shiftLevel: ShiftLevel | null;
  readonly shiftFinding: MaterialShift['finding'] | null;
  /** The material's own assessment, when its origin was decided from its provenance trace. */
  readonly trace: OriginAssessment | null;
}

/** The figures behind an outcome. Percentages are rounded half away from zero to two decimals, once, at the end. */
export interface OriginWorksheet {
  readonly valueBasis: 'transaction_value' | 'adjusted_value';
  readonly valueBasisMinor: number | null;
  readonly materials: readonly WorksheetMaterial[];
  /** Value of non-originating materials, counting materials of unknown origin as non-originating. */
  readonly vnmMinor: number;
  /** Value of originating materials, not counting materials of unknown origin. */
  readonly vomMinor: number;
  readonly unknownOriginValueMinor: number;
  /** The RVC test that decided the rule (or the first evaluated), if the rule has one. */
  readonly rvc: RvcOutcome | null;
  /** De minimis of the tariff-shift test that decided the rule (or the first evaluated). */
  readonly deMinimis: DeMinimisResult | null;
  /** Every test of the rule, as a tree. */
  readonly evaluation: EvaluationNode | null;
}

/** The rule applied, with its source reference. */
export type AppliedRule = Pick<ProductSpecificRule, 'id' | 'hs' | 'text' | 'source' | 'simplifications'>;

/** Result of {@link assessOrigin}. */
export interface OriginAssessment {
  readonly outcome: OriginOutcome;
  readonly agreement: Agreement;
  readonly criterion: OriginCriterion | null;
  readonly rule: AppliedRule | null;
  readonly worksheet: OriginWorksheet;
  readonly reasons: readonly OriginReason[];
}

/** Request of {@link assessOrigin}: a validated rule set and the claim (validated here). */
export interface OriginAssessmentRequest extends OriginClaim {
  readonly ruleSet: RuleSet;
}

/** Deepest provenance trace followed (cotton → yarn → fabric → garment is 3). */
export const MAX_TRACE_DEPTH = 16;

interface Resolved {
  readonly facts: MaterialFacts;
  readonly line: BillOfMaterialsLine;
  readonly source: OriginStatusSource;
  readonly trace: OriginAssessment | null;
}

const optionalMinor = (value: number | undefined): bigint | null =>
  value === undefined ? null : minorUnits(value);
const STATUS_OF_OUTCOME: Readonly<Record<OriginOutcome, OriginStatus>> = {
  qualifies: 'originating',
  does_not_qualify: 'non_originating',
  insufficient_evidence: 'unknown',
};

interface ResolutionContext {
  readonly ruleSet: CompiledRuleSet;
  readonly parties: ReadonlySet<string>;
  readonly options: AssessmentOptions;
  readonly depth: number;
}

function materialFacts(line: BillOfMaterialsLine, index: number, status: OriginStatus): MaterialFacts {
  return {
    index,
    description: line.description,
    code: normaliseHsCode(line.hs),
    status,
    valueMinor: minorUnits(line.valueMinor),
    weightMg: line.weightKg === undefined ? null : milligrams(line.weightKg),
  };
}

/** Assesses a material that comes with its provenance trace, as an intermediate good of the same rule set. */
function assessTrace(
  line: BillOfMaterialsLine,
  trace: ProductionTrace,
  context: ResolutionContext,
): OriginAssessment {
  const value = line.valueMinor > 0 ? line.valueMinor : undefined;
  return assessClaim(
    context.ruleSet,
    {
      product: {
        hs: line.hs,
        producedIn: trace.producedIn ?? line.originCountry,
        transactionValueMinor: value,
        adjustedValueMinor: value,
        netCostMinor: trace.netCostMinor,
        weightKg: line.weightKg,
        whollyObtained: trace.whollyObtained,
        processes: trace.processes,
      },
      materials: trace.materials,
      partyCountries: [...context.parties],
      options: context.options,
    },
    context.depth + 1,
  );
}

/** Decides a material's origin: outside the territory, from its trace, or as declared (with evidence if asked). */
function resolveMaterial(
  line: BillOfMaterialsLine,
  index: number,
  context: ResolutionContext,
  reasons: OriginReason[],
): Resolved {
  if (!context.parties.has(line.originCountry)) {
    if (line.originating === true) {
      reasons.push(
        reason('MATERIAL_CLAIMED_ORIGINATING_OUTSIDE_TERRITORY', {
          materialIndex: index,
          description: line.description,
          country: line.originCountry,
        }),
      );
    }
    return {
      facts: materialFacts(line, index, 'non_originating'),
      line,
      source: 'outside_territory',
      trace: null,
    };
  }
  let trace: OriginAssessment | null = null;
  if (line.trace !== undefined) {
    trace = assessTrace(line, line.trace, context);
    const traced = STATUS_OF_OUTCOME[trace.outcome];
    if (traced !== 'unknown') {
      if (typeof line.originating === 'boolean' && (traced === 'originating') !== line.originating) {
        reasons.push(
          reason('MATERIAL_ORIGIN_CONFLICTS_WITH_TRACE', {
            materialIndex: index,
            description: line.description,
            declared: String(line.originating),
            traced,
          }),
        );
      }
      return { facts: materialFacts(line, index, traced), line, source: 'trace', trace };
    }
  }
  if (
    line.originating === true &&
    context.options.requireEvidence === true &&
    (line.evidence ?? []).length === 0
  ) {
    reasons.push(
      reason('MATERIAL_ORIGIN_UNEVIDENCED', { materialIndex: index, description: line.description }),
    );
    return { facts: materialFacts(line, index, 'unknown'), line, source: 'evidence_missing', trace };
  }
  const status =
    line.originating === 'unknown' ? 'unknown' : line.originating ? 'originating' : 'non_originating';
  return { facts: materialFacts(line, index, status), line, source: 'declared', trace };
}

function goodFacts(good: ClaimedGood, code: string): GoodFacts {
  return {
    code,
    transactionValueMinor: optionalMinor(good.transactionValueMinor),
    netCostMinor: optionalMinor(good.netCostMinor),
    adjustedValueMinor: optionalMinor(good.adjustedValueMinor),
    weightMg: good.weightKg === undefined || good.weightKg <= 0 ? null : milligrams(good.weightKg),
    whollyObtained: good.whollyObtained === true,
    processes: good.processes ?? null,
  };
}

const share = (part: bigint, whole: bigint | null): number | null =>
  whole === null || whole <= 0n ? null : sharePercent({ numerator: part, denominator: whole });

function buildWorksheet(
  ruleSet: CompiledRuleSet,
  good: GoodFacts,
  resolved: readonly Resolved[],
  evaluation: EvaluationNode | null,
): OriginWorksheet {
  const valueBasis = ruleSet.ruleSet.deMinimis.valueDenominator;
  const basis = valueBasis === 'transaction_value' ? good.transactionValueMinor : good.adjustedValueMinor;
  const tests = evaluation === null ? [] : testsOf(evaluation);
  const pick = <T extends (typeof tests)[number]['type']>(type: T) => {
    const ofType = tests.filter((test) => test.type === type);
    return (ofType.find((test) => test.applied) ?? ofType[0]) as
      Extract<(typeof tests)[number], { type: T }> | undefined;
  };
  const shiftTest = pick('tariff_shift');
  let nonOriginating = 0n;
  let originating = 0n;
  let unknown = 0n;
  for (const { facts } of resolved) {
    if (facts.status === 'originating') originating += facts.valueMinor;
    else if (facts.status === 'non_originating') nonOriginating += facts.valueMinor;
    else unknown += facts.valueMinor;
  }
  return {
    valueBasis,
    valueBasisMinor: basis === null ? null : toSafeNumber(basis, 'value basis'),
    materials: resolved.map(({ facts, line, source, trace }) => {
      const shift = shiftTest?.materials[facts.index];
      return {
        index: facts.index,
        description: line.description,
        hs: line.hs,
        originCountry: line.originCountry,
        status: facts.status,
        statusSource: source,
        valueMinor: line.valueMinor,
        valueSharePercent: share(facts.valueMinor, basis),
        weightKg: line.weightKg ?? null,
        weightSharePercent: facts.weightMg === null ? null : share(facts.weightMg, good.weightMg),
        shiftOk: shift?.shiftOk ?? null,
        shiftLevel: shift === undefined || shift.shiftOk === null ? null : (shiftTest?.level ?? null),
        shiftFinding: shift?.finding ?? null,
        trace,
      };
    }),
    vnmMinor: toSafeNumber(nonOriginating + unknown, 'VNM'),
    vomMinor: toSafeNumber(originating, 'VOM'),
    unknownOriginValueMinor: toSafeNumber(unknown, 'unknown-origin value'),
    rvc: pick('rvc') ?? null,
    deMinimis: shiftTest?.deMinimis ?? null,
    evaluation,
  };
}

function appliedRule(rule: ProductSpecificRule): AppliedRule {
  const { id, hs, text, source, simplifications } = rule;
  return { id, hs, text, source, simplifications };
}

/** Criterion A: the good is claimed wholly obtained, and no material contradicts the claim. */
function whollyObtainedVerdict(
  good: GoodFacts,
  facts: readonly MaterialFacts[],
  reasons: OriginReason[],
): Verdict {
  if (!good.whollyObtained) return 'fail';
  const contradiction = facts.find((material) => material.status === 'non_originating');
  if (contradiction !== undefined) {
    reasons.push(
      reason('WHOLLY_OBTAINED_CONTRADICTED', {
        materialIndex: contradiction.index,
        description: contradiction.description,
      }),
    );
    return 'fail';
  }
  return facts.some((material) => material.status === 'unknown') ? 'unknown' : 'pass';
}

/** Criterion C: the good is produced exclusively from originating materials (an empty BOM proves nothing). */
function originatingOnlyVerdict(facts: readonly MaterialFacts[]): Verdict {
  if (facts.length === 0) return 'unknown';
  if (facts.some((material) => material.status === 'non_originating')) return 'fail';
  return facts.some((material) => material.status === 'unknown') ? 'unknown' : 'pass';
}

/** The assessment itself, on a validated claim; `depth` counts provenance steps followed so far. */
function assessClaim(ruleSet: CompiledRuleSet, claim: OriginClaim, depth: number): OriginAssessment {
  if (depth > MAX_TRACE_DEPTH) {
    throw new OriginRuleError('ORIGIN_TRACE_TOO_DEEP', `provenance trace deeper than ${MAX_TRACE_DEPTH}`, {
      params: { maxDepth: MAX_TRACE_DEPTH },
    });
  }
  const { product, materials } = claim;
  const parties = new Set(claim.partyCountries ?? ruleSet.ruleSet.parties);
  const options = claim.options ?? {};
  const reasons: OriginReason[] = [];
  const context = { ruleSet, parties, options, depth };
  const resolved = materials.map((line, index) => resolveMaterial(line, index, context, reasons));
  const good = goodFacts(product, normaliseHsCode(product.hs));
  const facts = resolved.map((r) => r.facts);
  const compiledRule = findRule(ruleSet, good.code);
  const base = {
    agreement: ruleSet.ruleSet.agreement,
    rule: compiledRule ? appliedRule(compiledRule.rule) : null,
  };

  if (!parties.has(product.producedIn)) {
    reasons.push(reason('PRODUCED_OUTSIDE_TERRITORY', { country: product.producedIn }));
    const worksheet = buildWorksheet(ruleSet, good, resolved, null);
    return { ...base, outcome: 'does_not_qualify', criterion: null, worksheet, reasons };
  }

  const whollyObtained = whollyObtainedVerdict(good, facts, reasons);
  const originatingOnly = originatingOnlyVerdict(facts);
  const evaluation =
    compiledRule === undefined ? null : evaluateRule({ ruleSet, rule: compiledRule, good, materials: facts });
  const productRule: Verdict = evaluation?.verdict ?? 'unknown';
  const verdict = anyOf([whollyObtained, originatingOnly, productRule]);
  const worksheet = buildWorksheet(ruleSet, good, resolved, evaluation);

  let criterion: OriginCriterion | null = null;
  if (whollyObtained === 'pass') criterion = 'wholly_obtained';
  else if (originatingOnly === 'pass') criterion = 'originating_materials_only';
  else if (productRule === 'pass') criterion = 'product_specific_rule';

  const decisive: OriginReason[] = [];
  if (criterion === 'wholly_obtained') decisive.push(reason('QUALIFIES_WHOLLY_OBTAINED'));
  if (criterion === 'originating_materials_only')
    decisive.push(reason('QUALIFIES_ORIGINATING_MATERIALS_ONLY'));
  if (criterion === 'product_specific_rule' && compiledRule !== undefined) {
    decisive.push(reason('QUALIFIES_PRODUCT_SPECIFIC_RULE', { ruleId: compiledRule.rule.id }));
  }
  if (criterion === null || criterion === 'product_specific_rule') {
    if (facts.length === 0 && !good.whollyObtained) decisive.push(reason('BILL_OF_MATERIALS_EMPTY'));
    if (compiledRule === undefined) {
      decisive.push(reason('PRODUCT_SPECIFIC_RULE_NOT_FOUND', { hs: product.hs }));
    } else if (evaluation !== null) {
      const field =
        ruleSet.ruleSet.deMinimis.valueDenominator === 'transaction_value'
          ? 'transactionValueMinor'
          : 'adjustedValueMinor';
      decisive.push(...reasonsOfEvaluation(evaluation, facts, field));
    }
  }
  const unknown = facts.filter((material) => material.status === 'unknown');
  if (unknown.length > 0) {
    // The unknown origins decide the outcome if settling them one way or the other changes the verdict.
    const settled = (status: OriginStatus) => {
      const assumed = facts.map((m) => (m.status === 'unknown' ? { ...m, status } : m));
      const rule = compiledRule && evaluateRule({ ruleSet, rule: compiledRule, good, materials: assumed });
      return anyOf([
        whollyObtainedVerdict(good, assumed, []),
        originatingOnlyVerdict(assumed),
        rule?.verdict ?? 'unknown',
      ]);
    };
    const decides = settled('originating') !== settled('non_originating');
    const code = decides ? 'MATERIAL_ORIGIN_UNKNOWN' : 'MATERIAL_ORIGIN_UNKNOWN_NOT_DECISIVE';
    for (const material of unknown) {
      reasons.push(reason(code, { materialIndex: material.index, description: material.description }));
    }
  }
  const outcome: OriginOutcome =
    verdict === 'pass' ? 'qualifies' : verdict === 'fail' ? 'does_not_qualify' : 'insufficient_evidence';
  return { ...base, outcome, criterion, worksheet, reasons: [...decisive, ...reasons] };
}

/**
 * Assesses a preferential origin claim: is the good originating under the agreement of `ruleSet`? The good
 * qualifies if wholly obtained, if all its materials are originating, or if its non-originating materials meet
 * the product-specific rule (tariff shift with de minimis, RVC, processes). Materials with a provenance trace
 * are assessed in turn as intermediate goods. A material of unknown origin that could change the outcome
 * makes it `insufficient_evidence`, never `does_not_qualify`.
 *
 * @throws OriginRuleError `ORIGIN_REQUEST_INVALID` (with JSON pointers) for a malformed claim.
 */
export function assessOrigin(request: OriginAssessmentRequest): OriginAssessment {
  const { ruleSet, ...claim } = request;
  return assessClaim(compileRuleSet(ruleSet), parseOriginClaim(claim), 0);
}
