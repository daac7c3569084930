import type { DeclarationInput } from '../../declarations/index.js';
import { writeXml, type OutElement } from '../xml/xml-tree.js';
import { schemaOrder } from './dms-elements.js';
import { DS_NS } from './dms-reader.js';
import { DEC_NS, ISO6346_NUMBER, METADATA_NS } from './import-mapper.js';

/** A node of the message being built: children are keyed by name and same-name index. */
interface Node {
  name: string;
  index: number;
  text?: string;
  attributes: Record<string, string>;
  children: Node[];
}

const newNode = (name: string, index: number): Node => ({ name, index, attributes: {}, children: [] });

/** Parses `A/B[2]/C` into steps. */
const steps = (path: string) =>
  path.split('/').map((s) => {
    const m = /^([A-Za-z]+)(?:\[(\d+)\])?$/.exec(s);
    return { name: m?.[1] ?? s, index: m?.[2] ? Number(m[2]) : 0 };
  });

class MessageBuilder {
  readonly root: Node;
  constructor(rootName: string) {
    this.root = newNode(rootName, 0);
  }

  /** The node at an indexed path below the root (created as needed); the first step names the root. */
  at(path: string): Node {
    let node = this.root;
    for (const s of steps(path).slice(1)) {
      let next = node.children.find((c) => c.name === s.name && c.index === s.index);
      if (!next) {
        next = newNode(s.name, s.index);
        node.children.push(next);
      }
      node = next;
    }
    return node;
  }

  /** Next free same-name index below a parent path. */
  nextIndex(parentPath: string, name: string): number {
    const parent = this.at(parentPath);
    const used = parent.children.filter((c) => c.name === name).map((c) => c.index);
    return used.length === 0 ? 0 : Math.max(...used) + 1;
  }

  set(path: string, value: string | number | undefined): void {
    if (value === undefined) return;
    const attr = /\/@([A-Za-z]+)$/.exec(path);
    if (attr) this.at(path.slice(0, attr.index)).attributes[attr[1] ?? ''] = String(value);
    else this.at(path).text = String(value);
  }
}

const indexed = (path: string, name: string, index: number) =>
  `${path}/${name}${index === 0 ? '' : `[${index}]`}`;

/**
 * Writes a declaration as a DEC-DMS:2 message in the `DocumentMetaData-DMS:2` envelope. Model fields are written where
 * they were read from (the declaration's `wco.bindings`), or at their DMS place when the declaration was lodged as
 * JSON; elements carried from a lodged message (`wco.elements`) are written back as they came; fields that were
 * derived are not written (their source element is carried). Children follow the schema's sequence.
 */
export function exportDeclaration(
  d: DeclarationInput,
  options: { functionCode?: string; id?: string } = {},
): string {
  const b = new MessageBuilder('Declaration');
  const wco = d.wco;
  const bound = wco?.bindings ?? {};
  const derived = new Set(wco?.derived ?? []);
  const envelope = new Map<string, string>();
  for (const e of wco?.elements ?? []) {
    if (e.path.startsWith('MetaData/')) envelope.set(e.path.slice(9), e.value);
    else b.set(e.path, e.value);
  }
  /** Path of the element a field came from, or a fresh one under a parent. */
  const place = (pointer: string, parent: string, name: string) =>
    bound[pointer] ?? indexed(parent, name, b.nextIndex(parent, name));
  /** Path of the group element whose leaf a field came from, or a fresh group under a parent. */
  const placeGroup = (pointer: string, parent: string, name: string) => {
    const leaf = bound[pointer];
    return leaf ? leaf.slice(0, leaf.lastIndexOf('/')) : indexed(parent, name, b.nextIndex(parent, name));
  };
  const put = (pointer: string, value: string | number | undefined, defaultPath: string) => {
    if (value === undefined || derived.has(pointer)) return;
    b.set(bound[pointer] ?? defaultPath, value);
  };

  b.set('Declaration/FunctionCode', options.functionCode ?? '9');
  put('/lrn', d.lrn, 'Declaration/FunctionalReferenceID');
  if (options.id) b.set('Declaration/ID', options.id);
  if (!derived.has('/type'))
    put('/type', `${d.type === 'export' ? 'EX' : 'IM'}${d.additionalType ?? 'A'}`, 'Declaration/TypeCode');
  put('/totals/itemCount', d.totals?.itemCount, 'Declaration/GoodsItemQuantity');
  put('/totals/packages', d.totals?.packages, 'Declaration/TotalPackageQuantity');
  put('/totals/grossMassKg', d.totals?.grossMassKg, 'Declaration/TotalGrossMassMeasure');
  put('/office', d.office, 'Declaration/DeclarationOfficeID');
  if (!derived.has('/invoice/amount')) {
    put('/invoice/amount', d.invoice.amount, 'Declaration/InvoiceAmount');
    b.set(`${bound['/invoice/amount'] ?? 'Declaration/InvoiceAmount'}/@currencyID`, d.invoice.currency);
  }

  const parties: [keyof DeclarationInput['parties'], string][] = [
    ['declarant', 'Declaration/Declarant'],
    ['exporter', 'Declaration/Exporter'],
    ['importer', 'Declaration/GoodsShipment/Importer'],
    ['carrier', 'Declaration/Consignment/Carrier'],
    ['seller', 'Declaration/GoodsShipment/Seller'],
    ['buyer', 'Declaration/GoodsShipment/Buyer'],
  ];
  for (const [role, path] of parties) {
    const p = d.parties[role];
    if (!p) continue;
    const base = `/parties/${role}`;
    put(`${base}/tin`, p.tin, `${path}/ID`);
    put(`${base}/name`, p.name, `${path}/Name`);
    if (p.address) {
      put(`${base}/address/line`, p.address.line, `${path}/Address/Line`);
      put(`${base}/address/city`, p.address.city, `${path}/Address/CityName`);
      put(`${base}/address/postcode`, p.address.postcode, `${path}/Address/PostcodeID`);
      put(`${base}/address/country`, p.address.country, `${path}/Address/CountryCode`);
    }
  }

  const t = d.transport;
  put('/transport/mode', t.mode, 'Declaration/BorderTransportMeans/ModeCode');
  put('/transport/meansId', t.meansId, 'Declaration/BorderTransportMeans/ID');
  put('/transport/meansName', t.meansName, 'Declaration/BorderTransportMeans/Name');
  put(
    '/transport/nationality',
    t.nationality,
    'Declaration/BorderTransportMeans/RegistrationNationalityCode',
  );
  put(
    '/transport/loadingLocation',
    t.loadingLocation,
    'Declaration/GoodsShipment/Consignment/LoadingLocation/ID',
  );
  const consignment = 'Declaration/GoodsShipment/Consignment';
  // A declaration that does not say whether it is containerised but lists a container not marked in ISO 6346 says
  // so here (DE 7/2 = 1): read back, the equipment of a consignment not declared containerised would not be taken for
  // its containers.
  const containerised =
    t.containerised ?? (t.containers.some((c) => !ISO6346_NUMBER.test(c.number)) ? true : undefined);
  put(
    '/transport/containerised',
    containerised === undefined ? undefined : containerised ? '1' : '0',
    `${consignment}/ContainerCode`,
  );
  t.containers.forEach((c, i) => {
    const pointer = `/transport/containers/${i}`;
    const fresh = bound[pointer] === undefined;
    const path = place(pointer, consignment, 'TransportEquipment');
    if (fresh) b.set(`${path}/SequenceNumeric`, i + 1);
    b.set(bound[`${pointer}/number`] ?? `${path}/ID`, c.number);
    (c.seals ?? []).forEach((seal, k) => {
      const sp = `${pointer}/seals/${k}`;
      const freshSeal = bound[sp] === undefined;
      const sealPath = place(sp, path, 'Seal');
      if (freshSeal) b.set(`${sealPath}/SequenceNumeric`, k + 1);
      b.set(`${sealPath}/ID`, seal);
    });
  });

  put('/exportCountry', d.exportCountry, 'Declaration/GoodsShipment/ExportCountry/ID');
  put('/destinationCountry', d.destinationCountry, 'Declaration/GoodsShipment/Destination/CountryCode');
  put('/incoterm', d.incoterm, 'Declaration/GoodsShipment/TradeTerms/ConditionCode');

  writeDocuments(b, d.documents, '/documents', 'Declaration', bound, place);
  const shipment = 'Declaration/GoodsShipment';
  d.goodsItems.forEach((g, i) => {
    const p = `/goodsItems/${i}`;
    const item = place(p, shipment, 'GovernmentAgencyGoodsItem');
    const at = (pointer: string, rel: string) => bound[pointer] ?? `${item}/${rel}`;
    const putItem = (field: string, value: string | number | undefined, rel: string) => {
      if (value === undefined || derived.has(`${p}/${field}`)) return;
      b.set(at(`${p}/${field}`, rel), value);
    };
    putItem('sequence', g.sequence ?? i + 1, 'SequenceNumeric');
    putItem('description', g.description, 'Commodity/Description');
    if (g.hsCode !== undefined && !derived.has(`${p}/hsCode`)) {
      // A 10-digit code is written as CN (TSP) + TARIC (TRC), unless the message it came from held it whole in TSP.
      const split =
        g.hsCode.length === 10 &&
        (bound[`${p}/hsCode~taric`] !== undefined || bound[`${p}/hsCode`] === undefined);
      const cn = split ? g.hsCode.slice(0, 8) : g.hsCode;
      const tsp = placeGroup(`${p}/hsCode`, `${item}/Commodity`, 'Classification');
      b.set(`${tsp}/ID`, cn);
      b.set(`${tsp}/IdentificationTypeCode`, 'TSP');
      if (split) {
        const trc = placeGroup(`${p}/hsCode~taric`, `${item}/Commodity`, 'Classification');
        b.set(`${trc}/ID`, g.hsCode.slice(8));
        b.set(`${trc}/IdentificationTypeCode`, 'TRC');
      }
    }
    if (g.originCountry !== undefined && !derived.has(`${p}/originCountry`)) {
      const origin = placeGroup(`${p}/originCountry`, item, 'Origin');
      b.set(`${origin}/CountryCode`, g.originCountry);
      b.set(`${origin}/TypeCode`, '1');
    }
    putItem('netMassKg', g.netMassKg, 'Commodity/GoodsMeasure/NetNetWeightMeasure');
    putItem('grossMassKg', g.grossMassKg, 'Commodity/GoodsMeasure/GrossMassMeasure');
    if (g.quantity !== undefined) {
      putItem('quantity', g.quantity, 'Commodity/GoodsMeasure/TariffQuantity');
      if (g.quantityUnit)
        b.set(`${at(`${p}/quantity`, 'Commodity/GoodsMeasure/TariffQuantity')}/@unitCode`, g.quantityUnit);
    }
    if (g.customsValue !== undefined && !derived.has(`${p}/customsValue`)) {
      const valuePath = at(`${p}/customsValue`, 'Commodity/InvoiceLine/ItemChargeAmount');
      b.set(valuePath, g.customsValue);
      if (g.currency !== undefined) b.set(`${valuePath}/@currencyID`, g.currency);
    }
    if (!derived.has(`${p}/procedureCode`)) {
      const gp = placeGroup(`${p}/procedureCode`, item, 'GovernmentProcedure');
      b.set(`${gp}/CurrentCode`, g.procedureCode.slice(0, 2));
      b.set(`${gp}/PreviousCode`, g.procedureCode.slice(2));
    }
    if (g.packages !== undefined && !derived.has(`${p}/packages`)) {
      const fresh = bound[`${p}/packages`] === undefined;
      b.set(at(`${p}/packages`, 'Packaging/QuantityQuantity'), g.packages);
      if (fresh) b.set(`${item}/Packaging/SequenceNumeric`, 1);
    }
    writeDocuments(b, g.documents, `${p}/documents`, item, bound, place);
  });

  const declaration = toOut(b.root, 'Declaration');
  declaration.xmlns = { '': DEC_NS, ds: DS_NS };
  const meta: OutElement[] = [];
  const defaults: Record<string, string> = { WCODataModelVersionCode: '3.6', WCOTypeName: 'DEC' };
  for (const name of [
    'WCODataModelVersionCode',
    'WCOTypeName',
    'ResponsibleCountryCode',
    'ResponsibleAgencyName',
    'AgencyAssignedCustomizationCode',
    'AgencyAssignedCustomizationVersionCode',
  ]) {
    const v = envelope.get(name) ?? defaults[name];
    if (v !== undefined) meta.push({ name, prefix: 'md', text: v });
  }
  return writeXml({
    name: 'MetaData',
    prefix: 'md',
    xmlns: { md: METADATA_NS },
    children: [...meta, declaration],
  });
}

function writeDocuments(
  b: MessageBuilder,
  docs: DeclarationInput['documents'],
  base: string,
  parent: string,
  bound: Record<string, string>,
  place: (pointer: string, parent: string, name: string) => string,
) {
  docs.forEach((doc, k) => {
    const pointer = `${base}/${k}`;
    const path = place(pointer, parent, 'AdditionalDocument');
    const code = doc.typeCode ?? DEFAULT_CODES[doc.kind];
    b.set(`${path}/CategoryCode`, code.slice(0, 1));
    b.set(`${path}/TypeCode`, code.slice(1));
    b.set(bound[`${pointer}/reference`] ?? `${path}/ID`, doc.reference);
    if (doc.issuedOn) {
      const dt = bound[`${pointer}/issuedOn`] ?? `${path}/EffectiveDateTime/DateTimeString`;
      b.set(dt, doc.issuedOn.replaceAll('-', ''));
      b.set(`${dt}/@formatCode`, '102');
    }
  });
}

/** DMS document codes for documents lodged as JSON without a code. */
const DEFAULT_CODES: Record<DeclarationInput['documents'][number]['kind'], string> = {
  invoice: 'N935',
  certificate_of_origin: 'N954',
  permit: 'C999',
  licence: '9999',
  packing_list: 'N271',
  bill_of_lading: 'N705',
  air_waybill: 'N740',
  phytosanitary_certificate: 'N851',
  other: 'Y999',
};

function toOut(n: Node, path: string): OutElement {
  const children = [...n.children].sort(
    (a, c) => schemaOrder(path, a.name) - schemaOrder(path, c.name) || a.index - c.index,
  );
  const out: OutElement = n.name === 'DateTimeString' ? { name: n.name, prefix: 'ds' } : { name: n.name };
  if (Object.keys(n.attributes).length > 0) out.attributes = n.attributes;
  if (children.length > 0) out.children = children.map((c) => toOut(c, `${path}/${c.name}`));
  else if (n.text !== undefined) out.text = n.text;
  return out;
}
