import type { CompiledExpression, CompiledRule, CompiledRuleSet } from './compile.js';
import { deMinimis, type DeMinimisResult } from './de-minimis.js';
import { anyRangeContains as inAny, classificationChanges, type ShiftLevel } from './hs-range.js';
import { sharePercent, shareAtLeast, toSafeNumber, type Share } from './percentage.js';
import type { RvcMethod } from './rule.schema.js';

/**
 * Evaluation of a product-specific rule. Every test is monotone in the set of originating materials (a material
 * turning originating never makes a test fail), so each test is run twice: pessimistically, with materials of
 * unknown origin counted as non-originating, and optimistically, with them counted as originating. A test
 * passes if it passes pessimistically, fails if it fails optimistically, and is otherwise `unknown`: the
 * unknown origins matter. `and`/`or` combine verdicts in three-valued (Kleene) logic. Worksheet figures are
 * the pessimistic ones.
 */
export type Verdict = 'pass' | 'fail' | 'unknown';

export type { DeMinimisResult } from './de-minimis.js';

export type OriginStatus = 'originating' | 'non_originating' | 'unknown';

export interface MaterialFacts {
  readonly index: number;
  readonly description: string;
  /** Normalised HS digits. */
  readonly code: string;
  readonly status: OriginStatus;
  readonly valueMinor: bigint;
  readonly weightMg: bigint | null;
}

export interface GoodFacts {
  readonly code: string;
  readonly transactionValueMinor: bigint | null;
  readonly netCostMinor: bigint | null;
  readonly adjustedValueMinor: bigint | null;
  readonly weightMg: bigint | null;
  readonly whollyObtained: boolean;
  readonly processes: readonly string[] | null;
}

export interface EvaluationContext {
  readonly ruleSet: CompiledRuleSet;
  readonly rule: CompiledRule;
  readonly good: GoodFacts;
  readonly materials: readonly MaterialFacts[];
}

/** Why a non-originating material does or does not satisfy a tariff shift. */
export type ShiftFinding =
  | 'originating'
  | 'changes_classification'
  | 'listed_source'
  | 'no_change'
  | 'excluded_source'
  | 'not_from_listed_source'
  | 'within_group';

export interface MaterialShift {
  readonly materialIndex: number;
  /** `null` for an originating material, which no tariff shift applies to. */
  readonly shiftOk: boolean | null;
  readonly finding: ShiftFinding;
}

interface TestBase {
  readonly path: string;
  readonly verdict: Verdict;
}

export interface TariffShiftOutcome extends TestBase {
  readonly type: 'tariff_shift';
  readonly level: ShiftLevel;
  readonly materials: readonly MaterialShift[];
  readonly deMinimis: DeMinimisResult;
}

export interface RvcOutcome extends TestBase {
  readonly type: 'rvc';
  readonly method: RvcMethod;
  readonly min: number;
  /** RVC rounded half away from zero to two decimals; `null` when the value basis is missing. */
  readonly percent: number | null;
  /** Whether the exact (unrounded) RVC reaches `min`; `null` when it cannot be computed. */
  readonly ok: boolean | null;
  /** TV, NC or AV used as the denominator, in minor units. */
  readonly valueBasisMinor: number | null;
  readonly vnmMinor: number;
  readonly vomMinor: number;
  /** The RVC if every material of unknown origin proved originating; only when some origin is unknown. */
  readonly percentIfUnknownOriginating: number | null;
}

export interface ProcessOutcome extends TestBase {
  readonly type: 'production_process';
  readonly process: string;
  readonly declared: boolean;
}

export interface MaterialsOriginatingOutcome extends TestBase {
  readonly type: 'materials_originating';
  readonly ranges: readonly string[];
  /** Materials in scope that are not (or not shown to be) originating. */
  readonly notOriginating: readonly number[];
}

export interface WhollyObtainedOutcome extends TestBase {
  readonly type: 'wholly_obtained';
}

export type TestOutcome =
  TariffShiftOutcome | RvcOutcome | ProcessOutcome | MaterialsOriginatingOutcome | WhollyObtainedOutcome;

/** The evaluated expression tree; `applied` marks the tests that decided the verdict. */
export type EvaluationNode =
  | (TestOutcome & { readonly applied: boolean })
  | {
      readonly type: 'and' | 'or';
      readonly path: string;
      readonly verdict: Verdict;
      readonly applied: boolean;
      readonly children: readonly EvaluationNode[];
    };

type Scenario = 'pessimistic' | 'optimistic';

const counted = (material: MaterialFacts, scenario: Scenario): 'originating' | 'non_originating' =>
  material.status === 'unknown'
    ? scenario === 'pessimistic'
      ? 'non_originating'
      : 'originating'
    : material.status;

function combine(pessimistic: Verdict, optimistic: Verdict): Verdict {
  if (pessimistic === 'pass') return 'pass';
  if (optimistic === 'fail') return 'fail';
  return 'unknown';
}

function shiftFinding(
  node: Extract<CompiledExpression, { type: 'tariff_shift' }>,
  context: EvaluationContext,
  material: MaterialFacts,
): ShiftFinding {
  if (inAny(node.alsoFrom, material.code)) return 'listed_source';
  if (!classificationChanges(context.good.code, material.code, node.test.level)) return 'no_change';
  if (inAny(node.except, material.code)) return 'excluded_source';
  if (node.from !== 'any' && !inAny(node.from, material.code)) return 'not_from_listed_source';
  if (node.test.outsideGroup === true && inAny(context.rule.ranges, material.code)) return 'within_group';
  return 'changes_classification';
}

const shiftPasses = (finding: ShiftFinding): boolean =>
  finding === 'changes_classification' || finding === 'listed_source';

function evaluateTariffShift(
  node: Extract<CompiledExpression, { type: 'tariff_shift' }>,
  context: EvaluationContext,
): TariffShiftOutcome {
  const findings = context.materials.map((material) => shiftFinding(node, context, material));
  const failingIfUnknownFail: MaterialFacts[] = [];
  const failingIfUnknownPass: MaterialFacts[] = [];
  context.materials.forEach((material, position) => {
    if (material.status === 'originating' || shiftPasses(findings[position] ?? 'no_change')) return;
    failingIfUnknownFail.push(material);
    if (material.status === 'non_originating') failingIfUnknownPass.push(material);
  });
  const allowed = node.test.deMinimis !== false;
  const { verdict: pessimistic, ...minimis } = deMinimis(context, failingIfUnknownFail, allowed);
  const optimistic = deMinimis(context, failingIfUnknownPass, allowed).verdict;
  return {
    type: 'tariff_shift',
    path: node.path,
    verdict: combine(pessimistic, optimistic),
    level: node.test.level,
    materials: context.materials.map((material, position) => {
      const finding = findings[position] ?? 'no_change';
      return material.status === 'originating'
        ? { materialIndex: material.index, shiftOk: null, finding: 'originating' }
        : { materialIndex: material.index, shiftOk: shiftPasses(finding), finding };
    }),
    deMinimis: minimis,
  };
}

function valueBasis(method: RvcMethod, good: GoodFacts): bigint | null {
  switch (method) {
    case 'transaction_value':
      return good.transactionValueMinor;
    case 'net_cost':
      return good.netCostMinor;
    case 'build_down':
    case 'build_up':
      return good.adjustedValueMinor;
  }
}

function rvcShare(method: RvcMethod, basis: bigint, vnm: bigint, vom: bigint): Share {
  return method === 'build_up'
    ? { numerator: vom, denominator: basis }
    : { numerator: basis - vnm, denominator: basis };
}

function evaluateRvc(
  node: Extract<CompiledExpression, { type: 'rvc' }>,
  context: EvaluationContext,
): RvcOutcome {
  const { method, min } = node.test;
  let nonOriginating = 0n;
  let originating = 0n;
  let unknown = 0n;
  for (const material of context.materials) {
    if (material.status === 'originating') originating += material.valueMinor;
    else if (material.status === 'non_originating') nonOriginating += material.valueMinor;
    else unknown += material.valueMinor;
  }
  const pessimistic = { vnm: nonOriginating + unknown, vom: originating };
  const optimistic = { vnm: nonOriginating, vom: originating + unknown };
  const basis = valueBasis(method, context.good);
  const figures = {
    type: 'rvc',
    path: node.path,
    method,
    min,
    valueBasisMinor: basis === null ? null : toSafeNumber(basis, 'value basis'),
    vnmMinor: toSafeNumber(pessimistic.vnm, 'VNM'),
    vomMinor: toSafeNumber(pessimistic.vom, 'VOM'),
  } as const;
  if (basis === null) {
    return { ...figures, verdict: 'unknown', percent: null, ok: null, percentIfUnknownOriginating: null };
  }
  const low = rvcShare(method, basis, pessimistic.vnm, pessimistic.vom);
  const high = rvcShare(method, basis, optimistic.vnm, optimistic.vom);
  const ok = shareAtLeast(low, min);
  return {
    ...figures,
    verdict: combine(ok ? 'pass' : 'fail', shareAtLeast(high, min) ? 'pass' : 'fail'),
    percent: sharePercent(low),
    ok,
    percentIfUnknownOriginating: context.materials.some((m) => m.status === 'unknown')
      ? sharePercent(high)
      : null,
  };
}

function evaluateMaterialsOriginating(
  node: Extract<CompiledExpression, { type: 'materials_originating' }>,
  context: EvaluationContext,
): MaterialsOriginatingOutcome {
  const inScope = context.materials.filter((material) => inAny(node.of, material.code));
  const anyCounted = (which: Scenario) =>
    inScope.some((material) => counted(material, which) === 'non_originating');
  return {
    type: 'materials_originating',
    path: node.path,
    verdict: combine(anyCounted('pessimistic') ? 'fail' : 'pass', anyCounted('optimistic') ? 'fail' : 'pass'),
    ranges: node.of.map((range) => range.text),
    notOriginating: inScope
      .filter((material) => material.status !== 'originating')
      .map((material) => material.index),
  };
}

function evaluateTest(node: CompiledExpression, context: EvaluationContext): TestOutcome | null {
  switch (node.type) {
    case 'tariff_shift':
      return evaluateTariffShift(node, context);
    case 'rvc':
      return evaluateRvc(node, context);
    case 'materials_originating':
      return evaluateMaterialsOriginating(node, context);
    case 'production_process': {
      const processes = context.good.processes;
      const verdict = processes === null ? 'unknown' : processes.includes(node.process) ? 'pass' : 'fail';
      return {
        type: 'production_process',
        path: node.path,
        verdict,
        process: node.process,
        declared: processes !== null,
      };
    }
    case 'wholly_obtained':
      return {
        type: 'wholly_obtained',
        path: node.path,
        verdict: context.good.whollyObtained ? 'pass' : 'fail',
      };
    case 'and':
    case 'or':
      return null;
  }
}

/** Kleene conjunction and disjunction of verdicts. */
export function allOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('fail')) return 'fail';
  return verdicts.includes('unknown') ? 'unknown' : 'pass';
}

export function anyOf(verdicts: readonly Verdict[]): Verdict {
  if (verdicts.includes('pass')) return 'pass';
  return verdicts.includes('unknown') ? 'unknown' : 'fail';
}

function evaluateNode(node: CompiledExpression, context: EvaluationContext): EvaluationNode {
  const test = evaluateTest(node, context);
  if (test !== null) return { ...test, applied: false };
  if (node.type !== 'and' && node.type !== 'or') throw new Error('unreachable: tests handled above');
  const children = (node.type === 'and' ? node.all : node.any).map((child) => evaluateNode(child, context));
  const verdicts = children.map((child) => child.verdict);
  return {
    type: node.type,
    path: node.path,
    verdict: node.type === 'and' ? allOf(verdicts) : anyOf(verdicts),
    applied: false,
    children,
  };
}

/**
 * Marks the tests that decided the verdict: all children of an `and`; of an `or`, the first alternative with the
 * `or`'s own verdict (the first that passes, else the first unknown, else the first).
 */
function markApplied(node: EvaluationNode): EvaluationNode {
  if (node.type !== 'and' && node.type !== 'or') return { ...node, applied: true };
  if (node.type === 'and') return { ...node, applied: true, children: node.children.map(markApplied) };
  const chosen = Math.max(
    0,
    node.children.findIndex((child) => child.verdict === node.verdict),
  );
  return {
    ...node,
    applied: true,
    children: node.children.map((child, index) => (index === chosen ? markApplied(child) : child)),
  };
}

/** Evaluates the rule of `context` against the good and its materials. */
export function evaluateRule(context: EvaluationContext): EvaluationNode {
  return markApplied(evaluateNode(context.rule.expression, context));
}

/** The tests of an evaluated tree, in rule order. */
export function testsOf(node: EvaluationNode): (TestOutcome & { readonly applied: boolean })[] {
  if ('children' in node) return node.children.flatMap(testsOf);
  return [node];
}
