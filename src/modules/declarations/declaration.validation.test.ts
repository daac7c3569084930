import { describe, expect, it } from 'vitest';
import { generateDeclaration, seededRandom } from './demo/generator.js';
import { DeclarationInputSchema, type DeclarationInput } from './declaration.schema.js';
import { renderFieldErrors } from '../../platform/http/problem.js';
import { validateDeclaration } from './declaration.validation.js';

const now = new Date('2026-11-26T12:00:00Z');
const valid = (): DeclarationInput =>
  DeclarationInputSchema.parse(
    generateDeclaration(seededRandom(7), { lrn: 'LRN-1', office: 'JMKIN01', now }),
  );
const codes = (d: DeclarationInput) =>
  validateDeclaration(d, { now, invoiceTolerancePercent: 1 }).map((e) => e.code);

describe('declaration business rules', () => {
  it('passes a generated demo declaration', () => {
    expect(codes(valid())).toEqual([]);
  });

  it('checks the ISO 6346 check digit and reports the expected digit', () => {
    const d = valid();
    d.transport.containers = [{ number: 'CSQU3054384' }];
    const [e] = validateDeclaration(d, { now, invoiceTolerancePercent: 1 });
    expect(e).toMatchObject({
      code: 'CONTAINER_CHECK_DIGIT',
      severity: 'warning',
      params: { expected: 3 },
      wcoPath: '42A/67A/28A/31B/159',
    });
  });

  it('requires the HS code to be an existing HS 2022 subheading', () => {
    const d = valid();
    d.goodsItems[0]!.hsCode = '240200';
    expect(codes(d)).toContain('HS_UNKNOWN');
    d.goodsItems[0]!.hsCode = '24022000';
    expect(codes(d)).not.toContain('HS_UNKNOWN');
  });

  it('names the subheadings to declare instead of a code HS 2022 split, in English and Spanish', () => {
    const d = valid();
    d.goodsItems[0]!.hsCode = '9702000000'; // HS 2017 9702 00, split by HS 2022 into 9702 10 and 9702 90
    const errors = validateDeclaration(d, { now, invoiceTolerancePercent: 1 }).filter(
      (e) => e.code === 'HS_UNKNOWN',
    );
    expect(errors).toMatchObject([
      { pointer: '/goodsItems/0/hsCode', params: { heading: '97.02', subheadings: '9702.10, 9702.90' } },
    ]);
    const [rendered] = renderFieldErrors(errors, 'es');
    expect(rendered!.messages.en).toBe(
      'HS code 9702000000 does not exist in the HS 2022 nomenclature; heading 97.02 has 9702.10, 9702.90: declare the one that fits the goods',
    );
    expect(rendered!.message).toContain('la partida 97.02 tiene 9702.10, 9702.90');
    // A code under no HS 2022 heading gets no hint.
    d.goodsItems[0]!.hsCode = '990100';
    const unknown = validateDeclaration(d, { now, invoiceTolerancePercent: 1 }).find(
      (e) => e.code === 'HS_UNKNOWN',
    );
    expect(unknown).toBeDefined();
    expect(unknown!.params).toBeUndefined();
  });

  it('expects a heavy sea consignment in containers unless it is declared as bulk', () => {
    const d = valid();
    Object.assign(d.transport, { mode: '1', containers: [] });
    d.goodsItems[0]!.grossMassKg = 45_000_000;
    const [e] = validateDeclaration(d, { now, invoiceTolerancePercent: 1 });
    expect(e).toMatchObject({ code: 'CONTAINER_REQUIRED', pointer: '/transport/containers' });
    d.transport.containerised = false;
    expect(codes(d)).not.toContain('CONTAINER_REQUIRED');
    d.transport.containerised = true;
    expect(codes(d)).toContain('CONTAINER_REQUIRED');
  });

  it('requires gross mass ≥ net mass', () => {
    const d = valid();
    d.goodsItems[0]!.grossMassKg = d.goodsItems[0]!.netMassKg! - 1;
    expect(codes(d)).toEqual(['GROSS_LESS_THAN_NET']);
  });

  it('requires item values to add up to the invoice within the tolerance', () => {
    const d = valid();
    d.invoice.amount = Math.round(d.invoice.amount * 1.005 * 100) / 100;
    expect(codes(d)).toEqual([]);
    d.invoice.amount = Math.round(d.invoice.amount * 1.05 * 100) / 100;
    expect(codes(d)).toEqual(['INVOICE_TOTAL_MISMATCH']);
  });

  it('converts items in another currency with the given rate, and asks for a missing rate', () => {
    const d = valid();
    const item = d.goodsItems[0]!;
    item.currency = 'JMD';
    item.customsValue = item.customsValue! * 150;
    expect(codes(d)).toEqual(expect.arrayContaining(['EXCHANGE_RATE_MISSING']));
    d.exchangeRates = { JMD: 1 / 150 };
    expect(codes(d)).toEqual([]);
  });

  it('requires a carrier for transit; an import without importer is on the declarant’s own account', () => {
    const d = valid();
    delete d.parties.importer;
    expect(codes(d)).toEqual([]);
    d.type = 'transit';
    delete d.parties.carrier;
    expect(codes(d)).toEqual(['PARTY_REQUIRED']);
  });

  it('requires the exporter of an export, pointing at it', () => {
    const d = valid();
    d.type = 'export';
    d.parties.exporter = { tin: 'JM123456789', name: 'Blue Mountain Coffee Exporters' };
    expect(codes(d)).toEqual([]);
    delete d.parties.exporter;
    expect(validateDeclaration(d, { now, invoiceTolerancePercent: 1 })).toMatchObject([
      {
        code: 'PARTY_REQUIRED',
        pointer: '/parties/exporter',
        wcoPath: '42A/57A',
        params: { role: 'exporter' },
      },
    ]);
    const [rendered] = renderFieldErrors(validateDeclaration(d, { now, invoiceTolerancePercent: 1 }), 'es');
    expect(rendered!.messages).toEqual({
      en: 'The exporter must be given for this type of declaration',
      es: 'Debe indicarse el exportador para este tipo de declaración',
    });
  });

  it('rejects unknown countries, currencies and offices', () => {
    const d = valid();
    d.goodsItems[0]!.originCountry = 'XX';
    d.invoice.currency = 'VEF';
    d.office = 'ZZZZ01';
    expect(codes(d).sort()).toEqual(['COUNTRY_UNKNOWN', 'CURRENCY_UNKNOWN', 'OFFICE_UNKNOWN']);
  });

  it('asks for a certificate of origin when preferential origin is claimed', () => {
    const d = valid();
    d.goodsItems[0]!.preferentialOrigin = { agreement: 'CAFTA-DR', country: 'GT' };
    expect(codes(d)).toEqual(['PREFERENCE_WITHOUT_PROOF']);
    d.documents.push({ kind: 'certificate_of_origin', reference: 'COO-77', agreement: 'CAFTA-DR' });
    expect(codes(d)).toEqual([]);
  });

  it('rejects future document dates and far-off arrival dates', () => {
    const d = valid();
    d.documents[0]!.issuedOn = '2027-03-01';
    d.expectedArrivalAt = '2028-01-01T00:00:00Z';
    expect(codes(d).sort()).toEqual(['DATE_IN_FUTURE', 'DATE_TOO_FAR_AHEAD']);
  });

  it('checks declared totals against the items', () => {
    const d = valid();
    d.totals = { itemCount: d.goodsItems.length + 1, grossMassKg: 1 };
    expect(codes(d).sort()).toEqual(['TOTAL_GROSS_MASS_MISMATCH', 'TOTAL_ITEM_COUNT_MISMATCH']);
  });

  it('accepts the customs territory codes used in WCO DMS messages (EU origin, XI)', () => {
    const d = valid();
    d.goodsItems[0]!.originCountry = 'EU';
    d.parties.importer!.address = { country: 'XI' };
    expect(codes(d)).toEqual([]);
  });

  it('requires origin, commodity code, masses and value on a standard declaration, at the item field', () => {
    const d = valid();
    delete d.goodsItems[0]!.originCountry;
    delete d.goodsItems[0]!.netMassKg;
    const errors = validateDeclaration(d, { now, invoiceTolerancePercent: 1 });
    expect(errors).toEqual([
      expect.objectContaining({
        code: 'ELEMENT_REQUIRED',
        pointer: '/goodsItems/0/originCountry',
        wcoPath: '42A/67A/68A/92A/063',
        severity: 'error',
      }),
      expect.objectContaining({ code: 'ELEMENT_REQUIRED', pointer: '/goodsItems/0/netMassKg' }),
    ]);
    d.additionalType = 'A';
    expect(codes(d)).toEqual(['ELEMENT_REQUIRED', 'ELEMENT_REQUIRED']);
  });

  it('accepts a supplementary declaration without item origin only where its data set omits it', () => {
    const d = valid();
    d.type = 'import';
    d.additionalType = 'Y';
    delete d.goodsItems[0]!.originCountry;
    expect(codes(d)).toEqual(['ELEMENT_REQUIRED']);
    d.dataSet = 'H7';
    expect(codes(d)).toEqual([]);
  });

  it('requires no data-set element on simplified declarations and clearance requests', () => {
    const d = valid();
    d.additionalType = 'J';
    delete d.transport.mode;
    for (const g of d.goodsItems) {
      delete g.description;
      delete g.hsCode;
      delete g.originCountry;
      delete g.netMassKg;
      delete g.grossMassKg;
      delete g.customsValue;
      delete g.currency;
    }
    expect(codes(d)).toEqual([]);
  });

  it('does not hold the invoice total against items whose value customs establish (SPV)', () => {
    const d = valid();
    d.type = 'import';
    delete d.goodsItems[0]!.customsValue;
    delete d.goodsItems[0]!.currency;
    expect(codes(d)).toEqual(['ELEMENT_REQUIRED']);
    d.goodsItems[0]!.valuation = 'spv';
    expect(codes(d)).toEqual([]);
  });

  it('holds no statistical value against the invoice total, nor asks a rate for it', () => {
    const d = valid();
    const item = d.goodsItems[0]!;
    item.currency = 'GBP';
    item.customsValue = 1;
    expect(codes(d)).toEqual(['EXCHANGE_RATE_MISSING']);
    item.valuation = 'statistical';
    expect(codes(d)).toEqual([]);
    item.currency = 'XYZ';
    expect(codes(d)).toEqual(['CURRENCY_UNKNOWN']);
  });

  it('asks for the currency of a declared value', () => {
    const d = valid();
    delete d.goodsItems[0]!.currency;
    expect(validateDeclaration(d, { now, invoiceTolerancePercent: 1 })).toEqual([
      expect.objectContaining({ code: 'ELEMENT_REQUIRED', pointer: '/goodsItems/0/currency' }),
    ]);
  });
});
