import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_XML_LIMITS, parseXml } from '../xml/safe-xml.js';
import { findDeclaration, mapDeclaration } from './import-mapper.js';

const CORPUS = new URL('../../../../test/fixtures/wco/', import.meta.url);
const mapped = (file: string) => {
  const found = findDeclaration(parseXml(fs.readFileSync(new URL(file, CORPUS), 'utf8'), DEFAULT_XML_LIMITS));
  if (!found.declaration) throw new Error(`no declaration in ${file}`);
  return mapDeclaration(found.declaration, found.envelope);
};
const items = (m: ReturnType<typeof mapped>) => m.input.goodsItems as Record<string, unknown>[];

describe('DMS data set of an import', () => {
  it('reads the super-reduced data set (H7) from additional procedure code 1H7', () => {
    const m = mapped('annotated_XML_samples/TT_IM067a/TT_IM067a.xml');
    expect(m.input).toMatchObject({ type: 'import', additionalType: 'A', dataSet: 'H7' });
    expect((m.input.wco as { derived: string[] }).derived).toContain('/dataSet');
  });

  it('reads a UK internal market movement (H8) from the UKIMS authorisation for goods from Great Britain', () => {
    expect(mapped('annotated_XML_samples/TT_IM216a/Step1_TT_IM216a.xml').input.dataSet).toBe('H8');
    // UKIMS-authorised, but the goods come from the United States: a free-circulation (H1) import.
    expect(mapped('annotated_XML_samples/TT_IM150a/Step1_TT_IM150a.xml').input.dataSet).toBe('H1');
  });

  it('reads customs warehousing (H2) and temporary admission (H3) from the requested procedure', () => {
    expect(mapped('annotated_XML_samples/TT_IM012a/TT_IM012a.xml').input.dataSet).toBe('H2');
    expect(mapped('annotated_XML_samples/TT_IM182a/Step1_TT_IM182a.xml').input.dataSet).toBe('H3');
  });

  it('keeps the additional type of a CO declaration, which selects its data set', () => {
    expect(mapped('annotated_XML_samples/TT_IM072a/TT_IM072a.xml').input).toMatchObject({
      type: 'import',
      additionalType: 'J',
    });
  });
});

describe('DMS item values', () => {
  it('marks an item valued by simplified procedure value (E01/E02) that states no price', () => {
    const [item] = items(mapped('annotated_XML_samples/TT_IM160a/Step1_TT_IM160a.xml'));
    expect(item).toMatchObject({ valuation: 'spv' });
    expect(item!.customsValue).toBeUndefined();
  });

  it("marks an item valued from the UK tariff's unit-price measure (APC 1SV) the same way", () => {
    const [item] = items(mapped('annotated_XML_samples/TT_IM161a/Step1_TT_IM161a.xml'));
    expect(item).toMatchObject({ valuation: 'spv' });
    expect(item!.customsValue).toBeUndefined();
  });

  it('marks an item whose only value is the statistical value', () => {
    const [item] = items(mapped('annotated_XML_samples/TT_EX023a/Step1_TT_EX023a.xml'));
    expect(item).toMatchObject({ valuation: 'statistical', customsValue: 1000, currency: 'GBP' });
  });

  it('leaves out what a clearance request does not declare, rather than guessing it', () => {
    const [item] = items(mapped('annotated_XML_samples/TT_IM178a/Step1_TT_IM178a.xml'));
    for (const k of ['description', 'originCountry', 'netMassKg', 'grossMassKg', 'customsValue'])
      expect(item![k]).toBeUndefined();
  });
});

describe('DMS containers and offices', () => {
  it('takes the equipment of a consignment declared containerised as its containers, whatever their marking', () => {
    // 220 t by sea, DE 7/2 = 1, one piece of equipment "AD12345" (not ISO 6346): a container the rules then flag.
    const m = mapped('annotated_XML_samples/TT_IM070a/Step1_TT_IM070a.xml');
    expect(m.input.transport).toMatchObject({ containerised: true, containers: [{ number: 'AD12345' }] });
  });

  it('keeps mixed-case references and the equipment of a consignment not declared containerised as DMS equipment', () => {
    const m = mapped('annotated_XML_samples/TT_EX023a/Step1_TT_EX023a.xml'); // "Container123"
    expect((m.input.transport as { containers: unknown[] }).containers).toEqual([]);
    expect(
      m.carried.some((c) => c.path.endsWith('TransportEquipment/ID') && c.value === 'Container123'),
    ).toBe(true);
  });

  it('sends a final supplementary declaration (type Q), which names no place, to the central office', () => {
    const m = mapped('annotated_XML_samples/TT_IM135a/TT_IM135a.xml');
    expect(m.input).toMatchObject({ type: 'import', additionalType: 'Q', office: 'GBCEN001' });
    expect((m.input.wco as { derived: string[] }).derived).toContain('/office');
  });
});
