import { OriginRuleError } from './errors.js';

/** Level of a Harmonized System provision: chapter (2 digits), heading (4) or subheading (6). */
export type HsLevel = 'chapter' | 'heading' | 'subheading';

/**
 * Level of a change in tariff classification: CC (change of chapter), CTH (change of tariff heading) or CTSH
 * (change of tariff subheading).
 */
export type ShiftLevel = 'CC' | 'CTH' | 'CTSH';

/** A range of HS provisions of one level, both ends inclusive: `6101-6117`, `52.08-52.12`, `6109.10`, `50-63`. */
export interface HsRange {
  readonly level: HsLevel;
  /** Digits only, as many as the level has. */
  readonly first: string;
  readonly last: string;
  /** The range as written in the rule data, for worksheets and reasons. */
  readonly text: string;
}

const DIGITS_BY_LEVEL: Readonly<Record<HsLevel, number>> = { chapter: 2, heading: 4, subheading: 6 };
const LEVEL_BY_DIGITS: Readonly<Record<number, HsLevel>> = { 2: 'chapter', 4: 'heading', 6: 'subheading' };
const SHIFT_DIGITS: Readonly<Record<ShiftLevel, number>> = { CC: 2, CTH: 4, CTSH: 6 };

const HS_CODE_DIGITS = /^\d{6}(?:\d{2}){0,2}$/;

/** Drops the dots and spaces that tariffs print inside codes (`6109.10.00` → `61091000`). */
const stripSeparators = (code: string): string => (/[.\s]/.test(code) ? code.replace(/[.\s]/g, '') : code);

/** Number of digits that identify a provision of the level. */
export function digitsOf(level: HsLevel): number {
  return DIGITS_BY_LEVEL[level];
}

/** HS level whose provisions a change at `shift` must leave: CC → chapter, CTH → heading, CTSH → subheading. */
export function levelOfShift(shift: ShiftLevel): HsLevel {
  const level = LEVEL_BY_DIGITS[SHIFT_DIGITS[shift]];
  if (level === undefined) throw new Error(`no level for ${shift}`);
  return level;
}

/** Digits of one end of a range: dots and spaces dropped, 2, 4 or 6 digits left, or `null`. */
function provisionDigits(text: string): string | null {
  const digits = text.replace(/[.\s]/g, '');
  if (!/^\d+$/.test(digits)) return null;
  return LEVEL_BY_DIGITS[digits.length] === undefined ? null : digits;
}

/**
 * Normalises a classification code of a good or a material to its digits. A code must name at least a
 * subheading (6 digits); national tariff lines (8 or 10 digits) are accepted, and only their first six digits
 * take part in origin tests, which the agreements write at HS level.
 */
export function normaliseHsCode(code: string): string {
  const digits = stripSeparators(code);
  if (!HS_CODE_DIGITS.test(digits)) {
    throw new OriginRuleError('ORIGIN_HS_CODE_INVALID', `not an HS code of 6, 8 or 10 digits: ${code}`, {
      params: { code },
    });
  }
  return digits;
}

/** Whether `code` is a classification code that {@link normaliseHsCode} accepts. */
export function isHsCode(code: string): boolean {
  return HS_CODE_DIGITS.test(stripSeparators(code));
}

/** Parses a range such as `6101-6117`, `52.08-52.12`, `6109.10-6109.90`, `50-63`, `61` or `8708.99`. */
export function parseHsRange(text: string): HsRange {
  const parts = text.split(/\s*[-–]\s*/);
  const firstText = parts[0];
  const lastText = parts.length === 2 ? parts[1] : parts.length === 1 ? parts[0] : undefined;
  const first = firstText === undefined ? null : provisionDigits(firstText);
  const last = lastText === undefined ? null : provisionDigits(lastText);
  if (first === null || last === null || first.length !== last.length || first > last) {
    throw new OriginRuleError('ORIGIN_HS_RANGE_INVALID', `not an HS range: ${text}`, {
      params: { range: text },
    });
  }
  const level = LEVEL_BY_DIGITS[first.length];
  if (level === undefined) throw new Error('unreachable: level checked above');
  return { level, first, last, text: text.trim() };
}

/** Whether `text` is a range that {@link parseHsRange} accepts. */
export function isHsRange(text: string): boolean {
  try {
    parseHsRange(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether the provision of normalised `code` (digits) at the range's level falls inside the range. */
export function rangeContains(range: HsRange, code: string): boolean {
  const prefix = code.slice(0, digitsOf(range.level));
  return prefix >= range.first && prefix <= range.last;
}

/** The first range of `ranges` that holds `code`, or `undefined`. */
export function findContainingRange(ranges: readonly HsRange[], code: string): HsRange | undefined {
  for (const range of ranges) if (rangeContains(range, code)) return range;
  return undefined;
}

/** Whether any of `ranges` holds `code`. */
export function anyRangeContains(ranges: readonly HsRange[], code: string): boolean {
  for (const range of ranges) if (rangeContains(range, code)) return true;
  return false;
}

/** Whether two ranges of the same level share at least one provision. Ranges of different levels never do. */
export function rangesOverlap(a: HsRange, b: HsRange): boolean {
  return a.level === b.level && a.first <= b.last && b.first <= a.last;
}

/**
 * Whether a material of `materialCode` used to make a good of `goodCode` changes classification at `shift`:
 * its chapter (CC), heading (CTH) or subheading (CTSH) differs from the good's. Both codes are normalised digits.
 */
export function classificationChanges(goodCode: string, materialCode: string, shift: ShiftLevel): boolean {
  const digits = SHIFT_DIGITS[shift];
  return goodCode.slice(0, digits) !== materialCode.slice(0, digits);
}

/** How specific a range is, for choosing among rules: subheading ranges beat heading ranges beat chapters. */
export function rangeSpecificity(range: HsRange): number {
  return digitsOf(range.level);
}

/** Writes normalised digits as the agreements do: `6109.10`, `5205`, `61`. */
export function formatHsCode(digits: string): string {
  return digits.length > 4
    ? `${digits.slice(0, 4)}.${digits.slice(4, 6)}${digits.length > 6 ? `.${digits.slice(6)}` : ''}`
    : digits;
}
