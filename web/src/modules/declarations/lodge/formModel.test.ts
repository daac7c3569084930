import { describe, expect, it } from 'vitest';
import { newDraft, toSubmission } from './formModel';
import { byPointer, structuralIssues } from './validation';

const declarant = { tin: 'JM-BRK-0001', name: 'Caribbean Customs Brokers Ltd', country: 'JM' };

function filledDraft() {
  const d = newDraft(declarant, new Date('2026-03-01T10:00:00Z'));
  d.office = 'JMKIN01';
  d.parties.importer = { tin: 'jm-imp-1001', name: 'Blue Mountain Foods Ltd', country: 'JM' };
  d.containers = ['mscu1234565'];
  d.items[0] = {
    ...d.items[0]!,
    hsCode: '0808.10',
    description: 'Fresh apples',
    originCountry: 'US',
    netMassKg: '1000',
    grossMassKg: '1100',
    customsValue: '1400,50',
  };
  d.invoiceAmount = '1400.50';
  return d;
}

describe('the lodgement form model', () => {
  it('suggests an LRN from the moment the form opens', () => {
    expect(newDraft(declarant, new Date('2026-03-01T10:00:00Z')).lrn).toBe('LRN-260301100000');
  });

  it('turns what was typed into the API document: codes upper-cased, numbers parsed, empty parties left out', () => {
    const s = toSubmission(filledDraft());
    expect(s.parties).toEqual({
      declarant: { tin: 'JM-BRK-0001', name: 'Caribbean Customs Brokers Ltd', address: { country: 'JM' } },
      importer: { tin: 'JM-IMP-1001', name: 'Blue Mountain Foods Ltd', address: { country: 'JM' } },
    });
    expect(s.transport.containers).toEqual([{ number: 'MSCU1234565' }]);
    expect(s.goodsItems[0]).toMatchObject({ hsCode: '080810', customsValue: 1400.5, netMassKg: 1000 });
    expect(s.documents).toEqual([]);
    expect(structuralIssues(s)).toEqual([]);
  });

  it('reports missing and malformed fields with the API codes at their pointers', () => {
    const d = filledDraft();
    d.office = '';
    d.items[0] = { ...d.items[0]!, hsCode: '08', netMassKg: 'heavy' };
    const issues = byPointer(structuralIssues(toSubmission(d)));
    expect(issues.get('/office')?.[0]?.code).toBe('FIELD_INVALID_TYPE');
    expect(issues.get('/goodsItems/0/hsCode')?.[0]).toMatchObject({
      code: 'FIELD_INVALID_FORMAT',
      params: { detail: 'HS code: 6, 8 or 10 digits' },
    });
    expect(issues.get('/goodsItems/0/netMassKg')?.[0]?.code).toBe('FIELD_INVALID_TYPE');
  });
});
