import { createHash, createPublicKey, verify, type KeyObject } from 'node:crypto';

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');

/** Key id of a party's Ed25519 public key: the first 8 bytes of its SHA-256, hex. */
export function partyKeyId(publicKey: Uint8Array): string {
  return createHash('sha256').update(publicKey).digest('hex').slice(0, 16);
}

/** A raw 32-byte Ed25519 public key as a Node key; `undefined` if it is not one. */
export function ed25519PublicKey(raw: Uint8Array): KeyObject | undefined {
  if (raw.length !== 32) return undefined;
  try {
    return createPublicKey({ key: Buffer.concat([SPKI_ED25519_PREFIX, raw]), format: 'der', type: 'spki' });
  } catch {
    return undefined;
  }
}

/**
 * Verifies a party's signature over an event hash ID (the UTF-8 bytes of `ni:///sha-256;…?ver=CBV2.0`):
 * signing the hash ID binds the algorithm and version with the digest.
 */
export function verifyEventSignature(
  publicKey: Uint8Array,
  eventHash: string,
  signature: Uint8Array,
): boolean {
  const key = ed25519PublicKey(publicKey);
  if (key === undefined || signature.length !== 64) return false;
  try {
    return verify(null, Buffer.from(eventHash, 'utf8'), key, signature);
  } catch {
    return false;
  }
}
