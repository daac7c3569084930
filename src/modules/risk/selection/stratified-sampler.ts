/**
 * Systematic stratified random sampling: the stream of declarations is cut into strata of 1/rate declarations and
 * exactly one position, drawn uniformly, is picked in each. After n declarations at least ⌊n·rate⌋ have been picked,
 * so a minimum rate is honoured exactly, yet no trader can tell which position of a stratum will be picked.
 */
export class StratifiedSampler {
  private stratum = -1;
  private pick = -1;
  private end = 0;

  /** `rate` is a share per declaration (0.02 for 2 %); `random` is uniform in [0, 1). */
  constructor(
    readonly rate: number,
    private readonly random: () => number,
  ) {}

  /** Whether the declaration at this 0-based index of the day is the pick of its stratum. */
  isPick(index: number): boolean {
    if (!(this.rate > 0)) return false;
    this.enter(index);
    return index === this.pick;
  }

  /** Whether this index is the last one of its stratum. */
  isStratumEnd(index: number): boolean {
    if (!(this.rate > 0)) return false;
    this.enter(index);
    return index === this.end - 1;
  }

  private enter(index: number): void {
    const length = 1 / Math.min(1, this.rate);
    // Stratum s covers [ceil(s·L), ceil((s+1)·L)); since ceil(x) ≤ i ⟺ x ≤ i for a whole i, s = ⌊i / L⌋.
    const s = Math.floor(index / length + 1e-9);
    if (s === this.stratum) return;
    this.stratum = s;
    const start = Math.ceil(s * length - 1e-9);
    this.end = Math.max(start + 1, Math.ceil((s + 1) * length - 1e-9));
    this.pick = start + Math.min(this.end - start - 1, Math.floor(this.random() * (this.end - start)));
  }
}
