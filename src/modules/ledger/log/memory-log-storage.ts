import { LedgerLogError } from './errors.js';
import { MemoryTreeStore } from './memory-tree-store.js';
import { subtreeHash, type Hash, type SubtreeId } from './merkle.js';

/** One entry as the engine hands it to storage. */
export interface StoredEntry {
  /** Leaf data (see `entry.ts`). */
  readonly data: Uint8Array;
  /** hashLeaf(data), computed by the engine. */
  readonly leafHash: Hash;
  /** For a revocation, the leaf hash it revokes (to index revocations by target). */
  readonly revokes?: Hash;
}

/**
 * What the local log engine needs from storage. The database-backed implementation keeps entries
 * append-only (index = insertion order, no gaps), a unique index on leaf hash, an index on revoked
 * target, and — for O(log n) proofs — the hashes of completed perfect subtrees.
 */
export interface LogStorage {
  /** Number of entries. */
  size(): Promise<number>;
  /** Appends at index `size()` and returns that index; the engine serialises its own calls. */
  append(entry: StoredEntry): Promise<number>;
  /** Leaf data at `index`, or `undefined` beyond the end. */
  entry(index: number): Promise<Uint8Array | undefined>;
  /** Stored leaf hash at `index` (as stored, not recomputed), or `undefined` beyond the end. */
  leafHash(index: number): Promise<Hash | undefined>;
  /** Index of the entry with this leaf hash. */
  findLeaf(leafHash: Hash): Promise<number | undefined>;
  /** Index of the revocation entry targeting this leaf hash. */
  findRevocation(target: Hash): Promise<number | undefined>;
  /**
   * Hashes of complete perfect subtrees, in the order asked (one batched read for a whole proof).
   * @throws LedgerLogError MERKLE_MISSING_NODE for a subtree beyond the stored entries
   */
  subtreeHashes(ids: readonly SubtreeId[]): Promise<Hash[]>;
  /** Saves (or replaces, e.g. with more cosignatures) the checkpoint note for `size`. */
  saveCheckpoint(size: number, note: string): Promise<void>;
  checkpointAt(size: number): Promise<string | undefined>;
  /** The checkpoint with the largest size. */
  latestCheckpoint(): Promise<{ size: number; note: string } | undefined>;
  /** Every stored checkpoint, smallest first. */
  checkpoints(): Promise<{ size: number; note: string }[]>;
}

const key = (hash: Hash): string => Buffer.from(hash).toString('base64');

/** {@link LogStorage} in memory: the embedded default for tests, demos and benchmarks. */
export class MemoryLogStorage implements LogStorage {
  private readonly tree = new MemoryTreeStore();
  private readonly data: Uint8Array[] = [];
  private readonly byLeaf = new Map<string, number>();
  private readonly byRevoked = new Map<string, number>();
  private readonly notes = new Map<number, string>();

  size(): Promise<number> {
    return Promise.resolve(this.tree.size);
  }

  append(entry: StoredEntry): Promise<number> {
    const index = this.tree.append(entry.leafHash);
    this.data.push(Uint8Array.from(entry.data));
    if (!this.byLeaf.has(key(entry.leafHash))) this.byLeaf.set(key(entry.leafHash), index);
    if (entry.revokes !== undefined) this.byRevoked.set(key(entry.revokes), index);
    return Promise.resolve(index);
  }

  entry(index: number): Promise<Uint8Array | undefined> {
    const stored = this.data[index];
    return Promise.resolve(stored === undefined ? undefined : Uint8Array.from(stored));
  }

  leafHash(index: number): Promise<Hash | undefined> {
    return Promise.resolve(index >= 0 && index < this.tree.size ? this.tree.leafHash(index) : undefined);
  }

  findLeaf(leafHash: Hash): Promise<number | undefined> {
    return Promise.resolve(this.byLeaf.get(key(leafHash)));
  }

  findRevocation(target: Hash): Promise<number | undefined> {
    return Promise.resolve(this.byRevoked.get(key(target)));
  }

  subtreeHashes(ids: readonly SubtreeId[]): Promise<Hash[]> {
    return Promise.resolve(
      ids.map((id) => {
        if ((id.index + 1) * 2 ** id.level > this.tree.size) {
          throw new LedgerLogError('MERKLE_MISSING_NODE', 'subtree beyond the stored entries', { ...id });
        }
        return subtreeHash(this.tree, id);
      }),
    );
  }

  saveCheckpoint(size: number, note: string): Promise<void> {
    this.notes.set(size, note);
    return Promise.resolve();
  }

  checkpointAt(size: number): Promise<string | undefined> {
    return Promise.resolve(this.notes.get(size));
  }

  async latestCheckpoint(): Promise<{ size: number; note: string } | undefined> {
    const all = await this.checkpoints();
    return all[all.length - 1];
  }

  checkpoints(): Promise<{ size: number; note: string }[]> {
    const sizes = [...this.notes.keys()].sort((a, b) => a - b);
    return Promise.resolve(sizes.map((size) => ({ size, note: this.notes.get(size)! })));
  }
}
