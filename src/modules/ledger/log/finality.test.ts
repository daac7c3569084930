import { describe, expect, it } from 'vitest';
import { signCheckpoint } from './checkpoint.js';
import { cosignatureSigner } from './cosignature.js';
import { isLedgerLogError, type LedgerLogErrorCode } from './errors.js';
import { checkFinality, compileWitnessPolicy } from './finality.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, generateKeys, type GeneratedKeys } from './keys.js';
import { MemoryTreeStore } from './memory-tree-store.js';
import { hashLeaf } from './merkle.js';
import { addSignatureLines, formatSignatureLine, noteSigner, noteVerifier, parseNote } from './note.js';
import { cosignCheckpoint, createWitnessState } from './witness.js';

const ORIGIN = 'aduana.gob.example/ledger';
const NOW = 1_760_000_000;
const logKeys = generateKeys(ORIGIN);
const logVerifier = noteVerifier(logKeys.verifierKey);
const witnesses: GeneratedKeys[] = ['aduana.cr.example', 'aduana.pa.example', 'aduana.do.example'].map(
  (name) => generateKeys(`${name}/witness`, SIGNATURE_TYPE_COSIGNATURE_V1),
);
const policy = { threshold: 2, witnesses: witnesses.map((w) => w.verifierKey) };

const tree = new MemoryTreeStore();
for (let i = 0; i < 20; i += 1) tree.append(hashLeaf(Buffer.from(`transit declaration ${i}`)));
const NOTE = signCheckpoint(
  { origin: ORIGIN, size: tree.size, rootHash: tree.root() },
  noteSigner(logKeys.signerKey),
);
const TEXT = parseNote(NOTE).text;

/** The cosignature line witness `i` returns after checking the checkpoint. */
function cosignedBy(i: number, timestamp = NOW): string {
  const state = createWitnessState([{ origin: ORIGIN, verifierKey: logKeys.verifierKey }]);
  const signer = cosignatureSigner(witnesses[i]!.signerKey);
  return cosignCheckpoint(state, signer, { oldSize: 0, consistencyProof: [], checkpoint: NOTE }, timestamp)
    .cosignature;
}

function codeOf(fn: () => unknown): LedgerLogErrorCode | 'none' | 'other' {
  try {
    fn();
    return 'none';
  } catch (error) {
    return isLedgerLogError(error) ? error.code : 'other';
  }
}

describe('k-of-n finality', () => {
  it('is not final on the log signature alone', () => {
    const verdict = checkFinality(NOTE, logVerifier, policy);
    expect(verdict.final).toBe(false);
    expect(verdict.cosignedBy).toEqual([]);
    expect(verdict.checkpoint.size).toBe(20);
  });

  it('is not final with one cosignature when two are required', () => {
    expect(checkFinality(addSignatureLines(NOTE, [cosignedBy(0)]), logVerifier, policy).final).toBe(false);
  });

  it('is final once two of the three witnesses cosigned', () => {
    const verdict = checkFinality(
      addSignatureLines(NOTE, [cosignedBy(0), cosignedBy(2)]),
      logVerifier,
      policy,
    );
    expect(verdict.final).toBe(true);
    expect(verdict.cosignedBy.map((c) => c.name)).toEqual([
      'aduana.cr.example/witness',
      'aduana.do.example/witness',
    ]);
    expect(verdict.cosignedBy[0]?.timestamp).toBe(NOW);
  });

  it('counts a witness once however many times its line appears', () => {
    const line = cosignedBy(1);
    const note = `${NOTE}${line}${line}`;
    expect(checkFinality(note, logVerifier, policy).cosignedBy).toHaveLength(1);
  });

  it('ignores cosignatures from witnesses outside the configured set', () => {
    const outsider = generateKeys('someone.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);
    const line = formatSignatureLine(
      'someone.example/witness',
      cosignatureSigner(outsider.signerKey).keyId,
      cosignatureSigner(outsider.signerKey).cosign(TEXT, NOW),
    );
    const verdict = checkFinality(addSignatureLines(NOTE, [cosignedBy(0), line]), logVerifier, policy);
    expect(verdict.final).toBe(false);
    expect(verdict.rejected).toEqual([]);
  });

  it('reports and does not count a forged cosignature, while still counting valid ones', () => {
    const [genuine] = parseNote(`x\n\n${cosignedBy(1)}`).signatures;
    const tampered = Uint8Array.from(genuine!.signature);
    tampered[40]! ^= 0x01; // inside the Ed25519 signature, after the 8-byte timestamp
    const forged = formatSignatureLine(genuine!.name, genuine!.keyId, tampered);
    const note = addSignatureLines(NOTE, [cosignedBy(0), forged, cosignedBy(2)]);
    const verdict = checkFinality(note, logVerifier, policy);
    expect(verdict.final).toBe(true);
    expect(verdict.rejected).toEqual([{ name: 'aduana.pa.example/witness', reason: 'invalid' }]);
  });

  it('does not count cosignatures stamped beyond the allowed clock skew', () => {
    const note = addSignatureLines(NOTE, [cosignedBy(0), cosignedBy(1, NOW + 3600)]);
    const verdict = checkFinality(note, logVerifier, policy, { now: NOW, maxFutureSkewSeconds: 60 });
    expect(verdict.final).toBe(false);
    expect(verdict.rejected).toEqual([{ name: 'aduana.pa.example/witness', reason: 'future-timestamp' }]);
  });

  it('throws when the log signature itself is missing or wrong', () => {
    const stranger = noteVerifier(generateKeys(ORIGIN).verifierKey);
    expect(codeOf(() => checkFinality(NOTE, stranger, policy))).toBe('NOTE_UNVERIFIED');
  });

  it.each([
    ['a threshold of zero', { threshold: 0, witnesses: policy.witnesses }],
    ['a threshold above the witness count', { threshold: 4, witnesses: policy.witnesses }],
    ['a fractional threshold', { threshold: 1.5, witnesses: policy.witnesses }],
    ['a witness listed twice', { threshold: 1, witnesses: [policy.witnesses[0]!, policy.witnesses[0]!] }],
  ])('refuses a policy with %s', (_, bad) => {
    expect(codeOf(() => compileWitnessPolicy(bad))).toBe('FINALITY_BAD_POLICY');
  });

  it('refuses a policy whose witness key is a log key rather than a cosigner key', () => {
    expect(codeOf(() => compileWitnessPolicy({ threshold: 1, witnesses: [logKeys.verifierKey] }))).toBe(
      'NOTE_KEY_MALFORMED',
    );
  });
});
