import { describe, expect, it } from 'vitest';
import { containerCheckDigit, isIsoContainerNumber } from './container-number.js';

describe('ISO 6346 container numbers', () => {
  it('computes the check digit of the standard example CSQU305438 as 3', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
  });

  it('accepts numbers whose check digit is right', () => {
    expect(isIsoContainerNumber('CSQU3054383')).toBe(true);
    expect(isIsoContainerNumber('MSKU9070323')).toBe(true);
  });

  it('rejects a wrong check digit, a bad category letter and lower case', () => {
    expect(isIsoContainerNumber('CSQU3054384')).toBe(false);
    expect(isIsoContainerNumber('CSQX3054383')).toBe(false);
    expect(isIsoContainerNumber('csqu3054383')).toBe(false);
  });

  it('maps a check value of 10 to the digit 0', () => {
    // A=10, B=12, C=13, U=32: the owner part ABCU weighs 10 + 24 + 52 + 256 = 342.
    const ownerWeight = 342;
    const serial = Array.from({ length: 1000 }, (_, i) => String(i).padStart(6, '0')).find((digits) => {
      const sum = [...digits].reduce((acc, d, i) => acc + Number(d) * 2 ** (i + 4), ownerWeight);
      return sum % 11 === 10;
    });
    expect(serial).toBeDefined();
    expect(containerCheckDigit(`ABCU${serial!}`)).toBe(0);
  });
});
