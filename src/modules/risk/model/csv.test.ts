import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DECLARATION_CSV_COLUMNS,
  DeclarationCsvError,
  parseDeclarationCsv,
  readDeclarationCsv,
} from './csv.js';

const HEADER = DECLARATION_CSV_COLUMNS.join(',');
const LINE =
  '97061800,2020-01-01,30,B,11,21,11,10,ZZR1LT6,QLRUBN9,0VKY2BR,,440890,BE,BE,0.0,FEU1,G,108.0,372254.4,0,0';
const VALID_FILE = new URL('../../../../assets/fraud/df_syn_valid_eng.csv', import.meta.url);

function errorOf(run: () => unknown): DeclarationCsvError {
  try {
    run();
  } catch (error) {
    if (error instanceof DeclarationCsvError) return error;
    throw error;
  }
  throw new Error('expected a DeclarationCsvError');
}

describe('parseDeclarationCsv', () => {
  it('types every field of a dataset line', () => {
    expect(parseDeclarationCsv(`${HEADER}\n${LINE}\n`)).toEqual([
      {
        declarationId: '97061800',
        date: '2020-01-01',
        officeId: '30',
        processType: 'B',
        importType: '11',
        importUse: '21',
        paymentType: '11',
        modeOfTransport: '10',
        declarantId: 'ZZR1LT6',
        importerId: 'QLRUBN9',
        sellerId: '0VKY2BR',
        courierId: '',
        hs6: '440890',
        departureCountry: 'BE',
        originCountry: 'BE',
        taxRate: 0,
        taxType: 'FEU1',
        originIndicator: 'G',
        netMassKg: 108,
        itemPrice: 372254.4,
        fraud: 0,
        criticalFraud: 0,
      },
    ]);
  });

  it('reads the shipped validation quarter', async () => {
    const rows = await readDeclarationCsv(VALID_FILE.pathname);
    expect(rows).toHaveLength(8134);
    expect(rows.every((r) => r.date >= '2021-01-01' && r.date <= '2021-03-31')).toBe(true);
    expect(rows.filter((r) => r.fraud === 1).length / rows.length).toBeCloseTo(0.21, 2);
  });

  it('finds columns by name, in any order, ignoring extra columns', () => {
    const names = [...DECLARATION_CSV_COLUMNS].reverse();
    const cells = LINE.split(',').reverse();
    const [row] = parseDeclarationCsv(`Remarks,${names.join(',')}\nhello,${cells.join(',')}`);
    expect(row?.importerId).toBe('QLRUBN9');
    expect(row?.itemPrice).toBe(372254.4);
  });

  it('restores the leading zero a spreadsheet dropped from an HS code', () => {
    const [row] = parseDeclarationCsv(`${HEADER}\n${LINE.replace('440890', '71080')}`);
    expect(row?.hs6).toBe('071080');
  });

  it('reports a missing column by name', () => {
    const error = errorOf(() => parseDeclarationCsv(HEADER.replace(',Net Mass', '')));
    expect(error.code).toBe('CSV_MISSING_COLUMN');
    expect(error.column).toBe('Net Mass');
  });

  it('reports a bad number with its line', () => {
    const text = [HEADER, LINE, LINE.replace('108.0', '10 8kg')].join('\n');
    const error = errorOf(() => parseDeclarationCsv(text));
    expect(error).toMatchObject({ code: 'CSV_BAD_NUMBER', line: 3, column: 'Net Mass' });
    expect(errorOf(() => parseDeclarationCsv(`${HEADER}\n${LINE.replace('372254.4', '-5')}`)).code).toBe(
      'CSV_BAD_NUMBER',
    );
  });

  it('treats an empty quantity as missing', () => {
    const [row] = parseDeclarationCsv(`${HEADER}\n${LINE.replace('108.0', '')}`);
    expect(row?.netMassKg).toBeNaN();
  });

  it('rejects bad dates, HS codes and labels with their codes', () => {
    expect(
      errorOf(() => parseDeclarationCsv(`${HEADER}\n${LINE.replace('2020-01-01', '2020-02-30')}`)).code,
    ).toBe('CSV_BAD_DATE');
    expect(errorOf(() => parseDeclarationCsv(`${HEADER}\n${LINE.replace('440890', '44A890')}`)).code).toBe(
      'CSV_BAD_HS_CODE',
    );
    expect(errorOf(() => parseDeclarationCsv(`${HEADER}\n${LINE.replace(/,0,0$/, ',yes,0')}`))).toMatchObject(
      {
        code: 'CSV_BAD_LABEL',
        column: 'Fraud',
      },
    );
  });

  it('accepts a file without labels when asked to, and not otherwise', () => {
    const header = DECLARATION_CSV_COLUMNS.slice(0, -2).join(',');
    const line = LINE.replace(/,0,0$/, '');
    expect(parseDeclarationCsv(`${header}\n${line}`, { requireLabels: false })[0]?.fraud).toBeNull();
    expect(errorOf(() => parseDeclarationCsv(`${header}\n${line}`)).code).toBe('CSV_MISSING_COLUMN');
  });

  it('turns malformed CSV and an empty file into coded errors', () => {
    expect(errorOf(() => parseDeclarationCsv(`${HEADER}\n"unclosed,${LINE}`)).code).toBe('CSV_MALFORMED');
    expect(errorOf(() => parseDeclarationCsv('')).code).toBe('CSV_EMPTY');
  });

  it('reads the byte form of a file the same as the text', () => {
    const bytes = readFileSync(VALID_FILE).subarray(0, 4000);
    const text = bytes.toString('utf8');
    const complete = text.slice(0, text.lastIndexOf('\n'));
    expect(parseDeclarationCsv(Buffer.from(complete))).toEqual(parseDeclarationCsv(complete));
  });
});
