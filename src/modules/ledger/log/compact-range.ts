import { foldRange, hashChildren, type Hash } from './merkle.js';

/**
 * The right border of a growing tree: one perfect-subtree hash per set bit of the size, left to
 * right. Appending is amortised O(1) hashes and the root is O(log n), with O(log n) memory — what
 * an auditor needs to recompute a log's roots while streaming its entries once.
 */
export class CompactRange {
  private readonly border: Hash[] = [];
  private readonly levels: number[] = [];
  private count = 0;

  /** Number of leaves appended so far. */
  get size(): number {
    return this.count;
  }

  /** Appends one leaf hash, merging completed perfect subtrees. */
  append(leafHash: Hash): void {
    let hash = leafHash;
    let level = 0;
    while (this.levels.length > 0 && this.levels[this.levels.length - 1] === level) {
      this.levels.pop();
      hash = hashChildren(this.border.pop()!, hash);
      level += 1;
    }
    this.border.push(hash);
    this.levels.push(level);
    this.count += 1;
  }

  /** MTH of everything appended so far (the empty-tree root when nothing was). */
  root(): Hash {
    return foldRange(this.border);
  }
}
