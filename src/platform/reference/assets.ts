import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';

/**
 * Folder of the reference data (`assets/ref/`), resolved from this module's own location so that lookups work
 * whatever the process's working directory is.
 */
export const REFERENCE_ASSETS_URL = new URL('../../../assets/ref/', import.meta.url);

/** Filesystem path of {@link REFERENCE_ASSETS_URL}, for messages and tooling. */
export const REFERENCE_ASSETS_DIR = fileURLToPath(REFERENCE_ASSETS_URL);

/** Raised when a reference asset is missing a column or holds a row the loaders cannot read. */
export class ReferenceDataError extends Error {
  readonly code = 'REFERENCE_DATA_INVALID';
  constructor(asset: string, detail: string) {
    super(`Reference asset ${asset}: ${detail}`);
    this.name = 'ReferenceDataError';
  }
}

/** Reads a UTF-8 text asset, by path relative to `assets/ref/`. */
export function readReferenceText(relativePath: string): string {
  return readFileSync(new URL(relativePath, REFERENCE_ASSETS_URL), 'utf8');
}

/**
 * Reads a CSV asset with a header row (a leading BOM is dropped) and checks that the listed columns are present.
 * Values are returned as strings, untouched.
 */
export function readReferenceCsv<Column extends string>(
  relativePath: string,
  columns: readonly Column[],
): Record<Column, string>[] {
  const records = parse<Record<string, string>>(readReferenceText(relativePath), {
    columns: true,
    bom: true,
    skip_empty_lines: true,
  });
  const first = records[0];
  if (first === undefined) throw new ReferenceDataError(relativePath, 'no rows');
  const missing = columns.filter((column) => !(column in first));
  if (missing.length > 0)
    throw new ReferenceDataError(relativePath, `missing column(s) ${missing.join(', ')}`);
  return records;
}

/** Wraps a loader so that it runs once, on first use, and its result is kept for the life of the process. */
export function loadOnce<T>(load: () => T): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    loaded ??= { value: load() };
    return loaded.value;
  };
}

/** Pads a numeric code to three digits, as ISO 3166 numeric and UN M49 codes are written (`52` → `052`). */
export function threeDigitCode(value: string): string {
  return value === '' ? '' : value.padStart(3, '0');
}
