import { describe, expect, it } from 'vitest';
import type { FeatureMatrix } from './gbdt.js';
import { logisticMargins, solveSymmetric, trainLogistic } from './logistic.js';
import { auc } from './metrics.js';
import { seededRandom } from './random.js';

function gaussian(random: ReturnType<typeof seededRandom>): number {
  return Math.sqrt(-2 * Math.log(1 - random.next())) * Math.cos(2 * Math.PI * random.next());
}

describe('solveSymmetric', () => {
  it('solves a positive-definite system by Cholesky', () => {
    const a = Float64Array.from([4, 2, 0, 2, 5, 1, 0, 1, 3]);
    const x = solveSymmetric(a, Float64Array.from([2, 1, 4]), 3);
    // Check A·x = b.
    expect(4 * x[0]! + 2 * x[1]!).toBeCloseTo(2, 12);
    expect(2 * x[0]! + 5 * x[1]! + x[2]!).toBeCloseTo(1, 12);
    expect(x[1]! + 3 * x[2]!).toBeCloseTo(4, 12);
  });
});

describe('trainLogistic', () => {
  it('recovers the coefficients of a known logistic model', () => {
    const random = seededRandom(11);
    const n = 20_000;
    const values = new Float32Array(n * 2);
    const labels = new Float64Array(n);
    for (let r = 0; r < n; r++) {
      const a = gaussian(random);
      const b = gaussian(random);
      values[r] = a;
      values[n + r] = b;
      labels[r] = random.next() < 1 / (1 + Math.exp(-(-1 + 2 * a - 1.5 * b))) ? 1 : 0;
    }
    const matrix: FeatureMatrix = { rows: n, cols: 2, values };
    const model = trainLogistic(matrix, labels, { lambda: 1e-3 });
    // Coefficients are on standardised columns; the columns are already ≈ N(0, 1).
    expect(model.weights[0]! / model.scale[0]!).toBeCloseTo(2, 1);
    expect(model.weights[1]! / model.scale[1]!).toBeCloseTo(-1.5, 1);
    expect(
      model.intercept -
        (model.weights[0]! * model.mean[0]!) / model.scale[0]! -
        (model.weights[1]! * model.mean[1]!) / model.scale[1]!,
    ).toBeCloseTo(-1, 1);
    expect(model.iterations).toBeLessThan(15);
    expect(auc(logisticMargins(model, matrix), labels)).toBeGreaterThan(0.85);
  });

  it('treats a missing value as the training mean', () => {
    const values = Float32Array.from([0, 1, 2, 3, NaN]);
    const model = trainLogistic({ rows: 5, cols: 1, values }, [0, 0, 1, 1, 0], { lambda: 1 });
    const margins = logisticMargins(model, { rows: 5, cols: 1, values });
    expect(margins[4]).toBeCloseTo(model.intercept, 12);
  });
});
