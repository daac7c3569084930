import { describe, expect, it } from 'vitest';
import { auc, budgetOutcome, inspectedCount, logLoss, topByScore } from './metrics.js';
import { seededRandom } from './random.js';

function pairwiseAuc(scores: number[], labels: number[]): number {
  let wins = 0;
  let pairs = 0;
  scores.forEach((s, i) => {
    if (labels[i] !== 1) return;
    scores.forEach((t, j) => {
      if (labels[j] !== 0) return;
      pairs++;
      wins += s > t ? 1 : s === t ? 0.5 : 0;
    });
  });
  return wins / pairs;
}

describe('auc', () => {
  it('counts the share of fraud/compliant pairs ranked correctly', () => {
    // Frauds 0.9 and 0.7 against compliant 0.8 and 0.6: three of four pairs in order.
    expect(auc([0.9, 0.8, 0.7, 0.6], [1, 0, 1, 0])).toBe(0.75);
  });

  it('gives a tied pair half a point', () => {
    expect(auc([1, 0.5, 0.5, 0], [1, 1, 0, 0])).toBe(0.875);
    expect(auc([0.3, 0.3, 0.3, 0.3], [1, 0, 1, 0])).toBe(0.5);
  });

  it('agrees with the pairwise definition on scores full of ties', () => {
    const random = seededRandom(5);
    const scores = Array.from({ length: 300 }, () => random.nextInt(12) / 12);
    const labels = scores.map((s) => (random.next() < 0.3 + s / 2 ? 1 : 0));
    expect(auc(scores, labels)).toBeCloseTo(pairwiseAuc(scores, labels), 12);
  });

  it('is NaN when only one class is present', () => {
    expect(auc([0.1, 0.2], [1, 1])).toBeNaN();
  });
});

describe('inspection budgets', () => {
  it('inspects floor(n % of rows), at least one', () => {
    expect(inspectedCount(8134, 5)).toBe(406);
    expect(inspectedCount(100, 10)).toBe(10);
    expect(inspectedCount(10, 1)).toBe(1);
    expect(inspectedCount(0, 5)).toBe(0);
  });

  it('picks the highest scores, the earlier row first on a tie', () => {
    expect(topByScore([0.2, 0.9, 0.5, 0.9, 0.1], 40)).toEqual([1, 3]);
  });

  it('computes precision, recall and revenue caught at a budget', () => {
    const scores = [0.95, 0.9, 0.8, 0.7, 0.6, 0.5, 0.4, 0.3, 0.2, 0.1];
    const labels = [1, 0, 1, 0, 0, 1, 0, 0, 1, 0];
    const revenue = [100, 0, 50, 0, 0, 25, 0, 0, 25, 0];
    // Top 30 %: rows 0, 1, 2 → two frauds of three inspected, two of four frauds, 150 of 200 revenue.
    expect(budgetOutcome(scores, labels, revenue, 30)).toEqual({
      inspected: 3,
      precision: 2 / 3,
      recall: 0.5,
      revenue: 0.75,
    });
  });
});

describe('logLoss', () => {
  it('is ln 2 for a coin flip and near zero for confident right answers', () => {
    expect(logLoss([0.5, 0.5], [1, 0])).toBeCloseTo(Math.LN2, 12);
    expect(logLoss([0.999, 0.001], [1, 0])).toBeCloseTo(-Math.log(0.999), 12);
  });
});
