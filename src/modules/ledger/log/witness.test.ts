import { describe, expect, it } from 'vitest';
import { signCheckpoint } from './checkpoint.js';
import { cosignatureSigner, cosignatureVerifier } from './cosignature.js';
import { isLedgerLogError, type LedgerLogError } from './errors.js';
import { SIGNATURE_TYPE_COSIGNATURE_V1, generateKeys } from './keys.js';
import { MemoryTreeStore } from './memory-tree-store.js';
import { hashLeaf, type Hash } from './merkle.js';
import { noteSigner, openNote, signNote } from './note.js';
import {
  addWitnessedLog,
  cosignCheckpoint,
  createWitnessState,
  parseWitnessState,
  type AddCheckpointRequest,
  type WitnessState,
} from './witness.js';

const ORIGIN = 'aduana.gob.example/ledger';
const logKeys = generateKeys(ORIGIN);
const witnessKeys = generateKeys('aduanas.partner.example/witness', SIGNATURE_TYPE_COSIGNATURE_V1);
const witness = cosignatureSigner(witnessKeys.signerKey);
const NOW = 1_760_000_000;

/** A log under test: its tree and the checkpoints it signs. */
class TestLog {
  readonly tree = new MemoryTreeStore();
  constructor(private readonly signerKey = logKeys.signerKey) {}

  append(...entries: string[]): this {
    for (const entry of entries) this.tree.append(hashLeaf(Buffer.from(entry)));
    return this;
  }

  checkpoint(size = this.tree.size): string {
    return signCheckpoint(
      { origin: ORIGIN, size, rootHash: this.tree.root(size) },
      noteSigner(this.signerKey),
    );
  }

  request(oldSize: number, size = this.tree.size): AddCheckpointRequest {
    return {
      oldSize,
      consistencyProof: this.tree.consistencyProof(oldSize, size),
      checkpoint: this.checkpoint(size),
    };
  }
}

const entries = (from: number, to: number): string[] =>
  Array.from({ length: to - from }, (_, i) => `certificate of origin ${from + i}`);

function freshState(): WitnessState {
  return createWitnessState([{ origin: ORIGIN, verifierKey: logKeys.verifierKey }]);
}

function refusal(fn: () => unknown): LedgerLogError {
  try {
    fn();
  } catch (error) {
    if (isLedgerLogError(error)) return error;
    throw error;
  }
  throw new Error('expected the witness to refuse');
}

/** The witness state after cosigning `log` at `size` from scratch. */
function cosignedAt(log: TestLog, size: number): WitnessState {
  return cosignCheckpoint(freshState(), witness, log.request(0, size), NOW).state;
}

describe('witness cosigning', () => {
  it('cosigns a first checkpoint on trust and remembers it', () => {
    const log = new TestLog().append(...entries(0, 5));
    const result = cosignCheckpoint(freshState(), witness, log.request(0), NOW);
    expect(result.state.logs[ORIGIN]?.latest).toMatchObject({ size: 5, cosignedAt: NOW });
    const opened = openNote(`${log.checkpoint()}${result.cosignature}`, [
      cosignatureVerifier(witnessKeys.verifierKey),
    ]);
    expect(opened.verified.map((s) => s.name)).toEqual(['aduanas.partner.example/witness']);
  });

  it('cosigns a larger checkpoint proved consistent with the last one it cosigned', () => {
    const log = new TestLog().append(...entries(0, 5));
    const state = cosignedAt(log, 5);
    log.append(...entries(5, 12));
    const result = cosignCheckpoint(state, witness, log.request(5), NOW + 60);
    expect(result.state.logs[ORIGIN]?.latest?.size).toBe(12);
    expect(result.checkpoint.size).toBe(12);
  });

  it('cosigns the same checkpoint again without changing its mind', () => {
    const log = new TestLog().append(...entries(0, 7));
    const state = cosignedAt(log, 7);
    const again = cosignCheckpoint(state, witness, log.request(7), NOW + 1);
    expect(again.state.logs[ORIGIN]?.latest?.size).toBe(7);
  });

  it('leaves the state it was given untouched', () => {
    const log = new TestLog().append(...entries(0, 3));
    const state = freshState();
    const before = JSON.stringify(state);
    cosignCheckpoint(state, witness, log.request(0), NOW);
    expect(JSON.stringify(state)).toBe(before);
  });

  it('keeps working after its state is persisted as JSON and read back', () => {
    const log = new TestLog().append(...entries(0, 6));
    const stored = JSON.parse(JSON.stringify(cosignedAt(log, 6))) as unknown;
    log.append(...entries(6, 9));
    const result = cosignCheckpoint(parseWitnessState(stored), witness, log.request(6), NOW);
    expect(result.state.logs[ORIGIN]?.latest?.size).toBe(9);
  });

  it('keeps the cosigning history when a log key is rotated', () => {
    const log = new TestLog().append(...entries(0, 4));
    const rotated = generateKeys(ORIGIN);
    const state = addWitnessedLog(cosignedAt(log, 4), ORIGIN, rotated.verifierKey);
    expect(state.logs[ORIGIN]).toMatchObject({ verifierKey: rotated.verifierKey, latest: { size: 4 } });
  });
});

describe('witness refusals', () => {
  it('refuses a checkpoint smaller than the one it cosigned (WITNESS_STALE)', () => {
    const log = new TestLog().append(...entries(0, 10));
    const error = refusal(() => cosignCheckpoint(cosignedAt(log, 10), witness, log.request(0, 8), NOW));
    expect(error.code).toBe('WITNESS_STALE');
    expect(error.details).toMatchObject({ size: 8, latestSize: 10 });
  });

  it('tells the log which size it last cosigned when the proof starts elsewhere (WITNESS_CONFLICT)', () => {
    const log = new TestLog().append(...entries(0, 10));
    const state = cosignedAt(log, 6);
    const error = refusal(() => cosignCheckpoint(state, witness, log.request(4), NOW));
    expect(error.code).toBe('WITNESS_CONFLICT');
    expect(error.details.latestSize).toBe(6);
  });

  it('refuses another root at the size it already cosigned (WITNESS_FORK_DETECTED)', () => {
    const honest = new TestLog().append(...entries(0, 9));
    const forked = new TestLog().append(...entries(0, 8), 'a rewritten certificate');
    const error = refusal(() => cosignCheckpoint(cosignedAt(honest, 9), witness, forked.request(9), NOW));
    expect(error.code).toBe('WITNESS_FORK_DETECTED');
  });

  it('refuses a larger tree whose history rewrites what it cosigned (WITNESS_FORK_DETECTED)', () => {
    const honest = new TestLog().append(...entries(0, 6));
    const state = cosignedAt(honest, 6);
    const rewritten = entries(0, 12).map((e, i) => (i === 2 ? 'certificate of origin 2, backdated' : e));
    const forked = new TestLog().append(...rewritten);
    const error = refusal(() => cosignCheckpoint(state, witness, forked.request(6), NOW));
    expect(error.code).toBe('WITNESS_FORK_DETECTED');
    expect(error.details.latestRootHash).not.toBe(error.details.rootHash);
  });

  it('refuses a rewritten history even when the old size is a power of two (WITNESS_BAD_PROOF)', () => {
    const honest = new TestLog().append(...entries(0, 8));
    const state = cosignedAt(honest, 8);
    const forked = new TestLog().append(...entries(0, 12).map((e, i) => (i === 5 ? 'rewritten' : e)));
    expect(refusal(() => cosignCheckpoint(state, witness, forked.request(8), NOW)).code).toBe(
      'WITNESS_BAD_PROOF',
    );
  });

  it('refuses a proof that does not hold (WITNESS_BAD_PROOF)', () => {
    const log = new TestLog().append(...entries(0, 6));
    const state = cosignedAt(log, 6);
    log.append(...entries(6, 11));
    const request = log.request(6);
    const garbled: Hash[] = request.consistencyProof.map((h, i) => (i === 0 ? hashLeaf(h) : h));
    const error = refusal(() =>
      cosignCheckpoint(state, witness, { ...request, consistencyProof: garbled }, NOW),
    );
    expect(error.code).toBe('WITNESS_BAD_PROOF');
    const padded = { ...log.request(0), consistencyProof: [hashLeaf(Buffer.from('x'))] };
    expect(refusal(() => cosignCheckpoint(freshState(), witness, padded, NOW)).code).toBe(
      'WITNESS_BAD_PROOF',
    );
  });

  it('refuses a checkpoint not signed by the log key, or altered after signing (WITNESS_BAD_SIGNATURE)', () => {
    const impostor = new TestLog(generateKeys(ORIGIN).signerKey).append(...entries(0, 3));
    expect(refusal(() => cosignCheckpoint(freshState(), witness, impostor.request(0), NOW)).code).toBe(
      'WITNESS_BAD_SIGNATURE',
    );
    const log = new TestLog().append(...entries(0, 3));
    const altered = { ...log.request(0), checkpoint: log.checkpoint().replace('\n3\n', '\n4\n') };
    expect(refusal(() => cosignCheckpoint(freshState(), witness, altered, NOW)).code).toBe(
      'WITNESS_BAD_SIGNATURE',
    );
  });

  it('refuses a log it does not follow (WITNESS_UNKNOWN_LOG)', () => {
    const other = generateKeys('another.example/log');
    const note = signNote('another.example/log\n1\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n', [
      noteSigner(other.signerKey),
    ]);
    const error = refusal(() =>
      cosignCheckpoint(freshState(), witness, { oldSize: 0, consistencyProof: [], checkpoint: note }, NOW),
    );
    expect(error.code).toBe('WITNESS_UNKNOWN_LOG');
  });

  it('refuses a request that is not a checkpoint note (WITNESS_MALFORMED)', () => {
    const request = { oldSize: 0, consistencyProof: [], checkpoint: 'not a note' };
    expect(refusal(() => cosignCheckpoint(freshState(), witness, request, NOW)).code).toBe(
      'WITNESS_MALFORMED',
    );
  });

  it('refuses to start over on trust when its remembered root is corrupt (WITNESS_MALFORMED)', () => {
    const log = new TestLog().append(...entries(0, 4));
    const state = cosignedAt(log, 4);
    const corrupt: WitnessState = {
      ...state,
      logs: {
        [ORIGIN]: {
          verifierKey: logKeys.verifierKey,
          latest: { size: 4, rootHash: 'garbage', cosignedAt: NOW },
        },
      },
    };
    expect(refusal(() => cosignCheckpoint(corrupt, witness, log.request(4), NOW)).code).toBe(
      'WITNESS_MALFORMED',
    );
  });

  it('refuses persisted state that is not a witness state', () => {
    for (const junk of [
      null,
      {},
      { version: 2, logs: {} },
      { version: 1, logs: { x: { verifierKey: 1 } } },
    ]) {
      expect(refusal(() => parseWitnessState(junk)).code).toBe('WITNESS_MALFORMED');
    }
    const badLatest = {
      version: 1,
      logs: { x: { verifierKey: 'k', latest: { size: -1, rootHash: '', cosignedAt: 0 } } },
    };
    expect(refusal(() => parseWitnessState(badLatest)).code).toBe('WITNESS_MALFORMED');
  });
});
