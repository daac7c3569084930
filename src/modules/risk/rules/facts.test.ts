import { describe, expect, it } from 'vitest';
import { generateDeclaration, seededRandom } from '../../declarations/demo/generator.js';
import { declarationFacts } from './facts.js';

describe('declaration facts of a reduced data set', () => {
  it('leaves what an item does not declare undefined and totals the values that are declared', () => {
    const d = generateDeclaration(seededRandom(3), { lrn: 'FACTS-1', office: 'JMKIN01', itemCount: 2 });
    d.additionalType = 'K';
    const [first, second] = d.goodsItems;
    for (const k of ['hsCode', 'originCountry', 'netMassKg', 'customsValue', 'currency'] as const)
      delete first![k];
    const facts = declarationFacts(d, { partyAeo: false, taxRateOf: () => 5 });
    expect(facts.items[0]!.values).toMatchObject({
      hsCode: undefined,
      originCountry: undefined,
      unitValuePerKg: undefined,
      taxRate: undefined,
      netMassKg: undefined,
      customsValue: undefined,
    });
    expect(facts.items[1]!.values.taxRate).toBe(5);
    expect(second!.currency).toBe(d.invoice.currency);
    expect(facts.declaration.totalValue).toBeCloseTo(second!.customsValue!, 6);
  });
});
