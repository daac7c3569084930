import { OriginRuleError } from './errors.js';

/**
 * Exact share arithmetic for origin tests. Money is held in integer minor units and weight in integer
 * milligrams, both as `bigint`, so a share is an exact fraction `numerator / denominator`. Tests against a
 * threshold compare the exact fraction; the only rounding is of the percentage reported in a worksheet:
 * half away from zero, to two decimal places (basis points).
 */
export interface Share {
  readonly numerator: bigint;
  readonly denominator: bigint;
}

/** Basis points (hundredths of a percent) in 100 %. */
const BASIS_POINTS = 10_000n;

/** A percentage written in rule data (`60`, `62.5`) as whole basis points (`6000`, `6250`). */
export function percentToBasisPoints(percent: number): bigint {
  const basisPoints = Math.round(percent * 100);
  if (Math.abs(basisPoints - percent * 100) > 1e-6) {
    throw new OriginRuleError(
      'ORIGIN_VALUE_OUT_OF_RANGE',
      `percentage with more than two decimals: ${percent}`,
      {
        params: { percent },
      },
    );
  }
  return BigInt(basisPoints);
}

/** The share as a percentage, rounded half away from zero to two decimals. */
export function sharePercent(share: Share): number {
  const { numerator, denominator } = share;
  if (denominator <= 0n) throw new RangeError('share denominator must be positive');
  const scaled = numerator * BASIS_POINTS;
  let quotient = scaled / denominator;
  const remainder = scaled % denominator;
  const twiceRemainder = remainder < 0n ? -2n * remainder : 2n * remainder;
  if (twiceRemainder >= denominator) quotient += scaled < 0n ? -1n : 1n;
  return Number(quotient) / 100;
}

/** Whether the exact share is at least `percent` (e.g. an RVC floor). */
export function shareAtLeast(share: Share, percent: number): boolean {
  return share.numerator * BASIS_POINTS >= percentToBasisPoints(percent) * share.denominator;
}

/** Whether the exact share is at most `percent` (e.g. a de minimis ceiling). */
export function shareAtMost(share: Share, percent: number): boolean {
  return share.numerator * BASIS_POINTS <= percentToBasisPoints(percent) * share.denominator;
}

/** Integer minor units from a request value (already checked to be a safe, non-negative integer). */
export function minorUnits(value: number): bigint {
  return BigInt(value);
}

/** Integer milligrams from kilograms; weights are rounded to the milligram once, when read. */
export function milligrams(kilograms: number): bigint {
  return BigInt(Math.round(kilograms * 1_000_000));
}

/** A bigint sum back to a number for a worksheet; sums beyond 2^53 − 1 are refused rather than rounded. */
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

export function toSafeNumber(value: bigint, what: string): number {
  if (value > MAX_SAFE || value < MIN_SAFE) {
    throw new OriginRuleError('ORIGIN_VALUE_OUT_OF_RANGE', `${what} exceeds the safe integer range`, {
      params: { what },
    });
  }
  return Number(value);
}
