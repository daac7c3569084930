import { loadOnce, readReferenceCsv, ReferenceDataError } from './assets.js';

const HS_CSV = 'datasets-harmonized-system/data/harmonized-system.csv';
const SECTIONS_CSV = 'datasets-harmonized-system/data/sections.csv';
/** UN Comtrade's "commodities not specified according to kind" rows (99, 9999, 999999, TOTAL) are not HS codes. */
const NOT_HS_SECTION = 'TOTAL';

/** Level of an HS code: chapter (2 digits), heading (4) or subheading (6). */
export type HsLevel = 'chapter' | 'heading' | 'subheading';

/** One of the 21 sections of the Harmonized System. */
export interface HsSection {
  /** Roman numeral, `I` to `XXI`. */
  readonly numeral: string;
  /** English title as published in the source (e.g. `Vegetable products`). */
  readonly name: string;
}

/** A chapter, heading or subheading of HS 2022. */
export interface HsEntry {
  /** Digits only: 2 for a chapter, 4 for a heading, 6 for a subheading (e.g. `080810`). */
  readonly code: string;
  readonly level: HsLevel;
  /** English description from the source (e.g. `Fruit, edible; apples, fresh`). */
  readonly description: string;
  readonly section: HsSection;
  /** Code of the heading (for a subheading) or chapter (for a heading); `null` for a chapter. */
  readonly parent: string | null;
}

/** Why a code cannot classify a goods item: not digits of a usable length, not in HS 2022, or too coarse. */
export type HsCheckFailureCode = 'HS_FORMAT' | 'HS_UNKNOWN' | 'HS_NOT_SUBHEADING';

/** Outcome of {@link checkHsCode}. On success, `subheading` is the HS 2022 subheading the code falls under. */
export type HsCheckResult =
  | { readonly ok: true; readonly subheading: HsEntry }
  | { readonly ok: false; readonly code: HsCheckFailureCode };

/** Options of {@link searchHs}. */
export interface HsSearchOptions {
  /** Only return entries of this level (e.g. `subheading` for a goods item line). */
  readonly level?: HsLevel;
}

interface SearchableEntry {
  readonly entry: HsEntry;
  readonly words: readonly string[];
}

interface HsNomenclature {
  readonly byCode: ReadonlyMap<string, HsEntry>;
  /** The accepted result of each subheading, made once so that checking a code allocates nothing. */
  readonly accepted: ReadonlyMap<string, HsCheckResult>;
  /** Every entry, sorted by code, so that a chapter comes before its headings and a heading before its subheadings. */
  readonly sorted: readonly HsEntry[];
  readonly subheadings: readonly HsEntry[];
}

const LEVEL_BY_SOURCE: Readonly<Record<string, HsLevel>> = {
  '2': 'chapter',
  '4': 'heading',
  '6': 'subheading',
};
const CODE_LENGTH: Readonly<Record<HsLevel, number>> = { chapter: 2, heading: 4, subheading: 6 };

const loadNomenclature = loadOnce((): HsNomenclature => {
  const sections = new Map<string, HsSection>();
  for (const row of readReferenceCsv(SECTIONS_CSV, ['section', 'name'])) {
    sections.set(row.section, Object.freeze({ numeral: row.section, name: row.name }));
  }
  const rows = readReferenceCsv(HS_CSV, ['section', 'hscode', 'description', 'parent', 'level']);
  const byCode = new Map<string, HsEntry>();
  for (const row of rows) {
    if (row.section === NOT_HS_SECTION) continue;
    const level = LEVEL_BY_SOURCE[row.level];
    const section = sections.get(row.section);
    if (level === undefined || section === undefined || row.hscode.length !== CODE_LENGTH[level]) {
      throw new ReferenceDataError(HS_CSV, `unreadable row ${row.hscode}`);
    }
    const parent = level === 'chapter' ? null : row.parent;
    byCode.set(
      row.hscode,
      Object.freeze({ code: row.hscode, level, description: row.description, section, parent }),
    );
  }
  for (const entry of byCode.values()) {
    if (entry.parent !== null && !byCode.has(entry.parent)) {
      throw new ReferenceDataError(HS_CSV, `${entry.code} has unknown parent ${entry.parent}`);
    }
  }
  const sorted = Object.freeze([...byCode.values()].sort((a, b) => (a.code < b.code ? -1 : 1)));
  const subheadings = Object.freeze(sorted.filter((entry) => entry.level === 'subheading'));
  const accepted = new Map<string, HsCheckResult>(
    subheadings.map((subheading) => [subheading.code, Object.freeze({ ok: true, subheading })]),
  );
  return { byCode, accepted, sorted, subheadings };
});

/** Description words, built on the first text search only: validation never pays for it. */
const loadSearchIndex = loadOnce((): readonly SearchableEntry[] =>
  loadNomenclature().sorted.map((entry) => ({ entry, words: searchWords(entry.description) })),
);

const FAILURES: { readonly [C in HsCheckFailureCode]: HsCheckResult } = {
  HS_FORMAT: Object.freeze({ ok: false, code: 'HS_FORMAT' }),
  HS_UNKNOWN: Object.freeze({ ok: false, code: 'HS_UNKNOWN' }),
  HS_NOT_SUBHEADING: Object.freeze({ ok: false, code: 'HS_NOT_SUBHEADING' }),
};

function isDigits(value: string): boolean {
  if (value.length === 0) return false;
  for (let i = 0; i < value.length; i++) {
    const c = value.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * Looks up an HS 2022 chapter, heading or subheading by its code, digits only (`08`, `0808`, `080810`).
 * Returns `undefined` for anything else, including national 8–10 digit codes (see {@link checkHsCode}).
 */
export function getHs(code: string): HsEntry | undefined {
  return loadNomenclature().byCode.get(code);
}

/**
 * Checks a commodity code for a goods item line (WCO DM 145). Accepted: a 6-digit HS 2022 subheading, or a
 * national 8–10 digit code whose first 6 digits are an HS 2022 subheading. Codes are digits only, no dots or
 * spaces (see {@link normalizeHsCode}). A known chapter or heading fails with `HS_NOT_SUBHEADING`; digits of
 * another length, or any other character, with `HS_FORMAT`; a well-formed code that HS 2022 lacks with `HS_UNKNOWN`.
 */
export function checkHsCode(code: string): HsCheckResult {
  if (!isDigits(code)) return FAILURES.HS_FORMAT;
  const { byCode, accepted } = loadNomenclature();
  switch (code.length) {
    case 2:
    case 4:
      return byCode.has(code) ? FAILURES.HS_NOT_SUBHEADING : FAILURES.HS_UNKNOWN;
    case 6:
      return accepted.get(code) ?? FAILURES.HS_UNKNOWN;
    case 8:
    case 9:
    case 10:
      return accepted.get(code.slice(0, 6)) ?? FAILURES.HS_UNKNOWN;
    default:
      return FAILURES.HS_FORMAT;
  }
}

/** True when {@link checkHsCode} accepts the code: an HS 2022 subheading, or a national code extending one. */
export function isKnownHsCode(code: string): boolean {
  if (!isDigits(code)) return false;
  const length = code.length;
  if (length === 6) return loadNomenclature().accepted.has(code);
  if (length !== 8 && length !== 9 && length !== 10) return false;
  return loadNomenclature().accepted.has(code.slice(0, 6));
}

/** The subheadings of an HS 2022 heading (`9702` → 9702.10, 9702.90), in code order; empty for anything else. */
export function subheadingsOf(heading: string): readonly HsEntry[] {
  return loadNomenclature().subheadings.filter((entry) => entry.parent === heading);
}

/** Removes the dots and spaces people write inside commodity codes (`0808.10`, `8471 30 00`). */
export function normalizeHsCode(input: string): string {
  return input.replace(/[.\s]/g, '');
}

/** All 5,612 HS 2022 subheadings, sorted by code. */
export function listHsSubheadings(): readonly HsEntry[] {
  return loadNomenclature().subheadings;
}

/**
 * Finds HS entries for an autocomplete. Input made of digits (dots and spaces allowed) matches codes by prefix,
 * in code order, so a heading comes before its subheadings; a national code is matched on its first 6 digits.
 * Other input matches descriptions: every word typed must begin a word of the description (case and accents
 * ignored); entries whose description starts with the first word typed come first, then code order.
 */
export function searchHs(text: string, limit = 10, options: HsSearchOptions = {}): HsEntry[] {
  if (limit <= 0) return [];
  const wanted = (entry: HsEntry): boolean => options.level === undefined || entry.level === options.level;
  const trimmed = text.trim();
  if (/^[\d.\s]+$/.test(trimmed)) {
    const prefix = normalizeHsCode(trimmed).slice(0, 6);
    const found: HsEntry[] = [];
    for (const entry of loadNomenclature().sorted) {
      if (found.length >= limit) break;
      if (entry.code.startsWith(prefix) && wanted(entry)) found.push(entry);
    }
    return found;
  }
  const tokens = searchWords(trimmed);
  if (tokens.length === 0) return [];
  const scored: { entry: HsEntry; score: number }[] = [];
  for (const { entry, words } of loadSearchIndex()) {
    if (!wanted(entry) || !tokens.every((token) => words.some((word) => word.startsWith(token)))) continue;
    const leads = words[0]?.startsWith(tokens[0] ?? '') === true ? 2 : 0;
    const whole = tokens.every((token) => words.includes(token)) ? 1 : 0;
    scored.push({ entry, score: leads + whole });
  }
  // Array.prototype.sort is stable, so equal scores keep code order.
  return scored
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ entry }) => entry);
}

function searchWords(text: string): string[] {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((word) => word.length > 0);
}
