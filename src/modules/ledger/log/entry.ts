import { LedgerLogError } from './errors.js';
import { HASH_SIZE, hashLeaf, type Hash } from './merkle.js';

/**
 * What the log stores as leaf data. A leaf is one kind byte then its payload, so an anchored
 * document root can never be mistaken for a revocation (or the reverse) by anyone reading the log:
 * - `0x00 ‖ payload` — an anchor: a batch's Merkle root (TradeTrust/OpenAttestation style) or
 *   other small data to timestamp; never trade data itself;
 * - `0x01 ‖ target leaf hash (32) ‖ UTF-8 reason` — a revocation of an earlier anchor.
 */
export type LedgerEntry =
  | { readonly kind: 'anchor'; readonly payload: Uint8Array }
  | { readonly kind: 'revocation'; readonly target: Hash; readonly reason: string };

const ANCHOR = 0x00;
const REVOCATION = 0x01;
/** Anchors are roots or small records; the cap keeps trade data itself off the ledger. */
export const MAX_ANCHOR_PAYLOAD_BYTES = 1024;
export const MAX_REVOCATION_REASON_BYTES = 512;

function invalid(message: string, details: Record<string, number> = {}): LedgerLogError {
  return new LedgerLogError('LEDGER_INVALID_ANCHOR', message, details);
}

/** Leaf data of an entry. @throws LedgerLogError LEDGER_INVALID_ANCHOR */
export function encodeEntry(entry: LedgerEntry): Uint8Array {
  switch (entry.kind) {
    case 'anchor': {
      if (entry.payload.length === 0 || entry.payload.length > MAX_ANCHOR_PAYLOAD_BYTES) {
        throw invalid('an anchored payload is 1 to 1024 bytes', { length: entry.payload.length });
      }
      return Buffer.concat([Buffer.from([ANCHOR]), entry.payload]);
    }
    case 'revocation': {
      const reason = Buffer.from(entry.reason, 'utf8');
      if (entry.target.length !== HASH_SIZE) throw invalid('a revocation targets a 32-byte leaf hash');
      if (
        reason.length === 0 ||
        reason.length > MAX_REVOCATION_REASON_BYTES ||
        /[\u0000-\u001f]/u.test(entry.reason)
      ) {
        throw invalid('a revocation reason is 1 to 512 bytes of printable text', { length: reason.length });
      }
      return Buffer.concat([Buffer.from([REVOCATION]), entry.target, reason]);
    }
  }
}

/** Reads leaf data back into an entry; `undefined` for bytes this version does not understand. */
export function decodeEntry(data: Uint8Array): LedgerEntry | undefined {
  const kind = data[0];
  if (kind === ANCHOR && data.length > 1) return { kind: 'anchor', payload: data.subarray(1) };
  if (kind === REVOCATION && data.length > 1 + HASH_SIZE) {
    return {
      kind: 'revocation',
      target: data.subarray(1, 1 + HASH_SIZE),
      reason: Buffer.from(data.subarray(1 + HASH_SIZE)).toString('utf8'),
    };
  }
  return undefined;
}

/**
 * The leaf hash under which `payload` is anchored — what a verifier holding a document's Merkle
 * root computes before asking for (or checking) an inclusion proof.
 */
export function anchorLeafHash(payload: Uint8Array): Hash {
  return hashLeaf(encodeEntry({ kind: 'anchor', payload }));
}
