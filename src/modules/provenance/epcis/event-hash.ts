import { createHash } from 'node:crypto';
import { toCanonicalDigitalLink } from './digital-link.js';

/**
 * The EPCIS Event Hash ID (GS1 CBV 2.0 §8.9, reference algorithm: github.com/RalphTro/epcis-event-hash-generator):
 * a pre-hash string built from the event's fields in the canonical property order — values trimmed,
 * numbers without trailing zeros, times in UTC with milliseconds, CBV bare words and URNs as GS1 Web
 * URIs, EPC URIs as canonical GS1 Digital Links, list children sorted — hashed with SHA-256 and
 * written as `ni:///sha-256;<hex>?ver=CBV2.0`. Implemented here from the algorithm's description.
 */

export type EpcisEvent = Record<string, unknown>;

export const EVENT_HASH_VERSION = 'CBV2.0';

const WEB_VOC: Record<string, string> = {
  bizStep: 'https://ref.gs1.org/cbv/BizStep-',
  disposition: 'https://ref.gs1.org/cbv/Disp-',
  bizTransactionType: 'https://ref.gs1.org/cbv/BTT-',
  sourceDestType: 'https://ref.gs1.org/cbv/SDT-',
  errorReason: 'https://ref.gs1.org/cbv/ER-',
};
const URN_VOC: readonly [string, string][] = [
  ['urn:epcglobal:cbv:bizstep:', WEB_VOC.bizStep!],
  ['urn:epcglobal:cbv:disp:', WEB_VOC.disposition!],
  ['urn:epcglobal:cbv:btt:', WEB_VOC.bizTransactionType!],
  ['urn:epcglobal:cbv:sdt:', WEB_VOC.sourceDestType!],
  ['urn:epcglobal:cbv:er:', WEB_VOC.errorReason!],
];
/** CURIE prefixes known without a context (EPCIS 2.0 standard context, and Aduana's own). */
export const DEFAULT_PREFIXES: Readonly<Record<string, string>> = {
  gs1: 'https://gs1.org/voc/',
  cbv: 'https://ref.gs1.org/cbv/',
  epcis: 'https://ref.gs1.org/epcis/',
  cbvmda: 'urn:epcglobal:cbv:mda#',
  aduana: 'https://aduana.dev/epcis/',
};

/** Fields of the standard, in canonical order; anything else at event level is a user extension. */
const STANDARD_FIELDS = new Set([
  '@context',
  'type',
  'isA',
  'eventID',
  'recordTime',
  'errorDeclaration',
  'certificationInfo',
  'eventTime',
  'eventTimeZoneOffset',
  'epcList',
  'parentID',
  'inputEPCList',
  'childEPCs',
  'quantityList',
  'childQuantityList',
  'inputQuantityList',
  'outputEPCList',
  'outputQuantityList',
  'action',
  'transformationID',
  'bizStep',
  'disposition',
  'persistentDisposition',
  'readPoint',
  'bizLocation',
  'bizTransactionList',
  'sourceList',
  'destinationList',
  'sensorElementList',
  'ilmd',
]);

function numeric(text: string): string {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return text;
  const n = Number(text);
  return Number.isFinite(n) ? String(n) : text;
}

/** UTC with millisecond precision, e.g. `2020-04-01T14:00:00.000Z`. */
export function canonicalTime(text: string): string {
  const ms = Date.parse(text);
  if (Number.isNaN(ms)) return text;
  // Sub-millisecond digits round to the nearest millisecond.
  const fraction = /\.(\d+)/.exec(text)?.[1] ?? '';
  const extra = fraction.length > 3 && Number(fraction[3]) >= 5 ? 1 : 0;
  return new Date(ms + extra).toISOString();
}

function vocabulary(text: string, kind: keyof typeof WEB_VOC | undefined): string {
  for (const [urn, web] of URN_VOC) if (text.startsWith(urn)) return web + text.slice(urn.length);
  if (kind !== undefined && /^[A-Za-z_]+$/.test(text)) return WEB_VOC[kind] + text;
  return text;
}

function expandCurie(text: string, prefixes: Readonly<Record<string, string>>): string {
  const m = /^([A-Za-z][\w-]*):([^/].*)$/.exec(text);
  if (m && prefixes[m[1]!] !== undefined && !text.startsWith('urn:')) return prefixes[m[1]!] + m[2]!;
  return text;
}

/** A value as it enters the pre-hash string. */
function canonicalValue(
  raw: unknown,
  prefixes: Readonly<Record<string, string>>,
  kind?: keyof typeof WEB_VOC,
): string {
  if (typeof raw === 'number') return String(raw);
  if (typeof raw === 'boolean') return String(raw);
  const text = String(raw).trim();
  const voc = vocabulary(expandCurie(text, prefixes), kind);
  const num = numeric(voc);
  return toCanonicalDigitalLink(num) ?? num;
}

const byCodeUnit = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const sorted = (values: string[]) => [...values].sort(byCodeUnit);

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : value === undefined || value === null ? [] : [value];
}

/** Key of an extension element: `{namespace}localName`. */
function extensionKey(key: string, prefixes: Readonly<Record<string, string>>): string {
  const m = /^([A-Za-z][\w-]*):(.+)$/.exec(key);
  if (m && prefixes[m[1]!] !== undefined) return `{${prefixes[m[1]!]!.replace(/#$/, '')}}${m[2]!}`;
  return key;
}

/** Extension elements (ILMD or user extensions), each `key=value` or key then its children, sorted. */
function extensions(object: Record<string, unknown>, prefixes: Readonly<Record<string, string>>): string[] {
  const parts: string[] = [];
  for (const [key, value] of Object.entries(object)) {
    if (key.startsWith('@')) continue;
    const name = extensionKey(key, prefixes);
    for (const item of asArray(value)) {
      if (item !== null && typeof item === 'object') {
        const inner = item as Record<string, unknown>;
        const text = inner['#text'];
        parts.push(
          name +
            (text === undefined ? '' : `=${canonicalValue(text, prefixes)}`) +
            extensions(inner, prefixes).join(''),
        );
      } else {
        parts.push(`${name}=${canonicalValue(item, prefixes)}`);
      }
    }
  }
  return sorted(parts);
}

/** The prefixes declared in an event's (or its document's) `@context`, over the defaults. */
export function prefixesOf(context: unknown): Record<string, string> {
  const prefixes: Record<string, string> = { ...DEFAULT_PREFIXES };
  for (const entry of asArray(context).flat(2)) {
    if (entry !== null && typeof entry === 'object') {
      for (const [k, v] of Object.entries(entry as Record<string, unknown>))
        if (typeof v === 'string') prefixes[k] = v;
    }
  }
  return prefixes;
}

/** The pre-hash string of an EPCIS 2.0 event in JSON(-LD). */
export function preHashString(event: EpcisEvent, documentContext?: unknown): string {
  const prefixes = prefixesOf([documentContext, event['@context']]);
  const out: string[] = [`eventType=${String(event.type ?? event.isA)}`];
  const scalar = (field: string, kind?: keyof typeof WEB_VOC) => {
    const value = event[field];
    if (value === undefined || value === null || value === '') return;
    const text =
      field === 'eventTime' && typeof value === 'string'
        ? canonicalTime(value.trim())
        : canonicalValue(value, prefixes, kind);
    out.push(`${field}=${text}`);
  };
  const epcs = (field: string) => {
    const list = asArray(event[field]);
    if (list.length > 0)
      out.push(field + sorted(list.map((e) => `epc=${canonicalValue(e, prefixes)}`)).join(''));
  };
  const quantities = (field: string) => {
    const list = asArray(event[field]) as Record<string, unknown>[];
    if (list.length === 0) return;
    const elements = list.map((q) => {
      let s = `quantityElementepcClass=${canonicalValue(q.epcClass, prefixes)}`;
      if (q.quantity !== undefined) s += `quantity=${canonicalValue(q.quantity, prefixes)}`;
      if (q.uom !== undefined) s += `uom=${canonicalValue(q.uom, prefixes)}`;
      return s;
    });
    out.push(field + sorted(elements).join(''));
  };
  const location = (field: string) => {
    const value = event[field] as Record<string, unknown> | undefined;
    if (value === undefined || value === null) return;
    const rest = { ...value };
    delete rest.id;
    out.push(`${field}id=${canonicalValue(value.id, prefixes)}${extensions(rest, prefixes).join('')}`);
  };
  const typed = (field: string, child: string, kind: keyof typeof WEB_VOC) => {
    const list = asArray(event[field]) as Record<string, unknown>[];
    if (list.length === 0) return;
    const items = list.map(
      (x) =>
        `${child}=${canonicalValue(x[child], prefixes)}` +
        (x.type === undefined ? '' : `type=${canonicalValue(x.type, prefixes, kind)}`),
    );
    out.push(field + sorted(items).join(''));
  };

  scalar('eventTime');
  scalar('eventTimeZoneOffset');
  epcs('epcList');
  scalar('parentID');
  epcs('inputEPCList');
  epcs('childEPCs');
  quantities('quantityList');
  quantities('childQuantityList');
  quantities('inputQuantityList');
  epcs('outputEPCList');
  quantities('outputQuantityList');
  scalar('action');
  scalar('transformationID');
  scalar('bizStep', 'bizStep');
  scalar('disposition', 'disposition');
  const persistent = event.persistentDisposition as Record<string, unknown> | undefined;
  if (persistent) {
    const parts = [
      ...asArray(persistent.set).map((v) => `set=${canonicalValue(v, prefixes, 'disposition')}`),
      ...asArray(persistent.unset).map((v) => `unset=${canonicalValue(v, prefixes, 'disposition')}`),
    ];
    out.push(`persistentDisposition${sorted(parts).join('')}`);
  }
  location('readPoint');
  location('bizLocation');
  typed('bizTransactionList', 'bizTransaction', 'bizTransactionType');
  typed('sourceList', 'source', 'sourceDestType');
  typed('destinationList', 'destination', 'sourceDestType');
  const ilmd = event.ilmd as Record<string, unknown> | undefined;
  if (ilmd) out.push(`ilmd${extensions(ilmd, prefixes).join('')}`);
  const userExtensions: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(event))
    if (!STANDARD_FIELDS.has(key)) userExtensions[key] = value;
  out.push(...extensions(userExtensions, prefixes));
  return out.join('');
}

/** SHA-256 of the pre-hash string. */
export function eventDigest(event: EpcisEvent, documentContext?: unknown): Buffer {
  return createHash('sha256').update(preHashString(event, documentContext), 'utf8').digest();
}

/** The event's hash ID, `ni:///sha-256;<hex>?ver=CBV2.0`. */
export function eventHashId(event: EpcisEvent, documentContext?: unknown): string {
  return `ni:///sha-256;${eventDigest(event, documentContext).toString('hex')}?ver=${EVENT_HASH_VERSION}`;
}
