import { createHash, randomUUID } from 'node:crypto';
import { canonicalJson } from '../../platform/canonical-json.js';
import type { AnyDb } from '../../platform/database/database.js';
import { DomainError } from '../../platform/errors.js';
import { publishEvents } from '../../platform/events/outbox.js';
import type { ProductionStep, ProductFacts } from '../provenance/index.js';
import { claimFromTree, incompleteSteps } from './bill-of-materials.js';
import { OriginRepository, type AssessmentRow } from './origin.repository.js';
import {
  AGREEMENTS,
  OriginRuleError,
  assessOrigin,
  loadRuleSet,
  parseOriginClaim,
  type Agreement,
  type BillOfMaterialsLine,
  type ClaimedGood,
  type OriginAssessment,
  type OriginOutcome,
} from './rules/index.js';

export const ORIGIN_EVENTS = { assessed: 'origin.assessed' } as const;
/** Ledger item kind of an assessment's worksheet. */
export const ORIGIN_WORKSHEET_KIND = 'origin.worksheet';

/** Reasons this module adds when the evidence cannot even be put to the rules. */
export const EVIDENCE_REASON_CODES = [
  'PROVENANCE_TRACE_MISSING',
  'PROVENANCE_FACTS_MISSING',
  'AGREEMENT_NOT_SUPPORTED',
  'DECLARED_ORIGIN_MISMATCH',
] as const;

export interface AssessRequest {
  readonly agreement: string;
  /** Assess the product from its provenance trace (EPCIS identifier of the declared good). */
  readonly productIdentifier?: string;
  /** Or the claim given directly (product and bill of materials, minor units). */
  readonly product?: ClaimedGood;
  readonly materials?: readonly BillOfMaterialsLine[];
  /** The country of origin claimed on the declaration, checked against where the good was produced. */
  readonly claimedCountry?: string;
  readonly declarationId?: string;
  readonly itemSequence?: number;
}

/** What is stored, anchored (by digest) and returned. */
export interface AssessmentRecord {
  readonly assessmentId: string;
  readonly agreement: string;
  readonly productIdentifier: string | null;
  readonly declarationId: string | null;
  readonly itemSequence: number | null;
  readonly outcome: OriginOutcome;
  readonly reasons: readonly { code: string; params: Record<string, string | number> }[];
  readonly claim: { product: ClaimedGood; materials: readonly BillOfMaterialsLine[] } | null;
  readonly assessment: OriginAssessment | null;
  readonly assessedAt: string;
}

/** What the origin module reads of a declaration, through the declarations module's face. */
export interface DeclaredGoods {
  readonly id: string;
  readonly containers: readonly string[];
  readonly items: readonly {
    readonly sequence: number;
    /** Absent on reduced data sets (clearance requests, simplified declarations). */
    readonly hsCode?: string;
    readonly preferentialOrigin?: { readonly agreement: string; readonly country: string };
  }[];
}

export interface OriginDeps {
  productionTree(identifier: string): Promise<ProductionStep>;
  /** Products packed into the given containers, with their master data (from provenance). */
  productsIn(containers: readonly string[]): Promise<{ identifier: string; facts: ProductFacts }[]>;
  readDeclaration(id: string): Promise<DeclaredGoods | undefined>;
  onCommit?: () => void;
}

/** Digest of a stored record: SHA-256 of its RFC 8785 canonical JSON. */
export function recordDigest(record: unknown): Buffer {
  return createHash('sha256')
    .update(canonicalJson(record) ?? '', 'utf8')
    .digest();
}

const digits6 = (hs: string) => hs.replace(/\D/g, '').slice(0, 6);

/**
 * Assesses preferential origin claims with the rules engine, from a provenance trace or a given bill
 * of materials, stores the worksheet, and publishes `origin.assessed` naming it for the ledger.
 */
export class OriginService {
  readonly repo: OriginRepository;

  constructor(
    db: AnyDb,
    private readonly deps: OriginDeps,
  ) {
    this.repo = new OriginRepository(db);
  }

  async assess(actor: string, request: AssessRequest): Promise<AssessmentRecord> {
    const base = {
      assessmentId: randomUUID(),
      agreement: request.agreement,
      productIdentifier: request.productIdentifier ?? null,
      declarationId: request.declarationId ?? null,
      itemSequence: request.itemSequence ?? null,
      assessedAt: new Date().toISOString(),
    };
    const insufficient = (
      code: (typeof EVIDENCE_REASON_CODES)[number],
      params: Record<string, string | number> = {},
    ) =>
      this.store(actor, {
        ...base,
        outcome: 'insufficient_evidence',
        reasons: [{ code, params }],
        claim: null,
        assessment: null,
      });

    if (!(AGREEMENTS as readonly string[]).includes(request.agreement)) {
      return insufficient('AGREEMENT_NOT_SUPPORTED', { agreement: request.agreement });
    }
    let claim: { product: ClaimedGood; materials: readonly BillOfMaterialsLine[] };
    if (request.productIdentifier !== undefined) {
      const tree = await this.deps.productionTree(request.productIdentifier);
      if (tree.eventId === null)
        return insufficient('PROVENANCE_TRACE_MISSING', { product: request.productIdentifier });
      const missing = incompleteSteps(tree);
      if (missing.length > 0)
        return insufficient('PROVENANCE_FACTS_MISSING', { identifiers: missing.join(', ') });
      claim = claimFromTree(tree);
      if (request.product !== undefined)
        claim = { ...claim, product: { ...claim.product, ...request.product } };
    } else {
      try {
        claim = parseOriginClaim({ product: request.product, materials: request.materials ?? [] });
      } catch (error) {
        throw toDomainError(error);
      }
    }
    let assessment: OriginAssessment;
    try {
      assessment = assessOrigin({ ruleSet: loadRuleSet(request.agreement as Agreement), ...claim });
    } catch (error) {
      throw toDomainError(error);
    }
    const reasons: { code: string; params: Record<string, string | number> }[] = assessment.reasons.map(
      (r) => ({
        code: r.code,
        params: { ...r.params },
      }),
    );
    let outcome = assessment.outcome;
    if (request.claimedCountry !== undefined && request.claimedCountry !== claim.product.producedIn) {
      outcome = 'does_not_qualify';
      reasons.unshift({
        code: 'DECLARED_ORIGIN_MISMATCH',
        params: { claimed: request.claimedCountry, producedIn: claim.product.producedIn },
      });
    }
    return this.store(actor, { ...base, outcome, reasons, claim, assessment });
  }

  /** Assesses every goods item of a lodged declaration that claims preferential origin (idempotent). */
  async assessDeclaration(declarationId: string): Promise<AssessmentRecord[]> {
    const declaration = await this.deps.readDeclaration(declarationId);
    if (declaration === undefined) return [];
    const claimed = declaration.items.filter((i) => i.preferentialOrigin !== undefined);
    if (claimed.length === 0) return [];
    const existing = new Set((await this.repo.ofDeclaration(declarationId)).map((r) => r.item_sequence));
    const products = await this.deps.productsIn(declaration.containers);
    const out: AssessmentRecord[] = [];
    for (const item of claimed) {
      if (existing.has(item.sequence)) continue;
      const match = products.find(
        (p) =>
          p.facts.hsCode !== null &&
          item.hsCode !== undefined &&
          digits6(p.facts.hsCode) === digits6(item.hsCode),
      );
      const request: AssessRequest = {
        agreement: item.preferentialOrigin!.agreement,
        claimedCountry: item.preferentialOrigin!.country,
        declarationId,
        itemSequence: item.sequence,
        ...(match === undefined ? {} : { productIdentifier: match.identifier }),
      };
      if (match === undefined) {
        out.push(
          await this.store('system', {
            assessmentId: randomUUID(),
            agreement: request.agreement,
            productIdentifier: null,
            declarationId,
            itemSequence: item.sequence,
            outcome: 'insufficient_evidence',
            reasons: [
              {
                code: 'PROVENANCE_TRACE_MISSING',
                params: item.hsCode === undefined ? {} : { hsCode: item.hsCode },
              },
            ],
            claim: null,
            assessment: null,
            assessedAt: new Date().toISOString(),
          }),
        );
        continue;
      }
      out.push(await this.assess('system', request));
    }
    return out;
  }

  async get(id: string): Promise<AssessmentRecord> {
    const row = await this.repo.get(id);
    if (row === undefined) throw new DomainError('NOT_FOUND');
    return row.record as unknown as AssessmentRecord;
  }

  async ofDeclaration(declarationId: string): Promise<AssessmentRecord[]> {
    return (await this.repo.ofDeclaration(declarationId)).map((r) => r.record as unknown as AssessmentRecord);
  }

  /** For `aduana ledger verify`: each worksheet's digest recomputed from the stored record. */
  async rederive(ids: readonly string[]) {
    const rows = await this.repo.many(ids);
    return new Map(rows.map((r) => [r.id, { digest: recordDigest(r.record) }]));
  }

  private async store(actor: string, record: AssessmentRecord): Promise<AssessmentRecord> {
    const digest = recordDigest(record).toString('hex');
    const row: AssessmentRow = {
      id: record.assessmentId,
      declaration_id: record.declarationId,
      item_sequence: record.itemSequence,
      agreement: record.agreement,
      product: record.productIdentifier,
      outcome: record.outcome,
      record: record as unknown as Record<string, unknown>,
      assessed_by: actor,
      assessed_at: new Date(record.assessedAt),
    };
    const inserted = await this.repo.transaction(async (trx) => {
      if (!(await this.repo.insert(trx, row))) return false;
      await publishEvents(trx, [
        {
          type: ORIGIN_EVENTS.assessed,
          aggregateType: 'origin_assessment',
          aggregateId: record.assessmentId,
          payload: {
            assessmentId: record.assessmentId,
            declarationId: record.declarationId,
            itemSequence: record.itemSequence,
            agreement: record.agreement,
            outcome: record.outcome,
            reasons: record.reasons.map((r) => r.code),
            ledgerAnchor: { kind: ORIGIN_WORKSHEET_KIND, itemId: record.assessmentId, digest },
          },
        },
      ]);
      return true;
    });
    if (inserted) this.deps.onCommit?.();
    return record;
  }
}

function toDomainError(error: unknown): unknown {
  if (!(error instanceof OriginRuleError)) return error;
  return new DomainError(error.code, error.message, {
    params: { ...(error.details.params ?? {}) },
    ...(error.details.issues
      ? {
          errors: error.details.issues.map((i) => ({
            code: error.code,
            pointer: i.pointer,
            params: { detail: i.message },
          })),
        }
      : {}),
  });
}
