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
  baseLogOdds: number;
  contributions: Contribution[];
  items: { sequence: number; hs6: string; probability: number; revenueAtStake: number }[];
}

/** Scores every goods item (one batch), then explains the item that drove the score with TreeSHAP. */
export function scoreDeclaration(
  serving: ServingModel,
  d: DeclarationInput,
  lodgedAt: Date,
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
  const explained = serving.model.score(inputs[top]!.input);
  return {
    modelVersion: serving.id,
    probability: probabilities[top]!,
    revenueAtStake: revenue,
    drivingItem: inputs[top]!.sequence,
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
    items,
  };
}
