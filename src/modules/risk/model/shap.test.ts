import { describe, expect, it } from 'vitest';
import { predictMargin, trainBooster, type Booster, type FeatureMatrix } from './gbdt.js';
import { seededRandom } from './random.js';
import { bruteForceShap, expectedMargin, treeShap } from './shap.js';

function dataset(n: number, seed: number): { matrix: FeatureMatrix; labels: number[] } {
  const random = seededRandom(seed);
  const cols = 5;
  const values = new Float32Array(n * cols);
  const labels: number[] = [];
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < cols; c++) values[c * n + r] = random.next();
    if (random.next() < 0.1) values[2 * n + r] = Number.NaN;
    values[4 * n + r] = 1; // constant: no split can use it
    const a = values[r]!;
    const b = values[n + r]!;
    const c = values[2 * n + r]!;
    const logit = 3 * (a - 0.5) + (a > 0.5 !== b > 0.5 ? 1.5 : -1.5) + (Number.isNaN(c) ? 1 : c - 0.5);
    labels.push(random.next() < 1 / (1 + Math.exp(-logit)) ? 1 : 0);
  }
  return { matrix: { rows: n, cols, values }, labels };
}

function rowOf(matrix: FeatureMatrix, r: number): number[] {
  return Array.from({ length: matrix.cols }, (_, c) => matrix.values[c * matrix.rows + r]!);
}

const { matrix, labels } = dataset(2000, 21);
const { booster } = trainBooster({
  train: matrix,
  labels,
  params: { rounds: 40, maxLeaves: 12, rowSubsample: 0.8, colSubsample: 0.8, seed: 2 },
});

describe('treeShap', () => {
  it('sums to the margin minus the expected value for every row', () => {
    const expected = expectedMargin(booster);
    for (let r = 0; r < 200; r++) {
      const row = rowOf(matrix, r);
      const { contributions, expectedValue } = treeShap(booster, row, expected);
      const total = contributions.reduce((a, b) => a + b, 0);
      expect(Math.abs(expectedValue + total - predictMargin(booster, row))).toBeLessThan(1e-6);
    }
  });

  it('gives a feature the model never uses exactly zero', () => {
    for (let r = 0; r < 50; r++) expect(treeShap(booster, rowOf(matrix, r)).contributions[4]).toBe(0);
  });

  it('equals the Shapley values computed by enumerating every feature subset', () => {
    for (let r = 0; r < 10; r++) {
      const row = rowOf(matrix, r);
      const exact = bruteForceShap(booster, row, [0, 1, 2, 3, 4]);
      const fast = treeShap(booster, row).contributions;
      for (let f = 0; f < 5; f++) expect(fast[f]).toBeCloseTo(exact[f]!, 9);
    }
  });

  it('matches the hand-computed values of a single stump', () => {
    // One split on feature 0 at 0.5: left leaf −1 covering 30 rows, right leaf +2 covering 10 rows.
    const stump: Booster = {
      objective: 'binary',
      baseScore: 0,
      featureCount: 2,
      trees: [
        {
          feature: Int32Array.from([0, -1, -1]),
          threshold: Float64Array.from([0.5, 0, 0]),
          missingLeft: Uint8Array.from([1, 0, 0]),
          left: Int32Array.from([1, -1, -1]),
          right: Int32Array.from([2, -1, -1]),
          value: Float64Array.from([0, -1, 2]),
          cover: Float64Array.from([40, 30, 10]),
        },
      ],
    };
    const mean = (30 * -1 + 10 * 2) / 40;
    expect(expectedMargin(stump)).toBe(mean);
    expect(Array.from(treeShap(stump, [0.2, 9]).contributions)).toEqual([-1 - mean, 0]);
    expect(Array.from(treeShap(stump, [0.9, 9]).contributions)).toEqual([2 - mean, 0]);
    expect(Array.from(treeShap(stump, [Number.NaN, 9]).contributions)).toEqual([-1 - mean, 0]);
  });
});
