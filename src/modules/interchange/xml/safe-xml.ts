import { SaxesParser, type SaxesTagNS } from 'saxes';
import { DomainError } from '../../../platform/errors.js';
import type { XmlElement } from './xml-tree.js';

/** Bounds on what an incoming XML document may cost. */
export interface XmlLimits {
  /** Largest document in bytes (UTF-8). */
  maxBytes: number;
  /** Deepest element nesting. */
  maxDepth: number;
  /** Most elements in one document. */
  maxElements: number;
}

export const DEFAULT_XML_LIMITS: XmlLimits = {
  maxBytes: 10 * 1024 * 1024,
  maxDepth: 64,
  maxElements: 200_000,
};

const refuse = (code: string, params: Record<string, string | number> = {}) =>
  new DomainError(code, undefined, { params });

/**
 * Parses untrusted XML into an element tree, refusing what could hurt the server before it costs anything: any
 * DOCTYPE (so no DTD, no entity declarations, no external entities, no entity expansion — only the five predefined
 * entities and character references are understood), documents over the size limit, nesting deeper than the depth
 * limit and more elements than the element limit. Each refusal is a `DomainError` with a stable code:
 * `XML_DTD_FORBIDDEN`, `XML_TOO_LARGE`, `XML_TOO_DEEP`, `XML_TOO_MANY_ELEMENTS`, `XML_MALFORMED` (with line and column).
 */
export function parseXml(input: string | Buffer, limits: XmlLimits = DEFAULT_XML_LIMITS): XmlElement {
  const bytes = typeof input === 'string' ? Buffer.byteLength(input, 'utf8') : input.length;
  if (bytes > limits.maxBytes) throw refuse('XML_TOO_LARGE', { bytes, limit: limits.maxBytes });
  let text = typeof input === 'string' ? input : input.toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  // A DOCTYPE can only sit in the prolog: refuse it before the parser reads its internal subset.
  const prolog = /<!DOCTYPE/i.exec(text.slice(0, firstElementStart(text)));
  if (prolog) throw refuse('XML_DTD_FORBIDDEN', { ...position(text, prolog.index) });

  const parser = new SaxesParser({ xmlns: true, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  parser.on('doctype', () => {
    throw refuse('XML_DTD_FORBIDDEN', { line: parser.line, column: parser.column });
  });
  parser.on('opentag', (tag: SaxesTagNS) => {
    if (++count > limits.maxElements) throw refuse('XML_TOO_MANY_ELEMENTS', { limit: limits.maxElements });
    if (stack.length + 1 > limits.maxDepth)
      throw refuse('XML_TOO_DEEP', { limit: limits.maxDepth, line: parser.line, column: parser.column });
    const attributes: Record<string, string> = {};
    for (const a of Object.values(tag.attributes)) {
      if (a.prefix === 'xmlns' || a.name === 'xmlns') continue;
      attributes[a.uri === 'http://www.w3.org/2001/XMLSchema-instance' ? `xsi:${a.local}` : a.local] =
        a.value;
    }
    const el: XmlElement = {
      name: tag.local,
      ns: tag.uri,
      prefix: tag.prefix,
      attributes,
      children: [],
      text: '',
      line: parser.line,
      column: parser.column,
    };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  const onText = (t: string) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  };
  parser.on('text', onText);
  parser.on('cdata', onText);
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el && el.children.length > 0) el.text = el.text.trim();
  });
  parser.on('error', (err: Error) => {
    throw err;
  });
  try {
    parser.write(text).close();
  } catch (err) {
    if (err instanceof DomainError) throw err;
    const message = err instanceof Error ? err.message : String(err);
    const m = /^(?:[^:]*:)?(\d+):(\d+): (.*)$/s.exec(message);
    throw refuse('XML_MALFORMED', {
      line: m ? Number(m[1]) : parser.line,
      column: m ? Number(m[2]) : parser.column,
      detail: (m?.[3] ?? message).slice(0, 200),
    });
  }
  if (!root)
    throw refuse('XML_MALFORMED', { line: parser.line, column: parser.column, detail: 'no root element' });
  return root;
}

/** Index of the first `<` that opens an element (not `<?` or `<!`), or the text length. */
function firstElementStart(text: string): number {
  const re = /<[^?!]/g;
  const m = re.exec(text);
  return m ? m.index : text.length;
}

function position(text: string, index: number): { line: number; column: number } {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return { line, column: index - before.lastIndexOf('\n') };
}
