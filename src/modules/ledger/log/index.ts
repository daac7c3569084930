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

export type {
  AnchorInput,
  AnchorReceipt,
  InclusionEvidence,
  Ledger,
  LedgerCheckpoint,
  LedgerEngineName,
  LedgerVerification,
  RevocationRecord,
  RevocationReceipt,
} from '../ledger.port.js';
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
