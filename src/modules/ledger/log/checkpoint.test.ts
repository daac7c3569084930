import { describe, expect, it } from 'vitest';
import {
  checkpointOrigin,
  formatCheckpoint,
  openCheckpoint,
  parseCheckpoint,
  signCheckpoint,
} from './checkpoint.js';
import { isLedgerLogError, type LedgerLogErrorCode } from './errors.js';
import { generateKeys } from './keys.js';
import { emptyRoot } from './merkle.js';
import { noteSigner, noteVerifier } from './note.js';
import { fromHex } from './test-helpers.js';

const ORIGIN = 'aduana.gob.example/ledger';
const ROOT = fromHex('0ac5186a91863e8e1d90c808014aa89bf5da8e3ee1d9f07630f0378f68f1ab62');
const TEXT = `${ORIGIN}\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`;
const keys = generateKeys(ORIGIN);

function codeOf(fn: () => unknown): LedgerLogErrorCode | 'none' | 'other' {
  try {
    fn();
    return 'none';
  } catch (error) {
    return isLedgerLogError(error) ? error.code : 'other';
  }
}

describe('checkpoints', () => {
  it('formats origin, decimal size and base64 root on three lines', () => {
    expect(formatCheckpoint({ origin: ORIGIN, size: 20852163, rootHash: ROOT })).toBe(TEXT);
  });

  it('parses what it formats, extension lines included', () => {
    const text = formatCheckpoint({ origin: ORIGIN, size: 7, rootHash: ROOT, extensions: ['ext one'] });
    const parsed = parseCheckpoint(text);
    expect(parsed).toMatchObject({ origin: ORIGIN, size: 7, extensions: ['ext one'] });
    expect(Buffer.from(parsed.rootHash).equals(Buffer.from(ROOT))).toBe(true);
  });

  it('writes the empty tree as size 0 with the SHA-256 of nothing', () => {
    const parsed = parseCheckpoint(formatCheckpoint({ origin: ORIGIN, size: 0, rootHash: emptyRoot() }));
    expect(parsed.size).toBe(0);
  });

  it.each([
    ['a size with a leading zero', `${ORIGIN}\n020852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['a negative size', `${ORIGIN}\n-1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['a size beyond 2^53', `${ORIGIN}\n9007199254740993\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['a short root', `${ORIGIN}\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2=\n`],
    ['a missing root line', `${ORIGIN}\n1\n`],
    ['an empty origin', `\n1\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n`],
    ['an empty extension line', `${TEXT}\nx\n`],
    ['no final newline', TEXT.slice(0, -1)],
  ])('refuses %s', (_, text) => {
    expect(codeOf(() => parseCheckpoint(text))).toBe('CHECKPOINT_MALFORMED');
  });

  it('signs with the log key and opens only with that key', () => {
    const note = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: ROOT }, noteSigner(keys.signerKey));
    const opened = openCheckpoint(note, noteVerifier(keys.verifierKey));
    expect(opened.checkpoint.size).toBe(5);
    expect(opened.text).toBe(note.slice(0, note.lastIndexOf('\n\n') + 1));
    const stranger = generateKeys(ORIGIN);
    expect(codeOf(() => openCheckpoint(note, noteVerifier(stranger.verifierKey)))).toBe('NOTE_UNVERIFIED');
  });

  it('detects a tree size changed after signing', () => {
    const note = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: ROOT }, noteSigner(keys.signerKey));
    expect(codeOf(() => openCheckpoint(note.replace('\n5\n', '\n6\n'), noteVerifier(keys.verifierKey)))).toBe(
      'NOTE_BAD_SIGNATURE',
    );
  });

  it('reads the origin of an unverified note for routing', () => {
    const note = signCheckpoint({ origin: ORIGIN, size: 5, rootHash: ROOT }, noteSigner(keys.signerKey));
    expect(checkpointOrigin(note)).toBe(ORIGIN);
  });
});
