import { openCheckpoint } from './checkpoint.js';
import { isLedgerLogError } from './errors.js';
import {
  checkFinality,
  type CompiledWitnessPolicy,
  type FinalityOptions,
  type WitnessPolicy,
} from './finality.js';
import type { InclusionEvidence } from '../ledger.port.js';
import { hashesEqual, verifyInclusion } from './merkle.js';
import { noteVerifier } from './note.js';

/**
 * Offline check of inclusion evidence by a partner administration or a trader: needs only the
 * log's published verifier key (and, for finality, the witness policy), never the log itself.
 */
export type EvidenceCheck =
  | { readonly valid: true; readonly final: boolean | undefined }
  | {
      readonly valid: false;
      /** `bad-checkpoint`: not signed by the log; `checkpoint-mismatch`: the proof claims another tree; `bad-proof`. */
      readonly reason: 'bad-checkpoint' | 'checkpoint-mismatch' | 'bad-proof';
    };

/**
 * Verifies that `evidence.leafHash` is in the tree of the log-signed checkpoint it carries; with a
 * policy, also whether that checkpoint is final (k-of-n witness cosignatures).
 */
export function checkInclusionEvidence(
  evidence: InclusionEvidence,
  logVerifierKey: string,
  policy?: WitnessPolicy | CompiledWitnessPolicy,
  options: FinalityOptions = {},
): EvidenceCheck {
  const verifier = noteVerifier(logVerifierKey);
  let signed;
  try {
    signed = openCheckpoint(evidence.checkpoint.attestation, verifier).checkpoint;
  } catch (error) {
    if (isLedgerLogError(error)) return { valid: false, reason: 'bad-checkpoint' };
    throw error;
  }
  if (
    signed.size !== evidence.treeSize ||
    signed.size !== evidence.checkpoint.size ||
    !hashesEqual(signed.rootHash, evidence.checkpoint.rootHash)
  ) {
    return { valid: false, reason: 'checkpoint-mismatch' };
  }
  if (!verifyInclusion(evidence.leafHash, evidence.index, signed.size, evidence.proof, signed.rootHash)) {
    return { valid: false, reason: 'bad-proof' };
  }
  const final =
    policy === undefined
      ? undefined
      : checkFinality(evidence.checkpoint.attestation, verifier, policy, options).final;
  return { valid: true, final };
}
