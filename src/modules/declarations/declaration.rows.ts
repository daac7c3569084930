/** How a declaration becomes a row: its content hash, the queue columns and the parties of record. */
import { createHash } from 'node:crypto';
import { canonicalJson as canonicalize } from '../../platform/canonical-json.js';
import type { ChannelDecision } from './channel-strategy.js';
import type { DeclarationRow } from './declaration.repository.js';
import type { DeclarationInput } from './declaration.schema.js';

/** SHA-256 of the declaration's canonical JSON: the same content gives the same hash, whatever the key order. */
export const hashOf = (d: DeclarationInput) =>
  createHash('sha256')
    .update(canonicalize(d) ?? '')
    .digest('hex');

/** The row of a declaration just lodged and given its channel. */
export function newDeclarationRow(
  id: string,
  d: DeclarationInput,
  contentHash: string,
  decision: ChannelDecision,
  now: Date,
): DeclarationRow {
  return {
    id,
    lrn: d.lrn,
    declarant_tin: d.parties.declarant.tin,
    importer_tin: importerOf(d),
    exporter_tin: exporterOf(d),
    type: d.type,
    office: d.office,
    status: 'channel_assigned',
    channel: decision.channel,
    version: 1,
    content_hash: contentHash,
    lodged_content_hash: contentHash,
    document: d,
    ...denormalise(d),
    channel_decision: decision,
    control: null,
    documents_requested: null,
    warnings: [],
    arrived_at: null,
    lodged_at: now,
    accepted_at: now,
    channel_at: now,
    control_at: null,
    released_at: null,
    updated_at: now,
  };
}

/** Queue columns. Items without a declared value or commodity code or origin add nothing to them. */
export function denormalise(d: DeclarationInput) {
  const total = d.goodsItems.reduce((s, g) => {
    if (g.customsValue === undefined || g.currency === undefined) return s;
    return (
      s +
      (g.currency === d.invoice.currency
        ? g.customsValue
        : g.customsValue * (d.exchangeRates?.[g.currency] ?? 1))
    );
  }, 0);
  const present = <T>(v: T | undefined): v is T => v !== undefined;
  return {
    hs_codes: [...new Set(d.goodsItems.map((g) => g.hsCode).filter(present))],
    container_numbers: d.transport.containers.map((c) => c.number),
    origin_countries: [...new Set(d.goodsItems.map((g) => g.originCountry).filter(present))],
    total_value: Math.round(total * 100) / 100,
    currency: d.invoice.currency,
    item_count: d.goodsItems.length,
  };
}

export function changedSections(before: DeclarationInput, after: DeclarationInput): string[] {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]) as Set<keyof DeclarationInput>;
  return [...keys].filter((k) => canonicalize(before[k]) !== canonicalize(after[k]));
}

/** The importer of record: the declared importer, or the declarant when it imports on its own account. */
export function importerOf(d: DeclarationInput): string | null {
  return d.parties.importer?.tin ?? (d.type === 'import' ? d.parties.declarant.tin : null);
}

/** The exporter of record: the declared exporter, or the declarant when it exports on its own account. */
export function exporterOf(d: DeclarationInput): string | null {
  return d.parties.exporter?.tin ?? (d.type === 'export' ? d.parties.declarant.tin : null);
}
