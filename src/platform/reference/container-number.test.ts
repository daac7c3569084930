import { describe, expect, it } from 'vitest';
import {
  checkContainerNumber,
  containerCheckDigit,
  isContainerNumber,
  normalizeContainerNumber,
} from './container-number.js';

describe('containerCheckDigit', () => {
  it('gives 3 for CSQU305438, the ISO 6346 example (sum 6185, 6185 mod 11 = 3)', () => {
    expect(containerCheckDigit('CSQU305438')).toBe(3);
  });

  it('gives the digits of the DCSA sample containers APZU4812090 and MSKU9070323', () => {
    expect(containerCheckDigit('APZU481209')).toBe(0);
    expect(containerCheckDigit('MSKU907032')).toBe(3);
  });

  it('gives 7 for MAEU123456 (24 + 2·10 + 4·15 + 8·32 + 16 + 64 + 192 + 512 + 1280 + 3072 = 5496 ≡ 7)', () => {
    expect(containerCheckDigit('MAEU123456')).toBe(7);
  });

  it('skips the multiples of 11 in the letter values: K = 21, L = 23, V = 34', () => {
    // 21 + 2·23 + 4·34 + 8·32 = 459, and 459 mod 11 = 8
    expect(containerCheckDigit('KLVU000000')).toBe(8);
    // V W X = 34 35 36: 34 + 70 + 144 + 256 = 504, and 504 mod 11 = 9
    expect(containerCheckDigit('VWXU000000')).toBe(9);
  });

  it('turns a remainder of 10 into check digit 0', () => {
    // MAEU000004: sum 2408, 2408 mod 11 = 10
    expect(containerCheckDigit('MAEU000004')).toBe(0);
  });

  it('refuses input that is not 4 upper-case letters and 6 digits', () => {
    for (const bad of ['CSQU30543', 'CSQU3054383', 'csqu305438', 'CSQ1305438', 'CSQU30543A']) {
      expect(() => containerCheckDigit(bad)).toThrow(RangeError);
    }
  });
});

describe('checkContainerNumber', () => {
  it('accepts CSQU3054383 and splits owner code, category, serial and check digit', () => {
    expect(checkContainerNumber('CSQU3054383')).toEqual({
      ok: true,
      containerNumber: 'CSQU3054383',
      ownerCode: 'CSQ',
      category: 'U',
      serial: '305438',
      checkDigit: 3,
    });
  });

  it('accepts real and computed MSC, Maersk, APL and other numbers', () => {
    for (const value of [
      'MSCU7512387',
      'MSKU9070323',
      'APZU4812090',
      'MAEU1234567',
      'ZEPU0037255',
      'MAEU0000040',
    ]) {
      expect(checkContainerNumber(value)).toMatchObject({ ok: true, containerNumber: value });
    }
  });

  it('accepts the J (detachable equipment) and Z (trailer, chassis) categories', () => {
    expect(checkContainerNumber('TGHJ1234560')).toMatchObject({ ok: true, category: 'J' });
    expect(checkContainerNumber('HLXZ7654328')).toMatchObject({ ok: true, category: 'Z' });
  });

  it('reports the expected digit when the check digit is wrong', () => {
    expect(checkContainerNumber('MSCU1234567')).toEqual({
      ok: false,
      code: 'CONTAINER_CHECK_DIGIT',
      expected: 6,
      found: 7,
    });
    expect(checkContainerNumber('MSCU6639871')).toEqual({
      ok: false,
      code: 'CONTAINER_CHECK_DIGIT',
      expected: 0,
      found: 1,
    });
    expect(checkContainerNumber('CSQU3054384')).toMatchObject({ code: 'CONTAINER_CHECK_DIGIT', expected: 3 });
  });

  it('detects a transposition of two serial digits', () => {
    expect(checkContainerNumber('CSQU3045383')).toMatchObject({ ok: false, code: 'CONTAINER_CHECK_DIGIT' });
  });

  it('refuses malformed numbers with CONTAINER_FORMAT', () => {
    const malformed = [
      '',
      'CSQU305438',
      'CSQU30543830',
      'CSQR3054383',
      'csqu3054383',
      'CSQU 305438 3',
      'CS1U3054383',
      'CSQU305438A',
    ];
    for (const value of malformed)
      expect(checkContainerNumber(value)).toEqual({ ok: false, code: 'CONTAINER_FORMAT' });
  });
});

describe('isContainerNumber', () => {
  it('agrees with checkContainerNumber', () => {
    for (const value of ['CSQU3054383', 'MSCU1234567', 'CSQR3054383', 'MAEU0000040', '']) {
      expect(isContainerNumber(value)).toBe(checkContainerNumber(value).ok);
    }
  });
});

describe('normalizeContainerNumber', () => {
  it('removes spaces, hyphens and slashes and upper-cases, so a marked number can be checked', () => {
    expect(normalizeContainerNumber(' csqu 305438-3 ')).toBe('CSQU3054383');
    expect(normalizeContainerNumber('MSKU/907032/3')).toBe('MSKU9070323');
    expect(checkContainerNumber(normalizeContainerNumber('CSQU 305438 3')).ok).toBe(true);
  });
});
