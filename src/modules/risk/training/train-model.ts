import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  DEFAULT_BUDGETS,
  evaluateModel,
  FraudModel,
  trainFraudModel,
  type BoosterParams,
  type FraudModelJson,
  type FraudModelParams,
  type ModelEvaluation,
  type TrainingProgress,
} from '../model/index.js';
import { TariffReference, type TariffJson } from '../scoring/tariff.js';
import type { ServingModel } from '../scoring/scorer.js';
import { buildTrainingSets, type TrainingDataInput, type TrainingSets } from './training-data.js';

/** Validation figures of a model version, per source of held-out declarations. */
export interface ModelMetrics {
  /** The figure to quote: on the platform's own later labels when there are enough, else on the shipped quarter. */
  headline: ModelEvaluation | null;
  bySource: { shipped?: ModelEvaluation; platform?: ModelEvaluation };
  /** The same budgets ranked by revenue at stake (the post-clearance audit lane). */
  byRevenue: { shipped?: ModelEvaluation; platform?: ModelEvaluation };
}

export interface TrainingDescription {
  trainRows: number;
  trainFrauds: number;
  rounds: number;
  seconds: number;
  data: TrainingSets['description'];
}

/** What the registry stores for a version: the scoring artifact and its description. */
export interface TrainedRiskModel {
  /** gzip of `{ format, version, model, tariff }`. */
  artifact: Buffer;
  sha256: string;
  params: FraudModelParams;
  metrics: ModelMetrics;
  featureSchema: { names: string[]; sources: string[] };
  training: TrainingDescription;
}

interface ArtifactJson {
  format: 'aduana.risk-model';
  version: 1;
  model: FraudModelJson;
  tariff: TariffJson;
}

export interface TrainRiskModelOptions {
  booster?: Partial<BoosterParams>;
  budgets?: readonly number[];
  onProgress?: (
    progress: TrainingProgress | { stage: 'data'; rows: number } | { stage: 'evaluating' },
  ) => void;
}

export class RiskArtifactError extends Error {
  override readonly name = 'RiskArtifactError';
  constructor(message: string) {
    super(message);
  }
}

/** Reads a stored artifact back into a serving model (identical scores). */
export function loadArtifact(id: number, artifact: Uint8Array): ServingModel {
  const json = JSON.parse(gunzipSync(artifact).toString('utf8')) as ArtifactJson;
  if (json.format !== 'aduana.risk-model' || json.version !== 1)
    throw new RiskArtifactError('not a version 1 Aduana risk model artifact');
  return { id, model: FraudModel.fromJSON(json.model), tariff: TariffReference.fromJSON(json.tariff) };
}

/** Trains on prepared sets: fits the tariff reference and the fraud model, then measures each held-out source. */
export function trainOnSets(sets: TrainingSets, options: TrainRiskModelOptions = {}): TrainedRiskModel {
  const started = performance.now();
  const tariff = TariffReference.fit(sets.train.map((d) => d.input));
  const model = trainFraudModel({
    train: sets.train,
    ...(options.booster ? { params: { booster: options.booster } } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  options.onProgress?.({ stage: 'evaluating' });
  const budgets = options.budgets ?? DEFAULT_BUDGETS;
  const metrics: ModelMetrics = { headline: null, bySource: {}, byRevenue: {} };
  for (const source of ['shipped', 'platform'] as const) {
    const rows = sets.valid[source];
    if (rows.length === 0) continue;
    metrics.bySource[source] = evaluateModel(model, rows, budgets);
    metrics.byRevenue[source] = evaluateModel(model, rows, budgets, 'revenueAtStake');
  }
  metrics.headline = metrics.bySource.platform ?? metrics.bySource.shipped ?? null;
  const json: ArtifactJson = {
    format: 'aduana.risk-model',
    version: 1,
    model: model.toJSON(),
    tariff: tariff.toJSON(),
  };
  const artifact = gzipSync(JSON.stringify(json), { level: 6 });
  const schema = model.featureSchema;
  return {
    artifact,
    sha256: createHash('sha256').update(artifact).digest('hex'),
    params: model.params,
    metrics,
    featureSchema: { names: [...schema.names], sources: [...schema.sources] },
    training: {
      trainRows: model.summary.trainRows,
      trainFrauds: model.summary.trainFrauds,
      rounds: model.summary.rounds,
      seconds: (performance.now() - started) / 1000,
      data: sets.description,
    },
  };
}

/** Reads the labelled history and trains on it (the work of `aduana risk train` and of every retrain). */
export async function trainRiskModel(
  data: TrainingDataInput,
  options: TrainRiskModelOptions = {},
): Promise<TrainedRiskModel> {
  const sets = await buildTrainingSets(data);
  options.onProgress?.({ stage: 'data', rows: sets.train.length });
  return trainOnSets(sets, options);
}

/**
 * The bundled default model, as two files: the artifact exactly as the registry stores it (`default-model.gz`) and
 * its description in readable JSON (`default-model.json`: parameters, metrics, feature schema, training data, digest).
 */
export interface BundleMetadata {
  format: 'aduana.risk-model-bundle';
  version: 1;
  sha256: string;
  params: FraudModelParams;
  metrics: ModelMetrics;
  featureSchema: { names: string[]; sources: string[] };
  training: TrainingDescription;
}

export function bundleMetadata(m: TrainedRiskModel): BundleMetadata {
  const { params, metrics, featureSchema, training, sha256 } = m;
  return { format: 'aduana.risk-model-bundle', version: 1, sha256, params, metrics, featureSchema, training };
}

/** Reads a bundle back, checking that the artifact is the one its description names. */
export function fromBundle(artifact: Buffer, metadata: BundleMetadata): TrainedRiskModel {
  if (metadata.format !== 'aduana.risk-model-bundle' || metadata.version !== 1)
    throw new RiskArtifactError('not a version 1 Aduana risk model bundle');
  if (createHash('sha256').update(artifact).digest('hex') !== metadata.sha256)
    throw new RiskArtifactError('the bundled artifact does not match its digest');
  const { params, metrics, featureSchema, training, sha256 } = metadata;
  return { artifact, sha256, params, metrics, featureSchema, training };
}
