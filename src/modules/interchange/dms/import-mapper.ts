import { centralOffice } from '../../declarations/index.js';
import { child, childrenNamed, type XmlElement } from '../xml/xml-tree.js';
import { METADATA_ELEMENTS } from './dms-elements.js';
import { DmsReader, type CarriedElement, type DroppedElement, type SourceRef } from './dms-reader.js';
import { documentKindFor } from './document-codes.js';

export const DEC_NS = 'urn:wco:datamodel:WCO:DEC-DMS:2';
export const METADATA_NS = 'urn:wco:datamodel:WCO:DocumentMetaData-DMS:2';

/** What a DEC-DMS:2 message asks for: FunctionCode 9 original; 13 with TypeCode COR amendment, INV invalidation. */
/** What a DEC message does: lodge, amend (COR), invalidate (INV) or present the goods (GPR: they have arrived). */
export type MessageKind = 'original' | 'amendment' | 'invalidation' | 'presentation';

/** A DEC-DMS:2 message read onto Aduana's model, with everything needed to act on it and to explain it. */
export interface MappedMessage {
  kind: MessageKind;
  functionCode: string;
  typeCode: string;
  /** The declaration as Aduana's model (not yet checked by the model's schema), for originals and amendments. */
  input: Record<string, unknown>;
  /** For amendments and invalidations: the declaration they act on (MRN-like ID and/or LRN). */
  reference: { id?: string; lrn?: string };
  /** Reason for an amendment or invalidation (statement text or change reason code). */
  reason?: string;
  /** Model fields (JSON pointers) → where they came from in the message. */
  sources: Record<string, SourceRef>;
  carried: CarriedElement[];
  dropped: DroppedElement[];
  /** The Declaration element and, when present, its envelope. */
  declaration: XmlElement;
  envelope?: XmlElement;
  /** Typed model fields read from the message (count of bindings). */
  mappedFields: number;
}

const TYPES: Record<string, 'import' | 'export'> = { IM: 'import', EX: 'export' };
/** An ISO 6346 container number: owner code, category U/J/Z, serial and check digit. */
export const ISO6346_NUMBER = /^[A-Z]{3}[UJZ]\d{7}$/;
const UNLOCODE = /^[A-Z]{2}[A-Z2-9]{3}$/;
/** Additional procedure codes (DE 1/11) by which customs value an item from a tariff measure's unit prices. */
const SPV_PROCEDURE_CODES: readonly string[] = ['E01', 'E02', '1SV'];

/** Finds the Declaration in a document: the root, or the child of a `DocumentMetaData-DMS:2` envelope. */
export function findDeclaration(root: XmlElement): { declaration?: XmlElement; envelope?: XmlElement } {
  if (root.ns === DEC_NS && root.name === 'Declaration') return { declaration: root };
  if (root.ns === METADATA_NS && root.name === 'MetaData') {
    const declaration = root.children.find((c) => c.ns === DEC_NS && c.name === 'Declaration');
    return declaration ? { declaration, envelope: root } : { envelope: root };
  }
  return {};
}

const num = (s: string | undefined): number | string | undefined => {
  if (s === undefined) return undefined;
  const n = Number(s);
  return s !== '' && Number.isFinite(n) ? n : s;
};

/**
 * Maps a DEC-DMS:2 Declaration onto Aduana's `DeclarationInput`. Every leaf the model holds is bound to its element
 * (so that export writes it back where it was and errors point at it); everything else that belongs to the DMS
 * schema is carried in `wco.elements`; what does not is dropped and listed.
 */
export function mapDeclaration(declaration: XmlElement, envelope?: XmlElement): MappedMessage {
  const r = new DmsReader(declaration, 'Declaration');
  const functionCode = r.take(child(declaration, 'FunctionCode')) ?? '';
  const typeCode = r.take(child(declaration, 'TypeCode')) ?? '';
  const kind: MessageKind =
    functionCode === '13'
      ? typeCode === 'INV'
        ? 'invalidation'
        : typeCode === 'GPR'
          ? 'presentation'
          : 'amendment'
      : 'original';
  const typeEl = child(declaration, 'TypeCode');
  if (typeEl) r.bind('/type', typeEl);

  const input: Record<string, unknown> = {};
  const lrnEl = child(declaration, 'FunctionalReferenceID');
  const lrn = r.take(lrnEl, '/lrn');
  if (lrn !== undefined) input.lrn = lrn;
  const type = TYPES[typeCode.slice(0, 2)];
  if (type) {
    input.type = type;
    if (typeCode.length === 3) input.additionalType = typeCode.slice(2);
  } else if (kind === 'original') {
    // CO (special fiscal territories) and others: the TypeCode stays carried; the direction is read from the parties.
    const code = child(declaration, 'TypeCode');
    r.release(code);
    r.derive('/type', code);
    input.type = child(child(declaration, 'GoodsShipment'), 'Importer') ? 'import' : 'export';
    // The additional type still selects the data set (a COJ is a clearance request like an IMJ).
    if (/^[A-Z]{2}[A-Z]$/.test(typeCode)) {
      input.additionalType = typeCode.slice(2);
      r.derive('/additionalType', code);
    }
  }

  mapOffice(r, declaration, input, typeCode);
  mapParties(r, declaration, input);
  mapTransport(r, declaration, input);
  const shipment = child(declaration, 'GoodsShipment');
  const exportCountry = r.take(child(child(shipment, 'ExportCountry'), 'ID'), '/exportCountry');
  if (exportCountry !== undefined) input.exportCountry = exportCountry;
  const destination = r.take(child(child(shipment, 'Destination'), 'CountryCode'), '/destinationCountry');
  if (destination !== undefined) input.destinationCountry = destination;
  const incoterm = r.take(child(child(shipment, 'TradeTerms'), 'ConditionCode'), '/incoterm');
  if (incoterm !== undefined) input.incoterm = incoterm;

  input.documents = mapDocuments(r, declaration, '/documents');
  input.goodsItems = childrenNamed(shipment, 'GovernmentAgencyGoodsItem').map((item, i) =>
    mapItem(r, item, `/goodsItems/${i}`),
  );
  if (input.type === 'export') deriveExportOrigin(r, shipment, input);
  if (input.type === 'import') deriveImportDataSet(r, declaration, input);
  mapInvoice(r, declaration, input);
  mapTotals(r, declaration, input);

  const reference: MappedMessage['reference'] = {};
  const reason = kind === 'original' ? undefined : readReason(r, declaration);
  if (kind !== 'original') {
    const id = r.take(child(declaration, 'ID'));
    if (id) reference.id = id;
    if (lrn) reference.lrn = lrn;
  }

  const { carried, dropped } = r.leftovers(DEC_NS);
  if (envelope) carried.unshift(...envelopeLeaves(envelope));
  const wco: Record<string, unknown> = { elements: carried, bindings: r.bindings };
  if (r.derived.length > 0) wco.derived = r.derived;
  input.wco = wco;
  const result: MappedMessage = {
    kind,
    functionCode,
    typeCode,
    input,
    reference,
    sources: r.sources,
    carried,
    dropped,
    declaration,
    mappedFields: Object.keys(r.bindings).length,
  };
  if (reason) result.reason = reason;
  if (envelope) result.envelope = envelope;
  return result;
}

function envelopeLeaves(envelope: XmlElement): CarriedElement[] {
  return envelope.children
    .filter((c) => c.ns === METADATA_NS && (METADATA_ELEMENTS as readonly string[]).includes(c.name))
    .map((c) => ({ path: `MetaData/${c.name}`, value: c.text.trim() }));
}

function mapOffice(r: DmsReader, d: XmlElement, input: Record<string, unknown>, typeCode: string) {
  const declared = child(d, 'DeclarationOfficeID');
  if (declared) {
    input.office = r.take(declared, '/office');
    return;
  }
  // DMS names no "office of lodgement": exports are handled by their office of exit; imports by the supervising
  // office or, failing that, the office where the goods are presented (goods location code). The source element
  // stays carried; the model's office is derived from it.
  const isExport = typeCode.startsWith('EX');
  const goodsLocation = child(child(child(d, 'GoodsShipment'), 'Consignment'), 'GoodsLocation');
  if (isFinalSupplementary(typeCode) && !child(d, 'SupervisingOffice') && !child(d, 'ExitOffice')) {
    // A final supplementary declaration accounts for a period under a centralised clearance authorisation: its goods
    // location names the authorisation, not a place, and the central office of that country receives it.
    const country = child(child(goodsLocation, 'Address'), 'CountryCode');
    const central = country ? centralOffice(country.text.trim()) : undefined;
    if (central) {
      input.office = central.code;
      r.derive('/office', country);
    }
    return;
  }
  const source = isExport
    ? child(child(d, 'ExitOffice'), 'ID')
    : (child(child(d, 'SupervisingOffice'), 'ID') ?? child(goodsLocation, 'Name'));
  if (source) {
    input.office = source.text.trim();
    r.derive('/office', source);
  }
}

/** A final supplementary declaration (DE 1/2 additional type Q): a trader's account of a period's clearances. */
export const isFinalSupplementary = (typeCode: string) => /^[A-Z]{2}Q$/.test(typeCode);

/** A party with an identification number (a model party needs a TIN/EORI); otherwise the party stays carried. */
function mapParty(
  r: DmsReader,
  e: XmlElement | undefined,
  pointer: string,
): Record<string, unknown> | undefined {
  const idEl = child(e, 'ID');
  if (!e || !idEl) return undefined;
  const party: Record<string, unknown> = { tin: r.take(idEl, `${pointer}/tin`) };
  const nameEl = child(e, 'Name');
  if (nameEl) party.name = r.take(nameEl, `${pointer}/name`);
  else {
    party.name = party.tin;
    r.derive(`${pointer}/name`, idEl);
  }
  const address = child(e, 'Address');
  const country = child(address, 'CountryCode');
  if (address && country) {
    const a: Record<string, unknown> = { country: r.take(country, `${pointer}/address/country`) };
    const fields = [
      ['Line', 'line'],
      ['CityName', 'city'],
      ['PostcodeID', 'postcode'],
    ] as const;
    for (const [tag, key] of fields) {
      const v = r.take(child(address, tag), `${pointer}/address/${key}`);
      if (v !== undefined) a[key] = v;
    }
    party.address = a;
  }
  return party;
}

function mapParties(r: DmsReader, d: XmlElement, input: Record<string, unknown>) {
  const shipment = child(d, 'GoodsShipment');
  const parties: Record<string, unknown> = {};
  const roles: [string, XmlElement | undefined][] = [
    ['declarant', child(d, 'Declarant')],
    ['exporter', child(d, 'Exporter')],
    ['importer', child(shipment, 'Importer')],
    ['carrier', child(child(d, 'Consignment'), 'Carrier')],
    ['seller', child(shipment, 'Seller')],
    ['buyer', child(shipment, 'Buyer')],
  ];
  for (const [role, el] of roles) {
    const p = mapParty(r, el, `/parties/${role}`);
    if (p) parties[role] = p;
  }
  input.parties = parties;
}

function mapTransport(r: DmsReader, d: XmlElement, input: Record<string, unknown>) {
  const border = child(d, 'BorderTransportMeans');
  const consignment = child(child(d, 'GoodsShipment'), 'Consignment');
  const t: Record<string, unknown> = {};
  const mode = r.take(child(border, 'ModeCode'), '/transport/mode');
  if (mode !== undefined) t.mode = mode;
  else {
    // No mode at the border (e.g. supplementary declarations): the inland mode stands in, and stays carried.
    const inland =
      child(child(consignment, 'ArrivalTransportMeans'), 'ModeCode') ??
      child(child(consignment, 'DepartureTransportMeans'), 'ModeCode');
    if (inland) {
      t.mode = inland.text.trim();
      r.derive('/transport/mode', inland);
    }
  }
  const meansId = r.take(child(border, 'ID'), '/transport/meansId');
  if (meansId !== undefined) t.meansId = meansId;
  const meansName = r.take(child(border, 'Name'), '/transport/meansName');
  if (meansName !== undefined) t.meansName = meansName;
  const nationality = r.take(child(border, 'RegistrationNationalityCode'), '/transport/nationality');
  if (nationality !== undefined) t.nationality = nationality;

  // Containers: every piece of equipment of a consignment declared containerised (DE 7/2 = 1) that is marked in
  // capitals is one of its containers, whatever the scheme of its number (DE 7/10 is an..17: ISO 6346, an ILU code,
  // or a number the business rules then flag); otherwise only ISO 6346 numbers are. Other equipment (trailers, swap
  // bodies, mixed-case references that are no container marking) stays carried as DMS transport equipment.
  const containerCode = child(consignment, 'ContainerCode');
  const declaredContainerised = containerCode?.text.trim() === '1';
  const containers: Record<string, unknown>[] = [];
  for (const eq of childrenNamed(consignment, 'TransportEquipment')) {
    const idEl = child(eq, 'ID');
    const id = idEl?.text.trim() ?? '';
    const marked = id.length > 0 && id === id.toUpperCase();
    if (!(ISO6346_NUMBER.test(id) || (declaredContainerised && marked))) continue;
    const pointer = `/transport/containers/${containers.length}`;
    r.bind(pointer, eq);
    const c: Record<string, unknown> = { number: r.take(idEl, `${pointer}/number`) };
    const seals = childrenNamed(eq, 'Seal').filter((s) => child(s, 'ID'));
    if (seals.length > 0)
      c.seals = seals.map((s, k) => {
        r.bind(`${pointer}/seals/${k}`, s);
        return r.take(child(s, 'ID'));
      });
    containers.push(c);
  }
  t.containers = containers;
  if (containerCode && /^[01]$/.test(containerCode.text.trim()))
    t.containerised = r.take(containerCode, '/transport/containerised') === '1';
  const loadingEl = child(child(consignment, 'LoadingLocation'), 'ID');
  if (loadingEl && UNLOCODE.test(loadingEl.text.trim()))
    t.loadingLocation = r.take(loadingEl, '/transport/loadingLocation');
  input.transport = t;
}

function mapDocuments(r: DmsReader, parent: XmlElement, base: string): Record<string, unknown>[] {
  const docs: Record<string, unknown>[] = [];
  for (const el of childrenNamed(parent, 'AdditionalDocument')) {
    const idEl = child(el, 'ID');
    const cat = child(el, 'CategoryCode');
    const typ = child(el, 'TypeCode');
    if (!idEl || !cat || !typ || idEl.text.trim() === '') continue;
    const pointer = `${base}/${docs.length}`;
    r.bind(pointer, el);
    const code = `${r.take(cat)}${r.take(typ)}`;
    const doc: Record<string, unknown> = {
      kind: documentKindFor(code),
      typeCode: code,
      reference: r.take(idEl, `${pointer}/reference`),
    };
    const date = child(child(el, 'EffectiveDateTime'), 'DateTimeString');
    if (date && date.attributes.formatCode === '102' && /^\d{8}$/.test(date.text.trim())) {
      const t = r.take(date, `${pointer}/issuedOn`) ?? '';
      r.takeAttr(date, 'formatCode');
      doc.issuedOn = `${t.slice(0, 4)}-${t.slice(4, 6)}-${t.slice(6, 8)}`;
    }
    docs.push(doc);
  }
  return docs;
}

function mapItem(r: DmsReader, item: XmlElement, p: string): Record<string, unknown> {
  r.bind(p, item);
  const g: Record<string, unknown> = {};
  const seq = num(r.take(child(item, 'SequenceNumeric'), `${p}/sequence`));
  if (seq !== undefined) g.sequence = seq;
  const commodity = child(item, 'Commodity');
  const description = r.take(child(commodity, 'Description'), `${p}/description`);
  if (description !== undefined) g.description = description;

  // Commodity code: the CDS 8-digit commodity code (TSP) followed by the 2-digit TARIC code (TRC) when given.
  const classes = childrenNamed(commodity, 'Classification');
  const byType = (t: string) => classes.find((c) => child(c, 'IdentificationTypeCode')?.text.trim() === t);
  const tsp = byType('TSP');
  const trc = byType('TRC');
  if (tsp && child(tsp, 'ID')) {
    r.take(child(tsp, 'IdentificationTypeCode'));
    let hs = r.take(child(tsp, 'ID'), `${p}/hsCode`) ?? '';
    if (
      trc &&
      child(trc, 'ID') &&
      /^\d{8}$/.test(hs) &&
      /^\d{2}$/.test(child(trc, 'ID')?.text.trim() ?? '')
    ) {
      r.take(child(trc, 'IdentificationTypeCode'));
      hs += r.take(child(trc, 'ID'), `${p}/hsCode~taric`) ?? '';
    }
    g.hsCode = hs;
  }

  const origins = childrenNamed(item, 'Origin');
  const nonPreferential = origins.find(
    (o) => child(o, 'TypeCode')?.text.trim() === '1' && child(o, 'CountryCode'),
  );
  if (nonPreferential) {
    r.take(child(nonPreferential, 'TypeCode'));
    g.originCountry = r.take(child(nonPreferential, 'CountryCode'), `${p}/originCountry`);
  } else {
    const any = origins.map((o) => child(o, 'CountryCode')).find(Boolean);
    if (any) {
      g.originCountry = any.text.trim();
      r.derive(`${p}/originCountry`, any);
    }
  }

  const measure = child(commodity, 'GoodsMeasure');
  const net = num(r.take(child(measure, 'NetNetWeightMeasure'), `${p}/netMassKg`));
  if (net !== undefined) g.netMassKg = net;
  const gross = num(r.take(child(measure, 'GrossMassMeasure'), `${p}/grossMassKg`));
  if (gross !== undefined) g.grossMassKg = gross;
  const tariffQty = child(measure, 'TariffQuantity');
  const qty = num(r.take(tariffQty, `${p}/quantity`));
  if (qty !== undefined) {
    g.quantity = qty;
    const unit = r.takeAttr(tariffQty, 'unitCode');
    if (unit !== undefined) g.quantityUnit = unit;
  }

  // Value: the item's customs value when declared, else the item price, else the statistical value.
  const valueEl =
    child(item, 'CustomsValueAmount') ??
    child(child(commodity, 'InvoiceLine'), 'ItemChargeAmount') ??
    child(item, 'StatisticalValueAmount');
  if (valueEl) {
    g.customsValue = num(r.take(valueEl, `${p}/customsValue`));
    const currency = r.takeAttr(valueEl, 'currencyID');
    if (currency !== undefined) g.currency = currency;
    if (valueEl.name === 'StatisticalValueAmount') {
      g.valuation = 'statistical';
      r.derive(`${p}/valuation`, valueEl);
    }
  }

  // Simplified procedure value: customs value the goods from the unit prices of a tariff measure, the item states no
  // price. UK additional procedure codes E01/E02 take the EU tariff's measure, 1SV the UK tariff's (HMRC scenarios
  // TT_IM103a, 159a, 160a; 161a). The code stays carried.
  const spv = childrenNamed(item, 'GovernmentProcedure')
    .map((gp) => child(gp, 'CurrentCode'))
    .find((c) => SPV_PROCEDURE_CODES.includes(c?.text.trim() ?? ''));
  if (spv && !valueEl) {
    g.valuation = 'spv';
    r.derive(`${p}/valuation`, spv);
  }

  const procedure = childrenNamed(item, 'GovernmentProcedure').find(
    (gp) => (child(gp, 'CurrentCode')?.text.trim().length ?? 0) === 2 && child(gp, 'PreviousCode'),
  );
  if (procedure) {
    g.procedureCode = `${r.take(child(procedure, 'CurrentCode'), `${p}/procedureCode`)}${r.take(child(procedure, 'PreviousCode'))}`;
  }

  const packaging = childrenNamed(item, 'Packaging');
  if (packaging.length === 1) {
    const packages = num(r.take(child(packaging[0], 'QuantityQuantity'), `${p}/packages`));
    if (packages !== undefined) g.packages = packages;
  }
  g.documents = mapDocuments(r, item, `${p}/documents`);
  return g;
}

/**
 * Export declarations need not state the origin of domestic goods (DE 5/15); Aduana's model needs one, so an export
 * item without an origin takes the country of export (DE 5/14). The item stays marked as derived.
 */
function deriveExportOrigin(r: DmsReader, shipment: XmlElement | undefined, input: Record<string, unknown>) {
  const from = child(child(shipment, 'ExportCountry'), 'ID');
  if (!from) return;
  (input.goodsItems as Record<string, unknown>[]).forEach((g, i) => {
    if (g.originCountry !== undefined) return;
    g.originCountry = from.text.trim();
    r.derive(`/goodsItems/${i}/originCountry`, from);
  });
}

/** Import declaration categories read from the requested procedure (DE 1/10, first two digits). */
const CATEGORY_OF_PROCEDURE: Readonly<Record<string, 'H2' | 'H3' | 'H4'>> = {
  '71': 'H2',
  '53': 'H3',
  '51': 'H4',
};

/**
 * The declaration category of an import (UK CDS data sets), which decides the item elements the rules require:
 * H7 (super-reduced data set for low-value consignments into Northern Ireland) where an item declares additional
 * procedure code 1H7; H8 (UK internal market movement into Northern Ireland) where the UKIMS authorisation (DE 3/39
 * UKIM) is declared for goods dispatched from Great Britain (DE 5/14 GB or not declared); H2, H3, H4 from the
 * requested procedure of the first item (customs warehousing 71, temporary admission 53, inward processing 51);
 * otherwise H1. The elements it is read from stay carried; the model's field is derived.
 */
function deriveImportDataSet(r: DmsReader, d: XmlElement, input: Record<string, unknown>) {
  const shipment = child(d, 'GoodsShipment');
  const items = childrenNamed(shipment, 'GovernmentAgencyGoodsItem');
  const h7 = items
    .flatMap((item) => childrenNamed(item, 'GovernmentProcedure'))
    .map((gp) => child(gp, 'CurrentCode'))
    .find((c) => c?.text.trim() === '1H7');
  if (h7) {
    input.dataSet = 'H7';
    r.derive('/dataSet', h7);
    return;
  }
  const ukims = childrenNamed(d, 'AuthorisationHolder')
    .map((a) => child(a, 'CategoryCode'))
    .find((c) => c?.text.trim() === 'UKIM');
  const dispatch = child(child(shipment, 'ExportCountry'), 'ID')?.text.trim();
  if (ukims && (dispatch === undefined || dispatch === 'GB')) {
    input.dataSet = 'H8';
    r.derive('/dataSet', ukims);
    return;
  }
  const requested = childrenNamed(items[0], 'GovernmentProcedure')
    .map((gp) => child(gp, 'CurrentCode'))
    .find((c) => (c?.text.trim().length ?? 0) === 2);
  const category = CATEGORY_OF_PROCEDURE[requested?.text.trim() ?? ''] ?? 'H1';
  input.dataSet = category;
  r.derive('/dataSet', requested);
}

function mapInvoice(r: DmsReader, d: XmlElement, input: Record<string, unknown>) {
  const amountEl = child(d, 'InvoiceAmount');
  if (amountEl) {
    const invoice: Record<string, unknown> = { amount: num(r.take(amountEl, '/invoice/amount')) };
    const currency = r.takeAttr(amountEl, 'currencyID');
    if (currency !== undefined) invoice.currency = currency;
    input.invoice = invoice;
    return;
  }
  // No invoice total (DE 4/11 is optional in DMS): the model's total is the sum of the items in their currency.
  const items = input.goodsItems as Record<string, unknown>[];
  const currency = items.map((g) => g.currency).find((c): c is string => typeof c === 'string') ?? 'GBP';
  const minor = items
    .filter((g) => g.currency === currency && typeof g.customsValue === 'number')
    .reduce((s, g) => s + Math.round((g.customsValue as number) * 100), 0);
  input.invoice = { amount: minor / 100, currency };
  r.derive('/invoice/amount');
  r.derive('/invoice/currency');
}

function mapTotals(r: DmsReader, d: XmlElement, input: Record<string, unknown>) {
  const totals: Record<string, unknown> = {};
  const itemCount = num(r.take(child(d, 'GoodsItemQuantity'), '/totals/itemCount'));
  if (itemCount !== undefined) totals.itemCount = itemCount;
  const packages = num(r.take(child(d, 'TotalPackageQuantity'), '/totals/packages'));
  if (packages !== undefined) totals.packages = packages;
  const gross = num(r.take(child(d, 'TotalGrossMassMeasure'), '/totals/grossMassKg'));
  if (gross !== undefined) totals.grossMassKg = gross;
  if (Object.keys(totals).length > 0) input.totals = totals;
}

/** An amendment's or invalidation's reason: the statement text, else the change reason code. */
function readReason(r: DmsReader, d: XmlElement): string {
  const statement = childrenNamed(d, 'AdditionalInformation')
    .map((a) => child(a, 'StatementDescription')?.text.trim())
    .find((s) => s && s.length >= 3);
  const code = child(child(d, 'Amendment'), 'ChangeReasonCode')?.text.trim();
  return statement ?? (code ? `DMS change reason ${code}` : 'DMS message without a stated reason');
}
