import fs from 'node:fs';
import { parse } from 'csv-parse/sync';

/** One element of the DMS customisation of the WCO DEC/RES schemas, as flattened from the XSDs. */
export interface DmsElement {
  /** Path of local names from the root, e.g. `Declaration/GoodsShipment/GovernmentAgencyGoodsItem/Commodity`. */
  xpath: string;
  /** WCO DM ID of the element (e.g. `23A`, `145`); empty for DMS-only elements. */
  wcoId: string;
  /** WCO pointer path of IDs, e.g. `42A/67A/68A/23A`. */
  wcoPath: string;
  /** WCO name, e.g. `Commodity`. */
  wcoName: string;
  /** WCO format, e.g. `an..35`. */
  format: string;
  /** Position among its siblings in the schema's sequence. */
  order: number;
  /** Whether the element may occur more than once. */
  repeatable: boolean;
}

interface CsvRow {
  xpath: string;
  wco_id: string;
  wco_id_path: string;
  wco_name: string;
  format: string;
  max: string;
}

const asset = (name: string) => new URL(`../../../../assets/wco/${name}`, import.meta.url);

function loadTable(file: string): Map<string, DmsElement> {
  const rows = parse<CsvRow>(fs.readFileSync(asset(file), 'utf8'), {
    columns: true,
    skip_empty_lines: true,
  });
  const table = new Map<string, DmsElement>();
  const siblings = new Map<string, number>();
  for (const r of rows) {
    if (r.xpath.includes(':')) continue;
    const parent = r.xpath.split('/').slice(0, -1).join('/');
    const order = siblings.get(parent) ?? 0;
    siblings.set(parent, order + 1);
    table.set(r.xpath, {
      xpath: r.xpath,
      wcoId: r.wco_id,
      wcoPath: r.wco_id_path,
      wcoName: r.wco_name,
      format: r.format,
      order,
      repeatable: r.max !== '1',
    });
  }
  return table;
}

let dec: Map<string, DmsElement> | undefined;
let res: Map<string, DmsElement> | undefined;
let names: Map<string, string> | undefined;

/** The DEC-DMS:2 element table (assets/wco/dec-dms2-elements.csv). */
export function decElements(): Map<string, DmsElement> {
  dec ??= loadTable('dec-dms2-elements.csv');
  return dec;
}

/** The RES-DMS:2 element table (assets/wco/res-dms2-elements.csv). */
export function resElements(): Map<string, DmsElement> {
  res ??= loadTable('res-dms2-elements.csv');
  return res;
}

/** Envelope elements of `DocumentMetaData-DMS:2`, in schema order. */
export const METADATA_ELEMENTS = [
  'WCODataModelVersionCode',
  'WCOTypeName',
  'ResponsibleCountryCode',
  'ResponsibleAgencyName',
  'AgencyAssignedCustomizationCode',
  'AgencyAssignedCustomizationVersionCode',
] as const;

/** Removes `[n]` indices from a carried path: `Declaration/GoodsShipment/GovernmentAgencyGoodsItem[1]/…` → plain path. */
export const plainPath = (path: string) => path.replace(/\[\d+\]/g, '');

/**
 * The DEC element for a plain path. `DateTimeString` (a DMS date wrapper) and attribute steps resolve to their parent.
 */
export function decElement(path: string): DmsElement | undefined {
  const p = plainPath(path)
    .replace(/\/@[A-Za-z]+$/, '')
    .replace(/\/DateTimeString$/, '');
  return decElements().get(p);
}

/** Whether a carried path names an element of the DEC-DMS:2 schema (or of its MetaData envelope). */
export function isKnownDecPath(path: string): boolean {
  const p = plainPath(path);
  if (p.startsWith('MetaData/')) return (METADATA_ELEMENTS as readonly string[]).includes(p.slice(9));
  return decElement(p) !== undefined;
}

/** Position of a child among its siblings in the schema (unknown children sort last). */
export function schemaOrder(parentPath: string, childName: string): number {
  if (parentPath === 'MetaData') {
    const i = (METADATA_ELEMENTS as readonly string[]).indexOf(childName);
    return i === -1 ? 1000 : i;
  }
  return decElements().get(`${plainPath(parentPath)}/${childName}`)?.order ?? 1000;
}

/** DMS element name for a WCO pointer path (assets/wco/pointer-paths.json, from hmrc/wco-dec). */
export function elementNameFor(wcoPath: string): string | undefined {
  if (!names) {
    const raw = JSON.parse(fs.readFileSync(asset('pointer-paths.json'), 'utf8')) as {
      pointers: Record<string, { dms_field_name: string }>[];
    };
    names = new Map(raw.pointers.flatMap((p) => Object.entries(p).map(([k, v]) => [k, v.dms_field_name])));
  }
  return names.get(wcoPath);
}
