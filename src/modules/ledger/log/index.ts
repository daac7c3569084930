/**
 * Ledger — local transparency log engine (the embedded default).
 *
 * An append-only RFC 6962 / RFC 9162 Merkle log whose checkpoints (C2SP tlog-checkpoint, signed
 * as C2SP signed notes with this administration's Ed25519 key) partner administrations cosign as
 * witnesses (C2SP tlog-cosignature v1) after checking consistency. A checkpoint is final once k
 * of the n configured witnesses have cosigned it. Only roots and hashes go on the log, never
 * trade data.
 *
 * Everything here is pure and storage-agnostic: storage implements {@link LogStorage} (or, for
 * proofs alone, {@link TreeStore}); HTTP and configuration wiring live elsewhere in the module.
 * Errors are {@link LedgerLogError}s with stable codes, translated through
 * `messages.en.json` / `messages.es.json`.
 *
 * @module
 */
import type { Hash } from './merkle.js';

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
}

export { TransparencyLog, type TransparencyLogOptions } from './log.js';
export { MemoryLogStorage, type LogStorage, type StoredEntry } from './memory-log-storage.js';
export {
  HASH_SIZE,
  assembleProof,
  checkConsistency,
  consistencyProof,
  decomposeRange,
  emptyRoot,
  foldRange,
  hashChildren,
  hashLeaf,
  hashesEqual,
  inclusionProof,
  planConsistencyProof,
  planInclusionProof,
  planNodes,
  planTreeHash,
  rootFromInclusionProof,
  subtreeHash,
  treeHash,
  verifyConsistency,
  verifyInclusion,
  type ConsistencyVerdict,
  type Hash,
  type LeafHashSource,
  type ProofPlan,
  type SubtreeId,
  type TreeStore,
} from './merkle.js';
export { MemoryTreeStore } from './memory-tree-store.js';
export { CompactRange } from './compact-range.js';
export {
  checkpointOrigin,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
  type Checkpoint,
  type OpenedCheckpoint,
} from './checkpoint.js';
export {
  addSignatureLines,
  formatSignatureLine,
  inspectNote,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  signNote,
  type NoteSignature,
  type NoteSigner,
  type NoteVerifier,
} from './note.js';
export {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  computeKeyId,
  encodeSignerKey,
  encodeVerifierKey,
  generateKeys,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
  type GeneratedKeys,
  type SignatureType,
  type SignerKey,
  type VerifierKey,
} from './keys.js';
export {
  cosignatureMessage,
  cosignatureSigner,
  cosignatureVerifier,
  type CosignatureSigner,
  type CosignatureVerifier,
} from './cosignature.js';
export {
  addWitnessedLog,
  cosignCheckpoint,
  createWitnessState,
  parseWitnessState,
  type AddCheckpointRequest,
  type AddCheckpointResult,
  type WitnessState,
  type WitnessedLog,
} from './witness.js';
export {
  checkFinality,
  compileWitnessPolicy,
  type CompiledWitnessPolicy,
  type FinalityOptions,
  type FinalityVerdict,
  type WitnessPolicy,
} from './finality.js';
export { checkInclusionEvidence, type EvidenceCheck } from './evidence.js';
export { anchorLeafHash, decodeEntry, encodeEntry, type LedgerEntry } from './entry.js';
export { LogAuditor, auditEntries, type AuditReport, type TrustedTreeHead } from './audit.js';
export {
  LEDGER_LOG_ERROR_CODES,
  LedgerLogError,
  isLedgerLogError,
  type LedgerLogErrorCode,
} from './errors.js';
