/**
 * Hyperparameter search on a validation period: train each candidate on the training period, measure
 * it on the (later) validation period, rank by mean precision at the chosen budgets, AUC breaking ties.
 * The validation period only ever scores candidates; features are always fitted on training rows.
 */
import type { FeaturePipelineParams } from './features.js';
import type { BoosterParams } from './gbdt.js';
import { evaluateModel, trainFraudModel, type LabelledDeclaration, type ModelEvaluation } from './model.js';

export interface TuningCandidate {
  features?: Partial<FeaturePipelineParams>;
  booster?: Partial<BoosterParams>;
}

export interface TuningResult {
  candidate: TuningCandidate;
  evaluation: ModelEvaluation;
  /** Trees kept by the candidate (after early stopping, when the candidate asks for it). */
  rounds: number;
  seconds: number;
  /** Mean precision over the selection budgets: what the ranking maximises. */
  objective: number;
}

export interface TuningInput {
  train: readonly LabelledDeclaration[];
  valid: readonly LabelledDeclaration[];
  candidates: readonly TuningCandidate[];
  /** Budgets (percent) whose mean precision is maximised. */
  selectionBudgets?: readonly number[];
  onResult?: (result: TuningResult, index: number) => void;
}

/** Every combination of the listed values (a grid), as booster candidates. */
export function boosterGrid(axes: {
  [K in keyof BoosterParams]?: readonly BoosterParams[K][];
}): TuningCandidate[] {
  let grid: Partial<BoosterParams>[] = [{}];
  for (const [name, values] of Object.entries(axes) as [keyof BoosterParams, readonly unknown[]][]) {
    grid = grid.flatMap((partial) => values.map((value) => ({ ...partial, [name]: value })));
  }
  return grid.map((booster) => ({ booster }));
}

/** Train and score every candidate; best first. */
export function tuneOnValidation(input: TuningInput): TuningResult[] {
  const selection = input.selectionBudgets ?? [5, 10];
  const budgets = [...new Set([1, 2, 5, 10, ...selection])].sort((a, b) => a - b);
  const results = input.candidates.map((candidate, index) => {
    const started = performance.now();
    const model = trainFraudModel({
      train: input.train,
      valid: input.valid,
      params: {
        ...(candidate.features ? { features: candidate.features } : {}),
        ...(candidate.booster ? { booster: candidate.booster } : {}),
      },
    });
    const evaluation = evaluateModel(model, input.valid, budgets);
    const objective =
      selection.reduce((sum, b) => sum + evaluation.budgets[String(b)]!.precision, 0) / selection.length;
    const result: TuningResult = {
      candidate,
      evaluation,
      rounds: model.summary.rounds,
      seconds: (performance.now() - started) / 1000,
      objective,
    };
    input.onResult?.(result, index);
    return result;
  });
  return results.sort((a, b) => b.objective - a.objective || b.evaluation.auc - a.evaluation.auc);
}
