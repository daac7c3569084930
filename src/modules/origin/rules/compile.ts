import { parseHsRange, rangeContains, rangeSpecificity, type HsRange } from './hs-range.js';
import type {
  ProductSpecificRule,
  RuleExpression,
  RuleSet,
  RvcTest,
  TariffShiftTest,
} from './rule.schema.js';

/** A rule expression with its ranges parsed and each node's JSON pointer into the rule's `expression`. */
export type CompiledExpression =
  | { readonly type: 'wholly_obtained'; readonly path: string }
  | {
      readonly type: 'tariff_shift';
      readonly path: string;
      readonly test: TariffShiftTest;
      readonly from: 'any' | readonly HsRange[];
      readonly except: readonly HsRange[];
      readonly alsoFrom: readonly HsRange[];
    }
  | { readonly type: 'rvc'; readonly path: string; readonly test: RvcTest }
  | { readonly type: 'production_process'; readonly path: string; readonly process: string }
  | { readonly type: 'materials_originating'; readonly path: string; readonly of: readonly HsRange[] }
  | { readonly type: 'and'; readonly path: string; readonly all: readonly CompiledExpression[] }
  | { readonly type: 'or'; readonly path: string; readonly any: readonly CompiledExpression[] };

export interface CompiledRule {
  readonly rule: ProductSpecificRule;
  readonly ranges: readonly HsRange[];
  readonly expression: CompiledExpression;
}

export interface CompiledExclusion {
  readonly products: readonly HsRange[];
  readonly materials: readonly HsRange[];
}

/** A rule set ready for assessment: ranges parsed once and kept for the life of the rule set object. */
export interface CompiledRuleSet {
  readonly ruleSet: RuleSet;
  readonly rules: readonly CompiledRule[];
  readonly weightBasisFor: readonly HsRange[];
  readonly exclusions: readonly CompiledExclusion[];
}

const parseAll = (texts: readonly string[] | undefined): HsRange[] => (texts ?? []).map(parseHsRange);

function compileExpression(expression: RuleExpression, path: string): CompiledExpression {
  switch (expression.type) {
    case 'wholly_obtained':
      return { type: 'wholly_obtained', path };
    case 'tariff_shift':
      return {
        type: 'tariff_shift',
        path,
        test: expression,
        from: expression.from === 'any' ? 'any' : parseAll(expression.from),
        except: parseAll(expression.except),
        alsoFrom: parseAll(expression.alsoFrom),
      };
    case 'rvc':
      return { type: 'rvc', path, test: expression };
    case 'production_process':
      return { type: 'production_process', path, process: expression.process };
    case 'materials_originating':
      return { type: 'materials_originating', path, of: parseAll(expression.of) };
    case 'and':
      return {
        type: 'and',
        path,
        all: expression.all.map((child, index) => compileExpression(child, `${path}/all/${index}`)),
      };
    case 'or':
      return {
        type: 'or',
        path,
        any: expression.any.map((child, index) => compileExpression(child, `${path}/any/${index}`)),
      };
  }
}

const compiled = new WeakMap<RuleSet, CompiledRuleSet>();

/** Compiles a validated rule set, once per rule set object. */
export function compileRuleSet(ruleSet: RuleSet): CompiledRuleSet {
  const cached = compiled.get(ruleSet);
  if (cached !== undefined) return cached;
  const result: CompiledRuleSet = {
    ruleSet,
    rules: ruleSet.rules.map((rule) => ({
      rule,
      ranges: parseAll(rule.hs),
      expression: compileExpression(rule.expression, ''),
    })),
    weightBasisFor: parseAll(ruleSet.deMinimis.weightBasisFor),
    exclusions: ruleSet.deMinimis.exclusions.map((exclusion) => ({
      products: parseAll(exclusion.products),
      materials: parseAll(exclusion.materials),
    })),
  };
  compiled.set(ruleSet, result);
  return result;
}

/**
 * The product-specific rule for a good of normalised `code`: the rule whose matching range is most specific
 * (a subheading range before a heading range before a chapter); rules of one level never overlap (checked when
 * the rule set is parsed).
 */
export function findRule(ruleSet: CompiledRuleSet, code: string): CompiledRule | undefined {
  let best: { rule: CompiledRule; specificity: number } | undefined;
  for (const rule of ruleSet.rules) {
    for (const range of rule.ranges) {
      if (!rangeContains(range, code)) continue;
      const specificity = rangeSpecificity(range);
      if (best === undefined || specificity > best.specificity) best = { rule, specificity };
    }
  }
  return best?.rule;
}
