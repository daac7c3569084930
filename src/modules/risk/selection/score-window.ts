/**
 * The most recent scores of an office in a ring buffer, to place a new score among them: the share of recent
 * declarations that scored higher is the rank that decides whether the model's budget reaches it.
 */
export class ScoreWindow {
  private readonly values: Float64Array;
  private size = 0;
  private next = 0;

  constructor(readonly capacity = 1000) {
    this.values = new Float64Array(capacity);
  }

  get length(): number {
    return this.size;
  }

  push(value: number): void {
    this.values[this.next] = value;
    this.next = (this.next + 1) % this.capacity;
    if (this.size < this.capacity) this.size++;
  }

  /** Share of the window strictly above `value`, ties counting one half: 0 is the top, 1 the bottom. */
  shareAbove(value: number): number {
    if (this.size === 0) return 0.5;
    let above = 0;
    let equal = 0;
    for (let i = 0; i < this.size; i++) {
      const v = this.values[i]!;
      if (v > value) above++;
      else if (v === value) equal++;
    }
    return (above + equal / 2) / this.size;
  }

  /** The median of the window (NaN when empty). */
  median(): number {
    if (this.size === 0) return Number.NaN;
    const sorted = Float64Array.from(this.values.subarray(0, this.size)).sort();
    const mid = this.size >> 1;
    return this.size % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  }
}
