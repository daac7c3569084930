import { describe, expect, it } from 'vitest';
import { MemoryTreeStore } from './memory-tree-store.js';
import {
  emptyRoot,
  hashChildren,
  hashLeaf,
  inclusionProof,
  consistencyProof,
  splitPoint,
  verifyConsistency,
  verifyInclusion,
  type Hash,
} from './merkle.js';
import { flipBit, randomBytes, randomInt, seededRandom, toHex } from './test-helpers.js';

// The RFC 6962 §2.1 definitions, transcribed recursively over arrays: an oracle independent of the
// iterative, storage-backed implementation under test.
function mth(leaves: readonly Hash[]): Hash {
  if (leaves.length === 0) return emptyRoot();
  if (leaves.length === 1) return leaves[0]!;
  const k = splitPoint(leaves.length);
  return hashChildren(mth(leaves.slice(0, k)), mth(leaves.slice(k)));
}

function path(m: number, leaves: readonly Hash[]): Hash[] {
  if (leaves.length === 1) return [];
  const k = splitPoint(leaves.length);
  return m < k
    ? [...path(m, leaves.slice(0, k)), mth(leaves.slice(k))]
    : [...path(m - k, leaves.slice(k)), mth(leaves.slice(0, k))];
}

function subproof(m: number, leaves: readonly Hash[], complete: boolean): Hash[] {
  if (m === leaves.length) return complete ? [] : [mth(leaves)];
  const k = splitPoint(leaves.length);
  return m <= k
    ? [...subproof(m, leaves.slice(0, k), complete), mth(leaves.slice(k))]
    : [...subproof(m - k, leaves.slice(k), false), mth(leaves.slice(0, k))];
}

const MAX_SIZE = 64;
const random = seededRandom(6962);
const leaves = Array.from({ length: MAX_SIZE }, () =>
  hashLeaf(randomBytes(random, 1 + randomInt(random, 40))),
);
const store = new MemoryTreeStore();
for (const leaf of leaves) store.append(leaf);
const roots = Array.from({ length: MAX_SIZE + 1 }, (_, size) => mth(leaves.slice(0, size)));
const uncached = (i: number): Hash => leaves[i]!;

/** The proof with one random bit of one element flipped, for every element. */
function bitFlips(proof: readonly Hash[]): Hash[][] {
  return proof.map((_, at) => proof.map((h, i) => (i === at ? flipBit(h, randomInt(random, 256)) : h)));
}

describe('Merkle proofs for every tree size up to 64 (property)', () => {
  it('computes every root exactly as the RFC recursion does, cached or not', () => {
    for (let size = 0; size <= MAX_SIZE; size += 1) {
      expect(toHex(store.root(size))).toBe(toHex(roots[size]!));
    }
  });

  it('builds, for every (index, size), the RFC inclusion path; it verifies; any flipped bit fails', () => {
    let checked = 0;
    for (let size = 1; size <= MAX_SIZE; size += 1) {
      for (let index = 0; index < size; index += 1) {
        const proof = store.inclusionProof(index, size);
        const expected = path(index, leaves.slice(0, size)).map(toHex);
        expect(proof.map(toHex)).toEqual(expected);
        expect(inclusionProof(index, size, uncached).map(toHex)).toEqual(expected);
        const leaf = leaves[index]!;
        const r = roots[size]!;
        expect(verifyInclusion(leaf, index, size, proof, r)).toBe(true);
        for (const tampered of bitFlips(proof))
          expect(verifyInclusion(leaf, index, size, tampered, r)).toBe(false);
        expect(verifyInclusion(flipBit(leaf, randomInt(random, 256)), index, size, proof, r)).toBe(false);
        expect(verifyInclusion(leaf, index, size, proof, flipBit(r, randomInt(random, 256)))).toBe(false);
        if (size > 1) expect(verifyInclusion(leaf, (index + 1) % size, size, proof, r)).toBe(false);
        checked += 1;
      }
    }
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
  });

  it('builds, for every pair of sizes, the RFC consistency proof; it verifies; any flipped bit fails', () => {
    let checked = 0;
    for (let newSize = 1; newSize <= MAX_SIZE; newSize += 1) {
      for (let oldSize = 1; oldSize <= newSize; oldSize += 1) {
        const proof = store.consistencyProof(oldSize, newSize);
        const expected = (oldSize === newSize ? [] : subproof(oldSize, leaves.slice(0, newSize), true)).map(
          toHex,
        );
        expect(proof.map(toHex)).toEqual(expected);
        expect(consistencyProof(oldSize, newSize, uncached).map(toHex)).toEqual(expected);
        const [r1, r2] = [roots[oldSize]!, roots[newSize]!];
        expect(verifyConsistency(oldSize, newSize, r1, r2, proof)).toBe(true);
        for (const tampered of bitFlips(proof)) {
          expect(verifyConsistency(oldSize, newSize, r1, r2, tampered)).toBe(false);
        }
        expect(verifyConsistency(oldSize, newSize, flipBit(r1, randomInt(random, 256)), r2, proof)).toBe(
          false,
        );
        expect(verifyConsistency(oldSize, newSize, r1, flipBit(r2, randomInt(random, 256)), proof)).toBe(
          false,
        );
        if (oldSize < newSize) {
          expect(verifyConsistency(oldSize, newSize, r1, r2, proof.slice(1))).toBe(false);
          expect(verifyConsistency(oldSize, newSize, r1, r2, [...proof, r2])).toBe(false);
        }
        checked += 1;
      }
    }
    expect(checked).toBe((MAX_SIZE * (MAX_SIZE + 1)) / 2);
  });

  it('rejects every single-bit change of every element of a deep proof (exhaustive)', () => {
    for (const [index, size, oldSize] of [
      [37, 64, 37],
      [12, 45, 29],
    ] as const) {
      const proof = store.inclusionProof(index, size);
      const cproof = store.consistencyProof(oldSize, size);
      for (let at = 0; at < proof.length; at += 1) {
        for (let bit = 0; bit < 256; bit += 1) {
          const tampered = proof.map((h, i) => (i === at ? flipBit(h, bit) : h));
          expect(verifyInclusion(leaves[index]!, index, size, tampered, roots[size]!)).toBe(false);
        }
      }
      for (let at = 0; at < cproof.length; at += 1) {
        for (let bit = 0; bit < 256; bit += 1) {
          const tampered = cproof.map((h, i) => (i === at ? flipBit(h, bit) : h));
          expect(verifyConsistency(oldSize, size, roots[oldSize]!, roots[size]!, tampered)).toBe(false);
        }
      }
    }
  });
});
