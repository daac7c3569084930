import { openCheckpoint, type Checkpoint } from './checkpoint.js';
import { cosignatureVerifier, type CosignatureVerifier } from './cosignature.js';
import { LedgerLogError } from './errors.js';
import { inspectNote, type NoteVerifier } from './note.js';

/**
 * k-of-n finality: a checkpoint is final once at least `threshold` distinct witnesses of the
 * configured set have validly cosigned it. Below the threshold a checkpoint is only the log's
 * own claim, which a split view could contradict.
 */

/** The configured witness set and threshold (k of n). */
export interface WitnessPolicy {
  /** k: how many distinct witnesses must cosign. */
  readonly threshold: number;
  /** The n witnesses, as cosigner verifier keys (vkeys of type 0x04). */
  readonly witnesses: readonly string[];
}

/** A policy with its keys parsed, ready to check many checkpoints. */
export interface CompiledWitnessPolicy {
  readonly threshold: number;
  readonly verifiers: readonly CosignatureVerifier[];
}

export interface FinalityOptions {
  /** POSIX seconds now; with it, cosignatures stamped further in the future than the skew are not counted. */
  readonly now?: number;
  /** Allowed clock skew in seconds (default 300). */
  readonly maxFutureSkewSeconds?: number;
}

export interface FinalityVerdict {
  readonly final: boolean;
  readonly checkpoint: Checkpoint;
  readonly threshold: number;
  /** Witnesses whose cosignature counted, with its timestamp. */
  readonly cosignedBy: readonly { readonly name: string; readonly timestamp: number }[];
  /** Configured witnesses whose cosignature line is present but invalid or stamped in the future. */
  readonly rejected: readonly { readonly name: string; readonly reason: 'invalid' | 'future-timestamp' }[];
}

/**
 * Validates and parses a policy.
 * @throws LedgerLogError FINALITY_BAD_POLICY (threshold outside 1..n, duplicate witness) or
 *   NOTE_KEY_MALFORMED (a witness key is not a cosigner vkey)
 */
export function compileWitnessPolicy(policy: WitnessPolicy): CompiledWitnessPolicy {
  const n = policy.witnesses.length;
  if (!Number.isInteger(policy.threshold) || policy.threshold < 1 || policy.threshold > n) {
    throw new LedgerLogError(
      'FINALITY_BAD_POLICY',
      'the threshold must be between 1 and the number of witnesses',
      {
        threshold: policy.threshold,
        witnesses: n,
      },
    );
  }
  const verifiers = policy.witnesses.map((vkey) => cosignatureVerifier(vkey));
  const names = new Set(verifiers.map((v) => v.name));
  if (names.size !== n) {
    throw new LedgerLogError('FINALITY_BAD_POLICY', 'each witness may appear only once', { witnesses: n });
  }
  return { threshold: policy.threshold, verifiers };
}

/**
 * Decides whether a checkpoint note is final under a policy. The log's own signature must verify
 * (else it throws, as for {@link openCheckpoint}); cosignature lines from keys outside the policy
 * are ignored; an invalid cosignature from a configured witness is reported, not counted, and does
 * not stop the others from counting.
 */
export function checkFinality(
  note: string,
  logVerifier: NoteVerifier,
  policy: CompiledWitnessPolicy | WitnessPolicy,
  options: FinalityOptions = {},
): FinalityVerdict {
  const compiled = 'verifiers' in policy ? policy : compileWitnessPolicy(policy);
  const { checkpoint } = openCheckpoint(note, logVerifier);
  const byId = new Map(compiled.verifiers.map((v) => [`${v.name}\u0000${v.keyId}`, v]));
  const latestAcceptable =
    options.now === undefined ? Infinity : options.now + (options.maxFutureSkewSeconds ?? 300);

  const cosignedBy: { name: string; timestamp: number }[] = [];
  const rejected: { name: string; reason: 'invalid' | 'future-timestamp' }[] = [];
  for (const signature of inspectNote(note, compiled.verifiers).signatures) {
    const verifier = byId.get(`${signature.name}\u0000${signature.keyId}`);
    if (verifier === undefined) continue;
    if (signature.status !== 'verified') {
      rejected.push({ name: signature.name, reason: 'invalid' });
      continue;
    }
    const timestamp = verifier.timestampOf(signature.signature) ?? Infinity;
    if (timestamp > latestAcceptable) {
      rejected.push({ name: signature.name, reason: 'future-timestamp' });
      continue;
    }
    cosignedBy.push({ name: signature.name, timestamp });
  }
  return {
    final: cosignedBy.length >= compiled.threshold,
    checkpoint,
    threshold: compiled.threshold,
    cosignedBy,
    rejected,
  };
}
