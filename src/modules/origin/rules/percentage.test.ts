import { describe, expect, it } from 'vitest';
import { OriginRuleError } from './errors.js';
import {
  milligrams,
  percentToBasisPoints,
  shareAtLeast,
  shareAtMost,
  sharePercent,
  toSafeNumber,
} from './percentage.js';

describe('sharePercent', () => {
  it('rounds half away from zero to two decimals', () => {
    expect(sharePercent({ numerator: 490_000n, denominator: 900_000n })).toBe(54.44);
    expect(sharePercent({ numerator: 2n, denominator: 3n })).toBe(66.67);
    expect(sharePercent({ numerator: 999_900n, denominator: 2_000_000n })).toBe(50);
    expect(sharePercent({ numerator: -1n, denominator: 16_000n })).toBe(-0.01);
  });
});

describe('threshold comparisons', () => {
  it('compare the exact share, not the rounded one', () => {
    const justUnder = { numerator: 1_499_900n, denominator: 2_500_000n };
    expect(sharePercent(justUnder)).toBe(60);
    expect(shareAtLeast(justUnder, 60)).toBe(false);
    expect(shareAtLeast({ numerator: 3n, denominator: 5n }, 60)).toBe(true);
  });

  it('treat a de minimis share equal to the threshold as within it', () => {
    expect(shareAtMost({ numerator: 10n, denominator: 100n }, 10)).toBe(true);
    expect(shareAtMost({ numerator: 100_001n, denominator: 1_000_000n }, 10)).toBe(false);
  });

  it('accept thresholds with up to two decimals only', () => {
    expect(percentToBasisPoints(62.5)).toBe(6250n);
    expect(() => percentToBasisPoints(33.333)).toThrow(OriginRuleError);
  });
});

describe('units', () => {
  it('reads kilograms once as whole milligrams', () => {
    expect(milligrams(0.015)).toBe(15_000n);
    expect(milligrams(0.1 + 0.2)).toBe(300_000n);
  });

  it('refuses to report sums beyond the safe integer range', () => {
    expect(toSafeNumber(9_007_199_254_740_991n, 'VNM')).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => toSafeNumber(9_007_199_254_740_992n, 'VNM')).toThrow(OriginRuleError);
  });
});
