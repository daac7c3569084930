/**
 * ISO 6346 freight container numbers (DCSA `equipmentReference`): three letters of owner code, one letter of
 * equipment category (U freight container, J detachable equipment, Z trailer or chassis), six digits of serial
 * number and one check digit, e.g. `CSQU3054383`.
 */

/** ISO 6346 equipment category identifier. */
export type ContainerCategory = 'U' | 'J' | 'Z';

/** A container number that passed {@link checkContainerNumber}, split into its parts. */
export interface ContainerNumber {
  readonly ok: true;
  /** The 11 characters, e.g. `CSQU3054383`. */
  readonly containerNumber: string;
  /** Owner code registered with the BIC, e.g. `CSQ`. */
  readonly ownerCode: string;
  readonly category: ContainerCategory;
  /** Six-digit serial number, e.g. `305438`. */
  readonly serial: string;
  readonly checkDigit: number;
}

/** Why a container number was refused. */
export type ContainerNumberFailure =
  /** Not 3 letters + U/J/Z + 6 digits + 1 digit, upper case, no spaces. */
  | { readonly ok: false; readonly code: 'CONTAINER_FORMAT' }
  /** Well formed, but the last digit is not the one the first ten characters give. */
  | {
      readonly ok: false;
      readonly code: 'CONTAINER_CHECK_DIGIT';
      readonly expected: number;
      readonly found: number;
    };

/** Outcome of {@link checkContainerNumber}. */
export type ContainerNumberCheck = ContainerNumber | ContainerNumberFailure;

const CONTAINER_NUMBER = /^([A-Z]{3})([UJZ])(\d{6})(\d)$/;
const FIRST_TEN = /^[A-Z]{4}\d{6}$/;
const FORMAT_FAILURE: ContainerNumberFailure = Object.freeze({ ok: false, code: 'CONTAINER_FORMAT' });

/** ISO 6346 letter values: A = 10, then upwards skipping multiples of 11 (so K = 21, L = 23, V = 34, Z = 38). */
const LETTER_VALUES: readonly number[] = (() => {
  const values: number[] = [];
  let value = 10;
  for (let letter = 0; letter < 26; letter++, value++) {
    if (value % 11 === 0) value++;
    values.push(value);
  }
  return values;
})();

function characterValue(code: number): number {
  return code >= 65 ? (LETTER_VALUES[code - 65] ?? Number.NaN) : code - 48;
}

/**
 * Computes the ISO 6346 check digit of the first ten characters (4 upper-case letters, 6 digits): each value times
 * 2^position, summed, modulo 11, then modulo 10 (a remainder of 10 gives 0). Throws a RangeError on any other input.
 */
export function containerCheckDigit(first10: string): number {
  if (!FIRST_TEN.test(first10))
    throw new RangeError(`Not 4 letters and 6 digits: ${JSON.stringify(first10)}`);
  let sum = 0;
  for (let position = 0; position < 10; position++) {
    sum += characterValue(first10.charCodeAt(position)) * 2 ** position;
  }
  return (sum % 11) % 10;
}

/**
 * Checks an ISO 6346 container number in its canonical form (11 characters, upper case, no spaces; see
 * {@link normalizeContainerNumber}). On success returns its parts; otherwise `CONTAINER_FORMAT`, or
 * `CONTAINER_CHECK_DIGIT` with the digit expected and the one found.
 */
export function checkContainerNumber(value: string): ContainerNumberCheck {
  const match = CONTAINER_NUMBER.exec(value);
  if (match === null) return FORMAT_FAILURE;
  const [, ownerCode = '', category = 'U', serial = '', digit = ''] = match;
  const expected = containerCheckDigit(value.slice(0, 10));
  const found = Number(digit);
  if (found !== expected) return { ok: false, code: 'CONTAINER_CHECK_DIGIT', expected, found };
  return {
    ok: true,
    containerNumber: value,
    ownerCode,
    category: category as ContainerCategory,
    serial,
    checkDigit: found,
  };
}

/** True when {@link checkContainerNumber} accepts the value. */
export function isContainerNumber(value: string): boolean {
  return CONTAINER_NUMBER.test(value) && containerCheckDigit(value.slice(0, 10)) === Number(value[10]);
}

/**
 * Brings a container number as people write it to the canonical form: upper case, without spaces, hyphens or
 * slashes (`csqu 305438-3` → `CSQU3054383`). The result still needs {@link checkContainerNumber}.
 */
export function normalizeContainerNumber(value: string): string {
  return value.replace(/[\s\-/]/g, '').toUpperCase();
}
