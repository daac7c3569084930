import { LedgerLogError } from './errors.js';
import {
  SIGNATURE_TYPE_COSIGNATURE_V1,
  parseSignerKey,
  readVerifierKey,
  privateKeyObject,
  signEd25519,
  verifyEd25519,
} from './keys.js';
import type { NoteSigner, NoteVerifier } from './note.js';

/**
 * Timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature, `cosignature/v1`).
 * The signature line carries u64 big-endian timestamp ‖ Ed25519 signature over
 * `cosignature/v1\ntime <timestamp>\n<checkpoint text>`.
 */

/** A cosigner's signer: `sign` stamps the current time from its clock. */
export interface CosignatureSigner extends NoteSigner {
  /** Cosigns `text` with an explicit POSIX timestamp (seconds). */
  cosign(text: string, timestamp: number): Uint8Array;
}

/** A cosigner's verifier, which can also read the timestamp out of a cosignature. */
export interface CosignatureVerifier extends NoteVerifier {
  /** POSIX seconds in a well-formed cosignature, else `undefined`. */
  timestampOf(signature: Uint8Array): number | undefined;
}

const TIMESTAMPED_SIZE = 8 + 64;
const MAX_TIMESTAMP = 2n ** 63n - 1n;

/** The exact message a v1 cosignature signs. */
export function cosignatureMessage(text: string, timestamp: number): string {
  return `cosignature/v1\ntime ${timestamp}\n${text}`;
}

function keyTypeError(): LedgerLogError {
  return new LedgerLogError('NOTE_KEY_MALFORMED', 'not a cosigner key (type 0x04)');
}

function readTimestamp(signature: Uint8Array): number | undefined {
  if (signature.length !== TIMESTAMPED_SIZE) return undefined;
  const value = Buffer.from(signature.buffer, signature.byteOffset, 8).readBigUInt64BE(0);
  if (value > MAX_TIMESTAMP || value > BigInt(Number.MAX_SAFE_INTEGER)) return undefined;
  return Number(value);
}

/**
 * Cosigner signer from a type-0x04 signer key.
 * @param clock POSIX seconds now; defaults to the system clock.
 */
export function cosignatureSigner(
  skey: string,
  clock: () => number = () => Math.floor(Date.now() / 1000),
): CosignatureSigner {
  const key = parseSignerKey(skey);
  if (key.type !== SIGNATURE_TYPE_COSIGNATURE_V1) throw keyTypeError();
  const privateKey = privateKeyObject(key.seed);
  const cosign = (text: string, timestamp: number): Uint8Array => {
    if (!Number.isSafeInteger(timestamp) || timestamp < 0) {
      throw new LedgerLogError('NOTE_MALFORMED', 'a cosignature timestamp is a non-negative integer', {
        timestamp,
      });
    }
    const stamped = Buffer.alloc(TIMESTAMPED_SIZE);
    stamped.writeBigUInt64BE(BigInt(timestamp), 0);
    stamped.set(signEd25519(privateKey, Buffer.from(cosignatureMessage(text, timestamp), 'utf8')), 8);
    return stamped;
  };
  return { name: key.name, keyId: key.keyId, cosign, sign: (text) => cosign(text, clock()) };
}

/** Cosigner verifier from a type-0x04 vkey. */
export function cosignatureVerifier(vkey: string): CosignatureVerifier {
  const key = readVerifierKey(vkey);
  if (key.type !== SIGNATURE_TYPE_COSIGNATURE_V1) throw keyTypeError();
  const publicKey = key.keyObject;
  return {
    name: key.name,
    keyId: key.keyId,
    timestampOf: readTimestamp,
    verify(text, signature) {
      const timestamp = readTimestamp(signature);
      if (timestamp === undefined) return false;
      const message = Buffer.from(cosignatureMessage(text, timestamp), 'utf8');
      return verifyEd25519(publicKey, message, signature.subarray(8));
    },
  };
}
