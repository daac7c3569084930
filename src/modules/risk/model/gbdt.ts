/**
 * Histogram gradient-boosted decision trees on typed arrays: quantile bins (≤ 255 value bins plus one
 * for missing values), leaf-wise growth bounded by leaves and depth, second-order (Newton) leaf values
 * with L2, seeded row and column subsampling, a learned direction for missing values and early
 * stopping on a validation set. Binary logistic and squared-error objectives.
 */
import { auc } from './metrics.js';
import { seededRandom, shuffleInPlace, type SeededRandom } from './random.js';

export type Objective = 'binary' | 'squared-error';
export type StoppingMetric = 'loss' | 'auc';

export interface BoosterParams {
  objective: Objective;
  /** Maximum boosting rounds (trees). */
  rounds: number;
  learningRate: number;
  /** Leaf-wise growth stops at this many leaves. */
  maxLeaves: number;
  /** Maximum depth; 0 for no limit besides `maxLeaves`. */
  maxDepth: number;
  /** Minimum hessian sum in a child (for logistic loss, ≈ p(1−p) × rows). */
  minChildWeight: number;
  /** Minimum rows in a child. */
  minSamplesLeaf: number;
  /** L2 penalty on leaf values. */
  lambda: number;
  /** A split must reduce the objective by more than this. */
  minSplitGain: number;
  /** Share of rows drawn (without replacement) for each tree. */
  rowSubsample: number;
  /** Share of features drawn for each tree. */
  colSubsample: number;
  /** Value bins per feature, 2..255. */
  maxBins: number;
  /** Stop when the validation metric has not improved for this many rounds; 0 disables. */
  earlyStoppingRounds: number;
  stoppingMetric: StoppingMetric;
  seed: number;
}

export const DEFAULT_BOOSTER_PARAMS: BoosterParams = {
  objective: 'binary',
  rounds: 300,
  learningRate: 0.05,
  maxLeaves: 31,
  maxDepth: 0,
  minChildWeight: 1,
  minSamplesLeaf: 20,
  lambda: 1,
  minSplitGain: 0,
  rowSubsample: 1,
  colSubsample: 1,
  maxBins: 255,
  earlyStoppingRounds: 0,
  stoppingMetric: 'loss',
  seed: 1,
};

/** Features in columns: `values[feature * rows + row]`; NaN is a missing value. */
export interface FeatureMatrix {
  rows: number;
  cols: number;
  values: Float32Array;
}

/**
 * One regression tree in flat arrays. Node 0 is the root; a leaf has `feature = -1`. A row goes left when
 * `value <= threshold`, and a missing value goes left when `missingLeft` is 1. `value` holds the leaf output
 * (already scaled by the learning rate) and, for inner nodes, the output the node would have as a leaf;
 * `cover` counts the training rows that reached the node.
 */
export interface Tree {
  feature: Int32Array;
  threshold: Float64Array;
  missingLeft: Uint8Array;
  left: Int32Array;
  right: Int32Array;
  value: Float64Array;
  cover: Float64Array;
}

export interface Booster {
  objective: Objective;
  /** Initial margin (log-odds of the base rate, or the mean target). */
  baseScore: number;
  featureCount: number;
  trees: Tree[];
}

export interface TrainingRound {
  round: number;
  trainLoss: number;
  validMetric?: number;
}

export interface TrainResult {
  booster: Booster;
  /** Rounds kept (the best validation round when early stopping is on). */
  bestRounds: number;
  history: TrainingRound[];
}

export interface BoosterTrainingInput {
  train: FeatureMatrix;
  labels: ArrayLike<number>;
  valid?: { matrix: FeatureMatrix; labels: ArrayLike<number> };
  params?: Partial<BoosterParams>;
  onRound?: (round: TrainingRound) => void;
}

export class BoosterParamsError extends Error {
  override readonly name = 'BoosterParamsError';
  constructor(
    readonly code: 'GBDT_BAD_PARAM' | 'GBDT_SHAPE_MISMATCH',
    message: string,
  ) {
    super(message);
  }
}

// ---------------------------------------------------------------- binning

/** Per-feature bin boundaries: value bin b (1-based) holds `upper[b−2] < v ≤ upper[b−1]`; bin 0 is missing. */
export interface Binning {
  upper: Float64Array[];
  /** Bins per feature including the missing bin. */
  binCount: Uint16Array;
  /** Bins in feature-major layout like {@link FeatureMatrix}. */
  bins: Uint8Array;
}

export function quantileBoundaries(values: Float32Array, maxBins: number): Float64Array {
  const present = Float64Array.from(values.filter((v) => !Number.isNaN(v))).sort();
  const distinct: number[] = [];
  const counts: number[] = [];
  for (const v of present) {
    if (distinct.length > 0 && distinct[distinct.length - 1] === v) counts[counts.length - 1]!++;
    else {
      distinct.push(v);
      counts.push(1);
    }
  }
  const cuts: number[] = [];
  if (distinct.length <= maxBins) {
    for (let i = 1; i < distinct.length; i++) cuts.push((distinct[i - 1]! + distinct[i]!) / 2);
    return Float64Array.from(cuts);
  }
  let remaining = present.length;
  let binsLeft = maxBins;
  let filled = 0;
  for (let i = 0; i < distinct.length - 1 && binsLeft > 1; i++) {
    filled += counts[i]!;
    const target = remaining / binsLeft;
    if (filled >= target || counts[i + 1]! >= target) {
      cuts.push((distinct[i]! + distinct[i + 1]!) / 2);
      remaining -= filled;
      binsLeft--;
      filled = 0;
    }
  }
  return Float64Array.from(cuts);
}

/** Index of the first boundary ≥ v, i.e. the count of boundaries below v. */
function lowerBound(upper: Float64Array, v: number): number {
  let lo = 0;
  let hi = upper.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (v <= upper[mid]!) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

export function binMatrix(matrix: FeatureMatrix, maxBins: number): Binning {
  const { rows, cols, values } = matrix;
  const upper: Float64Array[] = [];
  const binCount = new Uint16Array(cols);
  const bins = new Uint8Array(rows * cols);
  for (let f = 0; f < cols; f++) {
    const column = values.subarray(f * rows, (f + 1) * rows);
    const boundaries = quantileBoundaries(column, maxBins);
    upper.push(boundaries);
    binCount[f] = boundaries.length + 2;
    for (let r = 0; r < rows; r++) {
      const v = column[r]!;
      bins[f * rows + r] = Number.isNaN(v) ? 0 : 1 + lowerBound(boundaries, v);
    }
  }
  return { upper, binCount, bins };
}

// ---------------------------------------------------------------- prediction

/** Leaf a row reaches; `x(feature)` reads the row's value of a feature. */
export function leafIndex(tree: Tree, x: (feature: number) => number): number {
  let node = 0;
  while (tree.feature[node]! >= 0) {
    const v = x(tree.feature[node]!);
    const goLeft = Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]!;
    node = goLeft ? tree.left[node]! : tree.right[node]!;
  }
  return node;
}

/** Raw margin (log-odds for the binary objective) of one row given as a dense vector. */
export function predictMargin(
  booster: Booster,
  row: ArrayLike<number>,
  rounds = booster.trees.length,
): number {
  let margin = booster.baseScore;
  const x = (f: number): number => row[f]!;
  for (let t = 0; t < rounds; t++) {
    const tree = booster.trees[t]!;
    margin += tree.value[leafIndex(tree, x)]!;
  }
  return margin;
}

/** Margins of every row of a matrix. */
export function predictMatrixMargins(booster: Booster, matrix: FeatureMatrix): Float64Array {
  const out = new Float64Array(matrix.rows).fill(booster.baseScore);
  for (const tree of booster.trees) addTreeToMargins(tree, matrix, out);
  return out;
}

function addTreeToMargins(tree: Tree, matrix: FeatureMatrix, out: Float64Array): void {
  const { rows, values } = matrix;
  for (let r = 0; r < rows; r++) {
    out[r]! += tree.value[leafIndex(tree, (f) => values[f * rows + r]!)]!;
  }
}

export function sigmoid(margin: number): number {
  return 1 / (1 + Math.exp(-margin));
}

/** Prediction in the target's scale: probability for binary, the value for squared error. */
export function predict(booster: Booster, row: ArrayLike<number>): number {
  const margin = predictMargin(booster, row);
  return booster.objective === 'binary' ? sigmoid(margin) : margin;
}

// ---------------------------------------------------------------- training

interface Split {
  gain: number;
  feature: number;
  bin: number;
  missingLeft: boolean;
  leftG: number;
  leftH: number;
  leftCount: number;
}

interface Leaf {
  node: number;
  start: number;
  end: number;
  depth: number;
  g: number;
  h: number;
  hist: Float64Array;
  split: Split | null;
}

interface GrowContext {
  params: BoosterParams;
  binning: Binning;
  rows: number;
  /** Offset of each feature's histogram (in bins) within one histogram buffer. */
  offset: Int32Array;
  totalBins: number;
  features: Int32Array;
  grad: Float64Array;
  hess: Float64Array;
  index: Uint32Array;
  scratch: Uint32Array;
  /** Gradients and hessians of a node's rows gathered in row-range order, for cache-friendly histograms. */
  orderedGrad: Float64Array;
  orderedHess: Float64Array;
  pool: Float64Array[];
}

function validateParams(p: BoosterParams): void {
  const bad = (name: string, why: string): never => {
    throw new BoosterParamsError('GBDT_BAD_PARAM', `${name} ${why}`);
  };
  if (!(p.rounds >= 1)) bad('rounds', 'must be ≥ 1');
  if (!(p.learningRate > 0)) bad('learningRate', 'must be > 0');
  if (!(p.maxLeaves >= 2)) bad('maxLeaves', 'must be ≥ 2');
  if (!(p.maxDepth >= 0)) bad('maxDepth', 'must be ≥ 0');
  if (!(p.maxBins >= 2 && p.maxBins <= 255)) bad('maxBins', 'must be in 2..255');
  if (!(p.rowSubsample > 0 && p.rowSubsample <= 1)) bad('rowSubsample', 'must be in (0, 1]');
  if (!(p.colSubsample > 0 && p.colSubsample <= 1)) bad('colSubsample', 'must be in (0, 1]');
  if (!(p.lambda >= 0 && p.minChildWeight >= 0 && p.minSamplesLeaf >= 1))
    bad('regularisation', 'out of range');
}

function lossGradients(
  objective: Objective,
  labels: ArrayLike<number>,
  margin: Float64Array,
  grad: Float64Array,
  hess: Float64Array,
): void {
  for (let i = 0; i < margin.length; i++) {
    if (objective === 'binary') {
      const p = sigmoid(margin[i]!);
      grad[i] = p - labels[i]!;
      hess[i] = Math.max(p * (1 - p), 1e-16);
    } else {
      grad[i] = margin[i]! - labels[i]!;
      hess[i] = 1;
    }
  }
}

/** Mean log loss (binary, from margins without overflow) or root mean squared error. */
function trainLoss(objective: Objective, labels: ArrayLike<number>, margin: Float64Array): number {
  let sum = 0;
  for (let i = 0; i < margin.length; i++) {
    const m = margin[i]!;
    if (objective === 'binary') {
      const z = labels[i] === 1 ? -m : m;
      sum += Math.max(z, 0) + Math.log1p(Math.exp(-Math.abs(z)));
    } else {
      sum += (m - labels[i]!) ** 2;
    }
  }
  return objective === 'binary' ? sum / margin.length : Math.sqrt(sum / margin.length);
}

function validationMetric(
  params: BoosterParams,
  labels: ArrayLike<number>,
  margin: Float64Array,
): { value: number; better: (a: number, b: number) => boolean } {
  if (params.stoppingMetric === 'auc' && params.objective === 'binary') {
    return { value: auc(margin, labels), better: (a, b) => a > b };
  }
  return { value: trainLoss(params.objective, labels, margin), better: (a, b) => a < b };
}

/** Train a booster. Deterministic for a given `params.seed`. */
export function trainBooster(input: BoosterTrainingInput): TrainResult {
  const params: BoosterParams = { ...DEFAULT_BOOSTER_PARAMS, ...input.params };
  validateParams(params);
  const { train, labels } = input;
  if (labels.length !== train.rows) {
    throw new BoosterParamsError('GBDT_SHAPE_MISMATCH', `${labels.length} labels for ${train.rows} rows`);
  }
  if (input.valid !== undefined && input.valid.matrix.cols !== train.cols) {
    throw new BoosterParamsError('GBDT_SHAPE_MISMATCH', 'validation matrix has a different feature count');
  }
  const n = train.rows;
  const random = seededRandom(params.seed);
  const binning = binMatrix(train, params.maxBins);
  const offset = new Int32Array(train.cols);
  let totalBins = 0;
  for (let f = 0; f < train.cols; f++) {
    offset[f] = totalBins;
    totalBins += binning.binCount[f]!;
  }
  let meanLabel = 0;
  for (let i = 0; i < n; i++) meanLabel += labels[i]!;
  meanLabel /= Math.max(1, n);
  const baseScore =
    params.objective === 'binary'
      ? Math.log(
          Math.min(1 - 1e-6, Math.max(1e-6, meanLabel)) / (1 - Math.min(1 - 1e-6, Math.max(1e-6, meanLabel))),
        )
      : meanLabel;

  const booster: Booster = { objective: params.objective, baseScore, featureCount: train.cols, trees: [] };
  const margin = new Float64Array(n).fill(baseScore);
  const validMargin = input.valid ? new Float64Array(input.valid.matrix.rows).fill(baseScore) : undefined;
  const ctx: GrowContext = {
    params,
    binning,
    rows: n,
    offset,
    totalBins,
    features: new Int32Array(0),
    grad: new Float64Array(n),
    hess: new Float64Array(n),
    index: new Uint32Array(n),
    scratch: new Uint32Array(n),
    orderedGrad: new Float64Array(n),
    orderedHess: new Float64Array(n),
    pool: [],
  };
  const history: TrainingRound[] = [];
  let best = { round: 0, value: Number.NaN };
  for (let round = 1; round <= params.rounds; round++) {
    lossGradients(params.objective, labels, margin, ctx.grad, ctx.hess);
    const inBag = sampleRows(ctx.index, n, params.rowSubsample, random);
    ctx.features = sampleFeatures(train.cols, params.colSubsample, random);
    const { tree, splitBin } = growTree(ctx, inBag);
    booster.trees.push(tree);
    addBinnedTree(tree, splitBin, binning, n, margin);
    const entry: TrainingRound = { round, trainLoss: trainLoss(params.objective, labels, margin) };
    if (input.valid && validMargin) {
      addTreeToMargins(tree, input.valid.matrix, validMargin);
      const metric = validationMetric(params, input.valid.labels, validMargin);
      entry.validMetric = metric.value;
      if (best.round === 0 || metric.better(metric.value, best.value)) best = { round, value: metric.value };
    }
    history.push(entry);
    input.onRound?.(entry);
    if (params.earlyStoppingRounds > 0 && best.round > 0 && round - best.round >= params.earlyStoppingRounds)
      break;
  }
  if (params.earlyStoppingRounds > 0 && best.round > 0) booster.trees.length = best.round;
  return { booster, bestRounds: booster.trees.length, history };
}

function sampleRows(index: Uint32Array, n: number, share: number, random: SeededRandom): number {
  if (share >= 1) {
    for (let i = 0; i < n; i++) index[i] = i;
    return n;
  }
  let m = 0;
  for (let i = 0; i < n; i++) if (random.next() < share) index[m++] = i;
  return m;
}

function sampleFeatures(cols: number, share: number, random: SeededRandom): Int32Array {
  const all = Array.from({ length: cols }, (_, i) => i);
  if (share >= 1) return Int32Array.from(all);
  shuffleInPlace(all, random);
  const k = Math.max(1, Math.round(cols * share));
  return Int32Array.from(all.slice(0, k).sort((a, b) => a - b));
}

/** Add a freshly grown tree's outputs to the training margins, walking bins instead of raw values. */
function addBinnedTree(
  tree: Tree,
  splitBin: Int32Array,
  binning: Binning,
  rows: number,
  margin: Float64Array,
): void {
  const { bins } = binning;
  for (let r = 0; r < rows; r++) {
    let node = 0;
    while (tree.feature[node]! >= 0) {
      const b = bins[tree.feature[node]! * rows + r]!;
      const goLeft = b === 0 ? tree.missingLeft[node] === 1 : b <= splitBin[node]!;
      node = goLeft ? tree.left[node]! : tree.right[node]!;
    }
    margin[r]! += tree.value[node]!;
  }
}

function takeHistogram(ctx: GrowContext): Float64Array {
  return ctx.pool.pop() ?? new Float64Array(ctx.totalBins * 3);
}

function buildHistogram(ctx: GrowContext, hist: Float64Array, start: number, end: number): void {
  const { bins } = ctx.binning;
  const { grad, hess, index, rows, orderedGrad, orderedHess } = ctx;
  const count = end - start;
  for (let i = 0; i < count; i++) {
    const r = index[start + i]!;
    orderedGrad[i] = grad[r]!;
    orderedHess[i] = hess[r]!;
  }
  const rowsOfNode = index.subarray(start, end);
  for (const f of ctx.features) {
    const base = ctx.offset[f]! * 3;
    hist.fill(0, base, base + ctx.binning.binCount[f]! * 3);
    const column = bins.subarray(f * rows, (f + 1) * rows);
    for (let i = 0; i < count; i++) {
      const k = base + column[rowsOfNode[i]!]! * 3;
      hist[k]! += orderedGrad[i]!;
      hist[k + 1]! += orderedHess[i]!;
      hist[k + 2]! += 1;
    }
  }
}

function subtractHistogram(ctx: GrowContext, parent: Float64Array, child: Float64Array): void {
  for (const f of ctx.features) {
    const base = ctx.offset[f]! * 3;
    const end = base + ctx.binning.binCount[f]! * 3;
    for (let k = base; k < end; k++) parent[k]! -= child[k]!;
  }
}

function leafObjective(g: number, h: number, lambda: number): number {
  return (g * g) / (h + lambda);
}

function findBestSplit(ctx: GrowContext, leaf: Leaf): Split | null {
  const { params } = ctx;
  const count = leaf.end - leaf.start;
  if (params.maxDepth > 0 && leaf.depth >= params.maxDepth) return null;
  if (count < 2 * params.minSamplesLeaf) return null;
  const { g, h, hist } = leaf;
  const parentObjective = leafObjective(g, h, params.lambda);
  let best: Split | null = null;
  for (const f of ctx.features) {
    const base = ctx.offset[f]! * 3;
    const nb = ctx.binning.binCount[f]!;
    const missG = hist[base]!;
    const missH = hist[base + 1]!;
    const missC = hist[base + 2]!;
    let lg = 0;
    let lh = 0;
    let lc = 0;
    for (let b = 1; b < nb - 1; b++) {
      const k = base + b * 3;
      lg += hist[k]!;
      lh += hist[k + 1]!;
      lc += hist[k + 2]!;
      // Missing values on the right, then (if there are any) on the left.
      for (let side = 0; side < (missC > 0 ? 2 : 1); side++) {
        const leftG = side === 0 ? lg : lg + missG;
        const leftH = side === 0 ? lh : lh + missH;
        const leftC = side === 0 ? lc : lc + missC;
        const rightH = h - leftH;
        const rightC = count - leftC;
        if (leftC < params.minSamplesLeaf || rightC < params.minSamplesLeaf) continue;
        if (leftH < params.minChildWeight || rightH < params.minChildWeight) continue;
        const gain =
          0.5 *
          (leafObjective(leftG, leftH, params.lambda) +
            leafObjective(g - leftG, rightH, params.lambda) -
            parentObjective);
        if (gain > params.minSplitGain && (best === null || gain > best.gain)) {
          // Without missing values in training, send future missing values to the larger side.
          const missingLeft = missC > 0 ? side === 1 : leftC >= rightC;
          best = { gain, feature: f, bin: b, missingLeft, leftG, leftH, leftCount: leftC };
        }
      }
    }
  }
  return best;
}

/** Stable in-place partition of the leaf's row range; returns the first index of the right part. */
function partitionRows(ctx: GrowContext, leaf: Leaf, split: Split): number {
  const { bins } = ctx.binning;
  const column = split.feature * ctx.rows;
  const { index, scratch } = ctx;
  let l = leaf.start;
  let r = 0;
  for (let i = leaf.start; i < leaf.end; i++) {
    const row = index[i]!;
    const b = bins[column + row]!;
    const goLeft = b === 0 ? split.missingLeft : b <= split.bin;
    if (goLeft) index[l++] = row;
    else scratch[r++] = row;
  }
  index.set(scratch.subarray(0, r), l);
  return l;
}

interface GrownTree {
  tree: Tree;
  splitBin: Int32Array;
}

function growTree(ctx: GrowContext, inBag: number): GrownTree {
  const { params } = ctx;
  const capacity = 2 * params.maxLeaves - 1;
  const feature = new Int32Array(capacity).fill(-1);
  const threshold = new Float64Array(capacity);
  const missingLeft = new Uint8Array(capacity);
  const left = new Int32Array(capacity).fill(-1);
  const right = new Int32Array(capacity).fill(-1);
  const value = new Float64Array(capacity);
  const cover = new Float64Array(capacity);
  const splitBin = new Int32Array(capacity);
  let nodes = 1;
  const leafValue = (g: number, h: number): number => (-g / (h + params.lambda)) * params.learningRate;

  let g = 0;
  let h = 0;
  for (let i = 0; i < inBag; i++) {
    g += ctx.grad[ctx.index[i]!]!;
    h += ctx.hess[ctx.index[i]!]!;
  }
  const root: Leaf = { node: 0, start: 0, end: inBag, depth: 0, g, h, hist: takeHistogram(ctx), split: null };
  buildHistogram(ctx, root.hist, 0, inBag);
  root.split = findBestSplit(ctx, root);
  value[0] = leafValue(g, h);
  cover[0] = inBag;
  const leaves: Leaf[] = [root];

  while (leaves.length < params.maxLeaves) {
    let pick = -1;
    for (let i = 0; i < leaves.length; i++) {
      const s = leaves[i]!.split;
      if (s !== null && (pick < 0 || s.gain > leaves[pick]!.split!.gain)) pick = i;
    }
    if (pick < 0) break;
    const parent = leaves[pick]!;
    const split = parent.split!;
    const mid = partitionRows(ctx, parent, split);
    const l = nodes++;
    const r = nodes++;
    feature[parent.node] = split.feature;
    threshold[parent.node] = ctx.binning.upper[split.feature]![split.bin - 1]!;
    splitBin[parent.node] = split.bin;
    missingLeft[parent.node] = split.missingLeft ? 1 : 0;
    left[parent.node] = l;
    right[parent.node] = r;
    const leftLeaf: Leaf = {
      node: l,
      start: parent.start,
      end: mid,
      depth: parent.depth + 1,
      g: split.leftG,
      h: split.leftH,
      hist: parent.hist,
      split: null,
    };
    const rightLeaf: Leaf = {
      node: r,
      start: mid,
      end: parent.end,
      depth: parent.depth + 1,
      g: parent.g - split.leftG,
      h: parent.h - split.leftH,
      hist: parent.hist,
      split: null,
    };
    // Build the smaller child's histogram; the larger one is the parent's minus it.
    const [small, large] =
      mid - parent.start <= parent.end - mid ? [leftLeaf, rightLeaf] : [rightLeaf, leftLeaf];
    small.hist = takeHistogram(ctx);
    buildHistogram(ctx, small.hist, small.start, small.end);
    subtractHistogram(ctx, large.hist, small.hist);
    for (const child of [leftLeaf, rightLeaf]) {
      value[child.node] = leafValue(child.g, child.h);
      cover[child.node] = child.end - child.start;
      child.split = findBestSplit(ctx, child);
    }
    leaves.splice(pick, 1, leftLeaf, rightLeaf);
  }
  for (const leaf of leaves) ctx.pool.push(leaf.hist);
  const trim = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => a.slice(0, nodes) as T;
  return {
    tree: {
      feature: trim(feature),
      threshold: trim(threshold),
      missingLeft: trim(missingLeft),
      left: trim(left),
      right: trim(right),
      value: trim(value),
      cover: trim(cover),
    },
    splitBin: trim(splitBin),
  };
}

// ---------------------------------------------------------------- serialisation

export interface TreeJson {
  feature: number[];
  threshold: number[];
  missingLeft: number[];
  left: number[];
  right: number[];
  value: number[];
  cover: number[];
}

export interface BoosterJson {
  objective: Objective;
  baseScore: number;
  featureCount: number;
  trees: TreeJson[];
}

export function boosterToJson(booster: Booster): BoosterJson {
  return {
    objective: booster.objective,
    baseScore: booster.baseScore,
    featureCount: booster.featureCount,
    trees: booster.trees.map((t) => ({
      feature: Array.from(t.feature),
      threshold: Array.from(t.threshold),
      missingLeft: Array.from(t.missingLeft),
      left: Array.from(t.left),
      right: Array.from(t.right),
      value: Array.from(t.value),
      cover: Array.from(t.cover),
    })),
  };
}

export function boosterFromJson(json: BoosterJson): Booster {
  return {
    objective: json.objective,
    baseScore: json.baseScore,
    featureCount: json.featureCount,
    trees: json.trees.map((t) => ({
      feature: Int32Array.from(t.feature),
      threshold: Float64Array.from(t.threshold),
      missingLeft: Uint8Array.from(t.missingLeft),
      left: Int32Array.from(t.left),
      right: Int32Array.from(t.right),
      value: Float64Array.from(t.value),
      cover: Float64Array.from(t.cover),
    })),
  };
}

/** Depth of the deepest leaf (root alone = 0). */
export function treeDepth(tree: Tree, node = 0): number {
  if (tree.feature[node]! < 0) return 0;
  return 1 + Math.max(treeDepth(tree, tree.left[node]), treeDepth(tree, tree.right[node]));
}

/** Total split gain is not kept; this counts how often each feature is used to split. */
export function splitCounts(booster: Booster): Uint32Array {
  const counts = new Uint32Array(booster.featureCount);
  for (const tree of booster.trees) for (const f of tree.feature) if (f >= 0) counts[f]!++;
  return counts;
}
