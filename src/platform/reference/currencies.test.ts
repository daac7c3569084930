import { describe, expect, it } from 'vitest';
import { getCountry, listAmericasCountries } from './countries.js';
import { getCurrency, isActiveCurrency, listActiveCurrencies } from './currencies.js';

describe('getCurrency', () => {
  it('returns the East Caribbean dollar with its numeric code and two minor units', () => {
    expect(getCurrency('XCD')).toEqual({
      code: 'XCD',
      name: 'East Caribbean Dollar',
      numeric: '951',
      minorUnit: 2,
      active: true,
      withdrawn: null,
    });
  });

  it('returns the Jamaican dollar with two minor units', () => {
    expect(getCurrency('JMD')).toMatchObject({
      name: 'Jamaican Dollar',
      numeric: '388',
      minorUnit: 2,
      active: true,
    });
  });

  it('reads minor units of 0, 3 and 4 and keeps leading zeros of numeric codes', () => {
    expect(getCurrency('CLP')).toMatchObject({ minorUnit: 0 });
    expect(getCurrency('KWD')).toMatchObject({ minorUnit: 3 });
    expect(getCurrency('CLF')).toMatchObject({ minorUnit: 4 });
    expect(getCurrency('BBD')?.numeric).toBe('052');
  });

  it('has no minor unit for gold and the SDR', () => {
    expect(getCurrency('XAU')).toMatchObject({ minorUnit: null, active: true });
    expect(getCurrency('XDR')).toMatchObject({ minorUnit: null, active: true });
  });

  it('describes a withdrawn code by its latest withdrawal', () => {
    expect(getCurrency('ANG')).toMatchObject({
      name: 'Netherlands Antillean Guilder',
      active: false,
      withdrawn: '2025-03',
      minorUnit: null,
    });
    expect(getCurrency('VEF')).toMatchObject({ active: false, withdrawn: '2018-08' });
  });

  it('is case sensitive and returns undefined for unknown codes', () => {
    expect(getCurrency('xcd')).toBeUndefined();
    expect(getCurrency('ABC')).toBeUndefined();
    expect(getCurrency('')).toBeUndefined();
  });
});

describe('isActiveCurrency', () => {
  it('accepts currencies in use, including the new Caribbean guilder', () => {
    for (const code of ['XCD', 'JMD', 'USD', 'EUR', 'XCG', 'VES', 'TTD'])
      expect(isActiveCurrency(code)).toBe(true);
  });

  it('rejects withdrawn currencies: Netherlands Antillean guilder, Cuban convertible peso, bolívar fuerte', () => {
    for (const code of ['ANG', 'CUC', 'VEF']) expect(isActiveCurrency(code)).toBe(false);
  });

  it('treats a code withdrawn in some entities but still in use elsewhere as active', () => {
    expect(getCurrency('EUR')).toMatchObject({ active: true, withdrawn: null, minorUnit: 2 });
  });

  it('rejects unknown codes', () => {
    expect(isActiveCurrency('ZZZ')).toBe(false);
  });
});

describe('listActiveCurrencies', () => {
  it('lists only active codes, sorted, one entry per code', () => {
    const list = listActiveCurrencies();
    expect(list.length).toBeGreaterThan(150);
    expect(list.every((currency) => currency.active)).toBe(true);
    const codes = list.map((currency) => currency.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes).toEqual([...codes].sort());
  });

  it('covers the currency of every country of the Americas', () => {
    for (const country of listAmericasCountries()) {
      for (const code of country.currencies)
        expect(isActiveCurrency(code), `${country.alpha2} ${code}`).toBe(true);
    }
    expect(getCountry('DM')?.currency).toBe('XCD');
  });
});
