/** A parsed XML element: namespace URI and local name, attributes by local name, children and text, and where it began. */
export interface XmlElement {
  name: string;
  ns: string;
  /** The prefix used in the source document ('' for the default namespace). */
  prefix: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Concatenated character data directly inside the element (trimmed when the element has children). */
  text: string;
  line: number;
  column: number;
}

/** An element to write: namespace handled by the writer's prefix table. */
export interface OutElement {
  name: string;
  /** Namespace prefix to write ('' = default namespace of the document). */
  prefix?: string;
  attributes?: Record<string, string>;
  /** Namespace declarations to put on this element (prefix → URI; '' = default). */
  xmlns?: Record<string, string>;
  children?: OutElement[];
  text?: string;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
const escapeText = (s: string) => s.replace(/[&<>]/g, (c) => ESCAPES[c] ?? c);
const escapeAttr = (s: string) =>
  s.replace(/[&<>"]/g, (c) => ESCAPES[c] ?? c).replace(/[\t\n\r]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Serialises an element tree as an indented XML document with an XML declaration. */
export function writeXml(root: OutElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  write(root, 0);
  return out.join('');

  function write(e: OutElement, depth: number) {
    const indent = '  '.repeat(depth);
    const tag = e.prefix ? `${e.prefix}:${e.name}` : e.name;
    let open = `${indent}<${tag}`;
    for (const [p, uri] of Object.entries(e.xmlns ?? {}))
      open += ` ${p ? `xmlns:${p}` : 'xmlns'}="${escapeAttr(uri)}"`;
    for (const [k, v] of Object.entries(e.attributes ?? {})) open += ` ${k}="${escapeAttr(v)}"`;
    const children = e.children ?? [];
    if (children.length === 0) {
      out.push(
        e.text === undefined || e.text === '' ? `${open}/>\n` : `${open}>${escapeText(e.text)}</${tag}>\n`,
      );
      return;
    }
    out.push(`${open}>\n`);
    for (const c of children) write(c, depth + 1);
    out.push(`${indent}</${tag}>\n`);
  }
}

/** The first child with a local name. */
export const child = (e: XmlElement | undefined, name: string): XmlElement | undefined =>
  e?.children.find((c) => c.name === name);

/** All children with a local name. */
export const childrenNamed = (e: XmlElement | undefined, name: string): XmlElement[] =>
  e ? e.children.filter((c) => c.name === name) : [];
