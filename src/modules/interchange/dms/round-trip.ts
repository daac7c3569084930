import type { XmlElement } from '../xml/xml-tree.js';

/** Leaf values (and attributes) of an element tree by indexed path, e.g. `Declaration/GoodsShipment/…/ID`. */
export function leafValues(root: XmlElement, rootPath = root.name): Map<string, string> {
  const out = new Map<string, string>();
  const visit = (e: XmlElement, path: string) => {
    for (const [k, v] of Object.entries(e.attributes)) if (!k.startsWith('xsi:')) out.set(`${path}/@${k}`, v);
    if (e.children.length === 0) {
      out.set(path, e.text.trim());
      return;
    }
    const seen = new Map<string, number>();
    for (const c of e.children) {
      const i = seen.get(c.name) ?? 0;
      seen.set(c.name, i + 1);
      visit(c, `${path}/${c.name}${i === 0 ? '' : `[${i}]`}`);
    }
  };
  visit(root, rootPath);
  return out;
}

const sameValue = (a: string, b: string) => {
  if (a === b) return true;
  const x = Number(a);
  const y = Number(b);
  return a !== '' && b !== '' && Number.isFinite(x) && Number.isFinite(y) && x === y;
};

/** Leaves of `before` that `after` lacks or changed: what a round trip lost. */
export function lostLeaves(
  before: Map<string, string>,
  after: Map<string, string>,
): { path: string; before: string; after?: string }[] {
  const lost: { path: string; before: string; after?: string }[] = [];
  for (const [path, value] of before) {
    const now = after.get(path);
    if (now === undefined) lost.push({ path, before: value });
    else if (!sameValue(value, now)) lost.push({ path, before: value, after: now });
  }
  return lost;
}
