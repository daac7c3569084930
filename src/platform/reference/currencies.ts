import { loadOnce, readReferenceCsv } from './assets.js';

const CURRENCIES_CSV = 'datasets-currency-codes/data/codes-all.csv';

/** An ISO 4217 currency, active or withdrawn. */
export interface Currency {
  /** Alphabetic code, e.g. `XCD`. */
  readonly code: string;
  /** English name, e.g. `East Caribbean Dollar`. */
  readonly name: string;
  /** Three-digit numeric code, e.g. `951`; `null` for the few withdrawn codes that had none. */
  readonly numeric: string | null;
  /**
   * Digits after the decimal separator (2 for XCD, 0 for CLP, 3 for KWD) — the scale of amounts kept in minor
   * units. `null` when ISO 4217 gives none (precious metals, SDR, XXX) or the code is withdrawn.
   */
  readonly minorUnit: number | null;
  /** False once ISO 4217 has withdrawn the code from every entity that used it. */
  readonly active: boolean;
  /** Latest withdrawal date as ISO 4217 writes it (`2025-03`, `1989 to 1990`); `null` while active. */
  readonly withdrawn: string | null;
}

interface CurrencyRow {
  readonly Currency: string;
  readonly AlphabeticCode: string;
  readonly NumericCode: string;
  readonly MinorUnit: string;
  readonly WithdrawalDate: string;
}

interface CurrencyTable {
  readonly byCode: ReadonlyMap<string, Currency>;
  readonly active: readonly Currency[];
}

function minorUnit(value: string): number | null {
  return /^\d$/.test(value) ? Number(value) : null;
}

const loadCurrencies = loadOnce((): CurrencyTable => {
  const rowsByCode = new Map<string, CurrencyRow[]>();
  const rows = readReferenceCsv(CURRENCIES_CSV, [
    'Entity',
    'Currency',
    'AlphabeticCode',
    'NumericCode',
    'MinorUnit',
    'WithdrawalDate',
  ]);
  for (const row of rows) {
    if (row.AlphabeticCode === '') continue; // "No universal currency" entities
    const list = rowsByCode.get(row.AlphabeticCode) ?? [];
    list.push(row);
    rowsByCode.set(row.AlphabeticCode, list);
  }
  const byCode = new Map<string, Currency>();
  for (const [code, list] of rowsByCode) {
    const current = list.find((row) => row.WithdrawalDate === '');
    // A code withdrawn everywhere is described by its most recent withdrawal.
    const described =
      current ?? list.reduce((latest, row) => (row.WithdrawalDate > latest.WithdrawalDate ? row : latest));
    byCode.set(
      code,
      Object.freeze({
        code,
        name: described.Currency,
        numeric: described.NumericCode === '' ? null : described.NumericCode,
        minorUnit: current === undefined ? null : minorUnit(current.MinorUnit),
        active: current !== undefined,
        withdrawn: current === undefined ? described.WithdrawalDate : null,
      }),
    );
  }
  const active = Object.freeze(
    [...byCode.values()].filter((currency) => currency.active).sort((a, b) => (a.code < b.code ? -1 : 1)),
  );
  return { byCode, active };
});

/** Looks up an ISO 4217 currency, active or withdrawn, by alphabetic code (upper case, e.g. `JMD`). */
export function getCurrency(code: string): Currency | undefined {
  return loadCurrencies().byCode.get(code);
}

/** True for an ISO 4217 code in use today; withdrawn codes (ANG, CUC, VEF…) and unknown codes are not. */
export function isActiveCurrency(code: string): boolean {
  return loadCurrencies().byCode.get(code)?.active === true;
}

/** Active ISO 4217 currencies, sorted by code (funds codes, precious metals, XXX and XTS included). */
export function listActiveCurrencies(): readonly Currency[] {
  return loadCurrencies().active;
}
