import type { paths } from '../../api/schema';
import type { Channel } from '../../api/types';

/** `GET /api/v1/risk/declarations/{id}` as the API sends it (several parts typed `unknown` in the contract). */
export type DeclarationRisk =
  paths['/api/v1/risk/declarations/{id}']['get']['responses'][200]['content']['application/json'];

/** What a risk profile does when it hits: a channel at a selection percentage, or points on the score. */
export type HitAction = { channel: Channel; percent: number } | { scoreWeight: number };

export interface RuleHit {
  profileId: string;
  name: string;
  version: number;
  reason: string;
  /** Goods item sequences that satisfied the profile. */
  items: number[];
  action: HitAction | null;
  /** False when a channel profile under 100 % let the hit through. */
  applied: boolean;
}

/** A declaration field's part in the driving item's score, in log-odds, with the model features behind it. */
export interface FieldContribution {
  source: string;
  contribution: number;
  features: { name: string; value: number | null; contribution: number }[];
}

export interface ItemScore {
  sequence: number;
  hs6: string;
  probability: number;
  revenueAtStake: number;
}

/** Where the declaration fell in its office's inspection budget of the day (index counts from 0). */
export interface BudgetPlace {
  office: string;
  day: string;
  index: number;
}

export type SignalKind = 'iot-alarm' | 'origin' | 'amendment';
export type SignalEffect = 'recorded' | 'escalated' | 'held' | 'escalated+held' | 'closed' | 'unchanged';

export interface Signal {
  kind: SignalKind | 'other';
  effect: SignalEffect | 'other';
  receivedAt: string;
  detail: Record<string, unknown>;
}

/** The explanation, narrowed from the API's loosely typed parts; anything malformed is left out, never guessed. */
export interface RiskExplanation {
  hits: RuleHit[];
  contributions: FieldContribution[];
  items: ItemScore[];
  budget: BudgetPlace | null;
  signals: Signal[];
}

const CHANNELS: readonly string[] = ['green', 'yellow', 'red', 'blue'];
const SIGNAL_KINDS: readonly string[] = ['iot-alarm', 'origin', 'amendment'];
const EFFECTS: readonly string[] = ['recorded', 'escalated', 'held', 'escalated+held', 'closed', 'unchanged'];

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

function actionOf(v: unknown): HitAction | null {
  if (!isRecord(v)) return null;
  if (typeof v.channel === 'string' && CHANNELS.includes(v.channel))
    return { channel: v.channel as Channel, percent: num(v.percent) ?? 100 };
  const weight = num(v.scoreWeight);
  return weight === null ? null : { scoreWeight: weight };
}

function hitOf(v: unknown): RuleHit | null {
  if (!isRecord(v) || !str(v.name)) return null;
  return {
    profileId: str(v.profileId),
    name: str(v.name),
    version: num(v.version) ?? 0,
    reason: str(v.reason),
    items: list(v.items).flatMap((i) => (num(i) === null ? [] : [i as number])),
    action: actionOf(v.action),
    applied: v.applied !== false,
  };
}

function contributionOf(v: unknown): FieldContribution | null {
  const contribution = isRecord(v) ? num(v.contribution) : null;
  if (!isRecord(v) || contribution === null || !str(v.source)) return null;
  return {
    source: str(v.source),
    contribution,
    features: list(v.features).flatMap((f) =>
      isRecord(f) && num(f.contribution) !== null
        ? [{ name: str(f.name), value: num(f.value), contribution: num(f.contribution)! }]
        : [],
    ),
  };
}

function itemOf(v: unknown): ItemScore | null {
  if (!isRecord(v)) return null;
  const sequence = num(v.sequence);
  const probability = num(v.probability);
  if (sequence === null || probability === null) return null;
  return { sequence, hs6: str(v.hs6), probability, revenueAtStake: num(v.revenueAtStake) ?? 0 };
}

function budgetOf(v: unknown): BudgetPlace | null {
  if (!isRecord(v)) return null;
  const index = num(v.index);
  return index === null ? null : { office: str(v.office), day: str(v.day), index };
}

const present = <T>(v: T | null): v is T => v !== null;

/** Narrows the API's explanation to what the panel shows. */
export function readExplanation(risk: DeclarationRisk): RiskExplanation {
  return {
    hits: list(risk.ruleHits).map(hitOf).filter(present),
    contributions: list(risk.topFeatures).map(contributionOf).filter(present),
    items: list(risk.items).map(itemOf).filter(present),
    budget: budgetOf(risk.budget),
    signals: risk.signals
      .map((s) => ({
        kind: SIGNAL_KINDS.includes(s.kind) ? (s.kind as SignalKind) : ('other' as const),
        effect: EFFECTS.includes(s.effect) ? (s.effect as SignalEffect) : ('other' as const),
        receivedAt: s.receivedAt,
        detail: isRecord(s.detail) ? s.detail : {},
      }))
      .sort((a, b) => a.receivedAt.localeCompare(b.receivedAt)),
  };
}
