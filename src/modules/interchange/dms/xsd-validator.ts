import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { XmlDocument, XmlLibError, XsdValidator, type ErrorDetail } from 'libxml2-wasm';
import { xmlRegisterFsInputProviders } from 'libxml2-wasm/lib/nodejs.mjs';
import type { XmlElement } from '../xml/xml-tree.js';
import { decElement, elementNameFor } from './dms-elements.js';

/** One schema violation, located in the document and in the WCO Data Model. */
export interface SchemaViolation {
  message: string;
  line: number;
  column: number;
  /** Path of local names with 1-based indices, e.g. `Declaration/GoodsShipment/GovernmentAgencyGoodsItem[2]/Commodity`. */
  xpath: string;
  /** WCO pointer path of the element, e.g. `42A/67A/68A/23A`, when the element is part of the DMS schema. */
  wcoPath?: string;
  /** The DMS element name for the WCO pointer path (hmrc/wco-dec pointer table), or the local name. */
  elementName?: string;
}

export type SchemaKind = 'declaration' | 'response';

const SCHEMA_FILES: Record<SchemaKind, string> = {
  declaration: 'aduana-declaration.xsd',
  response: 'aduana-response.xsd',
};

let providersRegistered = false;
const validators = new Map<SchemaKind, XsdValidator>();

/** The compiled schema (compiled once per process: about half a second for the DEC schema). */
function validatorFor(kind: SchemaKind): XsdValidator {
  let v = validators.get(kind);
  if (v) return v;
  if (!providersRegistered) {
    xmlRegisterFsInputProviders();
    providersRegistered = true;
  }
  const file = fileURLToPath(
    new URL(`../../../../assets/wco/schemas/${SCHEMA_FILES[kind]}`, import.meta.url),
  );
  const schemaDoc = XmlDocument.fromBuffer(fs.readFileSync(file), { url: file });
  v = XsdValidator.fromDoc(schemaDoc);
  validators.set(kind, v);
  return v;
}

/**
 * Validates a document (already checked by the safe parser: no DOCTYPE, bounded) against the DMS XSDs with libxml2
 * compiled to WebAssembly. Returns every violation libxml2 reports, located by line, path and WCO pointer path.
 */
export function validateAgainstSchema(
  xml: string,
  tree?: XmlElement,
  kind: SchemaKind = 'declaration',
): SchemaViolation[] {
  const validator = validatorFor(kind);
  const located = (err: unknown) => detailsOf(err).map((d) => toViolation(d, tree));
  let doc: XmlDocument;
  try {
    doc = XmlDocument.fromString(xml);
  } catch (err) {
    return located(err);
  }
  try {
    validator.validate(doc);
    return [];
  } catch (err) {
    return located(err);
  } finally {
    doc.dispose();
  }
}

/** Compiles the schemas now rather than on the first document (servers warm up at start). */
export function warmUpSchemas(kinds: SchemaKind[] = ['declaration']): void {
  for (const k of kinds) validatorFor(k);
}

function detailsOf(err: unknown): ErrorDetail[] {
  if (err instanceof XmlLibError && err.details.length > 0) return err.details;
  return [{ message: err instanceof Error ? err.message : String(err), line: 0, col: 0 } as ErrorDetail];
}

/**
 * libxml2 names elements of a default namespace `*[n]` (n-th child element); the parsed tree turns such a path back
 * into local names with 1-based same-name indices.
 */
function resolveSteps(xpath: string, tree: XmlElement | undefined): string[] {
  const raw = xpath.split('/').filter(Boolean);
  if (!tree) return raw.map((s) => s.replace(/^[^:[]*:/, ''));
  const steps: string[] = [tree.name];
  let node: XmlElement | undefined = tree;
  for (const step of raw.slice(1)) {
    const m = /^(?:([^:[]*):)?([^[]+)(?:\[(\d+)\])?$/.exec(step);
    if (!node || !m) break;
    const [, , local = '', nth] = m;
    const index = nth ? Number(nth) : 1;
    const parent: XmlElement = node;
    node =
      local === '*' ? parent.children[index - 1] : parent.children.filter((c) => c.name === local)[index - 1];
    if (!node) break;
    const same = parent.children.filter((c) => c.name === node?.name);
    steps.push(same.length > 1 ? `${node.name}[${same.indexOf(node) + 1}]` : node.name);
  }
  return steps;
}

function toViolation(d: ErrorDetail, tree: XmlElement | undefined): SchemaViolation {
  const xpath = (d as ErrorDetail & { xpath?: string }).xpath ?? '';
  const steps = resolveSteps(xpath, tree);
  const from = steps.indexOf('Declaration');
  const path = from === -1 ? steps.join('/') : steps.slice(from).join('/');
  const v: SchemaViolation = {
    message: d.message.trim(),
    line: d.line ?? 0,
    column: d.col ?? 0,
    xpath: path,
  };
  let el = from === -1 ? undefined : decElement(path);
  for (let up = path; !el && up.includes('/'); up = up.slice(0, up.lastIndexOf('/'))) el = decElement(up);
  if (el) {
    v.wcoPath = el.wcoPath;
    v.elementName = elementNameFor(el.wcoPath) ?? steps[steps.length - 1]?.replace(/\[\d+\]$/, '');
  } else if (steps.length > 0) v.elementName = steps[steps.length - 1]?.replace(/\[\d+\]$/, '');
  return v;
}
