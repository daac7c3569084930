import { createHash } from 'node:crypto';
import {
  labelledDeclarations,
  readDeclarationCsv,
  type LabelledDeclaration,
  type RiskFeatureInput,
} from '../model/index.js';

/** A control result on one of Aduana's declarations, as a training label (one row per goods item). */
export interface PlatformLabel {
  declarationId: string;
  /** ISO timestamp of lodgement: the date that places the label in the train / validation split. */
  lodgedAt: string;
  fraud: 0 | 1;
  revenue: number;
  items: { sequence: number; input: RiskFeatureInput; fraud: 0 | 1 }[];
}

/** Where a slice of training or validation rows came from. */
export interface DataSlice {
  source: 'shipped' | 'platform';
  /** The CSV file (shipped data) or the number of declarations (platform labels). */
  file?: string;
  declarations: number;
  rows: number;
  frauds: number;
  from: string | null;
  to: string | null;
}

export interface TrainingSets {
  train: LabelledDeclaration[];
  valid: { shipped: LabelledDeclaration[]; platform: LabelledDeclaration[] };
  description: {
    train: DataSlice[];
    validation: DataSlice[];
    /** Digest of the platform labels used (declaration, label, revenue): changes when a control result changes. */
    labelsDigest: string | null;
    /** First lodgement date of the platform validation period, when there is one. */
    platformCutoff: string | null;
  };
}

export interface TrainingDataInput {
  /** Historical declarations with outcomes (the KCS CSV format), the earlier period. */
  trainCsv?: string | null;
  /** A later period of the same format, held out for validation. */
  validCsv?: string | null;
  platformLabels?: readonly PlatformLabel[];
  /** Platform labels needed before the latest of them are held out as their own validation period. */
  minPlatformValidation?: number;
  /** Share of the platform labels (the latest) held out when there are enough. */
  platformValidationShare?: number;
}

function slice(
  source: DataSlice['source'],
  rows: readonly LabelledDeclaration[],
  declarations: number,
  file?: string,
): DataSlice {
  const dates = rows.map((r) => r.input.date).sort();
  return {
    source,
    ...(file ? { file } : {}),
    declarations,
    rows: rows.length,
    frauds: rows.filter((r) => r.fraud === 1).length,
    from: dates[0] ?? null,
    to: dates[dates.length - 1] ?? null,
  };
}

const itemRows = (labels: readonly PlatformLabel[]): LabelledDeclaration[] =>
  labels.flatMap((l) => l.items.map((it) => ({ input: it.input, fraud: it.fraud })));

/**
 * All labelled history, split by date within each source so that no model is trained on a later period than it is
 * measured on: the shipped training year trains and the shipped validation quarter is always held out; the platform's
 * own control results train, and once there are enough of them their latest share (whole days) is held out too.
 * The shipped declarations and the platform's are different populations (other traders, codes and currency), so each
 * keeps its own time line.
 */
export async function buildTrainingSets(input: TrainingDataInput): Promise<TrainingSets> {
  const shippedTrain = input.trainCsv ? labelledDeclarations(await readDeclarationCsv(input.trainCsv)) : [];
  const shippedValid = input.validCsv ? labelledDeclarations(await readDeclarationCsv(input.validCsv)) : [];
  const labels = [...(input.platformLabels ?? [])].sort((a, b) => a.lodgedAt.localeCompare(b.lodgedAt));
  const minValidation = input.minPlatformValidation ?? 200;
  const share = input.platformValidationShare ?? 0.2;

  let platformTrain = labels;
  let platformValid: PlatformLabel[] = [];
  let cutoff: string | null = null;
  if (labels.length >= minValidation) {
    const day = labels[Math.floor(labels.length * (1 - share))]!.lodgedAt.slice(0, 10);
    const earlier = labels.filter((l) => l.lodgedAt.slice(0, 10) < day);
    const later = labels.filter((l) => l.lodgedAt.slice(0, 10) >= day);
    const frauds = later.filter((l) => l.fraud === 1).length;
    if (earlier.length > 0 && frauds > 0 && frauds < later.length) {
      platformTrain = earlier;
      platformValid = later;
      cutoff = day;
    }
  }
  const trainPlatformRows = itemRows(platformTrain);
  const validPlatformRows = itemRows(platformValid);
  const digest =
    labels.length === 0
      ? null
      : createHash('sha256')
          .update(platformTrain.map((l) => `${l.declarationId}:${l.fraud}:${l.revenue}`).join('\n'))
          .digest('hex');
  const trainSlices: DataSlice[] = [];
  if (shippedTrain.length > 0)
    trainSlices.push(slice('shipped', shippedTrain, shippedTrain.length, input.trainCsv ?? undefined));
  if (trainPlatformRows.length > 0)
    trainSlices.push(slice('platform', trainPlatformRows, platformTrain.length));
  const validSlices: DataSlice[] = [];
  if (shippedValid.length > 0)
    validSlices.push(slice('shipped', shippedValid, shippedValid.length, input.validCsv ?? undefined));
  if (validPlatformRows.length > 0)
    validSlices.push(slice('platform', validPlatformRows, platformValid.length));
  return {
    train: [...shippedTrain, ...trainPlatformRows],
    valid: { shipped: shippedValid, platform: validPlatformRows },
    description: {
      train: trainSlices,
      validation: validSlices,
      labelsDigest: digest,
      platformCutoff: cutoff,
    },
  };
}
