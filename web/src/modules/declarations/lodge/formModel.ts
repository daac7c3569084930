import type { DeclarationSubmission } from '../platform-model.js';

/** What the trader types: strings, as the inputs hold them. {@link toSubmission} turns it into the API's document. */
export interface PartyDraft {
  tin: string;
  name: string;
  country: string;
}
export interface ItemDraft {
  hsCode: string;
  description: string;
  originCountry: string;
  netMassKg: string;
  grossMassKg: string;
  packages: string;
  customsValue: string;
  currency: string;
  procedureCode: string;
}
export interface DocumentDraft {
  kind: string;
  reference: string;
  issuedOn: string;
}
export const PARTY_ROLES = ['importer', 'exporter', 'seller', 'carrier'] as const;
export type PartyRole = (typeof PARTY_ROLES)[number];

export interface LodgementDraft {
  lrn: string;
  type: 'import' | 'export' | 'transit';
  office: string;
  declarant: PartyDraft;
  parties: Record<PartyRole, PartyDraft>;
  transportMode: string;
  meansName: string;
  containers: string[];
  loadingLocation: string;
  goodsLocation: string;
  exportCountry: string;
  incoterm: string;
  invoiceNumber: string;
  invoiceAmount: string;
  invoiceCurrency: string;
  items: ItemDraft[];
  documents: DocumentDraft[];
  /** `YYYY-MM-DDTHH:mm` in the user's time zone (a datetime-local input). */
  expectedArrivalAt: string;
}

const emptyParty = (): PartyDraft => ({ tin: '', name: '', country: '' });

export const emptyItem = (currency = 'USD'): ItemDraft => ({
  hsCode: '',
  description: '',
  originCountry: '',
  netMassKg: '',
  grossMassKg: '',
  packages: '',
  customsValue: '',
  currency,
  procedureCode: '4000',
});

/** A fresh form for a declarant, with a suggested LRN unique to this moment. */
export function newDraft(declarant: PartyDraft, now = new Date()): LodgementDraft {
  const stamp = now.toISOString().replace(/\D/g, '').slice(2, 14);
  return {
    lrn: `LRN-${stamp}`,
    type: 'import',
    office: '',
    declarant,
    parties: { importer: emptyParty(), exporter: emptyParty(), seller: emptyParty(), carrier: emptyParty() },
    transportMode: '1',
    meansName: '',
    containers: [''],
    loadingLocation: '',
    goodsLocation: '',
    exportCountry: '',
    incoterm: 'CIF',
    invoiceNumber: '',
    invoiceAmount: '',
    invoiceCurrency: 'USD',
    items: [emptyItem()],
    documents: [{ kind: 'invoice', reference: '', issuedOn: '' }],
    expectedArrivalAt: '',
  };
}

const text = (s: string) => s.trim();
const code = (s: string) => s.trim().toUpperCase();
/** A number as typed; empty stays undefined (the schema then says it is missing), anything else may be NaN. */
const num = (s: string): number | undefined =>
  s.trim() === '' ? undefined : Number(s.trim().replace(',', '.'));
const defined = <T extends object>(o: T): T =>
  Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined && v !== '')) as T;

function party(p: PartyDraft) {
  if (!p.tin.trim() && !p.name.trim() && !p.country.trim()) return undefined;
  return defined({
    tin: code(p.tin),
    name: text(p.name),
    address: p.country.trim() ? { country: code(p.country) } : undefined,
  });
}

/** The declaration as the API takes it; empty optional fields are left out, so errors point where the user typed. */
export function toSubmission(d: LodgementDraft): DeclarationSubmission {
  const parties: Record<string, unknown> = { declarant: party(d.declarant) ?? { tin: '', name: '' } };
  for (const role of PARTY_ROLES) {
    const p = party(d.parties[role]);
    if (p) parties[role] = p;
  }
  const arrival = d.expectedArrivalAt ? new Date(d.expectedArrivalAt) : null;
  return defined({
    lrn: text(d.lrn),
    type: d.type,
    office: code(d.office),
    parties,
    transport: defined({
      mode: d.transportMode,
      meansName: text(d.meansName) || undefined,
      containers: d.containers.filter((c) => c.trim()).map((c) => ({ number: code(c) })),
      loadingLocation: code(d.loadingLocation) || undefined,
      goodsLocation: code(d.goodsLocation) || undefined,
    }),
    exportCountry: code(d.exportCountry) || undefined,
    incoterm: code(d.incoterm) || undefined,
    invoice: defined({
      number: text(d.invoiceNumber) || undefined,
      amount: num(d.invoiceAmount),
      currency: code(d.invoiceCurrency),
    }),
    goodsItems: d.items.map((g, i) =>
      defined({
        sequence: i + 1,
        hsCode: g.hsCode.replace(/[\s.]/g, ''),
        description: text(g.description),
        originCountry: code(g.originCountry),
        netMassKg: num(g.netMassKg),
        grossMassKg: num(g.grossMassKg),
        packages: num(g.packages),
        customsValue: num(g.customsValue),
        currency: code(g.currency),
        procedureCode: text(g.procedureCode),
      }),
    ),
    documents: d.documents
      .filter((doc) => doc.reference.trim())
      .map((doc) =>
        defined({ kind: doc.kind, reference: text(doc.reference), issuedOn: doc.issuedOn || undefined }),
      ),
    expectedArrivalAt: arrival && !Number.isNaN(arrival.getTime()) ? arrival.toISOString() : undefined,
  }) as unknown as DeclarationSubmission;
}
