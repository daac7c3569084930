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

const FORMAT_FAILURE: ContainerNumberFailure = Object.freeze({ ok: false, code: 'CONTAINER_FORMAT' });
const CHAR_A = 65;
const CHAR_Z = 90;
const CHAR_0 = 48;
const CHAR_9 = 57;

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

function isCategory(code: number): boolean {
  return code === 85 || code === 74 || code === 90; // U, J, Z
}

/**
 * Sum of the first ten characters times 2^position, or -1 unless they are 4 upper-case letters and 6 digits
 * (with a U, J or Z as fourth letter when `category` is set). One pass, no regular expression: it runs per
 * container on every manifest and telemetry message.
 */
function weightedSum(value: string, category: boolean): number {
  let sum = 0;
  for (let position = 0; position < 10; position++) {
    const code = value.charCodeAt(position);
    let digitValue: number;
    if (position < 4) {
      if (code < CHAR_A || code > CHAR_Z) return -1;
      if (position === 3 && category && !isCategory(code)) return -1;
      digitValue = LETTER_VALUES[code - CHAR_A] ?? 0;
    } else {
      if (code < CHAR_0 || code > CHAR_9) return -1;
      digitValue = code - CHAR_0;
    }
    sum += digitValue * (1 << position);
  }
  return sum;
}

/**
 * Computes the ISO 6346 check digit of the first ten characters (4 upper-case letters, 6 digits): each value times
 * 2^position, summed, modulo 11, then modulo 10 (a remainder of 10 gives 0). Throws a RangeError on any other input.
 */
export function containerCheckDigit(first10: string): number {
  const sum = first10.length === 10 ? weightedSum(first10, false) : -1;
  if (sum < 0) throw new RangeError(`Not 4 letters and 6 digits: ${JSON.stringify(first10)}`);
  return (sum % 11) % 10;
}

/** Expected check digit of a well-formed 11-character number, or -1 when the format is wrong. */
function expectedCheckDigit(value: string): number {
  if (value.length !== 11) return -1;
  const last = value.charCodeAt(10);
  if (last < CHAR_0 || last > CHAR_9) return -1;
  const sum = weightedSum(value, true);
  return sum < 0 ? -1 : (sum % 11) % 10;
}

/**
 * Checks an ISO 6346 container number in its canonical form (11 characters, upper case, no spaces; see
 * {@link normalizeContainerNumber}). On success returns its parts; otherwise `CONTAINER_FORMAT`, or
 * `CONTAINER_CHECK_DIGIT` with the digit expected and the one found.
 */
export function checkContainerNumber(value: string): ContainerNumberCheck {
  const expected = expectedCheckDigit(value);
  if (expected < 0) return FORMAT_FAILURE;
  const found = value.charCodeAt(10) - CHAR_0;
  if (found !== expected) return { ok: false, code: 'CONTAINER_CHECK_DIGIT', expected, found };
  return {
    ok: true,
    containerNumber: value,
    ownerCode: value.slice(0, 3),
    category: value[3] as ContainerCategory,
    serial: value.slice(4, 10),
    checkDigit: found,
  };
}

/** True when {@link checkContainerNumber} accepts the value. */
export function isContainerNumber(value: string): boolean {
  const expected = expectedCheckDigit(value);
  return expected >= 0 && value.charCodeAt(10) - CHAR_0 === expected;
}

/**
 * Brings a container number as people write it to the canonical form: upper case, without spaces, hyphens or
 * slashes (`csqu 305438-3` → `CSQU3054383`). The result still needs {@link checkContainerNumber}.
 */
export function normalizeContainerNumber(value: string): string {
  return value.replace(/[\s\-/]/g, '').toUpperCase();
}
