/**
 * Learned fraud-risk model for the risk module: read the KCS declaration CSV format, fit an
 * out-of-fold feature pipeline and histogram gradient-boosted trees, score P(fraud) and the revenue at
 * stake with exact TreeSHAP reasons, evaluate at inspection budgets, and store the model as JSON.
 */
import { parseDeclarationCsv, readDeclarationCsv } from './csv.js';
import {
  DEFAULT_BUDGETS,
  evaluateModel,
  labelledDeclarations,
  type FraudModel,
  type ModelEvaluation,
} from './model.js';

export {
  DECLARATION_CSV_COLUMNS,
  DeclarationCsvError,
  parseDeclarationCsv,
  readDeclarationCsv,
  type DeclarationCsvErrorCode,
  type DeclarationRecord,
} from './csv.js';
export {
  declarationToRiskInput,
  DEFAULT_PIPELINE_PARAMS,
  IDENTIFIER_KEYS,
  REPEAT_VALUE_KEYS,
  RiskFeaturePipeline,
  type FeaturePipelineParams,
  type KeyField,
  type RiskFeatureInput,
} from './features.js';
export { DEFAULT_BOOSTER_PARAMS, trainBooster, type BoosterParams, type FeatureMatrix } from './gbdt.js';
export { auc, budgetOutcome, type BudgetOutcome } from './metrics.js';
export {
  declaredDuty,
  DEFAULT_BUDGETS,
  DEFAULT_FRAUD_MODEL_PARAMS,
  evaluateModel,
  evaluateScores,
  FraudModel,
  FraudModelError,
  labelledDeclarations,
  recoverableRevenue,
  trainFraudModel,
  type FeatureContribution,
  type FraudModelJson,
  type FraudModelParams,
  type LabelledDeclaration,
  type ModelEvaluation,
  type RiskScore,
  type TrainFraudModelInput,
  type TrainingProgress,
  type TrainingSummary,
} from './model.js';
export { boosterGrid, tuneOnValidation, type TuningCandidate, type TuningResult } from './tuning.js';

/**
 * Evaluate a trained model on a labelled CSV in the dataset format — a file path, or the CSV text or
 * bytes. Works on files the model has never seen: unknown importers, sellers or HS codes fall back to
 * the training prior. Throws `DeclarationCsvError` (coded, with the line) on a malformed file.
 */
export async function evaluateDeclarationCsv(
  model: FraudModel,
  source: { path: string } | { content: string | Uint8Array },
  budgets: readonly number[] = DEFAULT_BUDGETS,
): Promise<ModelEvaluation> {
  const records =
    'path' in source ? await readDeclarationCsv(source.path) : parseDeclarationCsv(source.content);
  return evaluateModel(model, labelledDeclarations(records), budgets);
}
