import { LedgerLogError } from './errors.js';
import {
  SIGNATURE_TYPE_ED25519,
  decodeBase64,
  encodeBase64,
  isValidKeyName,
  parseSignerKey,
  readVerifierKey,
  privateKeyObject,
  signEd25519,
  verifyEd25519,
} from './keys.js';

/**
 * C2SP signed notes (c2sp.org/signed-note): a text ending in a newline, a blank line, then one or
 * more lines `— <key name> base64(4-byte key ID ‖ signature)`.
 */

/** Something that can check one key's signatures over a note text. */
export interface NoteVerifier {
  readonly name: string;
  readonly keyId: number;
  verify(text: string, signature: Uint8Array): boolean;
}

/** Something that can sign a note text with one key. */
export interface NoteSigner {
  readonly name: string;
  readonly keyId: number;
  sign(text: string): Uint8Array;
}

/** One signature line, decoded but not verified. */
export interface NoteSignature {
  readonly name: string;
  readonly keyId: number;
  /** The signature bytes after the key ID. */
  readonly signature: Uint8Array;
}

/** A note split into its text and signature lines. */
export interface ParsedNote {
  readonly text: string;
  readonly signatures: readonly NoteSignature[];
}

/** Per-signature outcome of {@link inspectNote}. */
export type SignatureStatus = 'verified' | 'invalid' | 'unknown-key';

export interface InspectedNote {
  readonly text: string;
  readonly signatures: readonly (NoteSignature & { readonly status: SignatureStatus })[];
}

/** Notes with more signature lines than this are refused (the spec asks for at least 16). */
export const MAX_NOTE_SIGNATURES = 100;
const EM_DASH_PREFIX = '\u2014 ';
const FORBIDDEN_CONTROL = /[\u0000-\u0009\u000b-\u001f]/u;

function malformed(message: string): LedgerLogError {
  return new LedgerLogError('NOTE_MALFORMED', message);
}

function assertNoteCharacters(text: string): void {
  if (FORBIDDEN_CONTROL.test(text))
    throw malformed('a note must not contain control characters other than newline');
  if (Buffer.from(text, 'utf8').toString('utf8') !== text)
    throw malformed('a note must be well-formed UTF-8');
}

/** Ed25519 (type 0x01) verifier from a vkey. @throws LedgerLogError NOTE_KEY_MALFORMED */
export function noteVerifier(vkey: string): NoteVerifier {
  const key = readVerifierKey(vkey);
  if (key.type !== SIGNATURE_TYPE_ED25519) {
    throw new LedgerLogError('NOTE_KEY_MALFORMED', 'not an Ed25519 note key (type 0x01)');
  }
  const publicKey = key.keyObject;
  return {
    name: key.name,
    keyId: key.keyId,
    verify: (text, signature) => verifyEd25519(publicKey, Buffer.from(text, 'utf8'), signature),
  };
}

/** Ed25519 (type 0x01) signer from a signer key. @throws LedgerLogError NOTE_KEY_MALFORMED */
export function noteSigner(skey: string): NoteSigner {
  const key = parseSignerKey(skey);
  if (key.type !== SIGNATURE_TYPE_ED25519) {
    throw new LedgerLogError('NOTE_KEY_MALFORMED', 'not an Ed25519 note key (type 0x01)');
  }
  const privateKey = privateKeyObject(key.seed);
  return {
    name: key.name,
    keyId: key.keyId,
    sign: (text) => signEd25519(privateKey, Buffer.from(text, 'utf8')),
  };
}

/** One signature line, newline included. */
export function formatSignatureLine(name: string, keyId: number, signature: Uint8Array): string {
  const blob = Buffer.alloc(4 + signature.length);
  blob.writeUInt32BE(keyId, 0);
  blob.set(signature, 4);
  return `${EM_DASH_PREFIX}${name} ${encodeBase64(blob)}\n`;
}

/** Signs `text` (which must end in a newline) with every signer, in order. */
export function signNote(text: string, signers: readonly NoteSigner[]): string {
  if (text.length === 0 || !text.endsWith('\n')) throw malformed('note text must end with a newline');
  assertNoteCharacters(text);
  if (signers.length === 0) throw malformed('a signed note needs at least one signature');
  const lines = signers.map((signer) => formatSignatureLine(signer.name, signer.keyId, signer.sign(text)));
  return `${text}\n${lines.join('')}`;
}

/**
 * Splits a note at its last blank line and decodes its signature lines, without verifying them.
 * @throws LedgerLogError NOTE_MALFORMED
 */
export function parseNote(note: string): ParsedNote {
  assertNoteCharacters(note);
  const split = note.lastIndexOf('\n\n');
  if (split < 0) throw malformed('a signed note has a blank line before its signatures');
  const text = note.slice(0, split + 1);
  const block = note.slice(split + 2);
  if (block.length === 0 || !block.endsWith('\n')) throw malformed('signature lines must end with a newline');
  const lines = block.slice(0, -1).split('\n');
  if (lines.length > MAX_NOTE_SIGNATURES) throw malformed('too many signatures');
  const signatures = lines.map((line): NoteSignature => {
    if (!line.startsWith(EM_DASH_PREFIX))
      throw malformed('a signature line starts with an em dash and a space');
    const rest = line.slice(EM_DASH_PREFIX.length);
    const space = rest.indexOf(' ');
    const name = rest.slice(0, space);
    const blob = space < 0 ? undefined : decodeBase64(rest.slice(space + 1));
    if (!isValidKeyName(name) || blob === undefined || blob.length < 5)
      throw malformed('malformed signature line');
    return { name, keyId: Buffer.from(blob).readUInt32BE(0), signature: blob.subarray(4) };
  });
  return { text, signatures };
}

function verifierIndex(verifiers: readonly NoteVerifier[]): Map<string, NoteVerifier> {
  const index = new Map<string, NoteVerifier>();
  for (const verifier of verifiers) {
    const id = `${verifier.name}\u0000${verifier.keyId}`;
    if (index.has(id)) {
      throw new LedgerLogError('NOTE_KEY_MALFORMED', 'two verifiers share a key name and key ID', {
        name: verifier.name,
      });
    }
    index.set(id, verifier);
  }
  return index;
}

/**
 * Checks every signature of a note that comes from a known key, without deciding for the caller:
 * unknown keys are reported (never trusted), repeated lines of one key are reported once.
 */
export function inspectNote(note: string, verifiers: readonly NoteVerifier[]): InspectedNote {
  const { text, signatures } = parseNote(note);
  const known = verifierIndex(verifiers);
  const seen = new Set<string>();
  const results: (NoteSignature & { status: SignatureStatus })[] = [];
  for (const signature of signatures) {
    const id = `${signature.name}\u0000${signature.keyId}`;
    if (seen.has(id)) continue;
    seen.add(id);
    const verifier = known.get(id);
    const status: SignatureStatus =
      verifier === undefined
        ? 'unknown-key'
        : verifier.verify(text, signature.signature)
          ? 'verified'
          : 'invalid';
    results.push({ ...signature, status });
  }
  return { text, signatures: results };
}

/**
 * Opens a note the way the signed-note spec requires: a failing signature from a known key
 * rejects the whole note, and at least one known key must have signed it.
 * @returns the text and the signatures that verified.
 * @throws LedgerLogError NOTE_MALFORMED, NOTE_BAD_SIGNATURE or NOTE_UNVERIFIED
 */
export function openNote(
  note: string,
  verifiers: readonly NoteVerifier[],
): { text: string; verified: readonly NoteSignature[] } {
  const inspected = inspectNote(note, verifiers);
  const bad = inspected.signatures.find((s) => s.status === 'invalid');
  if (bad !== undefined) {
    throw new LedgerLogError('NOTE_BAD_SIGNATURE', 'a signature from a known key does not verify', {
      name: bad.name,
    });
  }
  const verified = inspected.signatures.filter((s) => s.status === 'verified');
  if (verified.length === 0) throw new LedgerLogError('NOTE_UNVERIFIED', 'no known key signed this note');
  return { text: inspected.text, verified };
}

/** Appends signature lines (e.g. witness cosignatures) to a signed note, skipping exact repeats. */
export function addSignatureLines(note: string, lines: readonly string[]): string {
  parseNote(note);
  let result = note;
  for (const line of lines) {
    const normalised = line.endsWith('\n') ? line : `${line}\n`;
    parseNote(`x\n\n${normalised}`); // each line on its own must be a well-formed signature line
    if (!result.includes(`\n${normalised}`)) result += normalised;
  }
  return result;
}
