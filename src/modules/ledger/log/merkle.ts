import { hash as digest } from 'node:crypto';
import { LedgerLogError } from './errors.js';

/**
 * RFC 6962 / RFC 9162 Merkle tree hashing, proof generation and proof verification (SHA-256).
 *
 * Tree sizes and leaf indexes are JavaScript numbers restricted to safe integers (< 2^53), so all
 * index arithmetic below uses division rather than 32-bit bitwise operators.
 */

/** A SHA-256 digest: 32 bytes. */
export type Hash = Uint8Array;

export const HASH_SIZE = 32;

/**
 * A perfect subtree: the 2^level leaves starting at `index * 2^level`. Level 0 is a leaf.
 * These are the only nodes a store ever has to keep; every proof element is a fold of them.
 */
export interface SubtreeId {
  readonly level: number;
  readonly index: number;
}

/**
 * Where proofs read hashes from. `leafHash` is mandatory; `subtreeHash` lets a store answer a
 * perfect subtree from a cache (O(1)) instead of rehashing its 2^level leaves. Returning
 * `undefined` from `subtreeHash` means "not cached": the hash is then rebuilt from its children.
 */
export interface TreeStore {
  leafHash(index: number): Hash;
  subtreeHash?(level: number, index: number): Hash | undefined;
}

/** A {@link TreeStore} or, for the simplest callers, a bare `getLeafHash(index)` function. */
export type LeafHashSource = TreeStore | ((index: number) => Hash);

/**
 * A proof computed in two steps so a database can fetch every node in one query: the plan lists,
 * per proof element (in proof order), the perfect subtrees whose fold is that element.
 */
export type ProofPlan = readonly (readonly SubtreeId[])[];

const LEAF_PREFIX = 0x00;
const NODE_PREFIX = 0x01;
const nodeScratch = Buffer.alloc(1 + 2 * HASH_SIZE);
nodeScratch[0] = NODE_PREFIX;
const leafScratch = Buffer.alloc(1 + 1024);

/** RFC 6962 leaf hash: SHA-256(0x00 ‖ data). */
export function hashLeaf(data: Uint8Array): Hash {
  if (data.length < leafScratch.length) {
    leafScratch[0] = LEAF_PREFIX;
    leafScratch.set(data, 1);
    return digest('sha256', leafScratch.subarray(0, 1 + data.length), 'buffer');
  }
  return digest('sha256', Buffer.concat([Buffer.from([LEAF_PREFIX]), data]), 'buffer');
}

/** RFC 6962 interior node hash: SHA-256(0x01 ‖ left ‖ right). */
export function hashChildren(left: Hash, right: Hash): Hash {
  nodeScratch.set(left, 1);
  nodeScratch.set(right, 1 + HASH_SIZE);
  return digest('sha256', nodeScratch, 'buffer');
}

/** Node hash of two adjacent 32-byte hashes held contiguously (`pair` is left ‖ right, 64 bytes). */
export function hashAdjacentPair(pair: Uint8Array): Hash {
  nodeScratch.set(pair, 1);
  return digest('sha256', nodeScratch, 'buffer');
}

/** Root of the empty tree: SHA-256 of the empty string. */
export function emptyRoot(): Hash {
  return digest('sha256', Buffer.alloc(0), 'buffer');
}

/** Byte-wise equality of two hashes (or any byte strings). */
export function hashesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

/** The largest power of two strictly smaller than `n` (n ≥ 2): the RFC 6962 split point `k`. */
export function splitPoint(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

function isPowerOfTwo(n: number): boolean {
  return n >= 1 && splitPoint(n + 1) === n;
}

function isSize(n: number): boolean {
  return Number.isSafeInteger(n) && n >= 0;
}

function assertSize(n: number, what: string): void {
  if (!isSize(n)) {
    throw new LedgerLogError('MERKLE_INVALID_RANGE', `${what} must be a non-negative safe integer`, {
      [what]: n,
    });
  }
}

/**
 * The perfect subtrees, left to right, that make up `[begin, end)` when `begin` is aligned the way
 * every range of an RFC 6962 tree is (a multiple of the power of two covering the range). Folding
 * them from the right with {@link hashChildren} gives MTH(D[begin:end]).
 */
export function decomposeRange(begin: number, end: number): SubtreeId[] {
  const ids: SubtreeId[] = [];
  let at = begin;
  while (at < end) {
    let width = 1;
    let level = 0;
    while (width * 2 <= end - at) {
      width *= 2;
      level += 1;
    }
    ids.push({ level, index: at / width });
    at += width;
  }
  return ids;
}

function readSubtree(source: LeafHashSource, level: number, index: number): Hash {
  if (typeof source === 'function') {
    if (level === 0) return source(index);
  } else {
    if (level === 0) return source.leafHash(index);
    const cached = source.subtreeHash?.(level, index);
    if (cached !== undefined) return cached;
  }
  return hashChildren(
    readSubtree(source, level - 1, index * 2),
    readSubtree(source, level - 1, index * 2 + 1),
  );
}

/** Hash of one perfect subtree, from the store's cache when it has one, else from its leaves. */
export function subtreeHash(source: LeafHashSource, id: SubtreeId): Hash {
  return readSubtree(source, id.level, id.index);
}

/** Folds the hashes of a decomposed range (left to right) into the range's Merkle tree hash. */
export function foldRange(hashes: readonly Hash[]): Hash {
  let acc = hashes[hashes.length - 1];
  if (acc === undefined) return emptyRoot();
  for (let i = hashes.length - 2; i >= 0; i -= 1) acc = hashChildren(hashes[i]!, acc);
  return acc;
}

/** Subtrees to fetch for the root of the tree of `size` leaves. */
export function planTreeHash(size: number): SubtreeId[] {
  assertSize(size, 'size');
  return decomposeRange(0, size);
}

/** MTH(D[0:size]): the root hash of the first `size` leaves of the store. */
export function treeHash(size: number, source: LeafHashSource): Hash {
  return foldRange(planTreeHash(size).map((id) => subtreeHash(source, id)));
}

/**
 * Plan of the RFC 9162 §2.1.3.1 inclusion proof PATH(index, D[0:size]), bottom-up.
 * @throws LedgerLogError MERKLE_INVALID_RANGE unless 0 ≤ index < size.
 */
export function planInclusionProof(index: number, size: number): ProofPlan {
  assertSize(index, 'index');
  assertSize(size, 'size');
  if (index >= size) {
    throw new LedgerLogError('MERKLE_INVALID_RANGE', 'leaf index must be below the tree size', {
      index,
      size,
    });
  }
  const topDown: SubtreeId[][] = [];
  let lo = 0;
  let hi = size;
  while (hi - lo > 1) {
    const k = splitPoint(hi - lo);
    if (index < lo + k) {
      topDown.push(decomposeRange(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(decomposeRange(lo, lo + k));
      lo += k;
    }
  }
  return topDown.reverse();
}

/**
 * Plan of the RFC 9162 §2.1.4.1 consistency proof PROOF(oldSize, D[0:newSize]).
 * Empty when oldSize is 0 or equal to newSize.
 * @throws LedgerLogError MERKLE_INVALID_RANGE unless 0 ≤ oldSize ≤ newSize.
 */
export function planConsistencyProof(oldSize: number, newSize: number): ProofPlan {
  assertSize(oldSize, 'oldSize');
  assertSize(newSize, 'newSize');
  if (oldSize > newSize) {
    throw new LedgerLogError('MERKLE_INVALID_RANGE', 'old tree size must not exceed the new one', {
      oldSize,
      newSize,
    });
  }
  if (oldSize === 0 || oldSize === newSize) return [];
  const topDown: SubtreeId[][] = [];
  let lo = 0;
  let hi = newSize;
  let complete = true; // SUBPROOF's flag b: the old tree is exactly this subtree's left edge
  for (;;) {
    if (oldSize === hi) {
      if (!complete) topDown.push(decomposeRange(lo, hi));
      break;
    }
    const k = splitPoint(hi - lo);
    if (oldSize <= lo + k) {
      topDown.push(decomposeRange(lo + k, hi));
      hi = lo + k;
    } else {
      topDown.push(decomposeRange(lo, lo + k));
      lo += k;
      complete = false;
    }
  }
  return topDown.reverse();
}

/** Every distinct subtree a plan needs, for a batched fetch. */
export function planNodes(plan: ProofPlan): SubtreeId[] {
  const seen = new Map<string, SubtreeId>();
  for (const element of plan) for (const id of element) seen.set(`${id.level}:${id.index}`, id);
  return [...seen.values()];
}

/** Turns a plan into proof hashes, reading each subtree through `lookup`. */
export function assembleProof(plan: ProofPlan, lookup: (id: SubtreeId) => Hash): Hash[] {
  return plan.map((element) => foldRange(element.map(lookup)));
}

/** Inclusion proof for leaf `index` in the tree of `size` leaves, read from `source`. */
export function inclusionProof(index: number, size: number, source: LeafHashSource): Hash[] {
  return assembleProof(planInclusionProof(index, size), (id) => subtreeHash(source, id));
}

/** Consistency proof from the tree of `oldSize` leaves to the tree of `newSize`, read from `source`. */
export function consistencyProof(oldSize: number, newSize: number, source: LeafHashSource): Hash[] {
  return assembleProof(planConsistencyProof(oldSize, newSize), (id) => subtreeHash(source, id));
}

function wellFormed(hashes: readonly Uint8Array[]): boolean {
  return hashes.every((h) => h.length === HASH_SIZE);
}

/**
 * The root an inclusion proof leads to (RFC 9162 §2.1.3.2 steps 1–4), or `undefined` when the
 * proof cannot belong to this index and size (wrong length, malformed element).
 */
export function rootFromInclusionProof(
  leafHash: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
): Hash | undefined {
  if (!isSize(index) || !isSize(size) || index >= size) return undefined;
  if (leafHash.length !== HASH_SIZE || !wellFormed(proof)) return undefined;
  let fn = index;
  let sn = size - 1;
  let r = leafHash;
  for (const p of proof) {
    if (sn === 0) return undefined;
    if (fn % 2 === 1 || fn === sn) {
      r = hashChildren(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      r = hashChildren(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 ? r : undefined;
}

/** RFC 9162 §2.1.3.2: does `proof` show leaf `index` with `leafHash` under `root` at `size`? */
export function verifyInclusion(
  leafHash: Hash,
  index: number,
  size: number,
  proof: readonly Hash[],
  root: Hash,
): boolean {
  const computed = rootFromInclusionProof(leafHash, index, size, proof);
  return computed !== undefined && root.length === HASH_SIZE && hashesEqual(computed, root);
}

/**
 * Outcome of checking a consistency proof:
 * - `consistent`: the new tree extends the old one;
 * - `fork`: the proof is evidence of a split view — either equal sizes with different roots, or a
 *   proof that reconstructs the new root while its prefix of `oldSize` leaves hashes to something
 *   other than `oldRoot`;
 * - `invalid-proof`: the proof does not reconstruct the new root (garbage, or a fork that cannot be
 *   told apart from garbage, as when `oldSize` is a power of two).
 */
export type ConsistencyVerdict = 'consistent' | 'fork' | 'invalid-proof';

/** RFC 9162 §2.1.4.2 consistency verification, with forks told apart from bad proofs. */
export function checkConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): ConsistencyVerdict {
  if (!isSize(oldSize) || !isSize(newSize) || oldSize > newSize) return 'invalid-proof';
  if (oldRoot.length !== HASH_SIZE || newRoot.length !== HASH_SIZE || !wellFormed(proof))
    return 'invalid-proof';
  if (oldSize === newSize) {
    if (proof.length !== 0) return 'invalid-proof';
    return hashesEqual(oldRoot, newRoot) ? 'consistent' : 'fork';
  }
  if (oldSize === 0) return proof.length === 0 ? 'consistent' : 'invalid-proof';
  if (proof.length === 0) return 'invalid-proof';

  const path = isPowerOfTwo(oldSize) ? [oldRoot, ...proof] : [...proof];
  let fn = oldSize - 1;
  let sn = newSize - 1;
  while (fn % 2 === 1) {
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  let fr = path[0]!;
  let sr = path[0]!;
  for (let i = 1; i < path.length; i += 1) {
    const c = path[i]!;
    if (sn === 0) return 'invalid-proof';
    if (fn % 2 === 1 || fn === sn) {
      fr = hashChildren(c, fr);
      sr = hashChildren(c, sr);
      while (fn % 2 === 0 && fn !== 0) {
        fn /= 2;
        sn = Math.floor(sn / 2);
      }
    } else {
      sr = hashChildren(sr, c);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  if (sn !== 0 || !hashesEqual(sr, newRoot)) return 'invalid-proof';
  return hashesEqual(fr, oldRoot) ? 'consistent' : 'fork';
}

/** RFC 9162 §2.1.4.2: does `proof` show the tree at `newSize` extends the tree at `oldSize`? */
export function verifyConsistency(
  oldSize: number,
  newSize: number,
  oldRoot: Hash,
  newRoot: Hash,
  proof: readonly Hash[],
): boolean {
  return checkConsistency(oldSize, newSize, oldRoot, newRoot, proof) === 'consistent';
}
