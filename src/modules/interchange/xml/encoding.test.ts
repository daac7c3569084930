import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../platform/errors.js';
import { charsetOf, decodeXml } from './encoding.js';

const doc = (encoding: string | null, body = '<Name>Café Señor Panamá</Name>') =>
  `<?xml version="1.0"${encoding ? ` encoding="${encoding}"` : ''}?>\n${body}`;

const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (err) {
    if (err instanceof DomainError) return { code: err.code, params: err.details.params };
    throw err;
  }
  throw new Error('not refused');
};

describe('decodeXml', () => {
  it('reads UTF-8 by default and keeps accented letters', () => {
    expect(decodeXml(Buffer.from(doc(null), 'utf8'))).toContain('Café Señor Panamá');
  });

  it('reads ISO-8859-1 as declared and then declares UTF-8', () => {
    const text = decodeXml(Buffer.from(doc('ISO-8859-1'), 'latin1'));
    expect(text).toContain('Café Señor Panamá');
    expect(text.startsWith('<?xml version="1.0" encoding="UTF-8"?>')).toBe(true);
  });

  it('reads Windows-1252 (the euro sign at 0x80)', () => {
    const bytes = Buffer.concat([
      Buffer.from(doc('windows-1252', '<A>'), 'latin1'),
      Buffer.from([0x80]),
      Buffer.from('</A>'),
    ]);
    expect(decodeXml(bytes)).toContain('<A>€</A>');
  });

  it('reads UTF-16 with a byte-order mark, little and big endian, and without one', () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('UTF-16'), 'utf16le')]);
    expect(decodeXml(le)).toContain('Café Señor Panamá');
    const be = Buffer.from(
      Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(doc('UTF-16'), 'utf16le')]).swap16(),
    );
    expect(decodeXml(be)).toContain('Café Señor Panamá');
    expect(decodeXml(Buffer.from(doc('UTF-16'), 'utf16le'))).toContain('Café Señor Panamá');
  });

  it('drops a UTF-8 byte-order mark', () => {
    const text = decodeXml(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc('UTF-8'))]));
    expect(text.startsWith('<?xml')).toBe(true);
  });

  it('lets the HTTP charset win over the XML declaration, and a byte-order mark over both', () => {
    expect(decodeXml(Buffer.from(doc('UTF-8'), 'latin1'), 'iso-8859-1')).toContain('Café');
    const withBom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(doc(null))]);
    expect(decodeXml(withBom, 'iso-8859-1')).toContain('Café Señor');
  });

  it('refuses Latin-1 bytes in a document that says (or defaults to) UTF-8, naming the byte and the line', () => {
    const bytes = Buffer.from(doc('UTF-8'), 'latin1');
    expect(refusal(() => decodeXml(bytes))).toEqual({
      code: 'XML_ENCODING_INVALID',
      params: { encoding: 'utf-8', line: 2, byte: '0xE9' },
    });
    expect(refusal(() => decodeXml(Buffer.from(doc(null), 'latin1'))).code).toBe('XML_ENCODING_INVALID');
  });

  it('refuses an encoding it does not know', () => {
    expect(refusal(() => decodeXml(Buffer.from(doc('EBCDIC-XYZ'))))).toEqual({
      code: 'XML_ENCODING_UNSUPPORTED',
      params: { encoding: 'EBCDIC-XYZ' },
    });
  });
});

describe('charsetOf', () => {
  it('reads the charset parameter of a Content-Type', () => {
    expect(charsetOf('application/xml; charset=ISO-8859-1')).toBe('ISO-8859-1');
    expect(charsetOf('application/xml;charset="utf-16"')).toBe('utf-16');
    expect(charsetOf('application/xml')).toBeUndefined();
    expect(charsetOf(undefined)).toBeUndefined();
  });
});

describe('decodeXml with legacy encodings', () => {
  it('reads a document labelled ISO-8859-1 with Windows-1252 quotes as those quotes', () => {
    const bytes = Buffer.concat([
      Buffer.from(doc('ISO-8859-1', '<A>'), 'latin1'),
      Buffer.from([0x93, 0x41, 0x94]),
      Buffer.from('</A>'),
    ]);
    expect(decodeXml(bytes)).toContain('<A>“A”</A>');
  });

  it('reads DOS Latin-1 (cp850) as declared', () => {
    // "ñ" is 0xA4 in code page 850.
    const bytes = Buffer.concat([
      Buffer.from(doc('cp850', '<A>Se'), 'latin1'),
      Buffer.from([0xa4]),
      Buffer.from('or</A>'),
    ]);
    expect(decodeXml(bytes)).toContain('<A>Señor</A>');
  });
});

describe('decodeXml refusing bad UTF-16', () => {
  it('names the line of a lone surrogate', () => {
    const good = Buffer.from('<?xml version="1.0" encoding="UTF-16"?>\n<A>\nx', 'utf16le');
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), good, Buffer.from([0x00, 0xd8, 0x41, 0x00])]);
    expect(refusal(() => decodeXml(bytes))).toMatchObject({
      code: 'XML_ENCODING_INVALID',
      params: { encoding: 'utf-16le', line: 3 },
    });
  });
});
