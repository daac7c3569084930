import { child, childrenNamed, type XmlElement } from '../xml/xml-tree.js';

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

/** Replaces, in `target`, every child named like a child of `source` with the source's children of that name. */
function replaceGroups(
  target: XmlElement,
  source: XmlElement,
  skip: (e: XmlElement) => boolean = () => false,
) {
  const names = [...new Set(source.children.filter((c) => !skip(c)).map((c) => c.name))];
  for (const name of names) {
    const incoming = source.children.filter((c) => c.name === name && !skip(c));
    const at = target.children.findIndex((c) => c.name === name);
    target.children = target.children.filter((c) => c.name !== name);
    target.children.splice(at === -1 ? target.children.length : at, 0, ...incoming);
  }
}

/**
 * Applies a DMS amendment (FunctionCode 13, TypeCode COR) to the current version of a declaration, both as DEC trees.
 * DMS amendments carry the data groups that change: a group present in the amendment replaces the same group in the
 * declaration (header, goods shipment, or the goods item with the same sequence number; a new sequence number adds an
 * item). Elements that describe the request (its own reference, Amendment pointers, statements that point at what
 * changed) are not part of the declaration. Returns a new tree; the inputs are not changed.
 */
export function applyAmendment(current: XmlElement, amendment: XmlElement): XmlElement {
  const merged = structuredClone(current);
  const isRequestStatement = (e: XmlElement) =>
    e.name === 'AdditionalInformation' && childrenNamed(e, 'Pointer').length > 0;
  const header = {
    ...amendment,
    children: amendment.children.filter((c) => !REQUEST_ONLY.has(c.name) && c.name !== 'GoodsShipment'),
  };
  replaceGroups(merged, header, isRequestStatement);

  const incoming = child(amendment, 'GoodsShipment');
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
  replaceGroups(shipment, others);
  for (const item of childrenNamed(incoming, 'GovernmentAgencyGoodsItem')) {
    const existing = childrenNamed(shipment, 'GovernmentAgencyGoodsItem').find(
      (i) => seqOf(i) === seqOf(item),
    );
    if (existing)
      replaceGroups(existing, {
        ...item,
        children: item.children.filter((c) => c.name !== 'SequenceNumeric'),
      });
    else {
      const last = shipment.children.map((c) => c.name).lastIndexOf('GovernmentAgencyGoodsItem');
      shipment.children.splice(last === -1 ? shipment.children.length : last + 1, 0, structuredClone(item));
    }
  }
  return merged;
}
