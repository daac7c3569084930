import { checkpointOrigin, openCheckpoint, type Checkpoint } from './checkpoint.js';
import type { CosignatureSigner } from './cosignature.js';
import { LedgerLogError, isLedgerLogError } from './errors.js';
import { decodeBase64, encodeBase64 } from './keys.js';
import { HASH_SIZE, checkConsistency, type Hash } from './merkle.js';
import { formatSignatureLine, noteVerifier, type NoteVerifier } from './note.js';

/**
 * The witness role a partner administration plays for another administration's log: it remembers,
 * per log origin, the latest checkpoint it cosigned, and cosigns a newer checkpoint only when a
 * consistency proof shows it extends that one. A log that forks its history cannot get the
 * witness's cosignature for both branches.
 *
 * The state is a plain JSON-serialisable object; every call returns a new state to persist
 * (in the same transaction as the cosignature is released).
 */

/** What the witness remembers about one log. */
export interface WitnessedLog {
  /** The log's checkpoint verifier key (vkey, type 0x01). */
  readonly verifierKey: string;
  /** The latest checkpoint this witness cosigned; absent before the first. */
  readonly latest?: {
    readonly size: number;
    /** Root hash, base64. */
    readonly rootHash: string;
    /** POSIX seconds of the cosignature. */
    readonly cosignedAt: number;
  };
}

/** Persistable witness state, keyed by log origin. */
export interface WitnessState {
  readonly version: 1;
  readonly logs: Readonly<Record<string, WitnessedLog>>;
}

/** A log's request to have a checkpoint cosigned (the shape of C2SP tlog-witness add-checkpoint). */
export interface AddCheckpointRequest {
  /** Size of the checkpoint the log believes this witness last cosigned (0 for none). */
  readonly oldSize: number;
  /** Consistency proof from `oldSize` to the new checkpoint's size. */
  readonly consistencyProof: readonly Hash[];
  /** The checkpoint as a note signed by the log. */
  readonly checkpoint: string;
}

/** The witness's answer: its cosignature line to append to the checkpoint note, and its new state. */
export interface AddCheckpointResult {
  readonly state: WitnessState;
  /** A signed-note signature line (`— <witness name> <base64>\n`). */
  readonly cosignature: string;
  readonly checkpoint: Checkpoint;
}

/** A witness state that knows the given logs and has cosigned nothing yet. */
export function createWitnessState(logs: readonly { origin: string; verifierKey: string }[]): WitnessState {
  let state: WitnessState = { version: 1, logs: {} };
  for (const log of logs) state = addWitnessedLog(state, log.origin, log.verifierKey);
  return state;
}

/** Adds (or re-keys) a log; its cosigning history is kept when the origin is already known. */
export function addWitnessedLog(state: WitnessState, origin: string, verifierKey: string): WitnessState {
  logVerifier(verifierKey); // refuses a malformed log key now rather than at cosigning time
  if (origin.length === 0 || origin.includes('\n')) {
    throw new LedgerLogError('WITNESS_MALFORMED', 'invalid log origin', { origin });
  }
  const previous = state.logs[origin];
  return { ...state, logs: { ...state.logs, [origin]: { ...previous, verifierKey } } };
}

function fail(
  code: Extract<
    LedgerLogError['code'],
    | 'WITNESS_MALFORMED'
    | 'WITNESS_UNKNOWN_LOG'
    | 'WITNESS_BAD_SIGNATURE'
    | 'WITNESS_STALE'
    | 'WITNESS_CONFLICT'
    | 'WITNESS_FORK_DETECTED'
    | 'WITNESS_BAD_PROOF'
  >,
  message: string,
  details: Record<string, string | number> = {},
): never {
  throw new LedgerLogError(code, message, details);
}

const MAX_CACHED_VERIFIERS = 256;
const verifiers = new Map<string, NoteVerifier>();

/** Verifiers are immutable and importing a key costs more than verifying, so keep recent ones. */
function logVerifier(verifierKey: string): NoteVerifier {
  let verifier = verifiers.get(verifierKey);
  if (verifier === undefined) {
    verifier = noteVerifier(verifierKey);
    if (verifiers.size >= MAX_CACHED_VERIFIERS) verifiers.delete(verifiers.keys().next().value!);
    verifiers.set(verifierKey, verifier);
  }
  return verifier;
}

function readOrigin(note: string): string {
  try {
    return checkpointOrigin(note);
  } catch {
    return fail('WITNESS_MALFORMED', 'the checkpoint is not a well-formed signed checkpoint note');
  }
}

/**
 * Verifies a checkpoint against everything this witness has seen of its log and, if it is
 * consistent, cosigns it.
 *
 * @param now POSIX seconds, stamped into the cosignature.
 * @throws LedgerLogError with code
 *   `WITNESS_MALFORMED` (unparseable request), `WITNESS_UNKNOWN_LOG` (origin not configured),
 *   `WITNESS_BAD_SIGNATURE` (not signed by the log's key), `WITNESS_STALE` (smaller than the
 *   latest cosigned tree), `WITNESS_CONFLICT` (`oldSize` is not the witness's latest size; details
 *   carry `latestSize` so the log can retry), `WITNESS_FORK_DETECTED` (same size with another root,
 *   or a proof showing the old tree was rewritten), `WITNESS_BAD_PROOF` (the proof does not hold).
 */
export function cosignCheckpoint(
  state: WitnessState,
  signer: CosignatureSigner,
  request: AddCheckpointRequest,
  now: number,
): AddCheckpointResult {
  const origin = readOrigin(request.checkpoint);
  const log = state.logs[origin];
  if (log === undefined)
    return fail('WITNESS_UNKNOWN_LOG', 'this witness does not follow that log', { origin });

  let opened: ReturnType<typeof openCheckpoint>;
  try {
    opened = openCheckpoint(request.checkpoint, logVerifier(log.verifierKey));
  } catch (error) {
    if (isLedgerLogError(error, 'CHECKPOINT_MALFORMED') || isLedgerLogError(error, 'NOTE_MALFORMED')) {
      return fail('WITNESS_MALFORMED', 'the checkpoint is not well formed', { origin });
    }
    return fail('WITNESS_BAD_SIGNATURE', 'the checkpoint is not signed by the log key', { origin });
  }
  const { checkpoint, text } = opened;
  const latestSize = log.latest?.size ?? 0;
  const latestRoot = log.latest === undefined ? undefined : decodeBase64(log.latest.rootHash);
  if (log.latest !== undefined && latestRoot?.length !== HASH_SIZE) {
    // Never fall back to trust-on-first-use because the remembered root is unreadable.
    return fail('WITNESS_MALFORMED', 'the remembered checkpoint of this log is corrupt', { origin });
  }

  if (checkpoint.size < latestSize) {
    return fail('WITNESS_STALE', 'the checkpoint is older than the one already cosigned', {
      origin,
      size: checkpoint.size,
      latestSize,
    });
  }
  if (request.oldSize !== latestSize) {
    return fail('WITNESS_CONFLICT', 'the proof starts from a size this witness has not cosigned', {
      origin,
      oldSize: request.oldSize,
      latestSize,
    });
  }
  if (latestRoot !== undefined) {
    const verdict = checkConsistency(latestSize, checkpoint.size, latestRoot, checkpoint.rootHash, [
      ...request.consistencyProof,
    ]);
    switch (verdict) {
      case 'consistent':
        break;
      case 'fork':
        return fail('WITNESS_FORK_DETECTED', 'the log presented two different histories', {
          origin,
          size: checkpoint.size,
          latestSize,
          latestRootHash: encodeBase64(latestRoot),
          rootHash: encodeBase64(checkpoint.rootHash),
        });
      case 'invalid-proof':
        return fail('WITNESS_BAD_PROOF', 'the consistency proof does not hold', {
          origin,
          size: checkpoint.size,
          latestSize,
        });
    }
  } else if (request.consistencyProof.length !== 0) {
    return fail('WITNESS_BAD_PROOF', 'a first checkpoint needs no consistency proof', { origin });
  }

  const signature = signer.cosign(text, now);
  const next: WitnessedLog = {
    verifierKey: log.verifierKey,
    latest: { size: checkpoint.size, rootHash: encodeBase64(checkpoint.rootHash), cosignedAt: now },
  };
  return {
    state: { ...state, logs: { ...state.logs, [origin]: next } },
    cosignature: formatSignatureLine(signer.name, signer.keyId, signature),
    checkpoint,
  };
}

/**
 * Narrows persisted JSON back to a {@link WitnessState}.
 * @throws LedgerLogError WITNESS_MALFORMED
 */
export function parseWitnessState(value: unknown): WitnessState {
  const bad = (): never => fail('WITNESS_MALFORMED', 'persisted witness state is not valid');
  if (typeof value !== 'object' || value === null) return bad();
  const { version, logs } = value as { version?: unknown; logs?: unknown };
  if (version !== 1 || typeof logs !== 'object' || logs === null) return bad();
  const parsed: Record<string, WitnessedLog> = {};
  for (const [origin, entry] of Object.entries(logs as Record<string, unknown>)) {
    if (typeof entry !== 'object' || entry === null) return bad();
    const { verifierKey, latest } = entry as { verifierKey?: unknown; latest?: unknown };
    if (typeof verifierKey !== 'string') return bad();
    if (latest === undefined) {
      parsed[origin] = { verifierKey };
      continue;
    }
    if (typeof latest !== 'object' || latest === null) return bad();
    const { size, rootHash, cosignedAt } = latest as Record<string, unknown>;
    if (
      typeof size !== 'number' ||
      !Number.isSafeInteger(size) ||
      size < 0 ||
      typeof rootHash !== 'string' ||
      decodeBase64(rootHash)?.length !== HASH_SIZE ||
      typeof cosignedAt !== 'number' ||
      !Number.isSafeInteger(cosignedAt)
    ) {
      return bad();
    }
    parsed[origin] = { verifierKey, latest: { size, rootHash, cosignedAt } };
  }
  return { version: 1, logs: parsed };
}
