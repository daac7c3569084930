import fs from 'node:fs';
import type { Principal } from '../../platform/auth/roles.js';
import { DomainError, type FieldError } from '../../platform/errors.js';
import {
  DeclarationInputSchema,
  wcoPathFor,
  type DeclarationInput,
  type DeclarationRow,
  type DeclarationService,
} from '../declarations/index.js';
import { applyAmendment } from './dms/amendment.js';
import { decElement, elementNameFor } from './dms/dms-elements.js';
import { exportDeclaration } from './dms/export-mapper.js';
import { findDeclaration, mapDeclaration, type MappedMessage } from './dms/import-mapper.js';
import { validateAgainstSchema, type SchemaViolation } from './dms/xsd-validator.js';
import { DEFAULT_XML_LIMITS, parseXml, type XmlLimits } from './xml/safe-xml.js';
import { decodeXml } from './xml/encoding.js';
import type { XmlElement } from './xml/xml-tree.js';

export interface InterchangeOptions {
  limits: XmlLimits;
  /** Validate against the DMS XSDs before mapping (on by default). */
  schemaValidation: boolean;
}

/** What a lodged WCO message did. */
export type XmlLodgementOutcome =
  | { kind: 'original'; declaration: DeclarationRow; created: boolean; mapped: MappedMessage }
  | { kind: 'amendment'; declaration: DeclarationRow; mapped: MappedMessage }
  | { kind: 'invalidation'; declaration: DeclarationRow; mapped: MappedMessage }
  | { kind: 'presentation'; declaration: DeclarationRow; mapped: MappedMessage };

/** A parsed, schema-checked DEC message before it acts on anything. */
export interface ReadMessage {
  tree: XmlElement;
  declaration: XmlElement;
  envelope?: XmlElement;
  bytes: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const ZOD_CODES: Record<string, string> = {
  invalid_type: 'FIELD_INVALID_TYPE',
  too_small: 'FIELD_TOO_SMALL',
  too_big: 'FIELD_TOO_BIG',
  invalid_format: 'FIELD_INVALID_FORMAT',
  invalid_value: 'FIELD_INVALID_VALUE',
  unrecognized_keys: 'FIELD_UNKNOWN',
};

/**
 * WCO DEC-DMS:2 messages in: safe parsing, XSD validation, mapping onto Aduana's model, and the action the message
 * asks for through the declarations service (lodge an original, amend, invalidate). Errors are coded, located by JSON
 * pointer, WCO pointer path, DMS element name and line, never silent.
 */
export class InterchangeService {
  /** MRN-like references of other systems → Aduana declaration ids (for amendments that quote them). */
  readonly references = new Map<string, string>();

  constructor(
    private readonly declarations: DeclarationService,
    readonly options: InterchangeOptions = { limits: DEFAULT_XML_LIMITS, schemaValidation: true },
  ) {}

  /** Parses and schema-checks a message; refusals are `XML_*` domain errors. */
  read(xml: string | Buffer): ReadMessage {
    const text = typeof xml === 'string' ? xml : decodeXml(xml);
    const tree = parseXml(text, this.options.limits);
    const { declaration, envelope } = findDeclaration(tree);
    if (!declaration)
      throw new DomainError('XML_NOT_A_DECLARATION', undefined, {
        params: { root: `{${tree.ns}}${tree.name}` },
      });
    if (this.options.schemaValidation) {
      const violations = validateAgainstSchema(text, tree);
      if (violations.length > 0)
        throw new DomainError('XML_SCHEMA_INVALID', undefined, { errors: violations.map(violationError) });
    }
    const read: ReadMessage = { tree, declaration, bytes: Buffer.byteLength(text) };
    if (envelope) read.envelope = envelope;
    return read;
  }

  /** Lodges a DEC message as the principal: an original, an amendment (COR) or an invalidation (INV). */
  async lodgeXml(principal: Principal, xml: string | Buffer): Promise<XmlLodgementOutcome> {
    const { declaration, envelope } = this.read(xml);
    const mapped = mapDeclaration(declaration, envelope);
    const supported =
      mapped.functionCode === '9' ||
      (mapped.functionCode === '13' && ['COR', 'INV', 'GPR'].includes(mapped.typeCode));
    if (!supported)
      throw new DomainError('DMS_MESSAGE_UNSUPPORTED', undefined, {
        params: { functionCode: mapped.functionCode, typeCode: mapped.typeCode },
      });
    switch (mapped.kind) {
      case 'original': {
        const input = toModel(mapped);
        const { declaration: row, created } = await withSources(mapped, () =>
          this.declarations.lodge(principal, input),
        );
        return { kind: 'original', declaration: row, created, mapped };
      }
      case 'amendment': {
        const current = await this.resolve(principal, mapped);
        const merged = applyAmendment(currentTree(current), declaration);
        const remapped = mapDeclaration(merged, envelope);
        remapped.kind = 'amendment';
        const input = toModel(remapped);
        const row = await withSources(remapped, () =>
          this.declarations.amend(principal, current.id, input, mapped.reason ?? 'DMS amendment'),
        );
        return { kind: 'amendment', declaration: row, mapped: { ...remapped, dropped: mapped.dropped } };
      }
      case 'presentation': {
        // Goods presentation (DMS GPR): the declarant reports that the goods of a pre-lodged declaration arrived.
        const current = await this.resolve(principal, mapped);
        const row = await this.declarations.recordArrival(principal, current.id, new Date());
        return { kind: 'presentation', declaration: row, mapped };
      }
      case 'invalidation': {
        const current = await this.resolve(principal, mapped);
        const row = await this.declarations.invalidate(
          principal,
          current.id,
          mapped.reason ?? 'DMS invalidation',
        );
        return { kind: 'invalidation', declaration: row, mapped };
      }
    }
  }

  /** The declaration an amendment or invalidation acts on: by Aduana id, by a registered reference, or by LRN. */
  private async resolve(principal: Principal, mapped: MappedMessage): Promise<DeclarationRow> {
    const { id, lrn } = mapped.reference;
    const direct = id && UUID.test(id) ? id : id ? this.references.get(id) : undefined;
    if (direct) return this.declarations.get(principal, direct);
    if (lrn) {
      const { rows } = await this.declarations.list(principal, {
        lrn,
        sort: '-lodgedAt',
        limit: 2,
        offset: 0,
      });
      if (rows.length === 1 && rows[0]) return this.declarations.get(principal, rows[0].id);
    }
    throw new DomainError('DMS_REFERENCE_NOT_FOUND', undefined, {
      params: { id: id ?? '', lrn: lrn ?? '' },
    });
  }

  /** A declaration as DEC-DMS:2 XML. */
  exportXml(row: DeclarationRow): string {
    return exportDeclaration(row.document, { id: row.id });
  }
}

function currentTree(row: DeclarationRow): XmlElement {
  const found = findDeclaration(parseXml(exportDeclaration(row.document)));
  if (!found.declaration) throw new Error('export produced no Declaration');
  return found.declaration;
}

let procedures: Set<string> | undefined;
/** DMS (UK CDS) requested procedure codes, DE 1/10 (first two digits of the procedure code). */
function knownProcedures(): Set<string> {
  procedures ??= new Set(
    (
      JSON.parse(
        fs.readFileSync(
          new URL('../../../assets/wco/government-procedure-types.json', import.meta.url),
          'utf8',
        ),
      ) as { value: string }[]
    ).map((p) => p.value),
  );
  return procedures;
}

/** Rules of the DMS profile that Aduana's own model does not have: LRN an..22 (DE 2/5), listed requested procedure (DE 1/10). */
function dmsProfileErrors(input: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  if (typeof input.lrn === 'string' && input.lrn.length > 22)
    errors.push({
      code: 'FIELD_TOO_BIG',
      pointer: '/lrn',
      value: input.lrn,
      params: { detail: 'DMS LRN: at most 22 characters' },
    });
  const items = Array.isArray(input.goodsItems) ? (input.goodsItems as Record<string, unknown>[]) : [];
  items.forEach((g, i) => {
    const code = g.procedureCode;
    if (typeof code !== 'string' || code.length !== 4) return;
    const known = knownProcedures();
    if (!known.has(code.slice(0, 2)))
      errors.push({ code: 'PROCEDURE_UNKNOWN', pointer: `/goodsItems/${i}/procedureCode`, value: code });
  });
  return errors;
}

/** Checks the mapped declaration against the model's schema and the DMS profile; failures are located in the message. */
export function toModel(mapped: MappedMessage): DeclarationInput {
  const parsed = DeclarationInputSchema.safeParse(mapped.input);
  const profile = dmsProfileErrors(mapped.input);
  if (parsed.success && profile.length === 0) return parsed.data;
  const issues = parsed.success ? [] : parsed.error.issues;
  const errors = issues.map((issue): FieldError => {
    const pointer = `/${issue.path.map(String).join('/')}`;
    const value = valueAt(mapped.input, issue.path);
    const code =
      value === undefined && issue.code === 'invalid_type'
        ? 'ELEMENT_REQUIRED'
        : (ZOD_CODES[issue.code] ?? 'FIELD_INVALID_VALUE');
    const e: FieldError = { code, pointer, params: { detail: issue.message } };
    if (value !== undefined) e.value = value;
    return e;
  });
  throw new DomainError('DECLARATION_REJECTED', undefined, {
    errors: locate(mapped, [...profile, ...errors]),
    extra: { functionCode: '03' },
  });
}

/** Runs a service call and locates the field errors it reports in the message. */
async function withSources<T>(mapped: MappedMessage, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof DomainError && err.details.errors)
      throw new DomainError(err.code, err.message, {
        ...err.details,
        errors: locate(mapped, err.details.errors),
      });
    throw err;
  }
}

/** Adds the DMS location of each error: WCO pointer path, element name, path in the message and line. */
export function locate(mapped: MappedMessage, errors: FieldError[]): FieldError[] {
  return errors.map((e) => {
    const source = mapped.sources[e.pointer];
    const dms = source ? decElement(source.path) : undefined;
    const wcoPath = dms?.wcoPath ?? e.wcoPath ?? wcoPathFor(e.pointer);
    const element =
      (wcoPath ? elementNameFor(wcoPath) : undefined) ??
      source?.path
        .split('/')
        .pop()
        ?.replace(/\[\d+\]$/, '') ??
      e.pointer.split('/').pop() ??
      '';
    const out: FieldError = { ...e, params: { ...(e.params ?? {}), element } };
    if (wcoPath) out.wcoPath = wcoPath;
    if (source && out.params) {
      out.params.xmlPath = source.path;
      out.params.line = source.line;
    }
    return out;
  });
}

function violationError(v: SchemaViolation): FieldError {
  const e: FieldError = {
    code: 'SCHEMA_VIOLATION',
    pointer: `/${v.xpath}`,
    params: { element: v.elementName ?? '', line: v.line, column: v.column, detail: v.message.slice(0, 300) },
  };
  if (v.wcoPath) e.wcoPath = v.wcoPath;
  return e;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let v: unknown = root;
  for (const k of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[k];
  }
  return v;
}
