import { CompactRange } from './compact-range.js';
import { hashLeaf, hashesEqual, type Hash } from './merkle.js';

/**
 * Tamper detection: replays stored entries from the first, recomputing leaf hashes and the root at
 * every trusted checkpoint size. Any changed, inserted, removed or reordered entry below a
 * trusted checkpoint changes that checkpoint's root, so it is caught; the report narrows the damage
 * to the leaves between the last checkpoint that still matches and the first that does not.
 * Trusted checkpoints are ones whose log signature (and ideally witness cosignatures) verified.
 */

export interface TrustedTreeHead {
  readonly size: number;
  readonly rootHash: Hash;
}

export type AuditReport =
  | {
      readonly intact: true;
      readonly entriesChecked: number;
      readonly checkpointsChecked: number;
    }
  | {
      readonly intact: false;
      readonly code: 'LEDGER_TAMPERED';
      /** Size of the first trusted checkpoint whose root no longer matches (or that is longer than the log). */
      readonly firstBadCheckpointSize: number | undefined;
      /** Size of the last trusted checkpoint that still matches (0 if none): entries below it are intact. */
      readonly lastGoodSize: number;
      /** Entries whose stored leaf hash differs from the hash of their stored data (first 100). */
      readonly leafHashMismatches: readonly number[];
      /** True when trusted checkpoints cover more entries than are stored (entries were removed). */
      readonly truncated: boolean;
      /** Checkpoints offered as trusted whose log signature failed (a forged or altered checkpoint). */
      readonly forgedCheckpoints: number;
    };

const MAX_REPORTED_MISMATCHES = 100;

/** Streaming auditor: feed entries in index order (e.g. in database batches), then `finish`. */
export class LogAuditor {
  private readonly range = new CompactRange();
  private readonly heads: TrustedTreeHead[];
  private next = 0;
  private lastGoodSize = 0;
  private firstBadSize: number | undefined;
  private readonly mismatches: number[] = [];
  private forged = 0;

  constructor(trusted: readonly TrustedTreeHead[]) {
    this.heads = [...trusted].sort((a, b) => a.size - b.size);
    this.checkHeads();
  }

  /** Feeds the next entry's stored data and, when the store keeps it, its stored leaf hash. */
  push(data: Uint8Array, storedLeafHash?: Hash): void {
    const leafHash = hashLeaf(data);
    if (storedLeafHash !== undefined && !hashesEqual(leafHash, storedLeafHash)) {
      if (this.mismatches.length < MAX_REPORTED_MISMATCHES) this.mismatches.push(this.range.size);
    }
    this.range.append(leafHash);
    this.checkHeads();
  }

  /** Records a checkpoint that claimed to be trusted but failed its signature check. */
  rejectCheckpoint(): void {
    this.forged += 1;
  }

  /** The verdict over everything pushed. */
  finish(): AuditReport {
    const truncated = this.next < this.heads.length;
    const firstBadCheckpointSize = this.firstBadSize ?? (truncated ? this.heads[this.next]!.size : undefined);
    if (firstBadCheckpointSize === undefined && this.mismatches.length === 0 && this.forged === 0) {
      return { intact: true, entriesChecked: this.range.size, checkpointsChecked: this.heads.length };
    }
    return {
      intact: false,
      code: 'LEDGER_TAMPERED',
      firstBadCheckpointSize,
      lastGoodSize: this.lastGoodSize,
      leafHashMismatches: [...this.mismatches],
      truncated,
      forgedCheckpoints: this.forged,
    };
  }

  private checkHeads(): void {
    while (this.next < this.heads.length && this.heads[this.next]!.size === this.range.size) {
      const head = this.heads[this.next]!;
      if (hashesEqual(this.range.root(), head.rootHash)) {
        if (this.firstBadSize === undefined) this.lastGoodSize = head.size;
      } else {
        this.firstBadSize ??= head.size;
      }
      this.next += 1;
    }
  }
}

/** Audits a whole log held in memory (or any indexable source). */
export function auditEntries(
  size: number,
  entryAt: (index: number) => Uint8Array,
  trusted: readonly TrustedTreeHead[],
  storedLeafHashAt?: (index: number) => Hash,
): AuditReport {
  const auditor = new LogAuditor(trusted);
  for (let i = 0; i < size; i += 1) auditor.push(entryAt(i), storedLeafHashAt?.(i));
  return auditor.finish();
}
