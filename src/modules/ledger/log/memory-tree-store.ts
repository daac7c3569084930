import { LedgerLogError } from './errors.js';
import {
  HASH_SIZE,
  consistencyProof,
  hashAdjacentPair,
  hashLeaf,
  inclusionProof,
  treeHash,
  type Hash,
  type TreeStore,
} from './merkle.js';

const INITIAL_CAPACITY = 1024;

/** One level of the tree as a packed, growable array of 32-byte hashes. */
class HashColumn {
  private bytes = Buffer.alloc(INITIAL_CAPACITY * HASH_SIZE);
  length = 0;

  push(hash: Hash): void {
    if ((this.length + 1) * HASH_SIZE > this.bytes.length) {
      const grown = Buffer.alloc(this.bytes.length * 2);
      this.bytes.copy(grown, 0, 0, this.length * HASH_SIZE);
      this.bytes = grown;
    }
    this.bytes.set(hash, this.length * HASH_SIZE);
    this.length += 1;
  }

  /** A view of hashes `i` and `i + 1`, contiguous in the buffer. */
  viewPair(i: number): Buffer {
    return this.bytes.subarray(i * HASH_SIZE, (i + 2) * HASH_SIZE);
  }

  /** A view (not a copy) of hash `i`; callers inside this file never mutate it. */
  view(i: number): Buffer {
    return this.bytes.subarray(i * HASH_SIZE, (i + 1) * HASH_SIZE);
  }

  byteLength(): number {
    return this.bytes.length;
  }
}

/**
 * In-memory {@link TreeStore} that caches every perfect subtree as it completes: an append costs
 * one leaf write plus amortised one node hash (O(log n) worst case), and any perfect subtree is
 * then an O(1) read, so roots and proofs at any past size cost O(log n) reads and hashes.
 * Memory is about 2 × 32 bytes per leaf, in packed buffers (no per-hash objects).
 */
export class MemoryTreeStore implements TreeStore {
  private readonly levels: HashColumn[] = [new HashColumn()];

  /** Number of leaves. */
  get size(): number {
    return this.levels[0]!.length;
  }

  /** Bytes reserved for hashes (all levels), for capacity planning and benchmarks. */
  get reservedBytes(): number {
    return this.levels.reduce((sum, column) => sum + column.byteLength(), 0);
  }

  /** Appends a leaf hash and completes the perfect subtrees it closes. Returns the leaf index. */
  append(leafHash: Hash): number {
    if (leafHash.length !== HASH_SIZE) {
      throw new LedgerLogError('MERKLE_INVALID_RANGE', 'a leaf hash is 32 bytes', {
        length: leafHash.length,
      });
    }
    const index = this.size;
    let column = this.levels[0]!;
    column.push(leafHash);
    let level = 0;
    while (column.length % 2 === 0) {
      const parent = hashAdjacentPair(column.viewPair(column.length - 2));
      level += 1;
      if (this.levels.length === level) this.levels.push(new HashColumn());
      column = this.levels[level]!;
      column.push(parent);
    }
    return index;
  }

  /** Hashes `data` as an RFC 6962 leaf and appends it. */
  appendData(data: Uint8Array): { index: number; leafHash: Hash } {
    const leafHash = hashLeaf(data);
    return { index: this.append(leafHash), leafHash };
  }

  /** @throws LedgerLogError MERKLE_MISSING_NODE for an index beyond the tree. */
  leafHash(index: number): Hash {
    const column = this.levels[0]!;
    if (!Number.isSafeInteger(index) || index < 0 || index >= column.length) {
      throw new LedgerLogError('MERKLE_MISSING_NODE', 'no leaf at this index', {
        index,
        size: column.length,
      });
    }
    return Buffer.from(column.view(index));
  }

  /** The cached hash of a completed perfect subtree, or `undefined` if it is not (yet) complete. */
  subtreeHash(level: number, index: number): Hash | undefined {
    const column = this.levels[level];
    if (column === undefined || !Number.isSafeInteger(index) || index < 0 || index >= column.length)
      return undefined;
    return Buffer.from(column.view(index));
  }

  /** Root hash at `size` (default: the current size). */
  root(size: number = this.size): Hash {
    this.assertWithin(size);
    return treeHash(size, this);
  }

  /** Inclusion proof of leaf `index` in the tree at `size` (default: current). */
  inclusionProof(index: number, size: number = this.size): Hash[] {
    this.assertWithin(size);
    return inclusionProof(index, size, this);
  }

  /** Consistency proof from `oldSize` to `newSize` (default: current). */
  consistencyProof(oldSize: number, newSize: number = this.size): Hash[] {
    this.assertWithin(newSize);
    return consistencyProof(oldSize, newSize, this);
  }

  private assertWithin(size: number): void {
    if (size > this.size) {
      throw new LedgerLogError('MERKLE_INVALID_RANGE', 'tree size beyond the stored leaves', {
        size,
        stored: this.size,
      });
    }
  }
}
