import type { FieldError } from '../../../platform/errors.js';
import { translateAll, type Language } from '../../../platform/i18n/i18n.js';
import type { DeclarationRow, NotificationRow } from '../../declarations/index.js';
import { writeXml, type OutElement } from '../xml/xml-tree.js';
import { elementNameFor } from './dms-elements.js';
import { dmsValidationCode } from './validation-codes.js';

export const RES_NS = 'urn:wco:datamodel:WCO:RES-DMS:2';
export const RES_DS_NS = 'urn:wco:datamodel:WCO:Response_DS:DMS:2';
/** Aduana's additions to a DMS response (outside the DMS schema; a strict DMS reader may drop them). */
export const ADUANA_NS = 'urn:aduana:wco:extension:1';
const METADATA_NS = 'urn:wco:datamodel:WCO:DocumentMetaData-DMS:2';

/** Facts about the declaration a response is about. */
export interface ResponseSubject {
  lrn?: string;
  id?: string;
  version?: number;
}

const el = (name: string, text?: string | number, children?: OutElement[]): OutElement => {
  const e: OutElement = { name };
  if (text !== undefined) e.text = String(text);
  if (children) e.children = children;
  return e;
};

/** `20240119093015Z` (WCO date format 304). */
const stamp = (d: Date) => `${d.toISOString().slice(0, 19).replace(/[-:T]/g, '')}Z`;
const dateTime = (name: string, d: Date): OutElement => ({
  name,
  children: [{ name: 'DateTimeString', prefix: 'ds', attributes: { formatCode: '304' }, text: stamp(d) }],
});

/** DMS `Pointer` elements for a WCO pointer path: one per class (`42A`, `67A`…), the leaf ID as the last TagID. */
export function pointerElements(wcoPath: string, itemSequence?: number): OutElement[] {
  const parts = wcoPath.split('/').filter(Boolean);
  const isClass = (p: string) => /^\d\d[A-Z]$/.test(p);
  const last = parts[parts.length - 1];
  const tag = last && !isClass(last) ? last : undefined;
  const classes = tag ? parts.slice(0, -1) : parts;
  return classes.map((c, i) => {
    const children: OutElement[] = [];
    if (c === '68A' && itemSequence !== undefined) children.push(el('SequenceNumeric', itemSequence));
    children.push(el('DocumentSectionCode', c));
    if (tag && i === classes.length - 1) children.push(el('TagID', tag));
    return el('Pointer', undefined, children);
  });
}

const display = (v: unknown) =>
  v === undefined || v === null
    ? ''
    : typeof v === 'string'
      ? v
      : typeof v === 'number'
        ? String(v)
        : JSON.stringify(v);

/**
 * A DMS `Error` for a field error: `ValidationCode` (DMS code where one fits, else Aduana's), `Pointer`s from the WCO
 * pointer path, `Description` in the reader's language, and Aduana's extension with the element name, the offending
 * value and the fix in English and Spanish.
 */
export function errorElement(e: FieldError, lang: Language, itemSequence?: number): OutElement {
  const params = { pointer: e.pointer, value: display(e.value), ...(e.params ?? {}) };
  const fix = translateAll(`error.${e.code}`, params);
  const element = (e.wcoPath ? elementNameFor(e.wcoPath) : undefined) ?? String(e.params?.element ?? '');
  const children: OutElement[] = [
    el('Description', `${element ? `${element}: ` : ''}${fix[lang]}`.slice(0, 512)),
    el('ValidationCode', dmsValidationCode(e.code).slice(0, 8)),
    ...(e.wcoPath ? pointerElements(e.wcoPath, itemSequence) : []),
  ];
  children[0] = { ...children[0], name: 'Description', attributes: { languageID: lang } };
  const ext: OutElement[] = [
    { name: 'Code', prefix: 'adu', text: e.code },
    { name: 'JsonPointer', prefix: 'adu', text: e.pointer },
  ];
  if (e.wcoPath) ext.push({ name: 'WcoPath', prefix: 'adu', text: e.wcoPath });
  if (element) ext.push({ name: 'ElementName', prefix: 'adu', text: element });
  if (e.value !== undefined) ext.push({ name: 'Value', prefix: 'adu', text: display(e.value) });
  for (const l of ['en', 'es'] as const)
    ext.push({ name: 'Fix', prefix: 'adu', attributes: { 'xml:lang': l }, text: fix[l] });
  children.push({ name: 'Explanation', prefix: 'adu', children: ext });
  return el('Error', undefined, children);
}

/** The `Declaration` part of a response. */
function subjectElement(subject: ResponseSubject, extra: OutElement[] = []): OutElement {
  const children: OutElement[] = [
    ...extra.filter((e) => e.name.endsWith('DateTime') && e.name !== 'RejectionDateTime'),
  ];
  if (subject.lrn) children.push(el('FunctionalReferenceID', subject.lrn));
  if (subject.id) children.push(el('ID', subject.id));
  children.push(...extra.filter((e) => e.name === 'RejectionDateTime'));
  if (subject.version !== undefined) children.push(el('VersionID', subject.version));
  return el('Declaration', undefined, children);
}

const statement = (code: string | undefined, text: string | undefined, type: string): OutElement => {
  const children: OutElement[] = [];
  if (code) children.push(el('StatementCode', code));
  if (text) children.push(el('StatementDescription', text.slice(0, 512)));
  children.push(el('StatementTypeCode', type));
  return el('AdditionalInformation', undefined, children);
};

/** One notification as a RES `Response`, shaped like HMRC's DMS notifications. */
export function responseFor(row: DeclarationRow, n: NotificationRow, lang: Language): OutElement {
  const code = n.function_code.trim();
  const issued = new Date(n.issued_at);
  const data = n.data;
  const children: OutElement[] = [
    el('FunctionCode', code),
    el('FunctionalReferenceID', `ADU${String(n.id).padStart(12, '0')}`),
    dateTime('IssueDateTime', issued),
  ];
  const subject: ResponseSubject = { lrn: row.lrn, id: row.id, version: row.version };
  const when: OutElement[] = [];
  const text = (k: string) => (typeof data[k] === 'string' ? data[k] : undefined);
  switch (code) {
    case '01':
      when.push(dateTime('AcceptanceDateTime', new Date(row.accepted_at ?? issued)));
      break;
    case '03': {
      const errors = Array.isArray(data.errors) ? (data.errors as FieldError[]) : [];
      children.push(...errors.map((e) => errorElement(e, lang, sequenceFor(row, e.pointer))));
      when.push(dateTime('RejectionDateTime', issued));
      break;
    }
    case '05':
      children.push(statement(text('channel') ?? text('action'), text('reason'), 'AFB'));
      break;
    case '06': {
      const docs = Array.isArray(data.documents) ? (data.documents as string[]).join('; ') : undefined;
      children.push(statement('ACA', [docs, text('reason')].filter(Boolean).join(' — '), 'ACA'));
      break;
    }
    case '07': {
      const corrections = Array.isArray(data.corrections)
        ? (data.corrections as { itemSequence: number; field: string; correctedValue: unknown }[])
        : [];
      for (const c of corrections) {
        const path = POINTER_PATHS[c.field];
        children.push(
          el('Amendment', undefined, [
            el('ChangeReasonCode', '16'),
            ...(path ? pointerElements(path, c.itemSequence) : []),
          ]),
        );
      }
      break;
    }
    case '08':
      children.push(statement('A1', text('reason'), 'AFB'));
      break;
    case '09':
      children.push(statement('A2', text('reason'), 'AFB'));
      break;
    case '10':
      children.push(statement(undefined, text('reason'), 'AFB'));
      when.push(dateTime('CancellationDateTime', issued));
      break;
    case '11':
      children.push(el('Status', undefined, [el('NameCode', '39')]));
      if (typeof data.version === 'number') subject.version = data.version;
      break;
    default:
      break;
  }
  // Schema order: AdditionalInformation, Amendment, Error, Status, then Declaration.
  const order = [
    'FunctionCode',
    'FunctionalReferenceID',
    'IssueDateTime',
    'AdditionalInformation',
    'Amendment',
    'Error',
    'Status',
  ];
  children.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
  children.push(subjectElement(subject, when));
  return el('Response', undefined, children);
}

/** WCO pointer paths of the fields an officer may correct. */
const POINTER_PATHS: Record<string, string> = {
  hsCode: '42A/67A/68A/23A/21A/145',
  customsValue: '42A/67A/68A/23A/79A/112',
  originCountry: '42A/67A/68A/92A/063',
  netMassKg: '42A/67A/68A/23A/65A/128',
  grossMassKg: '42A/67A/68A/23A/65A/126',
  quantity: '42A/67A/68A/23A/65A/130',
  description: '42A/67A/68A/23A/137',
};

function sequenceFor(row: DeclarationRow, pointer: string): number | undefined {
  const m = /^\/goodsItems\/(\d+)/.exec(pointer);
  if (!m) return undefined;
  const i = Number(m[1]);
  return row.document.goodsItems[i]?.sequence ?? i + 1;
}

/** Wraps responses in the `DocumentMetaData-DMS:2` envelope. */
export function responsesDocument(responses: OutElement[]): string {
  return writeXml({
    name: 'MetaData',
    prefix: 'md',
    xmlns: { md: METADATA_NS, '': RES_NS, ds: RES_DS_NS, adu: ADUANA_NS },
    children: [
      { name: 'WCODataModelVersionCode', prefix: 'md', text: '3.6' },
      { name: 'WCOTypeName', prefix: 'md', text: 'RES' },
      ...responses,
    ],
  });
}

/** Every notification of a declaration as one RES-DMS:2 document. */
export function notificationsDocument(
  row: DeclarationRow,
  notes: NotificationRow[],
  lang: Language = 'en',
): string {
  return responsesDocument(notes.map((n) => responseFor(row, n, lang)));
}

/** A rejection that was not stored (an original that failed): RES 03 from the errors of the refusal. */
export function rejectionDocument(
  subject: ResponseSubject,
  errors: FieldError[],
  lang: Language,
  now = new Date(),
): string {
  const children: OutElement[] = [
    el('FunctionCode', '03'),
    el('FunctionalReferenceID', `ADUREJ${now.getTime()}`),
    dateTime('IssueDateTime', now),
    ...errors.map((e) => errorElement(e, lang)),
    subjectElement(subject, [dateTime('RejectionDateTime', now)]),
  ];
  return responsesDocument([el('Response', undefined, children)]);
}
