/**
 * Reader for the Customs Import Declaration Datasets CSV format (KCS/IBS). Columns are found by header
 * name, so order and extra columns do not matter; every problem is a {@link DeclarationCsvError} with a
 * stable code and the file line it was found on.
 */
import { readFile } from 'node:fs/promises';
import { CsvError, parse } from 'csv-parse/sync';

export const DECLARATION_CSV_COLUMNS = [
  'Declaration ID',
  'Date',
  'Office ID',
  'Process Type',
  'Import Type',
  'Import Use',
  'Payment Type',
  'Mode of Transport',
  'Declarant ID',
  'Importer ID',
  'Seller ID',
  'Courier ID',
  'HS6 Code',
  'Country of Departure',
  'Country of Origin',
  'Tax Rate',
  'Tax Type',
  'Country of Origin Indicator',
  'Net Mass',
  'Item Price',
  'Fraud',
  'Critical Fraud',
] as const;

export type DeclarationCsvColumn = (typeof DECLARATION_CSV_COLUMNS)[number];

const LABEL_COLUMNS: readonly DeclarationCsvColumn[] = ['Fraud', 'Critical Fraud'];

/** One declaration line of the dataset, typed. Absent seller or courier is the empty string. */
export interface DeclarationRecord {
  declarationId: string;
  /** Lodgement date, ISO `YYYY-MM-DD`. */
  date: string;
  officeId: string;
  processType: string;
  importType: string;
  importUse: string;
  paymentType: string;
  modeOfTransport: string;
  declarantId: string;
  importerId: string;
  sellerId: string;
  courierId: string;
  /** Six-digit HS subheading, leading zeros kept. */
  hs6: string;
  departureCountry: string;
  originCountry: string;
  /** Duty rate in percent. */
  taxRate: number;
  taxType: string;
  originIndicator: string;
  /** Net mass in kg; NaN when the cell is empty. */
  netMassKg: number;
  /** Declared item price; NaN when the cell is empty. */
  itemPrice: number;
  /** Control outcome: 1 fraud found, 0 compliant, null when the file carries no labels. */
  fraud: 0 | 1 | null;
  /** 0 none, 1 fraud, 2 critical fraud; null when the file carries no labels. */
  criticalFraud: 0 | 1 | 2 | null;
}

export type DeclarationCsvErrorCode =
  | 'CSV_MALFORMED'
  | 'CSV_EMPTY'
  | 'CSV_MISSING_COLUMN'
  | 'CSV_BAD_NUMBER'
  | 'CSV_BAD_DATE'
  | 'CSV_BAD_HS_CODE'
  | 'CSV_BAD_LABEL';

export class DeclarationCsvError extends Error {
  override readonly name = 'DeclarationCsvError';
  constructor(
    readonly code: DeclarationCsvErrorCode,
    message: string,
    /** 1-based line in the file (the header is line 1). */
    readonly line?: number,
    readonly column?: string,
  ) {
    super(message);
  }
}

export interface ReadDeclarationsOptions {
  /** When true (default), `Fraud` and `Critical Fraud` must be present and valid. */
  requireLabels?: boolean;
}

/** What csv-parse returns per record with `info: true`. */
interface LocatedRecord {
  record: string[];
  info: { lines: number };
}

/** Parse CSV text (or bytes) in the dataset format. */
export function parseDeclarationCsv(
  input: string | Uint8Array,
  options: ReadDeclarationsOptions = {},
): DeclarationRecord[] {
  const requireLabels = options.requireLabels ?? true;
  let located: LocatedRecord[];
  try {
    located = parse(input, {
      bom: true,
      skip_empty_lines: true,
      info: true,
    }) as unknown as LocatedRecord[];
  } catch (error) {
    if (error instanceof CsvError) {
      const line = typeof error.lines === 'number' ? error.lines : undefined;
      throw new DeclarationCsvError('CSV_MALFORMED', error.message, line);
    }
    throw error;
  }
  const header = located[0];
  if (header === undefined) throw new DeclarationCsvError('CSV_EMPTY', 'the file has no header line');
  const position = new Map<string, number>();
  header.record.forEach((name, i) => position.set(name.trim(), i));
  for (const column of DECLARATION_CSV_COLUMNS) {
    if (!position.has(column) && (requireLabels || !LABEL_COLUMNS.includes(column))) {
      throw new DeclarationCsvError('CSV_MISSING_COLUMN', `missing column "${column}"`, 1, column);
    }
  }
  const hasLabels = position.has('Fraud') && position.has('Critical Fraud');
  return located.slice(1).map(({ record: fields, info: { lines: line } }) => {
    const cell = (column: DeclarationCsvColumn): string => {
      const index = position.get(column);
      return index === undefined ? '' : (fields[index] ?? '').trim();
    };
    return {
      declarationId: cell('Declaration ID'),
      date: isoDate(cell('Date'), line),
      officeId: cell('Office ID'),
      processType: cell('Process Type'),
      importType: cell('Import Type'),
      importUse: cell('Import Use'),
      paymentType: cell('Payment Type'),
      modeOfTransport: cell('Mode of Transport'),
      declarantId: cell('Declarant ID'),
      importerId: cell('Importer ID'),
      sellerId: cell('Seller ID'),
      courierId: cell('Courier ID'),
      hs6: hsSubheading(cell('HS6 Code'), line),
      departureCountry: cell('Country of Departure'),
      originCountry: cell('Country of Origin'),
      taxRate: quantity(cell('Tax Rate'), 'Tax Rate', line),
      taxType: cell('Tax Type'),
      originIndicator: cell('Country of Origin Indicator'),
      netMassKg: quantity(cell('Net Mass'), 'Net Mass', line),
      itemPrice: quantity(cell('Item Price'), 'Item Price', line),
      fraud: hasLabels ? fraudLabel(cell('Fraud'), line) : null,
      criticalFraud: hasLabels ? criticalLabel(cell('Critical Fraud'), line) : null,
    };
  });
}

/** Read and parse a dataset CSV file. */
export async function readDeclarationCsv(
  path: string,
  options: ReadDeclarationsOptions = {},
): Promise<DeclarationRecord[]> {
  return parseDeclarationCsv(await readFile(path), options);
}

/** A non-negative decimal; an empty cell is missing (NaN). */
function quantity(text: string, column: DeclarationCsvColumn, line: number): number {
  if (text === '') return Number.NaN;
  const value = Number(text);
  if (!Number.isFinite(value) || value < 0 || !/^[0-9.eE+-]+$/.test(text)) {
    throw new DeclarationCsvError(
      'CSV_BAD_NUMBER',
      `line ${line}: "${text}" in "${column}" is not a non-negative number`,
      line,
      column,
    );
  }
  return value;
}

function isoDate(text: string, line: number): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  const date = match === null ? undefined : new Date(`${match[1]}-${match[2]}-${match[3]}T00:00:00Z`);
  if (
    match === null ||
    date === undefined ||
    Number.isNaN(date.getTime()) ||
    date.toISOString().slice(0, 10) !== match[0]
  ) {
    throw new DeclarationCsvError(
      'CSV_BAD_DATE',
      `line ${line}: "${text}" is not a YYYY-MM-DD date`,
      line,
      'Date',
    );
  }
  return match[0];
}

/** HS subheadings lose their leading zero in spreadsheets ("71080" for 071080); restore it. */
function hsSubheading(text: string, line: number): string {
  if (!/^\d{5,6}$/.test(text)) {
    throw new DeclarationCsvError(
      'CSV_BAD_HS_CODE',
      `line ${line}: "${text}" is not a six-digit HS subheading`,
      line,
      'HS6 Code',
    );
  }
  return text.padStart(6, '0');
}

function fraudLabel(text: string, line: number): 0 | 1 {
  if (text === '0') return 0;
  if (text === '1') return 1;
  throw new DeclarationCsvError(
    'CSV_BAD_LABEL',
    `line ${line}: Fraud must be 0 or 1, found "${text}"`,
    line,
    'Fraud',
  );
}

function criticalLabel(text: string, line: number): 0 | 1 | 2 {
  if (text === '0') return 0;
  if (text === '1') return 1;
  if (text === '2') return 2;
  throw new DeclarationCsvError(
    'CSV_BAD_LABEL',
    `line ${line}: Critical Fraud must be 0, 1 or 2, found "${text}"`,
    line,
    'Critical Fraud',
  );
}
