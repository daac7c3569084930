import fs from 'node:fs';
import path from 'node:path';
import type { Principal } from '../../platform/auth/roles.js';
import { DomainError } from '../../platform/errors.js';
import type { DeclarationService } from '../declarations/index.js';
import { findDeclaration } from './dms/import-mapper.js';
import { exportDeclaration } from './dms/export-mapper.js';
import { leafValues, lostLeaves } from './dms/round-trip.js';
import { validateAgainstSchema } from './dms/xsd-validator.js';
import { InterchangeService } from './interchange.service.js';
import { decodeXml } from './xml/encoding.js';
import { DEFAULT_XML_LIMITS, parseXml } from './xml/safe-xml.js';
import { child } from './xml/xml-tree.js';

/** The conformance figures over a directory of WCO messages. */
export interface ConformanceReport {
  files: number;
  declarations: number;
  schemaValid: number;
  accepted: number;
  rejected: number;
  /** Accepted declarations with no dropped element whose DEC export gives back every element of the message. */
  mappedWithoutLoss: number;
  droppedElements: { count: number; elements: { file: string; path: string; reason: string }[] };
  /** Refusing field error codes (or the refusal's code when it has none), once per rejected declaration. */
  rejectionsByCode: Record<string, number>;
}

/** One message's outcome, for the explanation of the figures. */
export interface ConformanceOutcome {
  file: string;
  kind: 'original' | 'amendment' | 'invalidation';
  schemaValid: boolean;
  accepted: boolean;
  /** Codes of the errors that refused it (warnings kept with a refusal are not among them). */
  codes: string[];
  /** The refusing errors with the model field (JSON pointer) each is about. */
  errors: { code: string; pointer: string }[];
  lost: number;
  dropped: number;
}

interface Message {
  file: string;
  xml: string;
  kind: 'original' | 'amendment' | 'invalidation';
  declarant?: string;
  reference?: string;
}

const trader = (tin: string): Principal => ({
  kind: 'user',
  id: `conformance-${tin}`,
  name: `conformance ${tin}`,
  roles: ['trader'],
  partyTin: tin,
  office: null,
  locale: 'en',
});

/** Every `.xml` file under a directory, sorted. */
export function xmlFilesUnder(dir: string): string[] {
  const stat = fs.statSync(dir);
  if (stat.isFile()) return [dir];
  return (fs.readdirSync(dir, { recursive: true }) as string[])
    .filter((f) => f.toLowerCase().endsWith('.xml'))
    .map((f) => path.join(dir, f))
    .sort();
}

function classify(file: string, bytes: Buffer): Message | undefined {
  let tree;
  let xml: string;
  try {
    xml = decodeXml(bytes);
    tree = parseXml(xml, DEFAULT_XML_LIMITS);
  } catch {
    return undefined;
  }
  const { declaration } = findDeclaration(tree);
  if (!declaration) return undefined;
  const fn = child(declaration, 'FunctionCode')?.text.trim();
  const type = child(declaration, 'TypeCode')?.text.trim();
  const kind = fn === '13' ? (type === 'INV' ? 'invalidation' : 'amendment') : 'original';
  const m: Message = { file, xml, kind };
  const declarant = child(child(declaration, 'Declarant'), 'ID')?.text.trim();
  if (declarant) m.declarant = declarant;
  const reference = child(declaration, 'ID')?.text.trim();
  if (reference) m.reference = reference;
  return m;
}

const RANK = { original: 0, amendment: 1, invalidation: 2 } as const;

/** The HMRC scenario a message belongs to: its folder, where movement messages (GPN) sit in `Movement_Messages`. */
export function scenarioOf(file: string): string {
  return path.dirname(file).replace(/[\\/]Movement_Messages$/, '');
}

/**
 * Lodges every DEC message under a directory through the real service, as the trader whose party is the message's
 * declarant, and measures schema validity, acceptance and loss. Within a scenario folder (with its movement messages), originals go
 * first, then amendments, then invalidations; the MRN an amendment or invalidation quotes (assigned by the other
 * system, unknown here) is bound to the folder's latest accepted original, whose declarant acts on it.
 */
export async function runConformance(
  dir: string,
  declarations: DeclarationService,
  onProgress?: (done: number, total: number) => void,
): Promise<{ report: ConformanceReport; outcomes: ConformanceOutcome[] }> {
  const interchange = new InterchangeService(declarations);
  const files = xmlFilesUnder(dir);
  const messages = files
    .map((f) => classify(path.relative(dir, f) || path.basename(f), fs.readFileSync(f)))
    .filter((m): m is Message => m !== undefined)
    .sort((a, b) => {
      const da = scenarioOf(a.file);
      const db = scenarioOf(b.file);
      return da === db ? RANK[a.kind] - RANK[b.kind] || a.file.localeCompare(b.file) : da.localeCompare(db);
    });
  const report: ConformanceReport = {
    files: files.length,
    declarations: messages.length,
    schemaValid: 0,
    accepted: 0,
    rejected: 0,
    mappedWithoutLoss: 0,
    droppedElements: { count: 0, elements: [] },
    rejectionsByCode: {},
  };
  const outcomes: ConformanceOutcome[] = [];
  const latest = new Map<string, { id: string; declarant: string }>();
  let done = 0;
  for (const m of messages) {
    const folder = scenarioOf(m.file);
    const schemaValid = validateAgainstSchema(m.xml, parseXml(m.xml)).length === 0;
    if (schemaValid) report.schemaValid++;
    const bound = latest.get(folder);
    const declarant = m.declarant ?? bound?.declarant ?? 'UNKNOWN';
    if (m.kind !== 'original' && m.reference && bound) interchange.references.set(m.reference, bound.id);
    const outcome: ConformanceOutcome = {
      file: m.file,
      kind: m.kind,
      schemaValid,
      accepted: false,
      codes: [],
      errors: [],
      lost: 0,
      dropped: 0,
    };
    try {
      const result = await interchange.lodgeXml(trader(declarant), m.xml);
      outcome.accepted = true;
      report.accepted++;
      outcome.dropped = result.mapped.dropped.length;
      for (const d of result.mapped.dropped)
        report.droppedElements.elements.push({ file: m.file, path: d.path, reason: d.reason });
      if (result.kind === 'original') latest.set(folder, { id: result.declaration.id, declarant });
      // A replay (the same original shipped again in another scenario, the declaration since amended) maps to the
      // content lodged the first time — same content hash — whose round trip was checked then.
      if (result.kind === 'original' && result.created) {
        const exported = findDeclaration(
          parseXml(exportDeclaration(result.declaration.document)),
        ).declaration;
        outcome.lost = exported
          ? lostLeaves(leafValues(result.mapped.declaration), leafValues(exported)).length
          : Number.POSITIVE_INFINITY;
      }
      if (outcome.dropped === 0 && outcome.lost === 0) report.mappedWithoutLoss++;
    } catch (err) {
      if (!(err instanceof DomainError)) throw err;
      // An original shipped again in another scenario (same LRN, since amended): the scenario's amendments act on
      // the declaration that holds the LRN, as they would on the system that accepted it.
      const holder = err.details.extra?.declarationId;
      if (m.kind === 'original' && err.code === 'LRN_ALREADY_USED' && typeof holder === 'string')
        latest.set(folder, { id: holder, declarant });
      report.rejected++;
      const refusing = (err.details.errors ?? []).filter((e) => e.severity !== 'warning');
      outcome.errors = refusing.map((e) => ({ code: e.code, pointer: e.pointer }));
      outcome.codes = refusing.length > 0 ? [...new Set(refusing.map((e) => e.code))] : [err.code];
      for (const c of outcome.codes) report.rejectionsByCode[c] = (report.rejectionsByCode[c] ?? 0) + 1;
    }
    outcomes.push(outcome);
    onProgress?.(++done, messages.length);
  }
  report.droppedElements.count = report.droppedElements.elements.length;
  return { report, outcomes };
}
