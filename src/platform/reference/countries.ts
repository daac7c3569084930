import { loadOnce, readReferenceCsv, ReferenceDataError, threeDigitCode } from './assets.js';

const COUNTRIES_CSV = 'datasets-country-codes/data/country-codes.csv';

/** UN M49 code of the Americas region (North, Central and South America and the Caribbean). */
export const M49_AMERICAS = '019';

/** A UN M49 geographic area: region, sub-region or intermediate region. */
export interface M49Area {
  /** Three-digit M49 code, e.g. `019` Americas, `419` Latin America and the Caribbean, `029` Caribbean. */
  readonly code: string;
  /** English name, e.g. `Caribbean`. */
  readonly name: string;
}

/** A country or territory of ISO 3166-1. */
export interface Country {
  /** ISO 3166-1 alpha-2, e.g. `JM`. */
  readonly alpha2: string;
  /** ISO 3166-1 alpha-3, e.g. `JAM`. */
  readonly alpha3: string;
  /** ISO 3166-1 numeric, three digits, e.g. `388`. */
  readonly numeric: string;
  /** UN official name in English, e.g. `Bolivia (Plurinational State of)`. */
  readonly nameEn: string;
  /** UN official name in Spanish, e.g. `Bolivia (Estado Plurinacional de)`. */
  readonly nameEs: string;
  /** First ISO 4217 currency in use; `null` where none is listed (e.g. Antarctica). */
  readonly currency: string | null;
  /** Every ISO 4217 currency listed for the country, e.g. `['HTG', 'USD']` for Haiti. */
  readonly currencies: readonly string[];
  /** M49 region, e.g. Americas; `null` for Antarctica. */
  readonly region: M49Area | null;
  /** M49 sub-region, e.g. Latin America and the Caribbean. */
  readonly subregion: M49Area | null;
  /** M49 intermediate region, e.g. Caribbean or Central America, where M49 defines one. */
  readonly intermediateRegion: M49Area | null;
}

/** Options of {@link listCountries}. */
export interface CountryFilter {
  /** M49 region, sub-region or intermediate region, by code (`019`, `29`) or English name (`Caribbean`). */
  readonly region?: string;
}

interface CountryTable {
  readonly byAlpha2: ReadonlyMap<string, Country>;
  readonly byAlpha3: ReadonlyMap<string, Country>;
  readonly all: readonly Country[];
}

const COLUMNS = [
  'ISO3166-1-Alpha-2',
  'ISO3166-1-Alpha-3',
  'ISO3166-1-numeric',
  'official_name_en',
  'official_name_es',
  'ISO4217-currency_alphabetic_code',
  'Region Code',
  'Region Name',
  'Sub-region Code',
  'Sub-region Name',
  'Intermediate Region Code',
  'Intermediate Region Name',
] as const;

function area(code: string, name: string): M49Area | null {
  return code === '' || name === '' ? null : Object.freeze({ code: threeDigitCode(code), name });
}

const loadCountries = loadOnce((): CountryTable => {
  const byAlpha2 = new Map<string, Country>();
  const byAlpha3 = new Map<string, Country>();
  for (const row of readReferenceCsv(COUNTRIES_CSV, COLUMNS)) {
    const alpha2 = row['ISO3166-1-Alpha-2'];
    const alpha3 = row['ISO3166-1-Alpha-3'];
    if (!/^[A-Z]{2}$/.test(alpha2) || !/^[A-Z]{3}$/.test(alpha3)) {
      throw new ReferenceDataError(COUNTRIES_CSV, `unreadable row ${alpha2}/${alpha3}`);
    }
    const currencies = Object.freeze(
      row['ISO4217-currency_alphabetic_code']
        .split(',')
        .map((code) => code.trim())
        .filter((code) => code !== ''),
    );
    const country: Country = Object.freeze({
      alpha2,
      alpha3,
      numeric: threeDigitCode(row['ISO3166-1-numeric']),
      nameEn: row.official_name_en,
      nameEs: row.official_name_es,
      currency: currencies[0] ?? null,
      currencies,
      region: area(row['Region Code'], row['Region Name']),
      subregion: area(row['Sub-region Code'], row['Sub-region Name']),
      intermediateRegion: area(row['Intermediate Region Code'], row['Intermediate Region Name']),
    });
    byAlpha2.set(alpha2, country);
    byAlpha3.set(alpha3, country);
  }
  const all = Object.freeze([...byAlpha2.values()].sort((a, b) => (a.alpha2 < b.alpha2 ? -1 : 1)));
  return { byAlpha2, byAlpha3, all };
});

/** Looks up a country by ISO 3166-1 alpha-2 code, upper case as the standard writes it (`JM`, not `jm`). */
export function getCountry(alpha2: string): Country | undefined {
  return loadCountries().byAlpha2.get(alpha2);
}

/** Looks up a country by ISO 3166-1 alpha-3 code (`JAM`). */
export function getCountryByAlpha3(alpha3: string): Country | undefined {
  return loadCountries().byAlpha3.get(alpha3);
}

/** True for an assigned ISO 3166-1 alpha-2 code (upper case). User-assigned codes such as `XK` or `EU` are not. */
export function isCountryCode(code: string): boolean {
  return loadCountries().byAlpha2.has(code);
}

/**
 * True when the country lies in the M49 area given by code (`019`, `19`) or English name (`Caribbean`, any case),
 * at region, sub-region or intermediate-region level.
 */
export function isCountryInRegion(country: Country, region: string): boolean {
  const wanted = /^\d{1,3}$/.test(region) ? threeDigitCode(region) : region.toLowerCase();
  return [country.region, country.subregion, country.intermediateRegion].some(
    (candidate) =>
      candidate !== null && (candidate.code === wanted || candidate.name.toLowerCase() === wanted),
  );
}

/** All 249 ISO 3166-1 countries and territories sorted by alpha-2, or those of one M49 area. */
export function listCountries(filter: CountryFilter = {}): readonly Country[] {
  const { all } = loadCountries();
  const { region } = filter;
  return region === undefined ? all : all.filter((country) => isCountryInRegion(country, region));
}

/** The countries and territories of the M49 Americas region (019), Caribbean included, sorted by alpha-2. */
export function listAmericasCountries(): readonly Country[] {
  return loadAmericas();
}

const loadAmericas = loadOnce(() => Object.freeze(listCountries({ region: M49_AMERICAS })));
