import type { XmlElement } from '../xml/xml-tree.js';
import { isKnownDecPath } from './dms-elements.js';

/** Namespace of the DMS data types; dates are written `<ds:DateTimeString formatCode="…">` in it. */
export const DS_NS = 'urn:wco:datamodel:WCO:Declaration_DS:DMS:2';

/** An element of a WCO message that Aduana neither maps nor carries: reported, never silent. */
export interface DroppedElement {
  path: string;
  value: string;
  reason: 'not_in_dms_schema' | 'foreign_namespace' | 'too_long';
}

/** A leaf (or attribute) carried uninterpreted in the declaration's `wco.elements`. */
export interface CarriedElement {
  path: string;
  value: string;
}

/** Where a model field came from in the message (for locating errors). */
export interface SourceRef {
  path: string;
  line: number;
  column: number;
}

/**
 * Reads a WCO message tree and remembers which leaves and attributes the typed mapping consumed, where each model
 * field came from (`bindings`, by JSON pointer), and which fields were derived rather than read. What is left over
 * is carried (or, when it is not a DMS element, dropped) by `leftovers()`.
 */
export class DmsReader {
  private readonly consumed = new Set<XmlElement>();
  private readonly consumedAttrs = new Set<string>();
  private readonly paths = new Map<XmlElement, string>();
  readonly bindings: Record<string, string> = {};
  readonly sources: Record<string, SourceRef> = {};
  readonly derived: string[] = [];

  constructor(
    readonly root: XmlElement,
    rootPath: string,
  ) {
    this.index(root, rootPath);
  }

  private index(e: XmlElement, path: string) {
    this.paths.set(e, path);
    const seen = new Map<string, number>();
    for (const c of e.children) {
      const i = seen.get(c.name) ?? 0;
      seen.set(c.name, i + 1);
      this.index(c, `${path}/${c.name}${i === 0 ? '' : `[${i}]`}`);
    }
  }

  pathOf(e: XmlElement): string {
    return this.paths.get(e) ?? e.name;
  }

  /** Records that a model field (JSON pointer) comes from an element, for export and for error locations. */
  bind(pointer: string, e: XmlElement): void {
    const path = this.pathOf(e);
    this.bindings[pointer] = path;
    this.sources[pointer] = { path, line: e.line, column: e.column };
  }

  /** Records a field derived from an element (written back only through that element, which stays carried). */
  derive(pointer: string, from?: XmlElement): void {
    this.derived.push(pointer);
    if (from) this.sources[pointer] = { path: this.pathOf(from), line: from.line, column: from.column };
  }

  /** The trimmed text of a leaf, consumed; bound to the pointer when given. */
  take(e: XmlElement | undefined, pointer?: string): string | undefined {
    if (!e) return undefined;
    this.consumed.add(e);
    if (pointer) this.bind(pointer, e);
    return e.text.trim();
  }

  /** Gives a leaf back (it will be carried) and forgets its binding. */
  release(e: XmlElement | undefined): void {
    if (!e) return;
    this.consumed.delete(e);
    for (const [k, v] of Object.entries(this.bindings)) if (v === this.pathOf(e)) delete this.bindings[k];
  }

  /** An attribute, consumed. */
  takeAttr(e: XmlElement | undefined, name: string): string | undefined {
    if (!e || e.attributes[name] === undefined) return undefined;
    this.consumedAttrs.add(`${this.pathOf(e)}/@${name}`);
    return e.attributes[name];
  }

  /** Leaves and attributes not consumed: carried when they are DMS elements, dropped otherwise. */
  leftovers(decNamespace: string): { carried: CarriedElement[]; dropped: DroppedElement[] } {
    const carried: CarriedElement[] = [];
    const dropped: DroppedElement[] = [];
    const visit = (e: XmlElement) => {
      const path = this.pathOf(e);
      const dateWrapper = e.name === 'DateTimeString' && e.ns === DS_NS;
      if (e.ns !== decNamespace && !dateWrapper && !path.startsWith('MetaData/')) {
        dropped.push({ path, value: e.text.trim().slice(0, 200), reason: 'foreign_namespace' });
        return;
      }
      for (const [name, value] of Object.entries(e.attributes)) {
        if (name.startsWith('xsi:')) continue;
        const key = `${path}/@${name}`;
        if (this.consumedAttrs.has(key)) continue;
        if (isKnownDecPath(path)) carried.push({ path: key, value });
        else dropped.push({ path: key, value, reason: 'not_in_dms_schema' });
      }
      if (e.children.length > 0) {
        for (const c of e.children) visit(c);
        return;
      }
      if (this.consumed.has(e)) return;
      const value = e.text.trim();
      if (!isKnownDecPath(path))
        dropped.push({ path, value: value.slice(0, 200), reason: 'not_in_dms_schema' });
      else if (value.length > 512) dropped.push({ path, value: value.slice(0, 200), reason: 'too_long' });
      else carried.push({ path, value });
    };
    visit(this.root);
    return { carried, dropped };
  }
}
