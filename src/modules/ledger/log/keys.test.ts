import { describe, expect, it } from 'vitest';
import { isLedgerLogError } from './errors.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  SIGNATURE_TYPE_ED25519,
  computeKeyId,
  decodeBase64,
  encodeVerifierKey,
  generateKeys,
  isValidKeyName,
  parseSignerKey,
  parseVerifierKey,
} from './keys.js';

const VKEY = 'PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW';
const SKEY = 'PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz';

function rejects(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (error) {
    return isLedgerLogError(error, 'NOTE_KEY_MALFORMED');
  }
}

describe('note keys', () => {
  it('computes the key ID as SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key)[:4]', () => {
    const key = parseVerifierKey(VKEY);
    expect(key.keyId).toBe(0xc74f20a3);
    expect(computeKeyId('PeterNeumann', SIGNATURE_TYPE_ED25519, key.publicKey)).toBe(0xc74f20a3);
  });

  it('derives from the reference signer key the public key of the reference verifier key', () => {
    const signer = parseSignerKey(SKEY);
    const verifier = parseVerifierKey(VKEY);
    expect(Buffer.from(signer.publicKey).equals(Buffer.from(verifier.publicKey))).toBe(true);
    expect(encodeVerifierKey(signer.name, signer.type, signer.publicKey)).toBe(VKEY);
  });

  it('rejects every truncation and every single-character change of a verifier key', () => {
    const accepted: string[] = [];
    for (let i = 0; i <= VKEY.length; i += 1) {
      for (let j = i + 1; j <= VKEY.length; j += 1) {
        const part = VKEY.slice(i, j);
        if (part !== VKEY && !rejects(() => parseVerifierKey(part))) accepted.push(part);
      }
    }
    for (let i = 0; i < VKEY.length; i += 1) {
      const changed = VKEY.slice(0, i) + String.fromCharCode(VKEY.charCodeAt(i) + 1) + VKEY.slice(i + 1);
      if (!rejects(() => parseVerifierKey(changed))) accepted.push(changed);
    }
    expect(accepted).toEqual([]);
  });

  it('generates keys whose encodings round-trip, for logs and for witnesses', () => {
    for (const type of [SIGNATURE_TYPE_ED25519, SIGNATURE_TYPE_COSIGNATURE_V1] as const) {
      const keys = generateKeys('customs.gov.example/witness', type);
      const signer = parseSignerKey(keys.signerKey);
      const verifier = parseVerifierKey(keys.verifierKey);
      expect(verifier.type).toBe(type);
      expect(verifier.keyId).toBe(signer.keyId);
      expect(keys.verifierKey.startsWith(`customs.gov.example/witness+`)).toBe(true);
    }
  });

  it('gives the same key different IDs as a note key and as a cosigner key', () => {
    const key = parseVerifierKey(VKEY);
    expect(computeKeyId(key.name, SIGNATURE_TYPE_COSIGNATURE_V1, key.publicKey)).not.toBe(key.keyId);
  });

  it('accepts names that are schema-less URLs and refuses spaces, plus signs and emptiness', () => {
    expect(isValidKeyName('aduana.gob.example/ledger')).toBe(true);
    expect(isValidKeyName('')).toBe(false);
    expect(isValidKeyName('a b')).toBe(false);
    expect(isValidKeyName('a\u00a0b')).toBe(false);
    expect(isValidKeyName('a+b')).toBe(false);
    expect(rejects(() => generateKeys('bad name'))).toBe(true);
  });

  it('decodes only canonical padded base64', () => {
    expect(decodeBase64('AQID')).toEqual(Buffer.from([1, 2, 3]));
    expect(decodeBase64('AQI=')).toEqual(Buffer.from([1, 2]));
    expect(decodeBase64('AQJ=')).toBeUndefined();
    expect(decodeBase64('AQI')).toBeUndefined();
    expect(decodeBase64('AQ-_')).toBeUndefined();
  });
});
