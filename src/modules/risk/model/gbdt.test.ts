import { describe, expect, it } from 'vitest';
import {
  BoosterParamsError,
  binMatrix,
  boosterFromJson,
  boosterToJson,
  predictMargin,
  predictMatrixMargins,
  quantileBoundaries,
  trainBooster,
  type FeatureMatrix,
} from './gbdt.js';
import { auc } from './metrics.js';
import { seededRandom } from './random.js';

/** Column-major matrix from row arrays. */
function matrixOf(rows: number[][]): FeatureMatrix {
  const n = rows.length;
  const cols = rows[0]!.length;
  const values = new Float32Array(n * cols);
  rows.forEach((row, r) => row.forEach((v, c) => (values[c * n + r] = v)));
  return { rows: n, cols, values };
}

function rowOf(matrix: FeatureMatrix, r: number): number[] {
  return Array.from({ length: matrix.cols }, (_, c) => matrix.values[c * matrix.rows + r]!);
}

function uniformMatrix(n: number, cols: number, seed: number): FeatureMatrix {
  const random = seededRandom(seed);
  return { rows: n, cols, values: Float32Array.from({ length: n * cols }, () => random.next()) };
}

const exact = { learningRate: 1, lambda: 0, minChildWeight: 0, minSamplesLeaf: 1, maxLeaves: 2, rounds: 1 };

describe('quantile binning', () => {
  it('gives each distinct value its own bin when there are few', () => {
    expect(Array.from(quantileBoundaries(Float32Array.from([3, 1, 2, 2, NaN, 1]), 255))).toEqual([1.5, 2.5]);
  });

  it('keeps at most maxBins value bins of roughly equal size', () => {
    const matrix = uniformMatrix(10_000, 1, 3);
    const { binCount, bins } = binMatrix(matrix, 16);
    expect(binCount[0]).toBe(16 + 1);
    const sizes = new Array<number>(17).fill(0);
    bins.forEach((b) => sizes[b]!++);
    expect(sizes[0]).toBe(0);
    for (const size of sizes.slice(1)) expect(size).toBeGreaterThan(10_000 / 16 / 2);
  });

  it('puts missing values in bin 0', () => {
    const { bins } = binMatrix(matrixOf([[NaN], [1], [2]]), 255);
    expect(Array.from(bins)).toEqual([0, 1, 2]);
  });
});

describe('trainBooster', () => {
  it('finds the known best split of a step and its Newton leaf values (squared error)', () => {
    const matrix = matrixOf([[1], [2], [3], [4], [5], [6], [7], [8]]);
    const { booster } = trainBooster({
      train: matrix,
      labels: [0, 0, 0, 0, 1, 1, 1, 1],
      params: { ...exact, objective: 'squared-error' },
    });
    const tree = booster.trees[0]!;
    expect(booster.baseScore).toBe(0.5);
    expect(tree.feature[0]).toBe(0);
    expect(tree.threshold[0]).toBe(4.5);
    expect(tree.value[tree.left[0]!]).toBe(-0.5);
    expect(tree.value[tree.right[0]!]).toBe(0.5);
    expect(Array.from(tree.cover)).toEqual([8, 4, 4]);
  });

  it('gives the hand-computed logistic leaf values −G/(H+λ)', () => {
    // Base rate 0.75; left rows (x=0) have y = 1, 0: G = −0.25 + 0.75 = 0.5, H = 2 · 0.1875 = 0.375.
    const { booster } = trainBooster({
      train: matrixOf([[0], [0], [1], [1]]),
      labels: [1, 0, 1, 1],
      params: exact,
    });
    const tree = booster.trees[0]!;
    expect(booster.baseScore).toBeCloseTo(Math.log(3), 12);
    expect(tree.value[tree.left[0]!]).toBeCloseTo(-0.5 / 0.375, 12);
    expect(tree.value[tree.right[0]!]).toBeCloseTo(0.5 / 0.375, 12);
  });

  it('splits on the informative feature and ignores the noise', () => {
    const random = seededRandom(2);
    const rows = Array.from({ length: 400 }, () => [random.next(), random.next()]);
    const { booster } = trainBooster({
      train: matrixOf(rows),
      labels: rows.map(([, b]) => (b! > 0.3 ? 1 : 0)),
      params: { ...exact, minSamplesLeaf: 5 },
    });
    expect(booster.trees[0]!.feature[0]).toBe(1);
    expect(booster.trees[0]!.threshold[0]).toBeGreaterThan(0.29);
    expect(booster.trees[0]!.threshold[0]).toBeLessThan(0.31);
  });

  it('learns where missing values belong', () => {
    // Missing values behave like high values: they should follow the right branch.
    const rows = [[1], [2], [3], [4], [NaN], [NaN], [7], [8]];
    const { booster } = trainBooster({
      train: matrixOf(rows),
      labels: [0, 0, 0, 0, 1, 1, 1, 1],
      params: { ...exact, objective: 'squared-error' },
    });
    const tree = booster.trees[0]!;
    expect(tree.threshold[0]).toBe(5.5);
    expect(tree.missingLeft[0]).toBe(0);
    expect(predictMargin(booster, [NaN])).toBe(1);
  });

  it('learns XOR to AUC > 0.99 on fresh rows', () => {
    const xor = (m: FeatureMatrix): number[] =>
      Array.from({ length: m.rows }, (_, r) => (m.values[r]! > 0.5 !== m.values[m.rows + r]! > 0.5 ? 1 : 0));
    const train = uniformMatrix(3000, 3, 4);
    const test = uniformMatrix(1000, 3, 5);
    const { booster } = trainBooster({
      train,
      labels: xor(train),
      params: { rounds: 60, maxLeaves: 8, learningRate: 0.3 },
    });
    expect(auc(predictMatrixMargins(booster, test), xor(test))).toBeGreaterThan(0.99);
  });

  it('lowers the training log loss at every round', () => {
    const train = uniformMatrix(2000, 4, 6);
    const random = seededRandom(7);
    const labels = Array.from({ length: 2000 }, (_, r) =>
      random.next() < 1 / (1 + Math.exp(-4 * (train.values[r]! - train.values[2000 + r]!))) ? 1 : 0,
    );
    const { history } = trainBooster({ train, labels, params: { rounds: 40, maxLeaves: 8 } });
    for (let i = 1; i < history.length; i++)
      expect(history[i]!.trainLoss).toBeLessThan(history[i - 1]!.trainLoss);
  });

  it('fits a smooth function with the squared-error objective', () => {
    const train = uniformMatrix(2000, 1, 8);
    const target = Array.from(train.values, (x) => x * x);
    const { history } = trainBooster({
      train,
      labels: target,
      params: { objective: 'squared-error', rounds: 100, maxLeaves: 8, learningRate: 0.2 },
    });
    expect(history.at(-1)!.trainLoss).toBeLessThan(0.01);
  });

  it('is deterministic for a seed, and the seed matters when subsampling', () => {
    const train = uniformMatrix(1500, 5, 9);
    const labels = Array.from({ length: 1500 }, (_, r) =>
      train.values[r]! + train.values[1500 + r]! > 1 ? 1 : 0,
    );
    const params = { rounds: 15, rowSubsample: 0.6, colSubsample: 0.6, seed: 3 };
    const a = JSON.stringify(boosterToJson(trainBooster({ train, labels, params }).booster));
    const b = JSON.stringify(boosterToJson(trainBooster({ train, labels, params }).booster));
    const c = JSON.stringify(
      boosterToJson(trainBooster({ train, labels, params: { ...params, seed: 4 } }).booster),
    );
    expect(a).toBe(b);
    expect(c).not.toBe(a);
  });

  it('stops early and keeps the best validation round when more trees only overfit', () => {
    const random = seededRandom(10);
    const train = uniformMatrix(1000, 4, 11);
    const valid = uniformMatrix(500, 4, 12);
    // Labels are coin flips: anything learned is noise.
    const coin = (n: number): number[] => Array.from({ length: n }, () => (random.next() < 0.5 ? 1 : 0));
    const result = trainBooster({
      train,
      labels: coin(1000),
      valid: { matrix: valid, labels: coin(500) },
      params: { rounds: 200, maxLeaves: 16, minSamplesLeaf: 2, learningRate: 0.3, earlyStoppingRounds: 10 },
    });
    expect(result.history.length).toBeLessThan(200);
    expect(result.bestRounds).toBe(result.history.length - 10);
    const best = Math.min(...result.history.map((h) => h.validMetric!));
    expect(result.history[result.bestRounds - 1]!.validMetric).toBe(best);
    expect(result.booster.trees).toHaveLength(result.bestRounds);
  });

  it('respects maxLeaves and maxDepth', () => {
    const train = uniformMatrix(2000, 3, 13);
    const labels = Array.from({ length: 2000 }, (_, r) => (Math.sin(10 * train.values[r]!) > 0 ? 1 : 0));
    const leaves = (params: object): number[] =>
      trainBooster({ train, labels, params: { rounds: 3, ...params } }).booster.trees.map(
        (t) => Array.from(t.feature).filter((f) => f < 0).length,
      );
    for (const n of leaves({ maxLeaves: 5 })) expect(n).toBeLessThanOrEqual(5);
    for (const n of leaves({ maxLeaves: 64, maxDepth: 2 })) expect(n).toBeLessThanOrEqual(4);
  });

  it('round-trips through JSON with identical margins', () => {
    const train = uniformMatrix(1000, 3, 14);
    const labels = Array.from({ length: 1000 }, (_, r) => (train.values[r]! > 0.4 ? 1 : 0));
    const { booster } = trainBooster({ train, labels, params: { rounds: 20 } });
    const copy = boosterFromJson(JSON.parse(JSON.stringify(boosterToJson(booster))));
    for (let r = 0; r < 50; r++)
      expect(predictMargin(copy, rowOf(train, r))).toBe(predictMargin(booster, rowOf(train, r)));
  });

  it('rejects impossible parameters with a code', () => {
    const train = uniformMatrix(10, 1, 15);
    const labels = new Array<number>(10).fill(0);
    expect(() => trainBooster({ train, labels, params: { maxBins: 300 } })).toThrow(BoosterParamsError);
    expect(() => trainBooster({ train, labels: [1], params: {} })).toThrow(
      expect.objectContaining({ code: 'GBDT_SHAPE_MISMATCH' }),
    );
  });
});
