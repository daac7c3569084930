import {
  createHash,
  createPrivateKey,
  createPublicKey,
  randomBytes,
  sign as ed25519Sign,
  verify as ed25519Verify,
  type KeyObject,
} from 'node:crypto';
import { LedgerLogError } from './errors.js';

/**
 * Ed25519 keys in the C2SP signed-note text encodings:
 * - verifier key (vkey): `<name>+<8 hex key ID>+<base64(type byte ‖ 32-byte public key)>`;
 * - signer key: `PRIVATE+KEY+<name>+<8 hex key ID>+<base64(type byte ‖ 32-byte seed)>`.
 * The key ID is the first 4 bytes of SHA-256(name ‖ 0x0A ‖ type byte ‖ public key), big-endian.
 */

/** Signature type 0x01: Ed25519 over the note text (checkpoints signed by the log). */
export const SIGNATURE_TYPE_ED25519 = 0x01;
/** Signature type 0x04: timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature). */
export const SIGNATURE_TYPE_COSIGNATURE_V1 = 0x04;

export type SignatureType = typeof SIGNATURE_TYPE_ED25519 | typeof SIGNATURE_TYPE_COSIGNATURE_V1;

/** A parsed verifier key. */
export interface VerifierKey {
  readonly name: string;
  readonly keyId: number;
  readonly type: SignatureType;
  readonly publicKey: Uint8Array;
}

/** A parsed signer key (secret). */
export interface SignerKey extends VerifierKey {
  readonly seed: Uint8Array;
}

/** Freshly generated keys, both encoded. */
export interface GeneratedKeys {
  readonly signerKey: string;
  readonly verifierKey: string;
}

const SPKI_ED25519_PREFIX = Buffer.from('302a300506032b6570032100', 'hex');
const PKCS8_ED25519_PREFIX = Buffer.from('302e020100300506032b657004220420', 'hex');
const PRIVATE_PREFIX = 'PRIVATE+KEY+';
const ED25519_SIGNATURE_SIZE = 64;

/** Key names and checkpoint origins: non-empty, no Unicode spaces, no `+`, well-formed UTF-8. */
export function isValidKeyName(name: string): boolean {
  return (
    name.length > 0 && !/[\s+]/u.test(name) && Buffer.from(name, 'utf8').toString('utf8') === name // no lone surrogates
  );
}

/** SHA-256(name ‖ 0x0A ‖ type ‖ publicKey)[:4] as an unsigned 32-bit integer. */
export function computeKeyId(name: string, type: number, publicKey: Uint8Array): number {
  const digest = createHash('sha256')
    .update(name, 'utf8')
    .update(Buffer.from([0x0a, type]))
    .update(publicKey)
    .digest();
  return digest.readUInt32BE(0);
}

/** Key ID as the 8 lowercase hex digits used in vkeys. */
export function formatKeyId(keyId: number): string {
  return keyId.toString(16).padStart(8, '0');
}

/** Strict standard base64 (RFC 4648 §4, padded); `undefined` if not canonical. */
export function decodeBase64(text: string): Uint8Array | undefined {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) return undefined;
  const bytes = Buffer.from(text, 'base64');
  return bytes.toString('base64') === text ? bytes : undefined;
}

export function encodeBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function keyError(message: string): LedgerLogError {
  return new LedgerLogError('NOTE_KEY_MALFORMED', message);
}

function isSignatureType(type: number | undefined): type is SignatureType {
  return type === SIGNATURE_TYPE_ED25519 || type === SIGNATURE_TYPE_COSIGNATURE_V1;
}

/** Splits `<name>+<hex id>+<base64>` and checks the key ID against the key material. */
function parseEncodedKey(encoded: string, publicKeyOf: (material: Uint8Array) => Uint8Array) {
  const first = encoded.indexOf('+');
  const second = first < 0 ? -1 : encoded.indexOf('+', first + 1);
  if (second < 0) throw keyError('a key is <name>+<key id>+<key data>');
  const name = encoded.slice(0, first);
  const idText = encoded.slice(first + 1, second);
  const data = decodeBase64(encoded.slice(second + 1));
  if (!isValidKeyName(name)) throw keyError('invalid key name');
  if (!/^[0-9a-f]{8}$/i.test(idText)) throw keyError('a key ID is 8 hex digits');
  if (data === undefined || data.length !== 33)
    throw keyError('key data is base64 of a type byte and 32 bytes');
  const type = data[0];
  if (!isSignatureType(type)) throw keyError('unsupported signature type');
  const material = data.subarray(1);
  const publicKey = publicKeyOf(material);
  const keyId = computeKeyId(name, type, publicKey);
  if (keyId !== Number.parseInt(idText, 16)) throw keyError('key ID does not match the key');
  return { name, keyId, type, publicKey, material };
}

/** Parses a vkey. @throws LedgerLogError NOTE_KEY_MALFORMED */
export function parseVerifierKey(vkey: string): VerifierKey {
  const { keyObject: _, ...key } = readVerifierKey(vkey);
  return key;
}

/** Parses a vkey and imports its public key once, for verifiers. */
export function readVerifierKey(vkey: string): VerifierKey & { readonly keyObject: KeyObject } {
  const { name, keyId, type, publicKey } = parseEncodedKey(vkey, (material) => Uint8Array.from(material));
  return { name, keyId, type, publicKey, keyObject: publicKeyObject(publicKey) };
}

/** Parses a signer key. @throws LedgerLogError NOTE_KEY_MALFORMED */
export function parseSignerKey(skey: string): SignerKey {
  if (!skey.startsWith(PRIVATE_PREFIX)) throw keyError('a signer key starts with PRIVATE+KEY+');
  const parsed = parseEncodedKey(skey.slice(PRIVATE_PREFIX.length), (seed) => publicKeyFromSeed(seed));
  return { ...parsed, seed: Uint8Array.from(parsed.material) };
}

/** Encodes a public key as a vkey. */
export function encodeVerifierKey(name: string, type: SignatureType, publicKey: Uint8Array): string {
  if (!isValidKeyName(name)) throw keyError('invalid key name');
  const data = encodeBase64(Buffer.concat([Buffer.from([type]), publicKey]));
  return `${name}+${formatKeyId(computeKeyId(name, type, publicKey))}+${data}`;
}

/** Encodes a seed as a signer key. */
export function encodeSignerKey(name: string, type: SignatureType, seed: Uint8Array): string {
  if (!isValidKeyName(name)) throw keyError('invalid key name');
  const publicKey = publicKeyFromSeed(seed);
  const data = encodeBase64(Buffer.concat([Buffer.from([type]), seed]));
  return `${PRIVATE_PREFIX}${name}+${formatKeyId(computeKeyId(name, type, publicKey))}+${data}`;
}

/**
 * Generates a new Ed25519 key for `name`: type 0x01 for a log, 0x04 for a witness (cosigner).
 * Store `signerKey` as a secret; publish `verifierKey` to partners.
 */
export function generateKeys(name: string, type: SignatureType = SIGNATURE_TYPE_ED25519): GeneratedKeys {
  const seed = randomBytes(32);
  return {
    signerKey: encodeSignerKey(name, type, seed),
    verifierKey: encodeVerifierKey(name, type, publicKeyFromSeed(seed)),
  };
}

/** Node KeyObject for a 32-byte seed. */
export function privateKeyObject(seed: Uint8Array): KeyObject {
  if (seed.length !== 32) throw keyError('an Ed25519 seed is 32 bytes');
  return createPrivateKey({ key: Buffer.concat([PKCS8_ED25519_PREFIX, seed]), format: 'der', type: 'pkcs8' });
}

/** Node KeyObject for a 32-byte public key. */
export function publicKeyObject(publicKey: Uint8Array): KeyObject {
  if (publicKey.length !== 32) throw keyError('an Ed25519 public key is 32 bytes');
  try {
    return createPublicKey({
      key: Buffer.concat([SPKI_ED25519_PREFIX, publicKey]),
      format: 'der',
      type: 'spki',
    });
  } catch {
    throw keyError('not an Ed25519 public key');
  }
}

function publicKeyFromSeed(seed: Uint8Array): Uint8Array {
  const spki = createPublicKey(privateKeyObject(seed)).export({ format: 'der', type: 'spki' });
  return Uint8Array.from(spki.subarray(spki.length - 32));
}

/** Ed25519 signature of `message` with a private KeyObject. */
export function signEd25519(key: KeyObject, message: Uint8Array): Uint8Array {
  return ed25519Sign(null, message, key);
}

/** Ed25519 verification; false for a signature of the wrong length. */
export function verifyEd25519(key: KeyObject, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== ED25519_SIGNATURE_SIZE) return false;
  try {
    return ed25519Verify(null, message, key, signature);
  } catch {
    return false;
  }
}
