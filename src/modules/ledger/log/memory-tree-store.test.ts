import { describe, expect, it } from 'vitest';
import { CompactRange } from './compact-range.js';
import { isLedgerLogError } from './errors.js';
import { MemoryTreeStore } from './memory-tree-store.js';
import { hashLeaf, treeHash, verifyConsistency, verifyInclusion } from './merkle.js';
import { toHex } from './test-helpers.js';

const leaf = (i: number): Uint8Array => hashLeaf(Buffer.from(`declaration ${i}`));

function storeOf(n: number): MemoryTreeStore {
  const store = new MemoryTreeStore();
  for (let i = 0; i < n; i += 1) store.append(leaf(i));
  return store;
}

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (error) {
    return isLedgerLogError(error) ? error.code : 'not a LedgerLogError';
  }
  return undefined;
}

describe('MemoryTreeStore', () => {
  it('numbers appended leaves from zero', () => {
    const store = new MemoryTreeStore();
    expect(store.append(leaf(0))).toBe(0);
    expect(store.appendData(Buffer.from('x')).index).toBe(1);
    expect(store.size).toBe(2);
  });

  it('caches a perfect subtree only once it is complete', () => {
    const store = storeOf(6);
    expect(store.subtreeHash(2, 0)).toBeDefined();
    expect(store.subtreeHash(1, 2)).toBeDefined();
    expect(store.subtreeHash(2, 1)).toBeUndefined();
    expect(store.subtreeHash(3, 0)).toBeUndefined();
    expect(toHex(store.subtreeHash(2, 0)!)).toBe(toHex(treeHash(4, (i) => leaf(i))));
  });

  it('keeps roots of all past sizes while growing past several buffer reallocations', () => {
    const store = storeOf(5000);
    for (const size of [1, 2, 1023, 1024, 1025, 4096, 4999, 5000]) {
      expect(toHex(store.root(size)), `size ${size}`).toBe(toHex(treeHash(size, (i) => leaf(i))));
    }
  });

  it('serves proofs at past sizes that verify against those sizes’ roots', () => {
    const store = storeOf(3000);
    const proof = store.inclusionProof(777, 2049);
    expect(verifyInclusion(leaf(777), 777, 2049, proof, store.root(2049))).toBe(true);
    const cproof = store.consistencyProof(1500, 2049);
    expect(verifyConsistency(1500, 2049, store.root(1500), store.root(2049), cproof)).toBe(true);
  });

  it('does not let a caller corrupt the store through a returned hash', () => {
    const store = storeOf(4);
    const before = store.root();
    store.leafHash(2).fill(0);
    store.subtreeHash(1, 0)!.fill(0);
    store.inclusionProof(0)[0]!.fill(0);
    expect(toHex(store.root())).toBe(toHex(before));
  });

  it('refuses sizes and leaves beyond what it holds', () => {
    const store = storeOf(3);
    expect(codeOf(() => store.root(4))).toBe('MERKLE_INVALID_RANGE');
    expect(codeOf(() => store.leafHash(3))).toBe('MERKLE_MISSING_NODE');
    expect(codeOf(() => store.inclusionProof(3, 3))).toBe('MERKLE_INVALID_RANGE');
    expect(codeOf(() => store.append(new Uint8Array(31)))).toBe('MERKLE_INVALID_RANGE');
  });
});

describe('CompactRange', () => {
  it('gives the same root as the full tree after every append', () => {
    const range = new CompactRange();
    const store = new MemoryTreeStore();
    expect(toHex(range.root())).toBe(toHex(store.root()));
    for (let i = 0; i < 300; i += 1) {
      range.append(leaf(i));
      store.append(leaf(i));
      expect(toHex(range.root()), `size ${i + 1}`).toBe(toHex(store.root()));
    }
    expect(range.size).toBe(300);
  });
});
