/**
 * Where each field of Aduana's declaration sits in the WCO Data Model, as a pointer path of WCO IDs (the form WCO
 * and DMS rejection notifications use, e.g. `42A/67A/68A/23A/21A/145`). Indices in the JSON pointer are dropped;
 * the item's sequence number is reported separately.
 */
const PARTY: Record<string, string> = {
  declarant: '42A/57B',
  importer: '42A/67A/74A',
  exporter: '42A/57A',
  carrier: '42A/28A/18A',
  seller: '42A/67A/09B',
  buyer: '42A/67A/16A',
};

const PARTY_FIELD: Record<string, string> = { tin: 'R', name: 'N', address: '04A' };
// Party ID / name element IDs differ per party in the WCO DM.
const PARTY_IDS: Record<string, { tin: string; name: string }> = {
  declarant: { tin: 'R123', name: 'R124' },
  importer: { tin: 'R038', name: 'R037' },
  exporter: { tin: 'R032', name: 'R031' },
  carrier: { tin: 'R012', name: 'R011' },
  seller: { tin: 'R051', name: 'R050' },
  buyer: { tin: 'R010', name: 'R009' },
};
const ADDRESS: Record<string, string> = { line: '239', city: '241', postcode: '245', country: '242' };

const ROOT: Record<string, string> = {
  lrn: '42A/D026',
  type: '42A/D013',
  additionalType: '42A/D013',
  office: '42A/065',
  exportCountry: '42A/67A/95B/062',
  destinationCountry: '42A/67A/99B/465',
  incoterm: '42A/67A/22B/090',
  expectedArrivalAt: '42A/67A/28A/10A',
  goodsItems: '42A/67A/68A',
  documents: '42A/02A',
  parties: '42A',
  transport: '42A/15A',
  invoice: '42A/67A/78A',
  exchangeRates: '42A/40A',
  totals: '42A',
};
const INVOICE: Record<string, string> = {
  number: '42A/67A/78A/D016',
  amount: '42A/109',
  currency: '42A/40A/135',
};
const TOTALS: Record<string, string> = { grossMassKg: '42A/131', packages: '42A/146', itemCount: '42A/228' };
const TRANSPORT: Record<string, string> = {
  mode: '42A/15A/T022',
  meansId: '42A/15A/T006',
  meansName: '42A/67A/28A/10A/T001',
  nationality: '42A/15A/T014',
  containers: '42A/67A/28A/31B',
  containerised: '42A/67A/28A/096',
  loadingLocation: '42A/67A/28A/83A/L010',
  goodsLocation: '42A/67A/28A/64A/L017',
};
const ITEM: Record<string, string> = {
  sequence: '006',
  hsCode: '23A/21A/145',
  description: '23A/137',
  originCountry: '92A/063',
  preferentialOrigin: '92A/501',
  quantity: '23A/65A/130',
  quantityUnit: '23A/65A/130',
  packages: '93A/144',
  netMassKg: '23A/65A/128',
  grossMassKg: '23A/65A/126',
  customsValue: '108',
  currency: '108',
  procedureCode: '70A/166',
  sellerTin: '09B/R051',
  documents: '02A',
};
const DOCUMENT: Record<string, string> = {
  kind: 'D006',
  typeCode: 'D006',
  reference: 'D005',
  issuedOn: '276',
  issuer: '17B/R058',
  agreement: 'D006',
};

/** WCO pointer path for a JSON pointer into a declaration, or undefined when the field has no WCO counterpart. */
export function wcoPathFor(pointer: string): string | undefined {
  const parts = pointer.split('/').filter((p) => p !== '' && !/^\d+$/.test(p));
  const [head, a, b, c] = parts;
  if (!head) return '42A';
  switch (head) {
    case 'parties': {
      if (!a) return '42A';
      const base = PARTY[a];
      if (!base) return undefined;
      if (!b) return base;
      if (b === 'address') return c ? `${base}/04A/${ADDRESS[c] ?? ''}`.replace(/\/$/, '') : `${base}/04A`;
      const ids = PARTY_IDS[a];
      const id = b === 'tin' ? ids?.tin : b === 'name' ? ids?.name : PARTY_FIELD[b];
      return id ? `${base}/${id}` : base;
    }
    case 'invoice':
      return a ? INVOICE[a] : ROOT.invoice;
    case 'totals':
      return a ? TOTALS[a] : ROOT.totals;
    case 'transport': {
      if (!a) return ROOT.transport;
      if (a === 'containers')
        return b === 'seals'
          ? '42A/67A/28A/31B/44B/165'
          : b === 'number' || !b
            ? '42A/67A/28A/31B/159'
            : TRANSPORT.containers;
      return TRANSPORT[a];
    }
    case 'goodsItems': {
      if (!a) return ROOT.goodsItems;
      if (a === 'documents')
        return b ? `42A/67A/68A/02A/${DOCUMENT[b] ?? ''}`.replace(/\/$/, '') : '42A/67A/68A/02A';
      const leaf = ITEM[a];
      return leaf ? `42A/67A/68A/${leaf}` : ROOT.goodsItems;
    }
    case 'documents':
      return a ? `42A/02A/${DOCUMENT[a] ?? ''}`.replace(/\/$/, '') : ROOT.documents;
    default:
      return ROOT[head];
  }
}
