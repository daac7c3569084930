import { randomUUID } from 'node:crypto';
import oa, { type v2 } from '@govtechsg/open-attestation';
import type { Principal } from '../../platform/auth/roles.js';
import { isPartyScoped } from '../../platform/auth/roles.js';
import type { AnyDb } from '../../platform/database/database.js';
import { DomainError } from '../../platform/errors.js';
import { publishEvents } from '../../platform/events/outbox.js';
import type { Logger } from '../../platform/logger.js';
import { BatchIssuance, DOCUMENT_EVENTS, type DocumentLedger } from './document.issuance.js';
import { isOurIssuer, oaIssuer, type IssuerIdentity } from './document.issuer.js';
import { canTransition } from './document.lifecycle.js';
import { DocumentRepository, type DocumentRow } from './document.repository.js';

export {
  DOCUMENT_BATCH_KIND,
  DOCUMENT_EVENTS,
  type DocumentLedger,
  type ReconciliationReport,
} from './document.issuance.js';

/** Kinds of verifiable trade documents. */
export const DOCUMENT_KINDS = ['certificate_of_origin', 'invoice', 'packing_list'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];

const TEMPLATE: Record<DocumentKind, string> = {
  certificate_of_origin: 'ADUANA_CERTIFICATE_OF_ORIGIN',
  invoice: 'ADUANA_COMMERCIAL_INVOICE',
  packing_list: 'ADUANA_PACKING_LIST',
};

export interface DocumentToIssue {
  readonly kind: DocumentKind;
  /** The document's own number (certificate, invoice or packing-list number). */
  readonly reference: string;
  /** The trader party that holds it (may read it back and disclose it). */
  readonly holderTin?: string;
  /** The document's fields; salted and hashed field by field when wrapped. */
  readonly data: Record<string, unknown>;
}

/** What verifying a presented document found, check by check. */
export interface DocumentVerification {
  readonly valid: boolean;
  readonly checks: {
    /** The fields (shown or hidden) still hash to the target hash, and the proof leads to the Merkle root. */
    readonly integrity: 'valid' | 'invalid';
    readonly issuer: 'valid' | 'unknown';
    readonly anchored: 'anchored' | 'not-anchored';
    readonly revocation: 'not-revoked' | 'revoked';
  };
  readonly revocationReason: string | null;
  readonly targetHash: string | null;
  readonly merkleRoot: string | null;
  /** How many fields the presenter hid (selective disclosure). */
  readonly hiddenFields: number;
  readonly ledger: {
    readonly engine: string;
    readonly entryIndex: number | null;
    readonly treeSize: number | null;
  };
}

type Wrapped = v2.WrappedDocument<v2.OpenAttestationDocument>;

/**
 * Certificates of origin, invoices and packing lists as OpenAttestation v2 verifiable documents: each
 * field salted and hashed (the library's hashing), a batch's target hashes under one Merkle root, and
 * only that root anchored on the ledger. Documents are verified for integrity, issuer, anchoring and
 * revocation; one document of a batch can be revoked with a reason; holders can hide fields and the
 * document still verifies.
 */
export class DocumentService {
  readonly repo: DocumentRepository;
  /** Record, anchor, finalize; and reconciliation of batches left pending. */
  readonly issuance: BatchIssuance;

  constructor(
    db: AnyDb,
    private readonly ledger: DocumentLedger,
    private readonly issuer: () => IssuerIdentity,
    logger: Logger,
    private readonly onCommit: () => void = () => undefined,
  ) {
    this.repo = new DocumentRepository(db);
    this.issuance = new BatchIssuance(this.repo, ledger, logger, onCommit);
  }

  /**
   * Wraps a batch, stores it and its documents as pending, anchors its Merkle root, then marks them issued and
   * publishes `document.issued`. When the ledger cannot be reached the documents come back `pending`: the batch is
   * kept and reconciliation anchors and issues it later.
   */
  async issue(principal: Principal, documents: readonly DocumentToIssue[]): Promise<DocumentRow[]> {
    if (documents.length === 0) throw new DomainError('VALIDATION_FAILED');
    const issuer = oaIssuer(this.issuer());
    const raw = documents.map((d) => ({
      ...d.data,
      $template: {
        name: TEMPLATE[d.kind],
        type: 'EMBEDDED_RENDERER',
        url: `https://${this.issuer().domain}/renderer`,
      },
      issuers: [issuer],
      documentKind: d.kind,
      documentNumber: d.reference,
    }));
    let wrapped: Wrapped[];
    try {
      wrapped = oa.wrapDocuments(raw as Parameters<typeof oa.wrapDocuments>[0]);
    } catch (error) {
      throw new DomainError('DOCUMENT_INVALID', error instanceof Error ? error.message : undefined);
    }
    const merkleRoot = oa.utils.getMerkleRoot(wrapped[0]!);
    const batchId = randomUUID();
    const recordedAt = new Date();
    const rows = documents.map((d, i) => ({
      id: randomUUID(),
      batch_id: batchId,
      kind: d.kind,
      reference: d.reference,
      holder_tin: d.holderTin ?? null,
      target_hash: oa.utils.getTargetHash(wrapped[i]!),
      wrapped: wrapped[i] as unknown as Record<string, unknown>,
      status: 'pending' as const,
      issued_at: null,
    }));
    const batch = { id: batchId, merkle_root: merkleRoot };
    await this.issuance.record(
      {
        ...batch,
        status: 'anchoring',
        ledger_entry_id: null,
        ledger_index: null,
        issued_by: `${principal.kind}:${principal.id}`,
        recorded_at: recordedAt,
        issued_at: null,
      },
      rows,
    );
    const issued = await this.issuance.tryAnchorAndFinalize(batch);
    if (issued === undefined) return rows.map((r) => ({ ...r, revocation_reason: null, revoked_at: null }));
    const byId = new Map(issued.map((r) => [r.id, r]));
    return rows.map((r) => byId.get(r.id) ?? { ...r, revocation_reason: null, revoked_at: null });
  }

  /** A document the caller may see (its holder, or customs). */
  async get(principal: Principal, id: string): Promise<DocumentRow> {
    const row = await this.repo.document(id);
    if (row === undefined || (isPartyScoped(principal) && row.holder_tin !== principal.partyTin)) {
      throw new DomainError('DOCUMENT_NOT_FOUND');
    }
    return row;
  }

  /** The wrapped document with `fields` hidden (selective disclosure); it still verifies. */
  async disclose(
    principal: Principal,
    id: string,
    fields: readonly string[],
  ): Promise<Record<string, unknown>> {
    const row = await this.get(principal, id);
    if (fields.length === 0) return row.wrapped;
    const data = oa.getData(row.wrapped as unknown as Wrapped) as unknown as Record<string, unknown>;
    for (const field of fields) {
      if (['issuers', '$template', 'documentKind', 'documentNumber'].includes(field.split('.')[0]!)) {
        throw new DomainError('DOCUMENT_FIELD_REQUIRED', undefined, { params: { field } });
      }
      if (getPath(data, field) === undefined)
        throw new DomainError('DOCUMENT_FIELD_UNKNOWN', undefined, { params: { field } });
    }
    return oa.obfuscate(row.wrapped as unknown as Wrapped, [...fields]) as unknown as Record<string, unknown>;
  }

  /** Revokes one document (not its batch) on the ledger, with a reason, and publishes `document.revoked`. */
  async revoke(principal: Principal, id: string, reason: string): Promise<DocumentRow> {
    const row = await this.get(principal, id);
    if (!canTransition(row.status, 'revoked'))
      throw new DomainError(row.status === 'pending' ? 'DOCUMENT_NOT_ISSUED' : 'DOCUMENT_ALREADY_REVOKED');
    const batch = await this.repo.batch(row.batch_id);
    if (batch === undefined) throw new DomainError('DOCUMENT_NOT_FOUND');
    if (batch.ledger_entry_id === null) throw new DomainError('DOCUMENT_NOT_ISSUED');
    await this.ledger.ledger.revokeMember(batch.ledger_entry_id, Buffer.from(row.target_hash, 'hex'), reason);
    const at = new Date();
    await this.repo.transaction(async (trx) => {
      if (!(await this.repo.markRevoked(trx, id, reason, at)))
        throw new DomainError('DOCUMENT_ALREADY_REVOKED');
      await publishEvents(trx, [
        {
          type: DOCUMENT_EVENTS.revoked,
          aggregateType: 'document',
          aggregateId: id,
          payload: {
            documentId: id,
            kind: row.kind,
            reference: row.reference,
            targetHash: row.target_hash,
            reason,
          },
        },
      ]);
    });
    this.onCommit();
    return { ...row, status: 'revoked', revocation_reason: reason, revoked_at: at };
  }

  /**
   * Verifies a presented wrapped document: integrity, issuer, anchored on the ledger, not revoked. A document of a
   * batch that is still pending (not finalized, even if its root already reached the ledger) is not anchored.
   */
  async verify(document: unknown): Promise<DocumentVerification> {
    const wrapped = document as Wrapped;
    let integrity: 'valid' | 'invalid' = 'invalid';
    let targetHash: string | null = null;
    let merkleRoot: string | null = null;
    let issuerOk = false;
    let hiddenFields = 0;
    try {
      if (oa.validateSchema(wrapped) && oa.verifySignature(wrapped)) integrity = 'valid';
      targetHash = oa.utils.getTargetHash(wrapped);
      merkleRoot = oa.utils.getMerkleRoot(wrapped);
      const data = oa.getData(wrapped) as unknown as { issuers?: unknown[] };
      issuerOk =
        Array.isArray(data.issuers) &&
        data.issuers.length === 1 &&
        isOurIssuer(data.issuers[0], this.issuer());
      hiddenFields = (oa.utils.getObfuscatedData(wrapped) as unknown[]).length;
    } catch {
      integrity = 'invalid';
    }
    let anchored: 'anchored' | 'not-anchored' = 'not-anchored';
    let revoked: string | null = null;
    let entryIndex: number | null = null;
    let treeSize: number | null = null;
    if (
      merkleRoot !== null &&
      /^[0-9a-f]{64}$/.test(merkleRoot) &&
      targetHash !== null &&
      /^[0-9a-f]{64}$/.test(targetHash)
    ) {
      const pending = (await this.repo.batchByMerkleRoot(merkleRoot))?.status === 'anchoring';
      const entryId = this.ledger.ledger.entryId({ root: Buffer.from(merkleRoot, 'hex') });
      const verdict = pending ? undefined : await this.ledger.ledger.verify(entryId);
      if (verdict !== undefined && verdict.status !== 'not-anchored') {
        anchored = 'anchored';
        entryIndex = verdict.evidence.index;
        treeSize = verdict.evidence.treeSize;
      }
      if (verdict?.status === 'revoked') revoked = verdict.revocation.reason;
      revoked ??= (await this.ledger.ledger.revocationOf(Buffer.from(targetHash, 'hex')))?.reason ?? null;
    }
    const checks = {
      integrity,
      issuer: issuerOk ? ('valid' as const) : ('unknown' as const),
      anchored,
      revocation: revoked === null ? ('not-revoked' as const) : ('revoked' as const),
    };
    return {
      valid: integrity === 'valid' && issuerOk && anchored === 'anchored' && revoked === null,
      checks,
      revocationReason: revoked,
      targetHash,
      merkleRoot,
      hiddenFields,
      ledger: { engine: this.ledger.ledger.engine, entryIndex, treeSize },
    };
  }

  /** Revocation status by target hash, for OCSP-style responders and TradeTrust verifiers. */
  async revocationStatus(targetHash: string): Promise<{ revoked: boolean; reason: string | null }> {
    const record = await this.ledger.ledger.revocationOf(Buffer.from(targetHash, 'hex'));
    return { revoked: record !== undefined, reason: record?.reason ?? null };
  }

  /**
   * For `aduana ledger verify`: each batch's Merkle root recomputed from its stored documents, pending or issued — a
   * batch anchored whose finalize has not run yet still matches what the ledger holds.
   */
  async rederive(batchIds: readonly string[]) {
    const docs = await this.repo.batchDocuments(batchIds);
    const out = new Map<string, { digest: Uint8Array | undefined; problems?: string[] }>();
    for (const batchId of batchIds) {
      const members = docs.filter((d) => d.batch_id === batchId);
      if (members.length === 0) continue;
      const problems: string[] = [];
      const hashes = members.map((d) => {
        const wrapped = d.wrapped as unknown as Wrapped;
        const recomputed = oa.digestDocument(wrapped);
        if (recomputed !== d.target_hash || !oa.verifySignature(wrapped)) {
          problems.push(`${d.kind} ${d.reference} (document ${d.id}) no longer matches its signed hashes`);
        }
        return Buffer.from(recomputed, 'hex');
      });
      out.set(batchId, { digest: new oa.MerkleTree(hashes).getRoot(), problems });
    }
    return out;
  }
}

function getPath(data: Record<string, unknown>, path: string): unknown {
  let current: unknown = data;
  for (const part of path.split('.')) {
    if (current === null || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[part];
  }
  return current;
}
