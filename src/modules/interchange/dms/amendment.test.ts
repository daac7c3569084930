import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_XML_LIMITS, parseXml } from '../xml/safe-xml.js';
import { child, childrenNamed } from '../xml/xml-tree.js';
import { applyAmendment } from './amendment.js';
import { findDeclaration } from './import-mapper.js';

const scenario = new URL('../../../../test/fixtures/wco/annotated_XML_samples/TT_IM017a/', import.meta.url);
const declarationIn = (file: string) => {
  const found = findDeclaration(
    parseXml(fs.readFileSync(new URL(file, scenario), 'utf8'), DEFAULT_XML_LIMITS),
  );
  if (!found.declaration) throw new Error(`no declaration in ${file}`);
  return found.declaration;
};
const sequences = (d: ReturnType<typeof declarationIn>) =>
  childrenNamed(child(d, 'GoodsShipment'), 'GovernmentAgencyGoodsItem').map((i) =>
    child(i, 'SequenceNumeric')?.text.trim(),
  );

describe('DMS amendment', () => {
  it('deletes a goods item the amendment points at without giving it, and takes the new header totals', () => {
    const original = declarationIn('Step1_TT_IM017a.xml');
    expect(sequences(original)).toEqual(['1', '2', '3']);
    const merged = applyAmendment(original, declarationIn('TT_IM017a_Amendment.xml'));
    expect(sequences(merged)).toEqual(['1', '3']);
    expect(child(merged, 'GoodsItemQuantity')?.text.trim()).toBe('2');
    expect(child(merged, 'InvoiceAmount')?.text.trim()).toBe('1100');
    expect(sequences(original)).toEqual(['1', '2', '3']);
  });
});
