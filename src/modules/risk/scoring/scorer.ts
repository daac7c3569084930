import type { DeclarationInput } from '../../declarations/index.js';
import { declaredDuty, type FraudModel } from '../model/index.js';
import { riskInputsOf } from './risk-input.js';
import type { TariffReference } from './tariff.js';

/** The model version serving decisions, with the tariff reference fitted alongside it. */
export interface ServingModel {
  id: number;
  model: FraudModel;
  tariff: TariffReference;
}

/** A feature's part in a score, in log-odds (positive raises the risk). NaN values are shown as null. */
export interface Contribution {
  source: string;
  contribution: number;
  features: { name: string; value: number | null; contribution: number }[];
}

/** A declaration's risk: the riskiest item decides the probability; revenue at stake adds up over the items. */
export interface DeclarationScore {
  modelVersion: number;
  probability: number;
  revenueAtStake: number;
  /** Sequence of the goods item with the highest probability (the one explained). */
  drivingItem: number;
  /** The model's prediction before any feature is known; null when not explained. */
  baseLogOdds: number | null;
  /** TreeSHAP contributions of the driving item; empty when not explained. */
  contributions: Contribution[];
  items: { sequence: number; hs6: string; probability: number; revenueAtStake: number }[];
}

/**
 * Scores every goods item (one batch) and, with `explain`, explains the item that drove the score with TreeSHAP.
 * Lodgement scores without explaining (TreeSHAP is most of a decision's CPU); the explanation is computed when an
 * officer asks for it, with the same model version ({@link explainDrivingItem}).
 */
export function scoreDeclaration(
  serving: ServingModel,
  d: DeclarationInput,
  lodgedAt: Date,
  options: { explain?: boolean } = {},
): DeclarationScore {
  const inputs = riskInputsOf(d, lodgedAt, serving.tariff);
  const probabilities = serving.model.probabilities(inputs.map((i) => i.input));
  let top = 0;
  let revenue = 0;
  const items = inputs.map((it, i) => {
    const p = probabilities[i]!;
    if (p > probabilities[top]!) top = i;
    const r = p * declaredDuty(it.input);
    revenue += r;
    return { sequence: it.sequence, hs6: it.input.hs6, probability: p, revenueAtStake: r };
  });
  const explained = options.explain === false ? null : explainInput(serving, inputs[top]!.input);
  return {
    modelVersion: serving.id,
    probability: probabilities[top]!,
    revenueAtStake: revenue,
    drivingItem: inputs[top]!.sequence,
    baseLogOdds: explained?.baseLogOdds ?? null,
    contributions: explained?.contributions ?? [],
    items,
  };
}

function explainInput(
  serving: ServingModel,
  input: ReturnType<typeof riskInputsOf>[number]['input'],
): { baseLogOdds: number; contributions: Contribution[] } {
  const explained = serving.model.score(input);
  return {
    baseLogOdds: explained.baseLogOdds,
    contributions: explained.contributions.map((c) => ({
      source: c.source,
      contribution: c.contribution,
      features: c.features.map((f) => ({
        name: f.name,
        value: Number.isFinite(f.value) ? f.value : null,
        contribution: f.contribution,
      })),
    })),
  };
}

/**
 * TreeSHAP contributions of one goods item of a lodged declaration, with the model version that decided it (the
 * features are rebuilt exactly as at lodgement: same document, lodgement time and tariff reference). Null when the
 * item is not on the declaration.
 */
export function explainDrivingItem(
  serving: ServingModel,
  d: DeclarationInput,
  lodgedAt: Date,
  sequence: number,
): { baseLogOdds: number; contributions: Contribution[] } | null {
  const item = riskInputsOf(d, lodgedAt, serving.tariff).find((i) => i.sequence === sequence);
  return item ? explainInput(serving, item.input) : null;
}
