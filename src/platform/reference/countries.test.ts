import { describe, expect, it } from 'vitest';
import {
  getCountry,
  getCountryByAlpha3,
  isCountryCode,
  isCountryInRegion,
  listAmericasCountries,
  listCountries,
} from './countries.js';

describe('getCountry', () => {
  it('returns Jamaica with codes, names, currency and its Caribbean region', () => {
    expect(getCountry('JM')).toEqual({
      alpha2: 'JM',
      alpha3: 'JAM',
      numeric: '388',
      nameEn: 'Jamaica',
      nameEs: 'Jamaica',
      currency: 'JMD',
      currencies: ['JMD'],
      region: { code: '019', name: 'Americas' },
      subregion: { code: '419', name: 'Latin America and the Caribbean' },
      intermediateRegion: { code: '029', name: 'Caribbean' },
    });
  });

  it('returns Guatemala in Central America with the quetzal', () => {
    expect(getCountry('GT')).toMatchObject({
      alpha3: 'GTM',
      numeric: '320',
      nameEs: 'Guatemala',
      currency: 'GTQ',
      intermediateRegion: { code: '013', name: 'Central America' },
    });
  });

  it('pads Barbados numeric code to three digits and gives its Spanish name', () => {
    expect(getCountry('BB')).toMatchObject({
      numeric: '052',
      nameEn: 'Barbados',
      nameEs: 'Barbados',
      currency: 'BBD',
    });
  });

  it('gives Spanish names that differ from the English ones', () => {
    expect(getCountry('DO')?.nameEs).toBe('República Dominicana');
    expect(getCountry('HT')?.nameEs).toBe('Haití');
    expect(getCountry('BZ')?.nameEs).toBe('Belice');
    expect(getCountry('TT')?.nameEs).toBe('Trinidad y Tabago');
    expect(getCountry('MX')?.nameEs).toBe('México');
  });

  it('keeps every currency of a country that uses two, the national one first', () => {
    expect(getCountry('HT')).toMatchObject({ currency: 'HTG', currencies: ['HTG', 'USD'] });
    expect(getCountry('PA')).toMatchObject({ currency: 'PAB', currencies: ['PAB', 'USD'] });
  });

  it('reads Namibia, whose alpha-2 is NA, as a country and not as a missing value', () => {
    expect(getCountry('NA')).toMatchObject({ alpha3: 'NAM', nameEn: 'Namibia' });
  });

  it('has no currency and no region for Antarctica', () => {
    expect(getCountry('AQ')).toMatchObject({ currency: null, currencies: [], region: null });
  });

  it('is case sensitive and knows nothing of unassigned codes', () => {
    expect(getCountry('jm')).toBeUndefined();
    expect(getCountry('XK')).toBeUndefined();
    expect(getCountry('JAM')).toBeUndefined();
  });
});

describe('getCountryByAlpha3', () => {
  it('finds the same country by its alpha-3 code', () => {
    expect(getCountryByAlpha3('JAM')).toBe(getCountry('JM'));
    expect(getCountryByAlpha3('JM')).toBeUndefined();
  });
});

describe('isCountryCode', () => {
  it('accepts assigned alpha-2 codes only', () => {
    expect(isCountryCode('CW')).toBe(true);
    expect(isCountryCode('BQ')).toBe(true);
    expect(isCountryCode('AN')).toBe(false);
    expect(isCountryCode('EU')).toBe(false);
    expect(isCountryCode('')).toBe(false);
  });
});

describe('listCountries', () => {
  it('lists the 249 ISO 3166-1 entries sorted by alpha-2', () => {
    const all = listCountries();
    expect(all).toHaveLength(249);
    expect(all[0]?.alpha2).toBe('AD');
    expect(all.map((c) => c.alpha2)).toEqual([...all.map((c) => c.alpha2)].sort());
  });

  it('filters by M49 area given by name or by unpadded code', () => {
    const byName = listCountries({ region: 'caribbean' }).map((c) => c.alpha2);
    expect(byName).toEqual(listCountries({ region: '29' }).map((c) => c.alpha2));
    expect(byName).toContain('JM');
    expect(byName).toContain('BB');
    expect(byName).not.toContain('GT');
  });
});

describe('listAmericasCountries', () => {
  it('lists the 57 countries and territories of the M49 Americas, Caribbean and North America included', () => {
    const codes = listAmericasCountries().map((c) => c.alpha2);
    expect(codes).toHaveLength(57);
    for (const code of ['JM', 'GT', 'BB', 'TT', 'CW', 'US', 'CA', 'BR', 'AR']) expect(codes).toContain(code);
    expect(codes).not.toContain('ES');
  });

  it('contains only countries that isCountryInRegion places in the Americas', () => {
    expect(listAmericasCountries().every((country) => isCountryInRegion(country, 'Americas'))).toBe(true);
  });
});
