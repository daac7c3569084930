import type { IdentifierRole } from '../provenance.repository.js';
import { toCanonicalDigitalLink } from './digital-link.js';
import type { EpcisEvent } from './event-hash.js';

/** An identifier as traces match it: the canonical Digital Link of an EPC URI, else the URI as written. */
export function canonicalIdentifier(value: string): string {
  const trimmed = value.trim();
  return toCanonicalDigitalLink(trimmed) ?? trimmed;
}

const list = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
const classes = (value: unknown): string[] =>
  Array.isArray(value)
    ? value
        .map((q) => (q as { epcClass?: unknown }).epcClass)
        .filter((c): c is string => typeof c === 'string')
    : [];

/**
 * The identifiers an event names and how: an ObjectEvent ADD commissions its EPCs and classes (OBSERVE —
 * shipping, receiving — observes them); a TransformationEvent consumes inputs and produces outputs; an
 * AggregationEvent packs children into a parent (a pallet or a container).
 */
export function identifiersOf(event: EpcisEvent): { role: IdentifierRole; identifier: string }[] {
  const out: { role: IdentifierRole; identifier: string }[] = [];
  const add = (role: IdentifierRole, values: string[]) => {
    for (const v of values) out.push({ role, identifier: canonicalIdentifier(v) });
  };
  switch (event.type) {
    case 'ObjectEvent':
      add(event.action === 'ADD' ? 'commissioned' : 'observed', [
        ...list(event.epcList),
        ...classes(event.quantityList),
      ]);
      break;
    case 'TransformationEvent':
      add('input', [...list(event.inputEPCList), ...classes(event.inputQuantityList)]);
      add('output', [...list(event.outputEPCList), ...classes(event.outputQuantityList)]);
      break;
    case 'AggregationEvent':
      if (typeof event.parentID === 'string') add('parent', [event.parentID]);
      add('child', [...list(event.childEPCs), ...classes(event.childQuantityList)]);
      break;
    default:
      break;
  }
  const seen = new Set<string>();
  return out.filter((i) => {
    const key = `${i.role} ${i.identifier}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Customs containers in EPCIS: `urn:aduana:container:<ISO 6346 number>` (a parentID of aggregation). */
export function containerIdentifier(number: string): string {
  return number.startsWith('urn:') ? number : `urn:aduana:container:${number.trim().toUpperCase()}`;
}
