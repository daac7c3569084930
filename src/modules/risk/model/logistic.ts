/**
 * L2-regularised logistic regression fitted by Newton's method (IRLS): the baseline the boosted model
 * is measured against, on the same feature matrix. Columns are standardised with training means and
 * deviations; a missing value becomes the training mean.
 */
import type { FeatureMatrix } from './gbdt.js';

export interface LogisticParams {
  /** L2 penalty on the (standardised) coefficients, not on the intercept. */
  lambda: number;
  maxIterations: number;
  /** Stop when no coefficient moves more than this in a Newton step. */
  tolerance: number;
}

export const DEFAULT_LOGISTIC_PARAMS: LogisticParams = { lambda: 1, maxIterations: 25, tolerance: 1e-8 };

export interface LogisticModel {
  intercept: number;
  /** Coefficients on standardised columns. */
  weights: Float64Array;
  mean: Float64Array;
  scale: Float64Array;
  iterations: number;
}

function standardised(
  matrix: FeatureMatrix,
  model: Pick<LogisticModel, 'mean' | 'scale'>,
  c: number,
  r: number,
): number {
  const v = matrix.values[c * matrix.rows + r]!;
  if (Number.isNaN(v)) return 0;
  return Math.max(-8, Math.min(8, (v - model.mean[c]!) / model.scale[c]!));
}

/** Fit on a feature matrix with 0/1 labels. */
export function trainLogistic(
  matrix: FeatureMatrix,
  labels: ArrayLike<number>,
  params: Partial<LogisticParams> = {},
): LogisticModel {
  const p = { ...DEFAULT_LOGISTIC_PARAMS, ...params };
  const { rows: n, cols: d } = matrix;
  const mean = new Float64Array(d);
  const scale = new Float64Array(d);
  for (let c = 0; c < d; c++) {
    let sum = 0;
    let sumSq = 0;
    let count = 0;
    for (let r = 0; r < n; r++) {
      const v = matrix.values[c * n + r]!;
      if (Number.isNaN(v)) continue;
      sum += v;
      sumSq += v * v;
      count++;
    }
    mean[c] = count === 0 ? 0 : sum / count;
    const variance = count === 0 ? 0 : sumSq / count - mean[c]! ** 2;
    scale[c] = variance > 1e-12 ? Math.sqrt(variance) : 1;
  }
  const model: LogisticModel = { intercept: 0, weights: new Float64Array(d), mean, scale, iterations: 0 };
  // Design matrix with a leading column of ones, row-major for the Newton step.
  const k = d + 1;
  const x = new Float64Array(n * k);
  for (let r = 0; r < n; r++) {
    x[r * k] = 1;
    for (let c = 0; c < d; c++) x[r * k + c + 1] = standardised(matrix, model, c, r);
  }
  const beta = new Float64Array(k);
  for (let iteration = 1; iteration <= p.maxIterations; iteration++) {
    const gradient = new Float64Array(k);
    const hessian = new Float64Array(k * k);
    for (let r = 0; r < n; r++) {
      let z = 0;
      for (let j = 0; j < k; j++) z += x[r * k + j]! * beta[j]!;
      const prob = 1 / (1 + Math.exp(-z));
      const w = Math.max(prob * (1 - prob), 1e-12);
      const residual = prob - labels[r]!;
      for (let i = 0; i < k; i++) {
        const xi = x[r * k + i]!;
        gradient[i]! += residual * xi;
        const wxi = w * xi;
        for (let j = 0; j <= i; j++) hessian[i * k + j]! += wxi * x[r * k + j]!;
      }
    }
    for (let i = 1; i < k; i++) {
      gradient[i]! += p.lambda * beta[i]!;
      hessian[i * k + i]! += p.lambda;
    }
    for (let i = 0; i < k; i++) for (let j = 0; j < i; j++) hessian[j * k + i] = hessian[i * k + j]!;
    const step = solveSymmetric(hessian, gradient, k);
    let largest = 0;
    for (let i = 0; i < k; i++) {
      beta[i]! -= step[i]!;
      largest = Math.max(largest, Math.abs(step[i]!));
    }
    model.iterations = iteration;
    if (largest < p.tolerance) break;
  }
  model.intercept = beta[0]!;
  model.weights = beta.slice(1);
  return model;
}

/** Solve A·x = b for a symmetric positive-definite A by Cholesky decomposition. */
export function solveSymmetric(a: Float64Array, b: Float64Array, k: number): Float64Array {
  const l = new Float64Array(k * k);
  for (let i = 0; i < k; i++) {
    for (let j = 0; j <= i; j++) {
      let sum = a[i * k + j]!;
      for (let m = 0; m < j; m++) sum -= l[i * k + m]! * l[j * k + m]!;
      l[i * k + j] = i === j ? Math.sqrt(Math.max(sum, 1e-12)) : sum / l[j * k + j]!;
    }
  }
  const y = new Float64Array(k);
  for (let i = 0; i < k; i++) {
    let sum = b[i]!;
    for (let m = 0; m < i; m++) sum -= l[i * k + m]! * y[m]!;
    y[i] = sum / l[i * k + i]!;
  }
  const x = new Float64Array(k);
  for (let i = k - 1; i >= 0; i--) {
    let sum = y[i]!;
    for (let m = i + 1; m < k; m++) sum -= l[m * k + i]! * x[m]!;
    x[i] = sum / l[i * k + i]!;
  }
  return x;
}

/** Log-odds of every row of a matrix. */
export function logisticMargins(model: LogisticModel, matrix: FeatureMatrix): Float64Array {
  const out = new Float64Array(matrix.rows).fill(model.intercept);
  for (let c = 0; c < matrix.cols; c++) {
    const w = model.weights[c]!;
    for (let r = 0; r < matrix.rows; r++) out[r]! += w * standardised(matrix, model, c, r);
  }
  return out;
}
