// Timing for the overlay: per-panel refresh rates, and the rolling median of update() durations that
// the overlay shows in its corner and returns from stats() (the cost figure of issue 4: < 1 ms per
// frame when open).

/** Lets an action run at most `hz` times a second; 0 (or Infinity) means on every call. */
export class Rate {
  private readonly period: number;
  private last = -Infinity;

  constructor(hz: number) {
    if (!(hz >= 0)) throw new RangeError(`overlay: a refresh rate is a number of times per second >= 0, got ${hz}`);
    // A small slack, so that a 60 Hz rate is not skipped on a frame that came a little early.
    this.period = hz === 0 || hz === Infinity ? 0 : 1000 / hz - 1;
  }

  due(now: number): boolean {
    if (now - this.last < this.period) return false;
    this.last = now;
    return true;
  }

  /** The next due() call returns true. */
  expire(): void {
    this.last = -Infinity;
  }

  /**
   * Counts `now` as a run, shifted by a fraction of the period: parts with the same rate then run
   * on different frames instead of piling their cost onto one.
   */
  ranAt(now: number, phase: number): void {
    this.last = now - this.period * phase;
  }
}

/** The median of the last `size` samples, computed on demand into a reused buffer. */
export class RollingMedian {
  private readonly samples: Float64Array;
  private readonly sorted: Float64Array;
  private count = 0;
  private next = 0;

  constructor(size = 120) {
    this.samples = new Float64Array(size);
    this.sorted = new Float64Array(size);
  }

  push(v: number): void {
    this.samples[this.next] = v;
    this.next = (this.next + 1) % this.samples.length;
    if (this.count < this.samples.length) this.count++;
  }

  get size(): number {
    return this.count;
  }

  /** NaN before the first sample. */
  median(): number {
    if (this.count === 0) return Number.NaN;
    const view = this.sorted.subarray(0, this.count);
    view.set(this.samples.subarray(0, this.count));
    view.sort();
    const mid = this.count >> 1;
    return this.count % 2 === 1 ? view[mid]! : (view[mid - 1]! + view[mid]!) / 2;
  }

  clear(): void {
    this.count = 0;
    this.next = 0;
  }
}
