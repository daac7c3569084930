/**
 * The risk module: analysts' profiles and lists, office inspection budgets, the model registry, online scoring with
 * explanations, channel selection (criteria → random quota → exploration → model top-up), labels from control
 * results, retraining, hit rates by selection source, and signals from other modules.
 *
 * Public face: the platform wires it with `createRiskModule` and installs `strategy` on the declarations service.
 */
export { createRiskModule, installationPath, readBundle, DEFAULT_BUNDLE_DIR } from './risk.module.js';
export type { RiskConfig, RiskModule, RiskModuleDeps } from './risk.module.js';
export type { RiskServices } from './risk.services.js';
export { riskMigrations } from './migrations/index.js';
export { RISK_EVENTS, SIGNAL_EVENTS } from './risk.events.js';
export { SELECTION_SOURCES, type SelectionSource } from './selection/channels.js';
export type { OfficeRates } from './selection/office-budget.js';
export type { RiskDecision, RiskExplanation } from './selection/risk-channel-strategy.js';
export {
  ListBodySchema,
  ProfileBodySchema,
  type Criterion,
  type ListBody,
  type ProfileBody,
} from './rules/criteria.schema.js';
export {
  bundleMetadata,
  loadArtifact,
  trainRiskModel,
  type TrainedRiskModel,
} from './training/train-model.js';
export type { PlatformLabel, TrainingDataInput } from './training/training-data.js';
export { riskInputsOf } from './scoring/risk-input.js';
export { scoreDeclaration, type DeclarationScore, type ServingModel } from './scoring/scorer.js';
export { isFraud } from './feedback/feedback.service.js';
