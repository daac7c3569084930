/**
 * Exact TreeSHAP (Lundberg, Erion & Lee 2018, Algorithm 2) over the booster's trees, with the
 * interventional weights taken from the `cover` counts stored in each node. For every prediction,
 * `expectedValue + Σ contributions = margin`.
 */
import { leafIndex, treeDepth, type Booster, type Tree } from './gbdt.js';

/** Per-feature contributions to one prediction's margin (log-odds for the binary objective). */
export interface ShapValues {
  /** Cover-weighted mean margin of the model: the prediction before any feature is known. */
  expectedValue: number;
  /** One entry per feature column. */
  contributions: Float64Array;
}

/** Cover-weighted mean leaf output of one tree. */
export function treeExpectedValue(tree: Tree, node = 0): number {
  if (tree.feature[node]! < 0) return tree.value[node]!;
  const l = tree.left[node]!;
  const r = tree.right[node]!;
  const cover = tree.cover[node]!;
  if (cover === 0) return tree.value[node]!;
  return (tree.cover[l]! * treeExpectedValue(tree, l) + tree.cover[r]! * treeExpectedValue(tree, r)) / cover;
}

/** Model output before any feature is known: base score plus every tree's expected value. */
export function expectedMargin(booster: Booster): number {
  let total = booster.baseScore;
  for (const tree of booster.trees) total += treeExpectedValue(tree);
  return total;
}

/** Exact SHAP values of one row (a dense feature vector, NaN for missing). */
export function treeShap(
  booster: Booster,
  row: ArrayLike<number>,
  expectedValue = expectedMargin(booster),
): ShapValues {
  const phi = new Float64Array(booster.featureCount);
  for (const tree of booster.trees) addTreeShap(tree, row, phi);
  return { expectedValue, contributions: phi };
}

function goesLeft(tree: Tree, node: number, row: ArrayLike<number>): boolean {
  const v = row[tree.feature[node]!]!;
  return Number.isNaN(v) ? tree.missingLeft[node] === 1 : v <= tree.threshold[node]!;
}

/**
 * The unique path of features from the root, one segment per recursion level laid out back to back
 * in flat arrays (as in the reference C++ implementation), so a prediction allocates once per tree.
 */
interface PathBuffers {
  feature: Int32Array;
  zero: Float64Array;
  one: Float64Array;
  weight: Float64Array;
}

const depthCache = new WeakMap<Tree, number>();

function addTreeShap(tree: Tree, row: ArrayLike<number>, phi: Float64Array): void {
  if (tree.feature[0]! < 0) return;
  let depth = depthCache.get(tree);
  if (depth === undefined) depthCache.set(tree, (depth = treeDepth(tree)));
  const levels = depth + 2;
  const size = (levels * (levels + 1)) / 2 + 1;
  const path: PathBuffers = {
    feature: new Int32Array(size),
    zero: new Float64Array(size),
    one: new Float64Array(size),
    weight: new Float64Array(size),
  };
  recurse(tree, row, phi, path, 0, 0, 0, 1, 1, -1);
}

function recurse(
  tree: Tree,
  row: ArrayLike<number>,
  phi: Float64Array,
  path: PathBuffers,
  node: number,
  parentStart: number,
  parentDepth: number,
  zeroFraction: number,
  oneFraction: number,
  feature: number,
): void {
  // This level's segment starts right after the parent's; copy the parent's steps into it.
  const start = parentStart + parentDepth + 1;
  path.feature.copyWithin(start, parentStart, start);
  path.zero.copyWithin(start, parentStart, start);
  path.one.copyWithin(start, parentStart, start);
  path.weight.copyWithin(start, parentStart, start);
  let depth = parentDepth;
  extendPath(path, start, depth, zeroFraction, oneFraction, feature);
  const split = tree.feature[node]!;
  if (split < 0) {
    const leafValue = tree.value[node]!;
    for (let i = 1; i <= depth; i++) {
      const at = start + i;
      phi[path.feature[at]!]! +=
        unwoundPathSum(path, start, depth, i) * (path.one[at]! - path.zero[at]!) * leafValue;
    }
    return;
  }
  const left = goesLeft(tree, node, row);
  const hot = left ? tree.left[node]! : tree.right[node]!;
  const cold = left ? tree.right[node]! : tree.left[node]!;
  const cover = tree.cover[node]!;
  const hotZero = cover === 0 ? 0 : tree.cover[hot]! / cover;
  const coldZero = cover === 0 ? 0 : tree.cover[cold]! / cover;
  let incomingZero = 1;
  let incomingOne = 1;
  // A feature already split on above: undo that step so each feature appears once on the path.
  let seen = 1;
  while (seen <= depth && path.feature[start + seen] !== split) seen++;
  if (seen <= depth) {
    incomingZero = path.zero[start + seen]!;
    incomingOne = path.one[start + seen]!;
    unwindPath(path, start, depth, seen);
    depth--;
  }
  recurse(tree, row, phi, path, hot, start, depth + 1, hotZero * incomingZero, incomingOne, split);
  recurse(tree, row, phi, path, cold, start, depth + 1, coldZero * incomingZero, 0, split);
}

function extendPath(
  path: PathBuffers,
  start: number,
  depth: number,
  zero: number,
  one: number,
  feature: number,
): void {
  const { weight } = path;
  path.feature[start + depth] = feature;
  path.zero[start + depth] = zero;
  path.one[start + depth] = one;
  weight[start + depth] = depth === 0 ? 1 : 0;
  for (let i = depth - 1; i >= 0; i--) {
    weight[start + i + 1]! += (one * weight[start + i]! * (i + 1)) / (depth + 1);
    weight[start + i] = (zero * weight[start + i]! * (depth - i)) / (depth + 1);
  }
}

function unwindPath(path: PathBuffers, start: number, depth: number, index: number): void {
  const { weight } = path;
  const one = path.one[start + index]!;
  const zero = path.zero[start + index]!;
  let next = weight[start + depth]!;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = weight[start + i]!;
      weight[start + i] = (next * (depth + 1)) / ((i + 1) * one);
      next = tmp - (weight[start + i]! * zero * (depth - i)) / (depth + 1);
    } else {
      weight[start + i] = (weight[start + i]! * (depth + 1)) / (zero * (depth - i));
    }
  }
  for (let i = index; i < depth; i++) {
    path.feature[start + i] = path.feature[start + i + 1]!;
    path.zero[start + i] = path.zero[start + i + 1]!;
    path.one[start + i] = path.one[start + i + 1]!;
  }
}

function unwoundPathSum(path: PathBuffers, start: number, depth: number, index: number): number {
  const { weight } = path;
  const one = path.one[start + index]!;
  const zero = path.zero[start + index]!;
  let next = weight[start + depth]!;
  let total = 0;
  for (let i = depth - 1; i >= 0; i--) {
    if (one !== 0) {
      const tmp = (next * (depth + 1)) / ((i + 1) * one);
      total += tmp;
      next = weight[start + i]! - (tmp * zero * (depth - i)) / (depth + 1);
    } else if (zero !== 0) {
      total += weight[start + i]! / zero / ((depth - i) / (depth + 1));
    }
  }
  return total;
}

/**
 * Brute-force Shapley values by enumerating feature subsets, for checking {@link treeShap} on small
 * models. The value of a subset S is the cover-weighted expectation of the model when only S is known.
 */
export function bruteForceShap(
  booster: Booster,
  row: ArrayLike<number>,
  features: readonly number[],
): Float64Array {
  const phi = new Float64Array(booster.featureCount);
  const m = features.length;
  const factorial = (k: number): number => (k <= 1 ? 1 : k * factorial(k - 1));
  const value = (known: Set<number>): number => {
    let total = booster.baseScore;
    for (const tree of booster.trees) total += conditionalExpectation(tree, row, known, 0);
    return total;
  };
  for (let mask = 0; mask < 1 << m; mask++) {
    const known = new Set(features.filter((_, i) => (mask & (1 << i)) !== 0));
    const base = value(known);
    for (let i = 0; i < m; i++) {
      if ((mask & (1 << i)) !== 0) continue;
      const withI = new Set(known).add(features[i]!);
      const weight = (factorial(known.size) * factorial(m - known.size - 1)) / factorial(m);
      phi[features[i]!]! += weight * (value(withI) - base);
    }
  }
  return phi;
}

function conditionalExpectation(
  tree: Tree,
  row: ArrayLike<number>,
  known: Set<number>,
  node: number,
): number {
  const f = tree.feature[node]!;
  if (f < 0) return tree.value[node]!;
  const l = tree.left[node]!;
  const r = tree.right[node]!;
  if (known.has(f)) return conditionalExpectation(tree, row, known, goesLeft(tree, node, row) ? l : r);
  const cover = tree.cover[node]!;
  return (
    (tree.cover[l]! * conditionalExpectation(tree, row, known, l) +
      tree.cover[r]! * conditionalExpectation(tree, row, known, r)) /
    cover
  );
}

/** The leaf the row reaches in each tree (for path-based explanations and debugging). */
export function leavesOf(booster: Booster, row: ArrayLike<number>): number[] {
  return booster.trees.map((tree) => leafIndex(tree, (f) => row[f]!));
}
