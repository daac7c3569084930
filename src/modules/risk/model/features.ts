/**
 * Feature pipeline for the fraud model, fitted on training declarations only.
 *
 * - Quantities: duty rate, log mass, log price, log unit value (price per kg), log declared duty, unit
 *   value and duty rate against the usual for the HS subheading, origin ≠ departure, month and weekday.
 * - Identifiers and codes (importer, declarant, seller, courier, HS6/HS4/HS2, origin, departure, office,
 *   procedure codes, and pairs such as importer×HS6): a smoothed fraud rate and a count of other
 *   declarations. On training rows the rate is OUT-OF-FOLD — computed from the other k−1 folds — so a
 *   row never sees its own label; on new rows it uses every training row.
 *
 * The fitted pipeline is plain JSON, so it can be stored with the model.
 */
import type { DeclarationRecord } from './csv.js';
import type { FeatureMatrix } from './gbdt.js';
import { seededRandom, shuffleInPlace } from './random.js';

/** What the risk module knows about a declaration when it asks for a score. */
export interface RiskFeatureInput {
  /** Lodgement date, ISO `YYYY-MM-DD`. */
  date: string;
  officeId: string;
  processType: string;
  importType: string;
  importUse: string;
  paymentType: string;
  modeOfTransport: string;
  declarantId: string;
  importerId: string;
  sellerId?: string | null;
  courierId?: string | null;
  /** Six-digit HS subheading. */
  hs6: string;
  departureCountry: string;
  originCountry: string;
  /** Country-of-origin indicator (how origin was established). */
  originIndicator: string;
  /** Duty rate in percent. */
  taxRate: number;
  taxType: string;
  netMassKg?: number | null;
  itemPrice?: number | null;
}

/** Map a dataset CSV record onto the platform's scoring input. */
export function declarationToRiskInput(record: DeclarationRecord): RiskFeatureInput {
  return {
    date: record.date,
    officeId: record.officeId,
    processType: record.processType,
    importType: record.importType,
    importUse: record.importUse,
    paymentType: record.paymentType,
    modeOfTransport: record.modeOfTransport,
    declarantId: record.declarantId,
    importerId: record.importerId,
    sellerId: record.sellerId === '' ? null : record.sellerId,
    courierId: record.courierId === '' ? null : record.courierId,
    hs6: record.hs6,
    departureCountry: record.departureCountry,
    originCountry: record.originCountry,
    originIndicator: record.originIndicator,
    taxRate: record.taxRate,
    taxType: record.taxType,
    netMassKg: Number.isNaN(record.netMassKg) ? null : record.netMassKg,
    itemPrice: Number.isNaN(record.itemPrice) ? null : record.itemPrice,
  };
}

/** Categorical fields a target statistic can be keyed on. */
export const KEY_FIELDS = [
  'importerId',
  'declarantId',
  'sellerId',
  'courierId',
  'hs6',
  'hs4',
  'hs2',
  'originCountry',
  'departureCountry',
  'officeId',
  'processType',
  'importType',
  'importUse',
  'paymentType',
  'modeOfTransport',
  'taxType',
  'originIndicator',
  // Exact declared values: "identical earlier declarations" (same goods at the same price or mass).
  'itemPrice',
  'netMassKg',
  'taxRate',
] as const;
export type KeyField = (typeof KEY_FIELDS)[number];

export interface FeaturePipelineParams {
  /** Folds for the out-of-fold target statistics on training rows. */
  folds: number;
  /** Prior strength m: rate = (frauds + m·prior) / (declarations + m). */
  smoothing: number;
  seed: number;
  /** Keys for target statistics: single fields or combinations (importer×HS6 = ['importerId', 'hs6']). */
  keys: KeyField[][];
}

/** Identifiers, codes and their useful pairs. */
export const IDENTIFIER_KEYS: KeyField[][] = [
  ['importerId'],
  ['declarantId'],
  ['sellerId'],
  ['courierId'],
  ['hs6'],
  ['hs4'],
  ['hs2'],
  ['originCountry'],
  ['departureCountry'],
  ['officeId'],
  ['importType'],
  ['importUse'],
  ['paymentType'],
  ['modeOfTransport'],
  ['taxType'],
  ['originIndicator'],
  ['importerId', 'hs6'],
  ['declarantId', 'importerId'],
  ['sellerId', 'hs6'],
  ['importerId', 'sellerId'],
  ['hs6', 'originCountry'],
  ['officeId', 'hs6'],
];

/**
 * Identical earlier consignments: the same HS6 at the same declared price, or with the same net mass.
 * On the KCS synthetic data these read a construction artefact of the dataset and carry most of the
 * signal (README.md, "What the model learns on this dataset"); on real declarations they are the
 * history of repeat consignments.
 */
export const REPEAT_VALUE_KEYS: KeyField[][] = [
  ['hs6', 'itemPrice'],
  ['hs6', 'netMassKg'],
];

export const DEFAULT_PIPELINE_PARAMS: FeaturePipelineParams = {
  folds: 5,
  // Chosen on the validation quarter from {3, 20}.
  smoothing: 3,
  seed: 7,
  keys: [...IDENTIFIER_KEYS, ...REPEAT_VALUE_KEYS],
};

const NUMERIC_FEATURES = [
  { name: 'taxRate', source: 'taxRate' },
  { name: 'logNetMass', source: 'netMassKg' },
  { name: 'logItemPrice', source: 'itemPrice' },
  { name: 'logUnitValue', source: 'unitValue' },
  { name: 'logDeclaredDuty', source: 'declaredDuty' },
  { name: 'unitValueVsHs6', source: 'unitValue' },
  { name: 'taxRateVsHs6', source: 'taxRate' },
  { name: 'originDiffersFromDeparture', source: 'originCountry' },
  { name: 'month', source: 'date' },
  { name: 'weekday', source: 'date' },
] as const;

interface KeyStatistics {
  fields: KeyField[];
  values: string[];
  declarations: number[];
  frauds: number[];
}

/** Usual value of a quantity at HS6, HS4 and HS2 level, falling back to the overall median. */
interface HsReference {
  hs6: Record<string, number>;
  hs4: Record<string, number>;
  hs2: Record<string, number>;
  overall: number;
}

export interface FeaturePipelineJson {
  version: 1;
  params: FeaturePipelineParams;
  prior: number;
  trainingRows: number;
  keys: KeyStatistics[];
  unitValue: HsReference;
  taxRate: HsReference;
}

export class FeaturePipelineError extends Error {
  override readonly name = 'FeaturePipelineError';
  constructor(
    readonly code:
      'FEATURES_NO_TRAINING_ROWS' | 'FEATURES_BAD_PARAMS' | 'FEATURES_BAD_JSON' | 'FEATURES_BAD_DATE',
    message: string,
  ) {
    super(message);
  }
}

function keyValue(input: RiskFeatureInput, field: KeyField): string {
  switch (field) {
    case 'hs4':
      return input.hs6.slice(0, 4);
    case 'hs2':
      return input.hs6.slice(0, 2);
    case 'sellerId':
      return input.sellerId ?? '';
    case 'courierId':
      return input.courierId ?? '';
    case 'itemPrice':
    case 'netMassKg':
    case 'taxRate': {
      const v = finiteOrNaN(input[field]);
      return Number.isNaN(v) ? '' : String(v);
    }
    case 'importerId':
    case 'declarantId':
    case 'hs6':
    case 'originCountry':
    case 'departureCountry':
    case 'officeId':
    case 'processType':
    case 'importType':
    case 'importUse':
    case 'paymentType':
    case 'modeOfTransport':
    case 'taxType':
    case 'originIndicator':
      return input[field];
  }
}

function compositeKey(input: RiskFeatureInput, fields: readonly KeyField[]): string {
  return fields.length === 1
    ? keyValue(input, fields[0]!)
    : fields.map((f) => keyValue(input, f)).join('\u001f');
}

function keyName(fields: readonly KeyField[]): string {
  return fields.join('×');
}

function finiteOrNaN(v: number | null | undefined): number {
  return v === null || v === undefined || !Number.isFinite(v) ? Number.NaN : v;
}

function logUnitValue(input: RiskFeatureInput): number {
  const price = finiteOrNaN(input.itemPrice);
  const mass = finiteOrNaN(input.netMassKg);
  return Math.log1p(price) - Math.log1p(mass);
}

function median(values: number[]): number {
  const present = values.filter((v) => !Number.isNaN(v)).sort((a, b) => a - b);
  if (present.length === 0) return Number.NaN;
  const mid = present.length >> 1;
  return present.length % 2 === 1 ? present[mid]! : (present[mid - 1]! + present[mid]!) / 2;
}

/** Medians per HS level, kept only where at least `minRows` declarations support them. */
function fitHsReference(
  inputs: readonly RiskFeatureInput[],
  quantity: (i: RiskFeatureInput) => number,
): HsReference {
  const minRows = 5;
  const level = (digits: number): Record<string, number> => {
    const groups = new Map<string, number[]>();
    for (const input of inputs) {
      const code = input.hs6.slice(0, digits);
      let group = groups.get(code);
      if (group === undefined) groups.set(code, (group = []));
      group.push(quantity(input));
    }
    const out: Record<string, number> = {};
    for (const [code, values] of groups) {
      const m = median(values);
      if (values.length >= minRows && !Number.isNaN(m)) out[code] = m;
    }
    return out;
  };
  return { hs6: level(6), hs4: level(4), hs2: level(2), overall: median(inputs.map(quantity)) };
}

function usual(reference: HsReference, hs6: string): number {
  return (
    reference.hs6[hs6] ??
    reference.hs4[hs6.slice(0, 4)] ??
    reference.hs2[hs6.slice(0, 2)] ??
    reference.overall
  );
}

function dateParts(date: string): { month: number; weekday: number } {
  const d = new Date(`${date.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) {
    throw new FeaturePipelineError('FEATURES_BAD_DATE', `"${date}" is not an ISO date`);
  }
  return { month: d.getUTCMonth() + 1, weekday: d.getUTCDay() };
}

/** A fitted feature pipeline: turns declarations into model feature vectors. */
export class RiskFeaturePipeline {
  /** Column names, in matrix order. */
  readonly featureNames: readonly string[];
  /** Declaration field (or derived quantity) each column comes from, for explanations. */
  readonly featureSources: readonly string[];
  private readonly lookups: Map<string, number>[];

  private constructor(private readonly state: FeaturePipelineJson) {
    const names: string[] = NUMERIC_FEATURES.map((f) => f.name);
    const sources: string[] = NUMERIC_FEATURES.map((f) => f.source);
    for (const key of state.keys) {
      const name = keyName(key.fields);
      const source = keyName(key.fields.map((f) => (f === 'hs4' || f === 'hs2' ? 'hs6' : f)));
      names.push(`fraudRate:${name}`, `declarations:${name}`);
      sources.push(source, source);
    }
    this.featureNames = names;
    this.featureSources = sources;
    this.lookups = state.keys.map((key) => new Map(key.values.map((v, i) => [v, i])));
  }

  get featureCount(): number {
    return this.featureNames.length;
  }

  get params(): FeaturePipelineParams {
    return this.state.params;
  }

  /**
   * Fit on training declarations and return the pipeline together with the training matrix, whose
   * target statistics are out-of-fold.
   */
  static fit(
    inputs: readonly RiskFeatureInput[],
    labels: ArrayLike<number>,
    params: Partial<FeaturePipelineParams> = {},
  ): { pipeline: RiskFeaturePipeline; matrix: FeatureMatrix } {
    const p: FeaturePipelineParams = { ...DEFAULT_PIPELINE_PARAMS, ...params };
    const n = inputs.length;
    if (n === 0) throw new FeaturePipelineError('FEATURES_NO_TRAINING_ROWS', 'no training declarations');
    if (!(p.folds >= 2) || !(p.smoothing >= 0)) {
      throw new FeaturePipelineError('FEATURES_BAD_PARAMS', 'folds must be ≥ 2 and smoothing ≥ 0');
    }
    const folds = assignFolds(n, p.folds, p.seed);
    const foldRows = new Float64Array(p.folds);
    const foldFrauds = new Float64Array(p.folds);
    let frauds = 0;
    for (let i = 0; i < n; i++) {
      foldRows[folds[i]!]!++;
      foldFrauds[folds[i]!]! += labels[i]!;
      frauds += labels[i]!;
    }
    const prior = frauds / n;
    const keys: KeyStatistics[] = [];
    // Per key and row: out-of-fold declarations and frauds.
    const outOfFold: { declarations: Float64Array; frauds: Float64Array }[] = [];
    for (const fields of p.keys) {
      const index = new Map<string, number>();
      const codes = new Int32Array(n);
      for (let i = 0; i < n; i++) {
        const v = compositeKey(inputs[i]!, fields);
        let code = index.get(v);
        if (code === undefined) index.set(v, (code = index.size));
        codes[i] = code;
      }
      const k = index.size;
      const perFoldRows = new Float64Array(k * p.folds);
      const perFoldFrauds = new Float64Array(k * p.folds);
      const totalRows = new Float64Array(k);
      const totalFrauds = new Float64Array(k);
      for (let i = 0; i < n; i++) {
        const c = codes[i]!;
        perFoldRows[c * p.folds + folds[i]!]!++;
        perFoldFrauds[c * p.folds + folds[i]!]! += labels[i]!;
        totalRows[c]!++;
        totalFrauds[c]! += labels[i]!;
      }
      const oofRows = new Float64Array(n);
      const oofFrauds = new Float64Array(n);
      for (let i = 0; i < n; i++) {
        const c = codes[i]!;
        oofRows[i] = totalRows[c]! - perFoldRows[c * p.folds + folds[i]!]!;
        oofFrauds[i] = totalFrauds[c]! - perFoldFrauds[c * p.folds + folds[i]!]!;
      }
      outOfFold.push({ declarations: oofRows, frauds: oofFrauds });
      keys.push({
        fields,
        values: [...index.keys()],
        declarations: Array.from(totalRows),
        frauds: Array.from(totalFrauds),
      });
    }
    const pipeline = new RiskFeaturePipeline({
      version: 1,
      params: p,
      prior,
      trainingRows: n,
      keys,
      unitValue: fitHsReference(inputs, logUnitValue),
      taxRate: fitHsReference(inputs, (i) => finiteOrNaN(i.taxRate)),
    });

    const cols = pipeline.featureCount;
    const values = new Float32Array(n * cols);
    const row = new Float32Array(cols);
    const m = p.smoothing;
    for (let i = 0; i < n; i++) {
      pipeline.writeQuantities(inputs[i]!, row);
      const f = folds[i]!;
      const foldPrior = (frauds - foldFrauds[f]!) / (n - foldRows[f]!);
      let col = NUMERIC_FEATURES.length;
      for (let k = 0; k < keys.length; k++) {
        const oof = outOfFold[k]!;
        row[col++] = (oof.frauds[i]! + m * foldPrior) / (oof.declarations[i]! + m);
        // Other declarations with this key in the training year (this one excluded).
        row[col++] =
          keys[k]!.declarations[pipeline.lookups[k]!.get(compositeKey(inputs[i]!, keys[k]!.fields))!]! - 1;
      }
      for (let c = 0; c < cols; c++) values[c * n + i] = row[c]!;
    }
    return { pipeline, matrix: { rows: n, cols, values } };
  }

  /** Feature vector of one new declaration (full-training-data statistics). */
  transformOne(input: RiskFeatureInput, out = new Float32Array(this.featureCount)): Float32Array {
    this.writeQuantities(input, out);
    const m = this.state.params.smoothing;
    const prior = this.state.prior;
    let col = NUMERIC_FEATURES.length;
    for (let k = 0; k < this.state.keys.length; k++) {
      const key = this.state.keys[k]!;
      const at = this.lookups[k]!.get(compositeKey(input, key.fields));
      const rows = at === undefined ? 0 : key.declarations[at]!;
      const frauds = at === undefined ? 0 : key.frauds[at]!;
      out[col++] = (frauds + m * prior) / (rows + m);
      out[col++] = rows;
    }
    return out;
  }

  /** Feature matrix of new declarations. */
  transform(inputs: readonly RiskFeatureInput[]): FeatureMatrix {
    const n = inputs.length;
    const cols = this.featureCount;
    const values = new Float32Array(n * cols);
    const row = new Float32Array(cols);
    for (let i = 0; i < n; i++) {
      this.transformOne(inputs[i]!, row);
      for (let c = 0; c < cols; c++) values[c * n + i] = row[c]!;
    }
    return { rows: n, cols, values };
  }

  private writeQuantities(input: RiskFeatureInput, out: Float32Array): void {
    const price = finiteOrNaN(input.itemPrice);
    const mass = finiteOrNaN(input.netMassKg);
    const rate = finiteOrNaN(input.taxRate);
    const unitValue = logUnitValue(input);
    const { month, weekday } = dateParts(input.date);
    out[0] = rate;
    out[1] = Math.log1p(mass);
    out[2] = Math.log1p(price);
    out[3] = unitValue;
    out[4] = Math.log1p((price * rate) / 100);
    out[5] = unitValue - usual(this.state.unitValue, input.hs6);
    out[6] = rate - usual(this.state.taxRate, input.hs6);
    // Unknown when either country is missing (reduced data sets carry no origin): the trees route NaN as missing.
    out[7] =
      !input.originCountry || !input.departureCountry
        ? Number.NaN
        : input.originCountry === input.departureCountry
          ? 0
          : 1;
    out[8] = month;
    out[9] = weekday;
  }

  toJSON(): FeaturePipelineJson {
    return this.state;
  }

  static fromJSON(json: FeaturePipelineJson): RiskFeaturePipeline {
    if (json.version !== 1 || !Array.isArray(json.keys)) {
      throw new FeaturePipelineError('FEATURES_BAD_JSON', 'not a version 1 feature pipeline');
    }
    return new RiskFeaturePipeline(json);
  }
}

function assignFolds(n: number, k: number, seed: number): Uint8Array {
  const order = Uint32Array.from({ length: n }, (_, i) => i);
  shuffleInPlace(order, seededRandom(seed));
  const folds = new Uint8Array(n);
  for (let i = 0; i < n; i++) folds[order[i]!] = i % k;
  return folds;
}
