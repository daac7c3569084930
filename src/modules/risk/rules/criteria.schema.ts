import { z } from 'zod';
import { CHANNELS } from '../../declarations/index.js';

/**
 * The analyst's criteria language, as JSON: leaves compare one declaration or goods-item field with a value or a
 * named list, and `all` / `any` / `not` combine them. A profile hits a declaration when one goods item (with the
 * declaration's own fields) satisfies the whole tree, so "HS 2402 and unit value under 5" must hold on one item.
 */

/** Fields a criterion can test, with their kind; item fields are read per goods item. */
export const CRITERION_FIELDS = {
  // Declaration
  office: 'text',
  declarationType: 'text',
  transportMode: 'text',
  departureCountry: 'text',
  destinationCountry: 'text',
  route: 'text',
  declarant: 'text',
  importer: 'text',
  exporter: 'text',
  carrier: 'text',
  incoterm: 'text',
  loadingLocation: 'text',
  goodsLocation: 'text',
  container: 'text',
  /** Codes of the business-rule warnings the declaration carries (e.g. CONTAINER_CHECK_DIGIT). */
  warning: 'text',
  aeo: 'boolean',
  itemCount: 'number',
  totalValue: 'number',
  // Goods item
  hsCode: 'hs',
  originCountry: 'text',
  seller: 'text',
  procedureCode: 'text',
  preferentialAgreement: 'text',
  unitValuePerKg: 'number',
  unitValueVsReference: 'ratio',
  taxRate: 'number',
  netMassKg: 'number',
  customsValue: 'number',
} as const;
export type CriterionField = keyof typeof CRITERION_FIELDS;
export type FieldKind = (typeof CRITERION_FIELDS)[CriterionField];

const fieldNames = Object.keys(CRITERION_FIELDS) as [CriterionField, ...CriterionField[]];
const Field = z.enum(fieldNames);
const ListName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'list names: lower-case letters, digits and dashes');
const Scalar = z.union([z.string().trim().min(1).max(100), z.number().finite(), z.boolean()]);

export const LeafSchema = z.discriminatedUnion('op', [
  z.object({ field: Field, op: z.enum(['eq', 'ne']), value: Scalar }).strict(),
  z.object({ field: Field, op: z.enum(['in', 'notIn']), value: z.array(Scalar).min(1).max(1000) }).strict(),
  z
    .object({
      field: Field,
      op: z.literal('prefix'),
      value: z.union([z.string().min(1).max(20), z.array(z.string().min(1).max(20)).min(1).max(1000)]),
    })
    .strict(),
  z
    .object({
      field: Field,
      op: z.enum(['lt', 'lte', 'gt', 'gte']),
      value: z.number().finite(),
      /** For `unitValueVsReference`: the reference-values list to compare against. */
      list: ListName.optional(),
    })
    .strict(),
  z
    .object({
      field: Field,
      op: z.literal('between'),
      value: z.tuple([z.number().finite(), z.number().finite()]),
      list: ListName.optional(),
    })
    .strict(),
  z.object({ field: Field, op: z.enum(['inList', 'notInList']), list: ListName }).strict(),
]);
export type CriterionLeaf = z.infer<typeof LeafSchema>;

export type Criterion = CriterionLeaf | { all: Criterion[] } | { any: Criterion[] } | { not: Criterion };

/** Registered as the `RiskCriterion` component: OpenAPI refers to it (the tree is recursive). */
export const CriterionSchema: z.ZodType<Criterion> = z
  .lazy(() =>
    z.union([
      LeafSchema,
      z.object({ all: z.array(CriterionSchema).min(1).max(50) }).strict(),
      z.object({ any: z.array(CriterionSchema).min(1).max(50) }).strict(),
      z.object({ not: CriterionSchema }).strict(),
    ]),
  )
  .meta({ id: 'RiskCriterion' });

/** Deepest nesting of `all` / `any` / `not` a criteria tree may have; real profiles use a handful. */
export const MAX_CRITERIA_DEPTH = 16;

/** True when no combinator in the tree lies more than `max` levels down. Iterative: any input is safe to check. */
function criteriaWithin(tree: unknown, max: number): boolean {
  const stack: { node: unknown; depth: number }[] = [{ node: tree, depth: 0 }];
  while (stack.length > 0) {
    const { node, depth } = stack.pop()!;
    if (typeof node !== 'object' || node === null || Array.isArray(node)) continue;
    const children = [
      ...['all', 'any'].flatMap((k) => {
        const list = (node as Record<string, unknown>)[k];
        return Array.isArray(list) ? (list as unknown[]) : [];
      }),
      ...('not' in node ? [node.not] : []),
    ];
    if (children.length > 0 && depth >= max) return false;
    for (const child of children) stack.push({ node: child, depth: depth + 1 });
  }
  return true;
}

/**
 * A criteria tree as a request carries it: its depth is checked before the recursive schema walks it, so a tree
 * nested thousands deep is refused at its field rather than overflowing the stack.
 */
export const CriteriaTreeSchema = z.preprocess((tree, ctx) => {
  if (criteriaWithin(tree, MAX_CRITERIA_DEPTH)) return tree;
  ctx.addIssue({
    code: 'custom',
    message: 'CRITERIA_TOO_DEEP',
    input: tree,
  });
  return z.NEVER;
}, CriterionSchema);

const IsoDate = z.iso.date();

/** What a profile does when it hits: send to a channel (with a selection percentage), or weigh the score. */
export const ProfileActionSchema = z.union([
  z
    .object({
      channel: z.enum(CHANNELS),
      /** Share of hits actually sent to the channel, in percent (ASYCUDA's selectivity percentage). */
      percent: z.number().min(0.01).max(100).default(100),
    })
    .strict(),
  z
    .object({
      /** Points added to the 0–100 risk score (negative lowers it). */
      scoreWeight: z.number().min(-100).max(100),
    })
    .strict(),
]);
export type ProfileAction = z.infer<typeof ProfileActionSchema>;

export const PROFILE_STATUSES = ['draft', 'active', 'retired'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

/** One version of a risk profile, as an analyst writes it. */
export const ProfileBodySchema = z
  .object({
    name: z.string().trim().min(3).max(120),
    status: z.enum(PROFILE_STATUSES).default('draft'),
    /** Offices where the profile applies; empty for every office. */
    offices: z
      .array(z.string().regex(/^[A-Z0-9]{4,10}$/))
      .max(200)
      .default([]),
    criteria: CriteriaTreeSchema,
    action: ProfileActionSchema,
    validFrom: IsoDate.optional(),
    validTo: IsoDate.optional(),
    /** Why the profile exists (shown to officers with the hit). */
    reason: z.string().trim().min(3).max(2000),
  })
  .strict()
  .refine((p) => !p.validFrom || !p.validTo || p.validFrom <= p.validTo, {
    message: 'VALIDITY_REVERSED',
    path: ['validTo'],
  });
export type ProfileBody = z.infer<typeof ProfileBodySchema>;

export const LIST_KINDS = [
  'parties',
  'hs',
  'countries',
  'routes',
  'containers',
  'values',
  'reference-values',
] as const;
export type ListKind = (typeof LIST_KINDS)[number];

const HsEntry = z
  .string()
  .regex(/^\d{2,10}(-\d{2,10})?$/, 'an HS code or prefix, or a range such as 8703-8705');
const RouteEntry = z
  .string()
  .regex(/^([A-Z]{2}|\*)>([A-Z]{2}|\*)$/, 'a route: departure>destination, * for any');

/** A named list that criteria refer to; `reference-values` holds the usual value per kg of HS codes or prefixes. */
export const ListBodySchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('reference-values'),
      description: z.string().trim().max(2000).default(''),
      entries: z
        .array(z.object({ hs: z.string().regex(/^\d{2,10}$/), valuePerKg: z.number().positive() }).strict())
        .max(20_000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('hs'),
      description: z.string().trim().max(2000).default(''),
      entries: z.array(HsEntry).max(20_000),
    })
    .strict(),
  z
    .object({
      kind: z.literal('routes'),
      description: z.string().trim().max(2000).default(''),
      entries: z.array(RouteEntry).max(20_000),
    })
    .strict(),
  z
    .object({
      kind: z.enum(['parties', 'countries', 'containers', 'values']),
      description: z.string().trim().max(2000).default(''),
      entries: z.array(z.string().trim().min(1).max(70)).max(20_000),
    })
    .strict(),
]);
export type ListBody = z.infer<typeof ListBodySchema>;
export { ListName };
