import { describe, expect, it } from 'vitest';
import { isLedgerLogError, type LedgerLogErrorCode } from './errors.js';
import { generateKeys } from './keys.js';
import {
  addSignatureLines,
  inspectNote,
  noteSigner,
  noteVerifier,
  openNote,
  parseNote,
  signNote,
  MAX_NOTE_SIGNATURES,
} from './note.js';

// The reference key and note published with the Go signed-note implementation (golang.org/x/mod/sumdb/note).
const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';
const TEXT =
  "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
const SIGNATURE_LINE =
  '\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n';
const NOTE = `${TEXT}\n${SIGNATURE_LINE}`;

function codeOf(fn: () => unknown): LedgerLogErrorCode | 'none' | 'other' {
  try {
    fn();
    return 'none';
  } catch (error) {
    return isLedgerLogError(error) ? error.code : 'other';
  }
}

describe('signed notes', () => {
  it('reproduces the reference note byte for byte (Ed25519 is deterministic)', () => {
    expect(signNote(TEXT, [noteSigner(SKEY)])).toBe(NOTE);
  });

  it('opens the reference note with the reference verifier key', () => {
    const opened = openNote(NOTE, [noteVerifier(VKEY)]);
    expect(opened.text).toBe(TEXT);
    expect(opened.verified.map((s) => [s.name, s.keyId])).toEqual([['PeterNeumann', 0xc74f20a3]]);
  });

  it('rejects the whole note when its text was altered', () => {
    expect(codeOf(() => openNote(NOTE.replace('cryptography', 'cryptographY'), [noteVerifier(VKEY)]))).toBe(
      'NOTE_BAD_SIGNATURE',
    );
  });

  it('rejects a note that no known key signed, and ignores unknown signatures otherwise', () => {
    const other = generateKeys('aduana.example/other');
    expect(codeOf(() => openNote(NOTE, [noteVerifier(other.verifierKey)]))).toBe('NOTE_UNVERIFIED');
    const both = signNote(TEXT, [noteSigner(other.signerKey), noteSigner(SKEY)]);
    const opened = openNote(both, [noteVerifier(VKEY)]);
    expect(opened.verified.map((s) => s.name)).toEqual(['PeterNeumann']);
  });

  it('ignores a signature that shares only the name of a known key', () => {
    const impostor = generateKeys('PeterNeumann');
    const note = addSignatureLines(NOTE, [
      signNote(TEXT, [noteSigner(impostor.signerKey)]).slice(TEXT.length + 1),
    ]);
    const inspected = inspectNote(note, [noteVerifier(VKEY)]);
    expect(inspected.signatures.map((s) => s.status)).toEqual(['verified', 'unknown-key']);
  });

  it('reports each key once when a signature line is repeated', () => {
    const inspected = inspectNote(`${NOTE}${SIGNATURE_LINE}`, [noteVerifier(VKEY)]);
    expect(inspected.signatures).toHaveLength(1);
  });

  it.each([
    ['no blank line before the signatures', `${TEXT}${SIGNATURE_LINE}`],
    ['no signature', `${TEXT}\n`],
    ['a signature line without final newline', NOTE.slice(0, -1)],
    ['a hyphen instead of an em dash', NOTE.replace('\u2014', '-')],
    ['non-canonical base64', NOTE.replace('AM=\n', 'AN=\n')],
    ['a control character', NOTE.replace('problem,', 'problem,\t')],
    ['a key name with a plus', NOTE.replace('\u2014 PeterNeumann', '\u2014 Peter+Neumann')],
    ['a signature too short to hold a key ID', `${TEXT}\n\u2014 PeterNeumann AAAA\n`],
    ['a lone surrogate', NOTE.replace('answer', 'answer\ud800')],
  ])('refuses a malformed note: %s', (_, note) => {
    expect(codeOf(() => parseNote(note))).toBe('NOTE_MALFORMED');
  });

  it(`refuses more than ${MAX_NOTE_SIGNATURES} signature lines`, () => {
    expect(codeOf(() => parseNote(`${TEXT}\n${SIGNATURE_LINE.repeat(MAX_NOTE_SIGNATURES + 1)}`))).toBe(
      'NOTE_MALFORMED',
    );
    expect(codeOf(() => parseNote(`${TEXT}\n${SIGNATURE_LINE.repeat(16)}`))).toBe('none');
  });

  it('refuses to sign a text that does not end with a newline', () => {
    expect(codeOf(() => signNote('no newline', [noteSigner(SKEY)]))).toBe('NOTE_MALFORMED');
  });

  it('refuses two verifiers with the same name and key ID', () => {
    expect(codeOf(() => inspectNote(NOTE, [noteVerifier(VKEY), noteVerifier(VKEY)]))).toBe(
      'NOTE_KEY_MALFORMED',
    );
  });

  it('appends new signature lines once and keeps the note verifiable', () => {
    const witness = generateKeys('witness.example/w1');
    const line = signNote(TEXT, [noteSigner(witness.signerKey)]).slice(TEXT.length + 1);
    const merged = addSignatureLines(addSignatureLines(NOTE, [line]), [line.trimEnd()]);
    expect(merged).toBe(`${NOTE}${line}`);
    const opened = openNote(merged, [noteVerifier(VKEY), noteVerifier(witness.verifierKey)]);
    expect(opened.verified).toHaveLength(2);
  });

  it('refuses to append a line that is not a signature line', () => {
    expect(codeOf(() => addSignatureLines(NOTE, ['not a signature']))).toBe('NOTE_MALFORMED');
  });
});
