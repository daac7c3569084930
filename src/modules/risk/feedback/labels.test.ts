import { describe, expect, it } from 'vitest';
import { isFraud, itemLabels } from './feedback.service.js';

describe('labels from control results', () => {
  it('counts a seizure, or a discrepancy with revenue to recover, as fraud; a compliant result or a free correction not', () => {
    expect(isFraud('seizure', 0)).toBe(true);
    expect(isFraud('discrepancy', 120)).toBe(true);
    expect(isFraud('discrepancy', 0)).toBe(false);
    expect(isFraud('compliant', 0)).toBe(false);
  });

  it('marks the corrected items as the fraudulent ones, or every item when none was corrected', () => {
    expect(itemLabels([1, 2, 3], true, new Set([2]))).toEqual([0, 1, 0]);
    expect(itemLabels([1, 2, 3], true, new Set())).toEqual([1, 1, 1]);
    expect(itemLabels([1, 2], false, new Set([1]))).toEqual([0, 0]);
  });
});
