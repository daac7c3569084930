import { describe, expect, it } from 'vitest';
import { formatCheckpoint } from './checkpoint.js';
import { cosignatureMessage, cosignatureSigner, cosignatureVerifier } from './cosignature.js';
import { isLedgerLogError } from './errors.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, generateKeys, parseVerifierKey } from './keys.js';
import { emptyRoot } from './merkle.js';
import { noteSigner, noteVerifier, openNote, signNote } from './note.js';

const TEXT = formatCheckpoint({ origin: 'aduana.gob.example/ledger', size: 3, rootHash: emptyRoot() });
const witness = generateKeys('aduanas.partner.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);

describe('cosignature/v1', () => {
  it('signs the header line, the time line and the checkpoint text', () => {
    expect(cosignatureMessage('example.com/log\n1\nAAAA\n', 1679315147)).toBe(
      'cosignature/v1\ntime 1679315147\nexample.com/log\n1\nAAAA\n',
    );
  });

  it('carries the timestamp as 8 big-endian bytes before a 64-byte signature', () => {
    const signature = cosignatureSigner(witness.signerKey).cosign(TEXT, 1_700_000_000);
    expect(signature).toHaveLength(72);
    expect(Buffer.from(signature).readBigUInt64BE(0)).toBe(1_700_000_000n);
    expect(cosignatureVerifier(witness.verifierKey).timestampOf(signature)).toBe(1_700_000_000);
  });

  it('verifies as a note signature with the cosigner key ID (type 0x04)', () => {
    const signer = cosignatureSigner(witness.signerKey, () => 1_700_000_123);
    const verifier = cosignatureVerifier(witness.verifierKey);
    expect(signer.keyId).toBe(parseVerifierKey(witness.verifierKey).keyId);
    const opened = openNote(signNote(TEXT, [signer]), [verifier]);
    expect(opened.verified.map((s) => s.name)).toEqual(['aduanas.partner.example/witness']);
  });

  it('fails when the timestamp is altered', () => {
    const signature = Buffer.from(cosignatureSigner(witness.signerKey).cosign(TEXT, 1_700_000_000));
    signature.writeBigUInt64BE(1_700_000_001n, 0);
    expect(cosignatureVerifier(witness.verifierKey).verify(TEXT, signature)).toBe(false);
  });

  it('fails for another checkpoint and for a truncated signature', () => {
    const signature = cosignatureSigner(witness.signerKey).cosign(TEXT, 1);
    const verifier = cosignatureVerifier(witness.verifierKey);
    expect(verifier.verify(TEXT.replace('\n3\n', '\n4\n'), signature)).toBe(false);
    expect(verifier.verify(TEXT, signature.subarray(0, 71))).toBe(false);
  });

  it('is not accepted as a plain Ed25519 checkpoint signature, nor the reverse', () => {
    const logKeys = generateKeys('aduana.gob.example/ledger');
    expect(() => cosignatureVerifier(logKeys.verifierKey)).toThrow(/type 0x04/);
    expect(() => noteVerifier(witness.verifierKey)).toThrow(/type 0x01/);
    expect(() => noteSigner(witness.signerKey)).toThrow(/type 0x01/);
  });

  it('refuses a negative or fractional timestamp', () => {
    let caught: unknown;
    try {
      cosignatureSigner(witness.signerKey).cosign(TEXT, 1.5);
    } catch (error) {
      caught = error;
    }
    expect(isLedgerLogError(caught, 'NOTE_MALFORMED')).toBe(true);
  });
});
