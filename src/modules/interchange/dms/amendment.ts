import { child, childrenNamed, type XmlElement } from '../xml/xml-tree.js';
import { decElement } from './dms-elements.js';

/** Header elements that describe the amendment request itself rather than the declaration. */
const REQUEST_ONLY = new Set([
  'FunctionCode',
  'FunctionalReferenceID',
  'ID',
  'TypeCode',
  'Amendment',
  'Submitter',
]);

const seqOf = (item: XmlElement) => child(item, 'SequenceNumeric')?.text.trim();
const isRequestStatement = (e: XmlElement) =>
  e.name === 'AdditionalInformation' && childrenNamed(e, 'Pointer').length > 0;

/**
 * Merges `source` into `target` (both at `path`): a leaf or a repeatable group present in the source replaces every
 * same-name child of the target; a single (non-repeatable) group is merged recursively, so an amendment that gives a
 * new description keeps the commodity code beside it.
 */
function mergeInto(target: XmlElement, source: XmlElement, path: string, skip: (e: XmlElement) => boolean) {
  const names = [...new Set(source.children.filter((c) => !skip(c)).map((c) => c.name))];
  for (const name of names) {
    const incoming = source.children.filter((c) => c.name === name && !skip(c));
    const childPath = `${path}/${name}`;
    const element = decElement(childPath);
    const existing = target.children.filter((c) => c.name === name);
    const first = incoming[0];
    if (first && first.children.length > 0 && element && !element.repeatable && existing[0]) {
      mergeInto(existing[0], first, childPath, () => false);
      continue;
    }
    const at = target.children.findIndex((c) => c.name === name);
    target.children = target.children.filter((c) => c.name !== name);
    target.children.splice(at === -1 ? target.children.length : at, 0, ...structuredClone(incoming));
  }
}

/**
 * Goods items the amendment deletes: an `Amendment` whose pointer ends at a goods item (42A/67A/68A with its sequence
 * number, no element tag) while the message gives no item with that sequence number.
 */
function removeDeletedItems(merged: XmlElement, amendment: XmlElement, incoming: XmlElement | undefined) {
  const given = new Set(childrenNamed(incoming, 'GovernmentAgencyGoodsItem').map(seqOf));
  const deleted = new Set<string>();
  for (const a of childrenNamed(amendment, 'Amendment')) {
    const pointers = childrenNamed(a, 'Pointer');
    const last = pointers[pointers.length - 1];
    const sections = pointers.map((p) => child(p, 'DocumentSectionCode')?.text.trim()).join('/');
    const seq = child(last, 'SequenceNumeric')?.text.trim();
    if (sections === '42A/67A/68A' && !child(last, 'TagID') && seq && !given.has(seq)) deleted.add(seq);
  }
  const shipment = child(merged, 'GoodsShipment');
  if (!shipment || deleted.size === 0) return;
  shipment.children = shipment.children.filter(
    (c) => c.name !== 'GovernmentAgencyGoodsItem' || !deleted.has(seqOf(c) ?? ''),
  );
}

/**
 * Applies a DMS amendment (FunctionCode 13, TypeCode COR) to the current version of a declaration, both as DEC trees.
 * What the amendment gives replaces what the declaration had (leaves and repeatable groups by name, single groups
 * merged); goods items are matched by sequence number, a new sequence number adds an item, and an amendment pointing
 * at an item it does not give deletes that item. Elements that describe
 * the request (its own reference, Amendment pointers, statements pointing at what changed) are not part of the
 * declaration. Returns a new tree.
 */
export function applyAmendment(current: XmlElement, amendment: XmlElement): XmlElement {
  const merged = structuredClone(current);
  const header = {
    ...amendment,
    children: amendment.children.filter((c) => !REQUEST_ONLY.has(c.name) && c.name !== 'GoodsShipment'),
  };
  mergeInto(merged, header, 'Declaration', isRequestStatement);

  const incoming = child(amendment, 'GoodsShipment');
  removeDeletedItems(merged, amendment, incoming);
  if (!incoming) return merged;
  let shipment = child(merged, 'GoodsShipment');
  if (!shipment) {
    shipment = { ...incoming, children: [] };
    merged.children.push(shipment);
  }
  const others = {
    ...incoming,
    children: incoming.children.filter((c) => c.name !== 'GovernmentAgencyGoodsItem'),
  };
  mergeInto(shipment, others, 'Declaration/GoodsShipment', () => false);
  const itemPath = 'Declaration/GoodsShipment/GovernmentAgencyGoodsItem';
  for (const item of childrenNamed(incoming, 'GovernmentAgencyGoodsItem')) {
    const existing = childrenNamed(shipment, 'GovernmentAgencyGoodsItem').find(
      (i) => seqOf(i) === seqOf(item),
    );
    if (existing) mergeInto(existing, item, itemPath, (c) => c.name === 'SequenceNumeric');
    else {
      const last = shipment.children.map((c) => c.name).lastIndexOf('GovernmentAgencyGoodsItem');
      shipment.children.splice(last === -1 ? shipment.children.length : last + 1, 0, structuredClone(item));
    }
  }
  return merged;
}
