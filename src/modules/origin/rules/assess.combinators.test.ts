import { describe, expect, it } from 'vitest';
import { allOf, anyOf } from './evaluate.js';
import { assessOrigin, loadRuleSet, parseRuleSet, type RuleExpression, type RuleSet } from './index.js';

const source = { provision: 'Test annex' };

/** A one-rule USMCA-style rule set for goods of heading 94.03, to exercise the grammar. */
function ruleSetFor(expression: RuleExpression): RuleSet {
  return parseRuleSet({
    agreement: 'USMCA',
    title: 'combinator test',
    version: '1',
    parties: ['CA', 'MX', 'US'],
    rvcMethods: ['transaction_value', 'net_cost'],
    source,
    simplifications: [],
    deMinimis: {
      thresholdPercent: 10,
      valueDenominator: 'transaction_value',
      weightBasisFor: ['50-63'],
      weightThresholdPercent: 10,
      exclusions: [],
      source,
    },
    rules: [{ id: 'test-9403', hs: ['9403'], text: 'test rule', expression, source }],
  });
}

const table = { hs: '9403.60', producedIn: 'MX', transactionValueMinor: 1_000 };
const panel = (hs: string, valueMinor = 300) => ({
  description: 'panel',
  hs,
  originCountry: 'CN',
  originating: false as const,
  valueMinor,
});

describe('three-valued combination', () => {
  it('follows Kleene logic', () => {
    expect(allOf(['pass', 'unknown'])).toBe('unknown');
    expect(allOf(['unknown', 'fail'])).toBe('fail');
    expect(anyOf(['unknown', 'pass'])).toBe('pass');
    expect(anyOf(['fail', 'unknown'])).toBe('unknown');
    expect(anyOf(['fail', 'fail'])).toBe('fail');
  });

  it('lets a failing test outweigh an undecided one under `and`', () => {
    const ruleSet = ruleSetFor({
      type: 'and',
      all: [
        { type: 'tariff_shift', level: 'CC', from: 'any' },
        { type: 'production_process', process: 'assembled_in_territory' },
      ],
    });
    // 9403.90 parts stay in chapter 94 (30 % of value), and no processes were declared.
    const result = assessOrigin({ ruleSet, product: table, materials: [panel('9403.90')] });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.reasons.map((reason) => reason.code)).toEqual(
      expect.arrayContaining(['TARIFF_SHIFT_NOT_MET', 'DE_MINIMIS_EXCEEDED', 'PROCESS_NOT_DECLARED']),
    );
  });

  it('lets a passing alternative outweigh an undecided one under `or`, and marks it applied', () => {
    const ruleSet = ruleSetFor({
      type: 'or',
      any: [
        { type: 'production_process', process: 'assembled_in_territory' },
        { type: 'tariff_shift', level: 'CC', from: 'any' },
      ],
    });
    const result = assessOrigin({ ruleSet, product: table, materials: [panel('4412.33')] });
    expect(result.outcome).toBe('qualifies');
    const evaluation = result.worksheet.evaluation;
    expect(
      evaluation?.type === 'or' ? evaluation.children.map((child) => [child.verdict, child.applied]) : [],
    ).toEqual([
      ['unknown', false],
      ['pass', true],
    ]);
  });

  it('accepts wholly obtained goods as one alternative of an `or`', () => {
    const ruleSet = ruleSetFor({
      type: 'or',
      any: [{ type: 'wholly_obtained' }, { type: 'rvc', method: 'transaction_value', min: 60 }],
    });
    const result = assessOrigin({ ruleSet, product: table, materials: [panel('4412.33', 500)] });
    expect(result.outcome).toBe('does_not_qualify'); // not wholly obtained; RVC (1 000 − 500) / 1 000 = 50 %
    expect(result.reasons.map((reason) => reason.code)).toEqual(['NOT_WHOLLY_OBTAINED', 'RVC_BELOW_MINIMUM']);
  });
});

describe('tariff shift options', () => {
  it('requires non-originating materials to come from the listed provisions when `from` lists them', () => {
    const ruleSet = ruleSetFor({ type: 'tariff_shift', level: 'CTH', from: ['4412'] });
    expect(assessOrigin({ ruleSet, product: table, materials: [panel('4412.33')] }).outcome).toBe(
      'qualifies',
    );
    const other = assessOrigin({ ruleSet, product: table, materials: [panel('4418.99')] });
    expect(other.outcome).toBe('does_not_qualify');
    expect(other.worksheet.materials[0]).toMatchObject({
      shiftOk: false,
      shiftFinding: 'not_from_listed_source',
    });
  });

  it('refuses de minimis where the rule says so, however small the share', () => {
    const ruleSet = ruleSetFor({ type: 'tariff_shift', level: 'CTH', from: 'any', deMinimis: false });
    const result = assessOrigin({ ruleSet, product: table, materials: [panel('9403.90', 10)] });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.worksheet.deMinimis).toMatchObject({
      applies: true,
      sharePercent: 1,
      ok: false,
      allowedByRule: false,
    });
    expect(result.reasons.map((reason) => reason.code)).toContain('DE_MINIMIS_NOT_ALLOWED');
  });

  it('refuses a change inside the rule’s own group when the rule says "outside that group"', () => {
    const cafta = loadRuleSet('CAFTA-DR');
    const printed = { hs: '5208.52', producedIn: 'GT', adjustedValueMinor: 1_000, weightKg: 1 };
    const greige = {
      description: 'unbleached cotton fabric',
      hs: '5209.11',
      originCountry: 'CN',
      originating: false as const,
      valueMinor: 600,
      weightKg: 0.95,
    };
    const result = assessOrigin({ ruleSet: cafta, product: printed, materials: [greige] });
    expect(result.outcome).toBe('does_not_qualify');
    expect(result.worksheet.materials[0]).toMatchObject({ shiftOk: false, shiftFinding: 'within_group' });
    expect(result.worksheet.deMinimis).toMatchObject({ basis: 'weight', sharePercent: 95 });
  });
});
