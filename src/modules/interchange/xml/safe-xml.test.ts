import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { pointerElements } from '../dms/res-notifications.js';
import { parseXml } from './safe-xml.js';

const codeOf = (f: () => unknown) => {
  try {
    f();
  } catch (err) {
    return err instanceof DomainError ? err.code : 'other';
  }
  return 'none';
};

describe('safe XML parsing', () => {
  it('refuses any DOCTYPE, so no entity is ever declared or expanded', () => {
    expect(codeOf(() => parseXml('<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'))).toBe('XML_DTD_FORBIDDEN');
  });
  it('refuses undeclared entities as malformed', () => {
    expect(codeOf(() => parseXml('<a>&x;</a>'))).toBe('XML_MALFORMED');
  });
  it('bounds size, depth and element count', () => {
    const limits = { maxBytes: 100, maxDepth: 3, maxElements: 5 };
    expect(codeOf(() => parseXml(`<a>${'x'.repeat(200)}</a>`, limits))).toBe('XML_TOO_LARGE');
    expect(codeOf(() => parseXml('<a><b><c><d/></c></b></a>', limits))).toBe('XML_TOO_DEEP');
    expect(codeOf(() => parseXml('<a><b/><b/><b/><b/><b/></a>', limits))).toBe('XML_TOO_MANY_ELEMENTS');
  });
  it('keeps namespaces, attributes, text and positions', () => {
    const root = parseXml('<a xmlns="urn:x">\n  <b c="1">t &amp; u</b></a>');
    expect(root.ns).toBe('urn:x');
    expect(root.children[0]).toMatchObject({ name: 'b', attributes: { c: '1' }, text: 't & u', line: 2 });
  });
});

describe('RES pointers', () => {
  it('turns a WCO pointer path into DMS Pointer elements with the item sequence and the leaf TagID', () => {
    const pointers = pointerElements('42A/67A/68A/23A/65A/128', 2);
    expect(pointers.map((p) => p.children?.map((c) => `${c.name}=${c.text}`).join(','))).toEqual([
      'DocumentSectionCode=42A',
      'DocumentSectionCode=67A',
      'SequenceNumeric=2,DocumentSectionCode=68A',
      'DocumentSectionCode=23A',
      'DocumentSectionCode=65A,TagID=128',
    ]);
  });
});
