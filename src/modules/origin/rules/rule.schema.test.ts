import { describe, expect, it } from 'vitest';
import { OriginRuleError } from './errors.js';
import { parseRuleSet } from './rule.schema.js';

const source = { provision: 'Test Annex, Chapter 1' };

function ruleSetWith(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    agreement: 'CAFTA-DR',
    title: 'test',
    version: '1',
    parties: ['GT', 'US'],
    rvcMethods: ['build_down', 'build_up'],
    source,
    simplifications: [],
    deMinimis: {
      thresholdPercent: 10,
      valueDenominator: 'adjusted_value',
      weightBasisFor: ['50-63'],
      weightThresholdPercent: 10,
      exclusions: [],
      source,
    },
    rules: [
      {
        id: 'r-6109',
        hs: ['6109.10-6109.90'],
        text: 'A change to subheading 6109.10 through 6109.90 from any other chapter.',
        expression: { type: 'tariff_shift', level: 'CC', from: 'any', except: ['5204-5212', '54'] },
        source,
      },
    ],
    ...overrides,
  };
}

/** A rule with no conditions but its id and range, for tests about rules as a set. */
const bareRule = (id: string, hs: string) => ({
  id,
  hs: [hs],
  text: 't',
  expression: { type: 'wholly_obtained' },
  source,
});

function issuesOf(data: unknown): { pointer: string; message: string }[] {
  try {
    parseRuleSet(data);
  } catch (error) {
    if (error instanceof OriginRuleError && error.code === 'ORIGIN_RULE_SET_INVALID') {
      return [...(error.details.issues ?? [])];
    }
    throw error;
  }
  throw new Error('expected the rule set to be refused');
}

describe('parseRuleSet', () => {
  it('accepts a rule set with a tariff shift with exceptions', () => {
    const ruleSet = parseRuleSet(ruleSetWith());
    expect(ruleSet.rules[0]?.expression).toEqual({
      type: 'tariff_shift',
      level: 'CC',
      from: 'any',
      except: ['5204-5212', '54'],
    });
  });

  it('refuses an HS range whose ends are of different levels, pointing at it', () => {
    const data = ruleSetWith({
      rules: [{ id: 'r', hs: ['61-6117'], text: 't', expression: { type: 'wholly_obtained' }, source }],
    });
    expect(issuesOf(data).map((issue) => issue.pointer)).toContain('/rules/0/hs/0');
  });

  it('refuses an RVC method the agreement does not use', () => {
    const data = ruleSetWith({
      rules: [
        {
          id: 'r',
          hs: ['8507.10'],
          text: 't',
          expression: { type: 'rvc', method: 'net_cost', min: 50 },
          source,
        },
      ],
    });
    expect(issuesOf(data)).toContainEqual({
      pointer: '/rules/0/expression',
      message: "RVC method net_cost is not one of the agreement's methods",
    });
  });

  it('refuses two rules for overlapping ranges of the same level', () => {
    const data = ruleSetWith({ rules: [bareRule('a', '6101-6109'), bareRule('b', '6105-6117')] });
    expect(issuesOf(data)).toContainEqual({
      pointer: '/rules/1/hs',
      message: 'overlaps rule a at 6101-6109',
    });
  });

  it('lets a subheading rule sit inside a heading rule', () => {
    expect(
      parseRuleSet(ruleSetWith({ rules: [bareRule('a', '8708'), bareRule('b', '8708.21')] })).rules,
    ).toHaveLength(2);
  });

  it('refuses an `and` of one test, a percentage above 100 and an unknown key', () => {
    const andOfOne = ruleSetWith({
      rules: [
        {
          id: 'r',
          hs: ['61'],
          text: 't',
          expression: { type: 'and', all: [{ type: 'wholly_obtained' }] },
          source,
        },
      ],
    });
    expect(issuesOf(andOfOne)[0]?.pointer).toBe('/rules/0/expression/all');
    const over = ruleSetWith({
      rules: [
        { id: 'r', hs: ['61'], text: 't', expression: { type: 'rvc', method: 'build_up', min: 101 }, source },
      ],
    });
    expect(issuesOf(over)[0]?.pointer).toBe('/rules/0/expression/min');
    expect(issuesOf(ruleSetWith({ colour: 'red' }))[0]?.pointer).toBe('/');
  });

  it('refuses duplicate rule ids and duplicate parties', () => {
    const pointers = issuesOf(
      ruleSetWith({ parties: ['GT', 'GT'], rules: [bareRule('same', '01'), bareRule('same', '02')] }),
    ).map((issue) => issue.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/parties', '/rules/1/id']));
  });
});
