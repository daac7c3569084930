import { describe, expect, it } from 'vitest';
import { DATA_SET_ITEM_ELEMENTS, requiredItemElements, transportModeRequired } from './data-sets.js';

describe('data sets', () => {
  it('requires every element on a standard declaration and on a JSON lodgement without additional type', () => {
    expect(requiredItemElements({ type: 'import' }, {})).toEqual([...DATA_SET_ITEM_ELEMENTS]);
    expect(requiredItemElements({ type: 'export', additionalType: 'A' }, {})).toEqual([
      ...DATA_SET_ITEM_ELEMENTS,
    ]);
    expect(requiredItemElements({ type: 'import', additionalType: 'D', dataSet: 'H1' }, {})).toEqual([
      ...DATA_SET_ITEM_ELEMENTS,
    ]);
  });

  it('requires none on simplified declarations and clearance requests, nor the transport mode', () => {
    for (const additionalType of ['B', 'C', 'E', 'F', 'J', 'K']) {
      expect(requiredItemElements({ type: 'import', additionalType }, {})).toEqual([]);
      expect(transportModeRequired({ additionalType })).toBe(false);
    }
    expect(transportModeRequired({})).toBe(true);
    expect(transportModeRequired({ additionalType: 'Z' })).toBe(true);
  });

  it('keeps the full H1 data set on supplementary declarations (net mass required on a type Z)', () => {
    expect(requiredItemElements({ type: 'import', additionalType: 'Z', dataSet: 'H1' }, {})).toContain(
      'netMassKg',
    );
  });

  it('leaves out what the import category leaves out', () => {
    expect(requiredItemElements({ type: 'import', additionalType: 'A', dataSet: 'H7' }, {})).toEqual([
      'hsCode',
      'description',
      'grossMassKg',
      'customsValue',
    ]);
    expect(requiredItemElements({ type: 'import', additionalType: 'Y', dataSet: 'H8' }, {})).not.toContain(
      'netMassKg',
    );
    expect(requiredItemElements({ type: 'import', additionalType: 'D', dataSet: 'H2' }, {})).toContain(
      'originCountry',
    );
  });

  it('needs no declared value where customs establish it (simplified procedure value)', () => {
    expect(requiredItemElements({ type: 'import' }, { valuation: 'spv' })).not.toContain('customsValue');
  });
});
