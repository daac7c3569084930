import iconv from 'iconv-lite';
import { DomainError } from '../../../platform/errors.js';

/**
 * The character encoding of an incoming XML document, found as XML 1.0 (Appendix F) and RFC 7303 say: a byte-order
 * mark first, then the `charset` of the HTTP Content-Type, then the XML declaration's `encoding`, else UTF-8. Many
 * customs and trader systems in the region still write ISO-8859-1 or Windows-1252 ("Café", "Señor", "Panamá"):
 * those are read as declared, not as UTF-8 with the accented letters turned into U+FFFD.
 *
 * Decoding is strict: a byte that is not valid in the encoding refuses the document (`XML_ENCODING_INVALID`, with the
 * line) instead of replacing the character silently; an encoding neither the WHATWG encodings nor iconv-lite
 * know is refused as `XML_ENCODING_UNSUPPORTED`. The text returned declares `UTF-8` in its XML declaration, so that
 * every later reader of the string (the parser, libxml2's schema validation) sees what it now is.
 */
export function decodeXml(bytes: Uint8Array, charset?: string): string {
  const bom = byteOrderMark(bytes);
  const declared = bom ? undefined : ((charset?.trim() || undefined) ?? declaredEncoding(bytes));
  const label = bom?.encoding ?? declared ?? 'utf-8';
  const encoding = canonical(label);
  if (!encoding)
    throw new DomainError('XML_ENCODING_UNSUPPORTED', undefined, { params: { encoding: label } });
  let text: string;
  if (UNICODE.has(encoding)) {
    try {
      // The BOM was read here: the decoder drops it rather than keep it as a character.
      text = new TextDecoder(encoding, { fatal: true }).decode(bytes);
    } catch {
      const at = offendingByte(bytes, firstInvalidByte(bytes, encoding));
      throw new DomainError('XML_ENCODING_INVALID', undefined, {
        params: {
          encoding,
          line: lineAt(bytes, at, encoding),
          byte: `0x${(bytes[at] ?? 0).toString(16).toUpperCase().padStart(2, '0')}`,
        },
      });
    }
  } else {
    // Single- and multi-byte legacy encodings: iconv-lite, which (unlike Node 20's TextDecoder) maps Windows-1252's
    // 0x80–0x9F (€, curly quotes) to their characters.
    text = iconv.decode(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), encoding);
  }
  return declaresUtf8(text);
}

const UNICODE = new Set(['utf-8', 'utf-16le', 'utf-16be']);

/**
 * The encoding's canonical name: the WHATWG name where the label is one of its labels (so `ISO-8859-1` and `latin1`
 * read as Windows-1252, as every browser does — documents labelled Latin-1 carry its curly quotes and euro signs),
 * else iconv-lite's own (`cp850`, the DOS Latin-1 of old trader systems); undefined when neither knows it.
 */
function canonical(label: string): string | undefined {
  try {
    return new TextDecoder(label).encoding;
  } catch {
    return iconv.encodingExists(label) ? label.toLowerCase() : undefined;
  }
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1];
}

function byteOrderMark(b: Uint8Array): { encoding: string } | undefined {
  if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) return { encoding: 'utf-8' };
  if (b[0] === 0xfe && b[1] === 0xff) return { encoding: 'utf-16be' };
  if (b[0] === 0xff && b[1] === 0xfe) return { encoding: 'utf-16le' };
  // UTF-16 without a mark, recognised by `<?` (XML 1.0 Appendix F.1).
  if (b[0] === 0x3c && b[1] === 0x00 && b[2] === 0x3f && b[3] === 0x00) return { encoding: 'utf-16le' };
  if (b[0] === 0x00 && b[1] === 0x3c && b[2] === 0x00 && b[3] === 0x3f) return { encoding: 'utf-16be' };
  return undefined;
}

/** The `encoding` pseudo-attribute of the XML declaration, read as ASCII from the document's first bytes. */
function declaredEncoding(b: Uint8Array): string | undefined {
  const head = Buffer.from(b.subarray(0, 256)).toString('latin1');
  return /^<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z][\w.:-]*)["']/.exec(head)?.[1];
}

function declaresUtf8(text: string): string {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.replace(
    /^(<\?xml\s[^>]*?\bencoding\s*=\s*)(["'])[^"']*\2/,
    (_m, head: string, quote: string) => `${head}${quote}UTF-8${quote}`,
  );
}

/** Offset of the first byte the encoding rejects: the shortest prefix whose streaming decode fails. */
function firstInvalidByte(bytes: Uint8Array, label: string): number {
  let lo = 0;
  let hi = bytes.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    try {
      new TextDecoder(label, { fatal: true }).decode(bytes.subarray(0, mid + 1), { stream: true });
      lo = mid + 1;
    } catch {
      hi = mid;
    }
  }
  return lo;
}

/**
 * A multi-byte decoder notices a bad sequence at the byte after its lead (Latin-1 "é" read as UTF-8 fails at the
 * letter that follows): the byte to show is that lead, when one sits just before.
 */
function offendingByte(bytes: Uint8Array, detected: number): number {
  for (let i = detected - 1; i >= Math.max(0, detected - 3); i--) if (bytes[i]! >= 0xc0) return i;
  return detected;
}

function lineAt(bytes: Uint8Array, offset: number, encoding: string): number {
  const before = new TextDecoder(encoding).decode(bytes.subarray(0, offset));
  let line = 1;
  for (let i = before.indexOf('\n'); i >= 0; i = before.indexOf('\n', i + 1)) line++;
  return line;
}
