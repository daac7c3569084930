import { z } from 'zod';
import { StorableInstantOrDate } from '../../../platform/time/instants.js';
import { CHANNELS } from '../../declarations/index.js';
import { ListBodySchema, ListName, ProfileBodySchema } from '../rules/criteria.schema.js';
import { SELECTION_SOURCES } from '../selection/channels.js';

/** Request and response shapes of the risk API (OpenAPI is generated from them). */

const iso = (d: Date | string | null | undefined) => (d ? new Date(d).toISOString() : null);
const Note = z.string().trim().min(3).max(2000);
const Reason = z.string().trim().min(3).max(2000);

// --- lists

export const ListNameParams = z.object({ name: ListName }).strict();
export const CreateListIn = z
  .object({ name: ListName, list: ListBodySchema, note: Note.optional() })
  .strict();
export const UpdateListIn = z
  .object({ list: ListBodySchema, note: Note.optional(), baseVersion: z.number().int().min(1).optional() })
  .strict();

export const ListSummaryOut = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.string(),
  version: z.number(),
  description: z.string(),
  entryCount: z.number(),
  updatedAt: z.string(),
  updatedBy: z.string(),
});
export const ListVersionOut = z.object({
  version: z.number(),
  list: z.unknown().describe('The list body at this version (kind, description, entries)'),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
});
export const ListDetailOut = ListSummaryOut.extend({
  list: z.unknown().describe('The current list body'),
  versions: z.array(ListVersionOut),
});

type ListHeadRow = {
  id: string;
  name: string;
  kind: string;
  current_version: number;
  updated_at: Date;
  created_by: string;
  body: { description: string; entries: unknown[] };
};

export function toListSummary(r: ListHeadRow): z.infer<typeof ListSummaryOut> {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    version: Number(r.current_version),
    description: r.body.description,
    entryCount: r.body.entries.length,
    updatedAt: iso(r.updated_at)!,
    updatedBy: r.created_by,
  };
}

export function toVersion(v: {
  version: number;
  body: unknown;
  note: string | null;
  created_by: string;
  created_at: Date;
}) {
  return { version: Number(v.version), note: v.note, createdBy: v.created_by, createdAt: iso(v.created_at)! };
}

// --- profiles

export const ProfileIdParams = z.object({ id: z.uuid() }).strict();
export const ProfileVersionParams = z
  .object({ id: z.uuid(), version: z.coerce.number().int().min(1) })
  .strict();
export const CreateProfileIn = z.object({ profile: ProfileBodySchema, note: Note.optional() }).strict();
export const UpdateProfileIn = z
  .object({
    profile: ProfileBodySchema,
    note: Note.optional(),
    baseVersion: z.number().int().min(1).optional(),
  })
  .strict();

export const ProfileOut = z.object({
  id: z.uuid(),
  version: z.number(),
  profile: z
    .unknown()
    .describe('The profile body at this version (name, status, offices, criteria, action, validity, reason)'),
  note: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export const ProfileDetailOut = ProfileOut.extend({
  versions: z.array(ListVersionOut.omit({ list: true }).extend({ profile: z.unknown() })),
});

export function toProfile(p: {
  id: string;
  version: number;
  body: unknown;
  note: string | null;
  created_by: string;
  created_at: Date;
  updated_at: Date;
}): z.infer<typeof ProfileOut> {
  return {
    id: p.id,
    version: Number(p.version),
    profile: p.body,
    note: p.note,
    createdBy: p.created_by,
    createdAt: iso(p.created_at)!,
    updatedAt: iso(p.updated_at)!,
  };
}

export const DryRunIn = z
  .object({
    /** A profile body to try (new or edited) … */
    profile: ProfileBodySchema.optional(),
    /** … or an existing profile, at its current version or at `version`. */
    profileId: z.uuid().optional(),
    version: z.number().int().min(1).optional(),
    days: z.number().int().min(1).max(365).default(30),
    office: z
      .string()
      .regex(/^[A-Z0-9]{4,10}$/)
      .optional(),
    sampleSize: z.number().int().min(0).max(200).default(20),
  })
  .strict()
  .refine((d) => (d.profile === undefined) !== (d.profileId === undefined), {
    message: 'PROFILE_OR_ID_REQUIRED',
    path: ['profile'],
  });

export const DryRunOut = z.object({
  period: z.object({ from: z.string(), to: z.string(), days: z.number() }),
  scanned: z.number(),
  matched: z.number(),
  wouldSelect: z.number(),
  matchRate: z.number(),
  overlap: z.object({ alreadySelected: z.number(), newSelections: z.number(), byThisProfile: z.number() }),
  byCurrentChannel: z.record(z.string(), z.number()),
  byOffice: z.array(z.object({ office: z.string(), scanned: z.number(), matched: z.number() })),
  lists: z.array(z.object({ name: z.string(), version: z.number() })),
  sample: z.array(
    z.object({
      declarationId: z.string(),
      lrn: z.string(),
      office: z.string(),
      lodgedAt: z.string(),
      items: z.array(z.number()),
      currentChannel: z.enum(CHANNELS).nullable(),
      currentSource: z.string().nullable(),
      wouldBe: z.enum(CHANNELS).nullable(),
    }),
  ),
});

// --- office rates

const Percent = z.number().min(0).max(100);
export const OfficeParams = z.object({ office: z.string().regex(/^[A-Z0-9]{4,10}$/) }).strict();
export const OfficeRatesIn = z
  .object({
    rates: z.object({ green: Percent, yellow: Percent, red: Percent, blue: Percent }).strict(),
    randomMinimum: Percent,
    explorationShare: Percent,
    reason: Reason.optional(),
  })
  .strict()
  .refine((r) => Math.abs(r.rates.green + r.rates.yellow + r.rates.red + r.rates.blue - 100) < 1e-9, {
    message: 'RATES_NOT_100',
    path: ['rates'],
  });
const RatesOut = z.object({
  rates: z.object({ green: z.number(), yellow: z.number(), red: z.number(), blue: z.number() }),
  randomMinimum: z.number(),
  explorationShare: z.number(),
});
export const OfficeRatesOut = RatesOut.extend({
  office: z.string(),
  updatedBy: z.string().nullable(),
  updatedAt: z.string().nullable(),
  /** Today's decisions in the office (its local day), by channel. */
  today: z.object({ decided: z.number(), byChannel: z.record(z.string(), z.number()) }),
});
export const OfficeRatesListOut = z.object({ defaults: RatesOut, offices: z.array(OfficeRatesOut) });

// --- models

export const ModelIdParams = z.object({ id: z.coerce.number().int().min(1) }).strict();
export const ActivationIn = z.object({ reason: Reason }).strict();
export const RetrainIn = z.object({ reason: Reason, promote: z.boolean().default(false) }).strict();

export const ModelOut = z.object({
  id: z.number(),
  origin: z.string(),
  createdBy: z.string(),
  createdAt: z.string(),
  active: z.boolean(),
  metrics: z
    .unknown()
    .describe(
      'Validation figures per held-out source: rows, frauds, AUC, precision/recall/revenue at budgets',
    ),
  training: z
    .unknown()
    .describe('Rows, frauds, rounds, seconds and the data slices (shipped, platform) with their dates'),
  params: z.unknown(),
  sha256: z.string(),
});
export const ModelDetailOut = ModelOut.extend({ featureSchema: z.unknown() });
export const ModelListOut = z.object({
  activeModelId: z.number().nullable(),
  models: z.array(ModelOut),
  activations: z.array(
    z.object({
      id: z.number(),
      modelId: z.number(),
      action: z.string(),
      reason: z.string().nullable(),
      by: z.string(),
      at: z.string(),
    }),
  ),
});

export function toModel(m: {
  id: number;
  origin: string;
  created_by: string;
  created_at: Date;
  metrics: unknown;
  training: unknown;
  params: unknown;
  artifact_sha256: string;
  active?: boolean;
}): z.infer<typeof ModelOut> {
  return {
    id: Number(m.id),
    origin: m.origin,
    createdBy: m.created_by,
    createdAt: iso(m.created_at)!,
    active: m.active ?? false,
    metrics: m.metrics,
    training: m.training,
    params: m.params,
    sha256: m.artifact_sha256,
  };
}

export const JobOut = z.object({
  id: z.number(),
  trigger: z.string(),
  status: z.string(),
  requestedBy: z.string(),
  progress: z.unknown().nullable(),
  modelId: z.number().nullable(),
  error: z.string().nullable(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export function toJob(j: {
  id: number;
  trigger: string;
  status: string;
  requested_by: string;
  progress: unknown;
  model_id: number | null;
  error: string | null;
  started_at: Date;
  finished_at: Date | null;
}): z.infer<typeof JobOut> {
  return {
    id: Number(j.id),
    trigger: j.trigger,
    status: j.status,
    requestedBy: j.requested_by,
    progress: j.progress ?? null,
    modelId: j.model_id === null ? null : Number(j.model_id),
    error: j.error,
    startedAt: iso(j.started_at)!,
    finishedAt: iso(j.finished_at),
  };
}

// --- reports and explanations

const csvOf = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .string()
    .transform((s) => s.split(',').filter(Boolean))
    .pipe(z.array(z.enum(values)))
    .optional();
const When = StorableInstantOrDate;

export const HitRatesQuery = z
  .object({
    from: When.optional(),
    to: When.optional(),
    office: z
      .string()
      .regex(/^[A-Z0-9]{4,10}$/)
      .optional(),
    interval: z.enum(['day', 'week', 'month']).default('day'),
  })
  .strict();
const HitRateRow = z.object({
  source: z.string(),
  decided: z.number(),
  selected: z.number(),
  controlled: z.number(),
  hits: z.number(),
  /** Hits per controlled declaration; null when none was controlled. */
  hitRate: z.number().nullable(),
  revenue: z.number(),
});
export const HitRatesOut = z.object({
  from: z.string(),
  to: z.string(),
  interval: z.string(),
  series: z.array(HitRateRow.extend({ period: z.string() })),
  totals: z.array(HitRateRow),
});

export const DecisionsQuery = z
  .object({
    from: When.optional(),
    to: When.optional(),
    office: z
      .string()
      .regex(/^[A-Z0-9]{4,10}$/)
      .optional(),
    channel: csvOf(CHANNELS),
    source: csvOf(SELECTION_SOURCES),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  })
  .strict();
export const DecisionOut = z.object({
  declarationId: z.string(),
  office: z.string(),
  lodgedAt: z.string(),
  channel: z.enum(CHANNELS),
  source: z.string(),
  score: z.number().nullable(),
  probability: z.number().nullable(),
  revenueAtStake: z.number().nullable(),
  modelVersion: z.number().nullable(),
  rulesetId: z.number().nullable(),
  ruleHits: z.unknown(),
});
export const DecisionsOut = z.object({ items: z.array(DecisionOut) });

export function toDecision(d: {
  declaration_id: string;
  office: string;
  lodged_at: Date;
  channel: (typeof CHANNELS)[number];
  source: string;
  score: number | null;
  probability: number | null;
  revenue_at_stake: number | null;
  model_id: number | null;
  ruleset_id: number | null;
  hits: unknown;
}): z.infer<typeof DecisionOut> {
  const num = (v: number | null) => (v === null ? null : Number(v));
  return {
    declarationId: d.declaration_id,
    office: d.office,
    lodgedAt: iso(d.lodged_at)!,
    channel: d.channel,
    source: d.source,
    score: num(d.score),
    probability: num(d.probability),
    revenueAtStake: num(d.revenue_at_stake),
    modelVersion: num(d.model_id),
    rulesetId: num(d.ruleset_id),
    ruleHits: d.hits,
  };
}

export const DeclarationRiskOut = z.object({
  declarationId: z.string(),
  office: z.string(),
  status: z.string(),
  channel: z.enum(CHANNELS).nullable(),
  source: z.string().nullable(),
  strategy: z.string().nullable(),
  score: z.number().nullable(),
  probability: z.number().nullable(),
  revenueAtStake: z.number().nullable(),
  modelVersion: z.number().nullable(),
  ruleset: z.unknown().nullable().describe('The profile and list versions live when the decision was made'),
  ruleHits: z.unknown(),
  topFeatures: z
    .unknown()
    .describe(
      'TreeSHAP contributions of the driving goods item, largest first (log-odds), computed with the deciding model version',
    ),
  drivingItem: z.number().nullable(),
  items: z.unknown(),
  budget: z.unknown().nullable(),
  signals: z.array(
    z.object({ kind: z.string(), detail: z.unknown(), effect: z.string(), receivedAt: z.string() }),
  ),
  label: z
    .object({ outcome: z.string(), fraud: z.boolean(), revenue: z.number(), recordedAt: z.string() })
    .nullable(),
});
