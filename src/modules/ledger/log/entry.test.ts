import { describe, expect, it } from 'vitest';
import { anchorLeafHash, decodeEntry, encodeEntry } from './entry.js';
import { isLedgerLogError } from './errors.js';
import { hashLeaf } from './merkle.js';
import { toHex } from './test-helpers.js';

const ROOT = hashLeaf(Buffer.from('batch of certificates of origin'));

function invalid(fn: () => unknown): boolean {
  try {
    fn();
    return false;
  } catch (error) {
    return isLedgerLogError(error, 'LEDGER_INVALID_ANCHOR');
  }
}

describe('ledger entries', () => {
  it('round-trips an anchor and a revocation', () => {
    expect(decodeEntry(encodeEntry({ kind: 'anchor', payload: ROOT }))).toEqual({
      kind: 'anchor',
      payload: ROOT,
    });
    const revocation = decodeEntry(
      encodeEntry({ kind: 'revocation', target: ROOT, reason: 'origin not proven' }),
    );
    expect(revocation).toMatchObject({ kind: 'revocation', reason: 'origin not proven' });
  });

  it('never gives an anchor and a revocation the same leaf hash', () => {
    const revocationData = encodeEntry({ kind: 'revocation', target: ROOT, reason: 'x' });
    expect(toHex(anchorLeafHash(revocationData.subarray(1)))).not.toBe(toHex(hashLeaf(revocationData)));
  });

  it('derives the anchor leaf hash from the kind byte and the payload', () => {
    expect(toHex(anchorLeafHash(ROOT))).toBe(toHex(hashLeaf(Buffer.concat([Buffer.from([0]), ROOT]))));
  });

  it('refuses empty and oversized anchors, keeping trade data off the ledger', () => {
    expect(invalid(() => encodeEntry({ kind: 'anchor', payload: new Uint8Array(0) }))).toBe(true);
    expect(invalid(() => encodeEntry({ kind: 'anchor', payload: new Uint8Array(1025) }))).toBe(true);
  });

  it('refuses a revocation without a reason, with a control character, or of a non-hash', () => {
    expect(invalid(() => encodeEntry({ kind: 'revocation', target: ROOT, reason: '' }))).toBe(true);
    expect(invalid(() => encodeEntry({ kind: 'revocation', target: ROOT, reason: 'a\nb' }))).toBe(true);
    expect(invalid(() => encodeEntry({ kind: 'revocation', target: ROOT.subarray(1), reason: 'x' }))).toBe(
      true,
    );
  });

  it('does not decode bytes of an unknown kind', () => {
    expect(decodeEntry(Uint8Array.from([7, 1, 2]))).toBeUndefined();
    expect(decodeEntry(Uint8Array.from([0]))).toBeUndefined();
  });
});
