/**
 * The learned fraud-risk model: a fitted feature pipeline and a boosted tree ensemble scoring
 * P(fraud) for a declaration, the revenue at stake, and the per-feature contributions (TreeSHAP)
 * that officers see next to each score. Serialises to JSON for storage with the risk module.
 */
import type { DeclarationRecord } from './csv.js';
import {
  declarationToRiskInput,
  DEFAULT_PIPELINE_PARAMS,
  RiskFeaturePipeline,
  type FeaturePipelineJson,
  type FeaturePipelineParams,
  type RiskFeatureInput,
} from './features.js';
import {
  boosterFromJson,
  boosterToJson,
  DEFAULT_BOOSTER_PARAMS,
  predictMargin,
  predictMatrixMargins,
  sigmoid,
  trainBooster,
  type Booster,
  type BoosterJson,
  type BoosterParams,
} from './gbdt.js';
import { auc, budgetOutcome } from './metrics.js';
import { expectedMargin, treeShap } from './shap.js';

/** A declaration with its control outcome: 1 when the control found fraud. */
export interface LabelledDeclaration {
  input: RiskFeatureInput;
  fraud: 0 | 1;
}

export interface FraudModelParams {
  features: FeaturePipelineParams;
  booster: BoosterParams;
  /** How many declaration fields `score` lists as the main reasons. */
  explainTop: number;
}

/**
 * Chosen on the 2021-Q1 validation quarter (README.md, "Tuning"): from a grid over learning rate
 * {0.05, 0.1}, leaves {15, 31, 63}, rows per leaf {10, 40} and smoothing {3, 20}, early-stopped on
 * validation AUC; the winner kept 111 trees, now fixed so training needs no validation set. Depth is
 * capped at 8 afterwards to bound TreeSHAP's cost (O(trees · leaves · depth²)); on the validation
 * quarter the cap changed no precision figure and AUC by 0.0001.
 */
export const DEFAULT_FRAUD_MODEL_PARAMS: FraudModelParams = {
  features: DEFAULT_PIPELINE_PARAMS,
  booster: {
    ...DEFAULT_BOOSTER_PARAMS,
    objective: 'binary',
    rounds: 111,
    learningRate: 0.1,
    maxLeaves: 63,
    maxDepth: 8,
    minSamplesLeaf: 10,
    minChildWeight: 1,
    lambda: 1,
    rowSubsample: 0.7,
    colSubsample: 0.8,
    maxBins: 255,
    earlyStoppingRounds: 0,
    stoppingMetric: 'auc',
    seed: 1,
  },
  explainTop: 5,
};

export interface FeatureContribution {
  /** Declaration field (or derived quantity, or pair of fields) the contribution belongs to. */
  source: string;
  /** Contribution to the log-odds of fraud: positive raises the risk. */
  contribution: number;
  /** The model features derived from this field, with the value this declaration had. */
  features: { name: string; value: number; contribution: number }[];
}

export interface RiskScore {
  /** P(fraud) for this declaration. */
  probability: number;
  /** Expected revenue at stake: P(fraud) × declared duty (item price × duty rate). */
  revenueAtStake: number;
  /** Log-odds before any feature is known (the model's average). */
  baseLogOdds: number;
  /** The largest contributions by absolute size, grouped by declaration field. */
  contributions: FeatureContribution[];
}

export interface BudgetFigures {
  precision: number;
  recall: number;
  revenue: number;
}

export interface ModelEvaluation {
  rows: number;
  frauds: number;
  auc: number;
  /** Keyed by budget in percent, e.g. `"5"`. */
  budgets: Record<string, BudgetFigures>;
}

export interface TrainingSummary {
  trainRows: number;
  trainFrauds: number;
  /** Trees kept (after early stopping, when on). */
  rounds: number;
  /** Seconds spent fitting features and trees. */
  seconds: number;
  validation?: ModelEvaluation;
}

export interface FraudModelJson {
  format: 'aduana.fraud-model';
  version: 1;
  params: FraudModelParams;
  featureNames: string[];
  featureSources: string[];
  summary: TrainingSummary;
  pipeline: FeaturePipelineJson;
  booster: BoosterJson;
}

export type TrainingProgress =
  | { stage: 'features'; rows: number }
  | { stage: 'boosting'; round: number; rounds: number; trainLoss: number; validMetric?: number };

export class FraudModelError extends Error {
  override readonly name = 'FraudModelError';
  constructor(
    readonly code: 'MODEL_NO_FRAUD_AND_COMPLIANT' | 'MODEL_BAD_JSON',
    message: string,
  ) {
    super(message);
  }
}

/** Duty declared on the goods: item price × duty rate. Missing quantities count as zero. */
export function declaredDuty(input: RiskFeatureInput): number {
  const value = ((input.itemPrice ?? 0) * (input.taxRate ?? 0)) / 100;
  return Number.isFinite(value) && value > 0 ? value : 0;
}

/**
 * Revenue a control recovers on this declaration, as far as the dataset lets us tell: the declared
 * duty when fraud was found, nothing otherwise.
 */
export function recoverableRevenue(declaration: LabelledDeclaration): number {
  return declaration.fraud === 1 ? declaredDuty(declaration.input) : 0;
}

/** Records of the dataset CSV (labelled) as training or evaluation declarations. */
export function labelledDeclarations(records: readonly DeclarationRecord[]): LabelledDeclaration[] {
  return records.map((record) => ({
    input: declarationToRiskInput(record),
    fraud: record.fraud === 1 ? 1 : 0,
  }));
}

export class FraudModel {
  private readonly expected: number;

  constructor(
    readonly pipeline: RiskFeaturePipeline,
    readonly booster: Booster,
    readonly params: FraudModelParams,
    readonly summary: TrainingSummary,
  ) {
    this.expected = expectedMargin(booster);
  }

  /** Names of the model's feature columns, and the declaration field each derives from. */
  get featureSchema(): { names: readonly string[]; sources: readonly string[] } {
    return { names: this.pipeline.featureNames, sources: this.pipeline.featureSources };
  }

  /** Probability, revenue at stake and the main reasons for one declaration. */
  score(input: RiskFeatureInput, top = this.params.explainTop): RiskScore {
    const row = this.pipeline.transformOne(input);
    const shap = treeShap(this.booster, row, this.expected);
    const probability = sigmoid(predictMargin(this.booster, row));
    const names = this.pipeline.featureNames;
    const sources = this.pipeline.featureSources;
    const groups = new Map<string, FeatureContribution>();
    for (let f = 0; f < row.length; f++) {
      const contribution = shap.contributions[f]!;
      if (contribution === 0) continue;
      const source = sources[f]!;
      let group = groups.get(source);
      if (group === undefined) groups.set(source, (group = { source, contribution: 0, features: [] }));
      group.contribution += contribution;
      group.features.push({ name: names[f]!, value: row[f]!, contribution });
    }
    const contributions = [...groups.values()]
      .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution))
      .slice(0, top);
    return {
      probability,
      revenueAtStake: probability * declaredDuty(input),
      baseLogOdds: shap.expectedValue,
      contributions,
    };
  }

  /** P(fraud) of many declarations at once, without explanations. */
  probabilities(inputs: readonly RiskFeatureInput[]): Float64Array {
    return predictMatrixMargins(this.booster, this.pipeline.transform(inputs)).map(sigmoid);
  }

  toJSON(): FraudModelJson {
    return {
      format: 'aduana.fraud-model',
      version: 1,
      params: this.params,
      featureNames: [...this.pipeline.featureNames],
      featureSources: [...this.pipeline.featureSources],
      summary: this.summary,
      pipeline: this.pipeline.toJSON(),
      booster: boosterToJson(this.booster),
    };
  }

  static fromJSON(json: FraudModelJson): FraudModel {
    if (json.format !== 'aduana.fraud-model' || json.version !== 1) {
      throw new FraudModelError('MODEL_BAD_JSON', 'not a version 1 Aduana fraud model');
    }
    const pipeline = RiskFeaturePipeline.fromJSON(json.pipeline);
    const booster = boosterFromJson(json.booster);
    if (booster.featureCount !== pipeline.featureCount) {
      throw new FraudModelError('MODEL_BAD_JSON', 'booster and pipeline disagree on the feature count');
    }
    return new FraudModel(pipeline, booster, json.params, json.summary);
  }
}

export interface TrainFraudModelInput {
  train: readonly LabelledDeclaration[];
  /** A later period, for early stopping and the summary; never used to fit features. */
  valid?: readonly LabelledDeclaration[];
  params?: {
    features?: Partial<FeaturePipelineParams>;
    booster?: Partial<BoosterParams>;
    explainTop?: number;
  };
  onProgress?: (progress: TrainingProgress) => void;
}

/** Fit the feature pipeline and the boosted trees on labelled declarations. */
export function trainFraudModel(input: TrainFraudModelInput): FraudModel {
  const started = performance.now();
  const params: FraudModelParams = {
    features: { ...DEFAULT_FRAUD_MODEL_PARAMS.features, ...input.params?.features },
    booster: { ...DEFAULT_FRAUD_MODEL_PARAMS.booster, ...input.params?.booster },
    explainTop: input.params?.explainTop ?? DEFAULT_FRAUD_MODEL_PARAMS.explainTop,
  };
  const labels = Float64Array.from(input.train, (d) => d.fraud);
  const frauds = labels.reduce((a, b) => a + b, 0);
  if (frauds === 0 || frauds === labels.length) {
    throw new FraudModelError(
      'MODEL_NO_FRAUD_AND_COMPLIANT',
      'training needs both fraudulent and compliant declarations',
    );
  }
  input.onProgress?.({ stage: 'features', rows: input.train.length });
  const { pipeline, matrix } = RiskFeaturePipeline.fit(
    input.train.map((d) => d.input),
    labels,
    params.features,
  );
  const valid =
    input.valid && input.valid.length > 0
      ? {
          matrix: pipeline.transform(input.valid.map((d) => d.input)),
          labels: Float64Array.from(input.valid, (d) => d.fraud),
        }
      : undefined;
  const boosterParams = valid ? params.booster : { ...params.booster, earlyStoppingRounds: 0 };
  const result = trainBooster({
    train: matrix,
    labels,
    ...(valid ? { valid } : {}),
    params: boosterParams,
    onRound: (r) =>
      input.onProgress?.({
        stage: 'boosting',
        round: r.round,
        rounds: boosterParams.rounds,
        trainLoss: r.trainLoss,
        ...(r.validMetric === undefined ? {} : { validMetric: r.validMetric }),
      }),
  });
  const summary: TrainingSummary = {
    trainRows: input.train.length,
    trainFrauds: frauds,
    rounds: result.bestRounds,
    seconds: (performance.now() - started) / 1000,
  };
  const model = new FraudModel(pipeline, result.booster, params, summary);
  if (input.valid && input.valid.length > 0) summary.validation = evaluateModel(model, input.valid);
  return model;
}

export const DEFAULT_BUDGETS = [1, 2, 5, 10] as const;

/**
 * Measure the model on labelled declarations it has not been trained on: AUC, and precision, recall
 * and revenue caught when inspecting the top n % by probability (or by revenue at stake).
 */
export function evaluateModel(
  model: FraudModel,
  rows: readonly LabelledDeclaration[],
  budgets: readonly number[] = DEFAULT_BUDGETS,
  rankBy: 'probability' | 'revenueAtStake' = 'probability',
): ModelEvaluation {
  const probabilities = model.probabilities(rows.map((d) => d.input));
  const scores =
    rankBy === 'probability' ? probabilities : probabilities.map((p, i) => p * declaredDuty(rows[i]!.input));
  return evaluateScores(scores, rows, budgets);
}

/** The same figures for any scores (used for baselines). */
export function evaluateScores(
  scores: ArrayLike<number>,
  rows: readonly LabelledDeclaration[],
  budgets: readonly number[] = DEFAULT_BUDGETS,
): ModelEvaluation {
  const labels = rows.map((d) => d.fraud);
  const revenue = rows.map(recoverableRevenue);
  const figures: Record<string, BudgetFigures> = {};
  for (const budget of budgets) {
    const { precision, recall, revenue: caught } = budgetOutcome(scores, labels, revenue, budget);
    figures[String(budget)] = { precision, recall, revenue: caught };
  }
  return {
    rows: rows.length,
    frauds: labels.filter((l) => l === 1).length,
    auc: auc(scores, labels),
    budgets: figures,
  };
}
