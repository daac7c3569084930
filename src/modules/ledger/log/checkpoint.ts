import { LedgerLogError } from './errors.js';
import { decodeBase64, encodeBase64 } from './keys.js';
import { HASH_SIZE, type Hash } from './merkle.js';
import { openNote, parseNote, signNote, type NoteSigner, type NoteVerifier } from './note.js';

/**
 * Checkpoints in the C2SP tlog-checkpoint format: the note text is the origin line, the tree size
 * in decimal, the base64 root hash, then optional non-empty extension lines.
 *
 * ```
 * aduana.example/ledger
 * 20852163
 * CsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=
 * ```
 */
export interface Checkpoint {
  /** Unique identity of the log, e.g. `customs.gov.example/ledger`. */
  readonly origin: string;
  /** Number of leaves. */
  readonly size: number;
  /** RFC 6962 root hash of the first `size` leaves. */
  readonly rootHash: Hash;
  /** Opaque extension lines; not recommended, kept for interoperability. */
  readonly extensions: readonly string[];
}

/** A checkpoint note whose log signature has been verified. */
export interface OpenedCheckpoint {
  readonly checkpoint: Checkpoint;
  /** The exact note text that was signed (what witnesses cosign). */
  readonly text: string;
  /** The full note as received, all signature lines included. */
  readonly note: string;
}

function malformed(message: string): LedgerLogError {
  return new LedgerLogError('CHECKPOINT_MALFORMED', message);
}

/** The note text of a checkpoint. @throws LedgerLogError CHECKPOINT_MALFORMED */
export function formatCheckpoint(
  checkpoint: Omit<Checkpoint, 'extensions'> & { extensions?: readonly string[] },
): string {
  const extensions = checkpoint.extensions ?? [];
  if (checkpoint.origin.length === 0 || checkpoint.origin.includes('\n')) throw malformed('invalid origin');
  if (!Number.isSafeInteger(checkpoint.size) || checkpoint.size < 0) throw malformed('invalid tree size');
  if (checkpoint.rootHash.length !== HASH_SIZE) throw malformed('a root hash is 32 bytes');
  if (extensions.some((line) => line.length === 0 || line.includes('\n')))
    throw malformed('invalid extension line');
  return [checkpoint.origin, String(checkpoint.size), encodeBase64(checkpoint.rootHash), ...extensions]
    .map((line) => `${line}\n`)
    .join('');
}

/** Parses checkpoint note text (no signatures). @throws LedgerLogError CHECKPOINT_MALFORMED */
export function parseCheckpoint(text: string): Checkpoint {
  if (!text.endsWith('\n')) throw malformed('checkpoint text ends with a newline');
  const lines = text.slice(0, -1).split('\n');
  const [origin, sizeLine, rootLine, ...extensions] = lines;
  if (origin === undefined || sizeLine === undefined || rootLine === undefined) {
    throw malformed('a checkpoint has an origin, a size and a root hash line');
  }
  if (origin.length === 0) throw malformed('empty origin');
  if (!/^(0|[1-9][0-9]*)$/.test(sizeLine) || !Number.isSafeInteger(Number(sizeLine))) {
    throw malformed('tree size is a decimal number without leading zeroes');
  }
  const rootHash = decodeBase64(rootLine);
  if (rootHash === undefined || rootHash.length !== HASH_SIZE)
    throw malformed('root hash is base64 of 32 bytes');
  if (extensions.some((line) => line.length === 0)) throw malformed('extension lines are non-empty');
  return { origin, size: Number(sizeLine), rootHash, extensions };
}

/** Signs a checkpoint as a signed note. */
export function signCheckpoint(
  checkpoint: Parameters<typeof formatCheckpoint>[0],
  signer: NoteSigner,
): string {
  return signNote(formatCheckpoint(checkpoint), [signer]);
}

/**
 * The origin line of a checkpoint note, unverified: only for choosing which log key to verify with.
 * @throws LedgerLogError NOTE_MALFORMED or CHECKPOINT_MALFORMED
 */
export function checkpointOrigin(note: string): string {
  return parseCheckpoint(parseNote(note).text).origin;
}

/**
 * Verifies the log's signature on a checkpoint note and parses it. Other signatures (witnesses)
 * are ignored here; see `finality.ts` for counting them.
 * @throws LedgerLogError NOTE_MALFORMED, NOTE_BAD_SIGNATURE, NOTE_UNVERIFIED, CHECKPOINT_MALFORMED
 */
export function openCheckpoint(note: string, logVerifier: NoteVerifier): OpenedCheckpoint {
  const { text } = openNote(note, [logVerifier]);
  return { checkpoint: parseCheckpoint(text), text, note };
}
