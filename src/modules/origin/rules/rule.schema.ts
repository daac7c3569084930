import { z } from 'zod';
import { OriginRuleError } from './errors.js';
import { isHsRange, parseHsRange, rangesOverlap, type ShiftLevel } from './hs-range.js';

/** Agreements with a rule set in `assets/origin/`. */
export const AGREEMENTS = ['USMCA', 'CAFTA-DR'] as const;
export type Agreement = (typeof AGREEMENTS)[number];

/**
 * Regional value content methods: USMCA transaction value `(TV − VNM) / TV` and net cost `(NC − VNM) / NC`;
 * CAFTA-DR build-down `(AV − VNM) / AV` and build-up `VOM / AV`.
 */
export const RVC_METHODS = ['transaction_value', 'net_cost', 'build_down', 'build_up'] as const;
export type RvcMethod = (typeof RVC_METHODS)[number];

export const SHIFT_LEVELS = ['CC', 'CTH', 'CTSH'] as const satisfies readonly ShiftLevel[];

/** Where a rule comes from in the agreement, and what it was checked against when transcribed. */
export interface SourceReference {
  /** E.g. `USMCA Annex 4-B, Section XI, Chapter 61` or `CAFTA-DR Article 4.6`. */
  readonly provision: string;
  /** Chapter or section notes read with the rule, e.g. `Chapter 61 Note 2 (sewing thread)`. */
  readonly notes?: readonly string[];
  /** Public text the transcription was compared with, e.g. `HTSUS General Note 29(n), chapter 87, rule 7`. */
  readonly checkedAgainst?: string;
}

/** A product-specific rule as an expression tree; leaves are tests, `and`/`or` combine them. */
export type RuleExpression =
  | { readonly type: 'wholly_obtained' }
  | TariffShiftTest
  | RvcTest
  | { readonly type: 'production_process'; readonly process: string }
  | { readonly type: 'materials_originating'; readonly of: readonly string[]; readonly note?: string }
  | { readonly type: 'and'; readonly all: readonly RuleExpression[] }
  | { readonly type: 'or'; readonly any: readonly RuleExpression[] };

/**
 * Change in tariff classification required of each non-originating material: it must leave the good's chapter
 * (CC), heading (CTH) or subheading (CTSH); come `from` the listed ranges unless `any`; not come from an
 * `except` range (those materials must be originating); and, with `outsideGroup`, not come from the rule's own
 * group of provisions. A material of an `alsoFrom` range passes whatever the level ("from subheading 8708.99,
 * whether or not there is also a change from any other heading"). `deMinimis: false` refuses the de minimis
 * rescue for this test.
 */
export interface TariffShiftTest {
  readonly type: 'tariff_shift';
  readonly level: ShiftLevel;
  readonly from: 'any' | readonly string[];
  readonly except?: readonly string[];
  readonly alsoFrom?: readonly string[];
  readonly outsideGroup?: boolean;
  readonly deMinimis?: boolean;
}

/** Regional value content of at least `min` percent by `method`. */
export interface RvcTest {
  readonly type: 'rvc';
  readonly method: RvcMethod;
  readonly min: number;
}

/** The rule for the goods of the listed HS ranges, with the agreement's words and source. */
export interface ProductSpecificRule {
  readonly id: string;
  readonly hs: readonly string[];
  /** The rule as the agreement writes it (transcribed; see `simplifications`). */
  readonly text: string;
  readonly expression: RuleExpression;
  readonly source: SourceReference;
  /** What the expression leaves out of the text, in words. */
  readonly simplifications?: readonly string[];
}

/** Non-originating materials of `materials` used for goods of `products` may never be rescued by de minimis. */
export interface DeMinimisExclusion {
  readonly products: readonly string[];
  readonly materials: readonly string[];
  readonly text: string;
  readonly source: SourceReference;
}

/** The agreement's de minimis: materials failing a tariff shift pass if their share is at most the threshold. */
export interface DeMinimisConfig {
  readonly thresholdPercent: number;
  /** Denominator of the value test: the good's transaction value (USMCA) or adjusted value (CAFTA-DR). */
  readonly valueDenominator: 'transaction_value' | 'adjusted_value';
  /** Goods tested by weight instead of value (textiles, e.g. `50-63`). */
  readonly weightBasisFor: readonly string[];
  readonly weightThresholdPercent: number;
  readonly exclusions: readonly DeMinimisExclusion[];
  readonly source: SourceReference;
  readonly simplifications?: readonly string[];
}

/** A sample rule set of one agreement: parties, methods, de minimis and product-specific rules. */
export interface RuleSet {
  readonly agreement: Agreement;
  readonly title: string;
  readonly version: string;
  /** ISO 3166-1 alpha-2 codes of the parties, whose territory counts as the region. */
  readonly parties: readonly string[];
  readonly rvcMethods: readonly RvcMethod[];
  readonly deMinimis: DeMinimisConfig;
  readonly rules: readonly ProductSpecificRule[];
  readonly source: SourceReference;
  readonly simplifications: readonly string[];
}

const hsRangeText = z.string().refine(isHsRange, { message: 'ORIGIN_HS_RANGE_INVALID' });
const hsRangeList = z.array(hsRangeText).min(1);
const percent = z
  .number()
  .min(0)
  .max(100)
  .refine((value) => Math.abs(Math.round(value * 100) - value * 100) < 1e-6, {
    message: 'at most two decimals',
  });
const countryCode = z.string().regex(/^[A-Z]{2}$/);

const sourceReferenceSchema: z.ZodType<SourceReference> = z.strictObject({
  provision: z.string().min(1),
  notes: z.array(z.string().min(1)).optional(),
  checkedAgainst: z.string().min(1).optional(),
});

const tariffShiftSchema = z.strictObject({
  type: z.literal('tariff_shift'),
  level: z.enum(SHIFT_LEVELS),
  from: z.union([z.literal('any'), hsRangeList]),
  except: hsRangeList.optional(),
  alsoFrom: hsRangeList.optional(),
  outsideGroup: z.boolean().optional(),
  deMinimis: z.boolean().optional(),
});

export const ruleExpressionSchema: z.ZodType<RuleExpression> = z.lazy(() =>
  z.discriminatedUnion('type', [
    z.strictObject({ type: z.literal('wholly_obtained') }),
    tariffShiftSchema,
    z.strictObject({ type: z.literal('rvc'), method: z.enum(RVC_METHODS), min: percent }),
    z.strictObject({
      type: z.literal('production_process'),
      process: z.string().regex(/^[a-z][a-z0-9_]*$/),
    }),
    z.strictObject({
      type: z.literal('materials_originating'),
      of: hsRangeList,
      note: z.string().optional(),
    }),
    z.strictObject({ type: z.literal('and'), all: z.array(ruleExpressionSchema).min(2) }),
    z.strictObject({ type: z.literal('or'), any: z.array(ruleExpressionSchema).min(2) }),
  ]),
);

const productSpecificRuleSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/),
  hs: hsRangeList,
  text: z.string().min(1),
  expression: ruleExpressionSchema,
  source: sourceReferenceSchema,
  simplifications: z.array(z.string().min(1)).optional(),
});

const deMinimisSchema = z.strictObject({
  thresholdPercent: percent,
  valueDenominator: z.enum(['transaction_value', 'adjusted_value']),
  weightBasisFor: z.array(hsRangeText),
  weightThresholdPercent: percent,
  exclusions: z.array(
    z.strictObject({
      products: hsRangeList,
      materials: hsRangeList,
      text: z.string().min(1),
      source: sourceReferenceSchema,
    }),
  ),
  source: sourceReferenceSchema,
  simplifications: z.array(z.string().min(1)).optional(),
});

function rvcMethodsOf(expression: RuleExpression): RvcMethod[] {
  switch (expression.type) {
    case 'rvc':
      return [expression.method];
    case 'and':
      return expression.all.flatMap(rvcMethodsOf);
    case 'or':
      return expression.any.flatMap(rvcMethodsOf);
    case 'wholly_obtained':
    case 'tariff_shift':
    case 'production_process':
    case 'materials_originating':
      return [];
  }
}

/** Zod schema of the shape of a rule set file; `parseRuleSet` adds the checks across rules. */
export const ruleSetSchema = z.strictObject({
  $schema: z.string().optional(),
  agreement: z.enum(AGREEMENTS),
  title: z.string().min(1),
  version: z.string().min(1),
  parties: z.array(countryCode).min(2),
  rvcMethods: z.array(z.enum(RVC_METHODS)).min(1),
  deMinimis: deMinimisSchema,
  rules: z.array(productSpecificRuleSchema).min(1),
  source: sourceReferenceSchema,
  simplifications: z.array(z.string().min(1)),
});

interface RuleSetIssue {
  readonly pointer: string;
  readonly message: string;
}

/** Checks across rules that the shape cannot express: unique ids and parties, methods, no overlapping rules. */
function crossCheck(ruleSet: z.output<typeof ruleSetSchema>): RuleSetIssue[] {
  const issues: RuleSetIssue[] = [];
  if (new Set(ruleSet.parties).size !== ruleSet.parties.length) {
    issues.push({ pointer: '/parties', message: 'duplicate party' });
  }
  const ids = new Set<string>();
  ruleSet.rules.forEach((rule, index) => {
    if (ids.has(rule.id)) issues.push({ pointer: `/rules/${index}/id`, message: 'duplicate rule id' });
    ids.add(rule.id);
    for (const method of rvcMethodsOf(rule.expression)) {
      if (!ruleSet.rvcMethods.includes(method)) {
        issues.push({
          pointer: `/rules/${index}/expression`,
          message: `RVC method ${method} is not one of the agreement's methods`,
        });
      }
    }
  });
  const ranges = ruleSet.rules.flatMap((rule, index) =>
    rule.hs.map((text) => ({ index, range: parseHsRange(text) })),
  );
  for (const [position, a] of ranges.entries()) {
    for (const b of ranges.slice(position + 1)) {
      if (a.index !== b.index && rangesOverlap(a.range, b.range)) {
        issues.push({
          pointer: `/rules/${b.index}/hs`,
          message: `overlaps rule ${ruleSet.rules[a.index]?.id ?? a.index} at ${a.range.text}`,
        });
      }
    }
  }
  return issues;
}

/** Validates rule set data (e.g. a parsed `assets/origin/*.json`) and returns it typed. */
export function parseRuleSet(data: unknown): RuleSet {
  const result = ruleSetSchema.safeParse(data);
  const issues = result.success
    ? crossCheck(result.data)
    : result.error.issues.map((issue) => ({
        pointer: `/${issue.path.map(String).join('/')}`,
        message: issue.message,
      }));
  if (!result.success || issues.length > 0) {
    throw new OriginRuleError('ORIGIN_RULE_SET_INVALID', `rule set invalid: ${issues[0]?.pointer ?? '/'}`, {
      issues,
    });
  }
  const { $schema: _schema, ...ruleSet } = result.data;
  return ruleSet;
}
