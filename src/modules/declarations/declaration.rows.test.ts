import { describe, expect, it } from 'vitest';
import { generateDeclaration, seededRandom } from './demo/generator.js';
import { DeclarationInputSchema, type DeclarationInput } from './declaration.schema.js';
import { changedSections, denormalise, exporterOf, hashOf, importerOf } from './declaration.rows.js';

const declaration = (): DeclarationInput =>
  DeclarationInputSchema.parse(generateDeclaration(seededRandom(3), { lrn: 'LRN-ROWS', office: 'JMKIN01' }));

describe('declaration rows', () => {
  it('hashes the content, not the order of its keys', () => {
    const d = declaration();
    const reordered = Object.fromEntries(Object.entries(d).reverse()) as DeclarationInput;
    expect(hashOf(reordered)).toBe(hashOf(d));
    expect(hashOf({ ...d, lrn: 'OTHER' })).not.toBe(hashOf(d));
  });

  it('totals item values in the invoice currency and leaves undeclared codes and origins out of the columns', () => {
    const d = declaration();
    d.invoice.currency = 'USD';
    d.exchangeRates = { EUR: 1.1 };
    d.goodsItems = [
      { ...d.goodsItems[0]!, customsValue: 100, currency: 'USD', hsCode: '090111', originCountry: 'CO' },
      {
        ...d.goodsItems[0]!,
        sequence: 2,
        customsValue: 50,
        currency: 'EUR',
        hsCode: undefined,
        originCountry: 'CO',
      },
      { ...d.goodsItems[0]!, sequence: 3, customsValue: undefined, originCountry: undefined },
    ];
    expect(denormalise(d)).toMatchObject({
      total_value: 155,
      currency: 'USD',
      item_count: 3,
      origin_countries: ['CO'],
    });
    expect(denormalise(d).hs_codes).not.toContain(undefined);
  });

  it('names the declarant as importer or exporter of record when it trades on its own account', () => {
    const d = declaration();
    delete d.parties.importer;
    d.type = 'import';
    expect(importerOf(d)).toBe(d.parties.declarant.tin);
    expect(exporterOf(d)).toBe(d.parties.exporter?.tin ?? null);
  });

  it('lists the sections an amendment changed', () => {
    const d = declaration();
    expect(changedSections(d, { ...d, invoice: { ...d.invoice, number: 'NEW' } })).toEqual(['invoice']);
  });
});
