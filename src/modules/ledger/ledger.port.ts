/**
 * The ledger port: what the platform needs from a tamper-evident ledger, whichever engine backs it —
 * the local RFC 6962 transparency log with witnesses (`log/`), or an EVM document store (`evm/`).
 * Chosen by configuration (`ADUANA_LEDGER_ENGINE`); both pass the same contract suite
 * (`ledger.contract-suite.ts`).
 *
 * @module
 */
import type { Hash } from './log/merkle.js';

/** The engines behind the port. */
export type LedgerEngineName = 'transparency-log' | 'evm';

/** A ledger's statement of its current state. */
export interface LedgerCheckpoint {
  /** Number of entries covered. */
  readonly size: number;
  /** Root over those entries. */
  readonly rootHash: Hash;
  /**
   * Engine-specific attestation of (size, root): for the transparency log, the C2SP checkpoint note
   * signed by the log and, as they arrive, cosigned by witnesses.
   */
  readonly attestation: string;
}

/** What to anchor: a batch's Merkle root (32 bytes), or small data (≤ 1 KiB) such as an event digest. */
export type AnchorInput = { readonly root: Hash } | { readonly data: Uint8Array };

/** Proof of acceptance returned by {@link Ledger.anchor}. */
export interface AnchorReceipt {
  /** Position of the entry in the ledger. */
  readonly index: number;
  /** The identifier of the anchored entry; what `proveInclusion`, `verify` and `revoke` take. */
  readonly leafHash: Hash;
  /** Ledger size right after the entry was appended (at least `index + 1`). */
  readonly treeSize: number;
}

/** Receipt of a revocation: the revocation is itself a ledger entry. */
export interface RevocationReceipt extends AnchorReceipt {
  /** The leaf hash that was revoked. */
  readonly revoked: Hash;
  readonly reason: string;
}

/** Everything a third party needs to check, offline, that an entry is in the ledger. */
export interface InclusionEvidence {
  readonly leafHash: Hash;
  readonly index: number;
  readonly treeSize: number;
  /** RFC 9162 inclusion path, bottom-up. */
  readonly proof: readonly Hash[];
  /** The signed checkpoint of `treeSize` the proof leads to. */
  readonly checkpoint: LedgerCheckpoint;
}

/** A revocation as recorded in the ledger. */
export interface RevocationRecord {
  /** Position of the revocation entry. */
  readonly index: number;
  /** Identifier of the revocation entry itself. */
  readonly leafHash: Hash;
  readonly reason: string;
}

/** Outcome of {@link Ledger.verify}. */
export type LedgerVerification =
  | { readonly status: 'not-anchored'; readonly leafHash: Hash }
  | { readonly status: 'anchored'; readonly leafHash: Hash; readonly evidence: InclusionEvidence }
  | {
      readonly status: 'revoked';
      readonly leafHash: Hash;
      readonly evidence: InclusionEvidence;
      readonly revocation: { readonly index: number; readonly reason: string };
    };

/**
 * The ledger port: what the platform needs from a tamper-evident ledger, whichever engine backs
 * it — this local transparency log, or an EVM document store (TradeTrust style) where `index`
 * and `treeSize` map to the engine's own ordering and the attestation is a chain reference.
 * Chosen by configuration.
 */
export interface Ledger {
  /** Which engine backs the port, for reports and evidence. */
  readonly engine: LedgerEngineName;

  /**
   * The identifier under which `input` is (or would be) anchored: what `verify`, `proveInclusion` and
   * `revoke` take. A verifier holding a document's Merkle root computes it without asking the ledger.
   * @throws LedgerLogError LEDGER_INVALID_ANCHOR
   */
  entryId(input: AnchorInput): Hash;

  /**
   * Appends a root (or small data) to the ledger. Idempotent: anchoring the same input again
   * returns the receipt of the first anchor.
   * @throws LedgerLogError LEDGER_INVALID_ANCHOR for a root that is not 32 bytes or oversized data
   */
  anchor(input: AnchorInput): Promise<AnchorReceipt>;

  /**
   * Proves that an anchored entry is in the ledger, against the latest checkpoint or, with
   * `treeSize`, a stored earlier one (such as the last final checkpoint a partner holds).
   * @throws LedgerLogError LEDGER_UNKNOWN_ENTRY, LEDGER_UNKNOWN_CHECKPOINT
   */
  proveInclusion(leafHash: Hash, options?: { readonly treeSize?: number }): Promise<InclusionEvidence>;

  /** The ledger's latest checkpoint (for the log: signing a new one if entries arrived since). */
  checkpoint(): Promise<LedgerCheckpoint>;

  /**
   * Whether `leafHash` is anchored, anchored then revoked, or unknown, with inclusion evidence.
   * @throws LedgerLogError LEDGER_TAMPERED if the engine's storage no longer matches what it signed
   */
  verify(leafHash: Hash): Promise<LedgerVerification>;

  /**
   * Revokes an anchored entry (e.g. a certificate of origin withdrawn after verification); the
   * revocation is recorded as its own entry so it is as tamper-evident as the anchor.
   * @throws LedgerLogError LEDGER_UNKNOWN_ENTRY, LEDGER_NOT_REVOCABLE, LEDGER_ALREADY_REVOKED,
   *   LEDGER_INVALID_ANCHOR (empty or over-long reason)
   */
  revoke(leafHash: Hash, reason: string): Promise<RevocationReceipt>;

  /**
   * Revokes one member of an anchored batch — a document whose hash sits under an anchored Merkle
   * root (TradeTrust style) — without revoking its batch. The caller vouches for membership; a
   * verifier checks it with the member's own proof to the root.
   * @throws LedgerLogError LEDGER_UNKNOWN_ENTRY (batch not anchored), LEDGER_ALREADY_REVOKED,
   *   LEDGER_INVALID_ANCHOR
   */
  revokeMember(anchorId: Hash, member: Hash, reason: string): Promise<RevocationReceipt>;

  /** The revocation recorded against `target` (an anchored entry or a batch member), if any. */
  revocationOf(target: Hash): Promise<RevocationRecord | undefined>;
}
