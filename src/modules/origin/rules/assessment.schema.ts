import { z } from 'zod';
import { OriginRuleError } from './errors.js';
import { isHsCode } from './hs-range.js';

/** Kinds of evidence a material's origin may rest on. */
export const EVIDENCE_KINDS = [
  'certification_of_origin',
  'supplier_declaration',
  'provenance_event',
  'invoice',
  'other',
] as const;

/** A document or event supporting a material's declared origin. */
export interface OriginEvidence {
  readonly kind: (typeof EVIDENCE_KINDS)[number];
  /** Identifier of the document or event, e.g. a certification number or an EPCIS event id. */
  readonly reference: string;
}

/**
 * How a material was itself produced: the step before it in the provenance trace. With a trace, the engine
 * decides the material's origin by assessing it as an intermediate good under the same rule set.
 */
export interface ProductionTrace {
  /** Where the material was produced; defaults to the material's `originCountry`. */
  readonly producedIn?: string;
  readonly whollyObtained?: boolean;
  /** Production processes performed in the parties' territory, e.g. `cut_or_knit_to_shape_and_sewn`. */
  readonly processes?: readonly string[];
  readonly netCostMinor?: number;
  readonly materials: readonly BillOfMaterialsLine[];
}

/** One line of a bill of materials. Values in integer minor units of the declaration's currency. */
export interface BillOfMaterialsLine {
  readonly description: string;
  /** HS classification of the material: 6 digits at least (national 8 or 10 accepted). */
  readonly hs: string;
  /** ISO 3166-1 alpha-2 country where the material was produced. */
  readonly originCountry: string;
  /** Declared originating status; `unknown` when the supplier has not shown it. */
  readonly originating: boolean | 'unknown';
  readonly valueMinor: number;
  readonly weightKg?: number;
  readonly evidence?: readonly OriginEvidence[];
  readonly trace?: ProductionTrace;
}

/** The good under a preferential claim. Values in integer minor units. */
export interface ClaimedGood {
  readonly description?: string;
  readonly hs: string;
  /** ISO 3166-1 alpha-2 country of production. */
  readonly producedIn: string;
  /** Transaction value adjusted to exclude international shipment (USMCA TV, ex-works/FOB). */
  readonly transactionValueMinor?: number;
  /** Net cost (USMCA net cost method). */
  readonly netCostMinor?: number;
  /** Adjusted value (CAFTA-DR build-down/build-up, CAFTA-DR de minimis). */
  readonly adjustedValueMinor?: number;
  readonly weightKg?: number;
  readonly whollyObtained?: boolean;
  readonly processes?: readonly string[];
}

/** Options of an assessment. */
export interface AssessmentOptions {
  /**
   * Treat a material declared originating without any `evidence` (and without a trace) as of unknown origin.
   * Default `false`: the declaration is taken at its word.
   */
  readonly requireEvidence?: boolean;
}

const minor = z.number().int().nonnegative();
const positiveMinor = z.number().int().positive();
const country = z.string().regex(/^[A-Z]{2}$/);
const hsCode = z.string().refine(isHsCode, { message: 'ORIGIN_HS_CODE_INVALID' });
/** Heaviest weight taken, in kg: weights are counted in integer milligrams, which stay exact up to 2^53 − 1. */
export const MAX_KILOGRAMS = 9_000_000_000;
const kilograms = z.number().finite().nonnegative().max(MAX_KILOGRAMS);
const process = z.string().regex(/^[a-z][a-z0-9_]*$/);

const evidenceSchema = z.strictObject({ kind: z.enum(EVIDENCE_KINDS), reference: z.string().min(1) });

const traceSchema: z.ZodType<ProductionTrace> = z.lazy(() =>
  z.strictObject({
    producedIn: country.optional(),
    whollyObtained: z.boolean().optional(),
    processes: z.array(process).optional(),
    netCostMinor: positiveMinor.optional(),
    materials: z.array(materialSchema),
  }),
);

const materialSchema: z.ZodType<BillOfMaterialsLine> = z.lazy(() =>
  z.strictObject({
    description: z.string().min(1),
    hs: hsCode,
    originCountry: country,
    originating: z.union([z.boolean(), z.literal('unknown')]),
    valueMinor: minor,
    weightKg: kilograms.optional(),
    evidence: z.array(evidenceSchema).optional(),
    trace: traceSchema.optional(),
  }),
);

const claimedGoodSchema = z.strictObject({
  description: z.string().optional(),
  hs: hsCode,
  producedIn: country,
  transactionValueMinor: positiveMinor.optional(),
  netCostMinor: positiveMinor.optional(),
  adjustedValueMinor: positiveMinor.optional(),
  weightKg: kilograms.positive().optional(),
  whollyObtained: z.boolean().optional(),
  processes: z.array(process).optional(),
});

const claimSchema = z.strictObject({
  product: claimedGoodSchema,
  materials: z.array(materialSchema),
  partyCountries: z.array(country).min(1).optional(),
  options: z.strictObject({ requireEvidence: z.boolean().optional() }).optional(),
});

/** The parts of an assessment request that come from outside (the rule set is validated when loaded). */
export interface OriginClaim {
  readonly product: ClaimedGood;
  readonly materials: readonly BillOfMaterialsLine[];
  readonly partyCountries?: readonly string[];
  readonly options?: AssessmentOptions;
}

/** Validates a claim at the library's boundary; errors carry JSON pointers into the request. */
export function parseOriginClaim(data: unknown): OriginClaim {
  const result = claimSchema.safeParse(data);
  if (!result.success) {
    const issues = result.error.issues.map((issue) => ({
      pointer: `/${issue.path.map(String).join('/')}`,
      message: issue.message,
    }));
    throw new OriginRuleError(
      'ORIGIN_REQUEST_INVALID',
      `origin claim invalid: ${issues[0]?.pointer ?? '/'}`,
      {
        issues,
      },
    );
  }
  return result.data;
}
