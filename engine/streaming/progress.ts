// Progress of a bundle, in bytes and items. A file's size is known once a worker has fetched it, so until
// every item is fetched the items drive the fraction (a fetched item counts half, a loaded one whole);
// once all sizes are known it is the mean of the bytes fraction and the items fraction (decoding is the
// second half of the work). The fraction never decreases, stays below 1 while an item is outstanding,
// and the last report is exactly 1 — also for items that came from the cache (they fetch 0 bytes).
export interface BundleProgress {
  /** File bytes fetched so far. */
  bytesLoaded: number;
  /** File bytes of the items whose size is known so far (final once every item has been fetched). */
  bytesTotal: number;
  itemsLoaded: number;
  itemsTotal: number;
  /** 0..1, monotonic; exactly 1 in the last report. */
  fraction: number;
}

interface Item { bytes: number | undefined; done: boolean }

/** Largest double below 1: the cap of the fraction while work is outstanding. */
const BELOW_ONE = 1 - Number.EPSILON / 2;

export class BundleProgressTracker {
  private readonly items: Item[];
  private fraction = 0;
  private loaded = 0;
  // Running sums, so that a report costs O(1), not a walk over every item (a bundle reports twice per item).
  private bytesLoaded = 0;
  private unknown: number;
  private fetchedOnly = 0;

  constructor(itemsTotal: number, private readonly onProgress?: (p: BundleProgress) => void) {
    this.items = Array.from({ length: itemsTotal }, () => ({ bytes: undefined, done: false }));
    this.unknown = itemsTotal;
  }

  /** Item `i`'s file was fetched (`bytes` long). */
  fetched(i: number, bytes: number): void {
    const item = this.items[i];
    if (item === undefined || item.bytes !== undefined) return;
    item.bytes = bytes;
    this.bytesLoaded += bytes;
    this.unknown--;
    if (!item.done) this.fetchedOnly++;
    this.report();
  }

  /** Item `i` is loaded (decoded and pinned, or a cache hit). */
  done(i: number): void {
    const item = this.items[i];
    if (item === undefined || item.done) return;
    if (item.bytes === undefined) {
      item.bytes = 0;
      this.unknown--;
    } else {
      this.fetchedOnly--;
    }
    item.done = true;
    this.loaded++;
    this.report();
  }

  /** The first report (fraction 0, or exactly 1 for an empty bundle). */
  start(): void {
    this.report();
  }

  snapshot(): BundleProgress {
    const n = this.items.length;
    const { bytesLoaded, fetchedOnly } = this;
    const allKnown = this.unknown === 0;
    let fraction: number;
    if (this.loaded === n) fraction = 1;
    else {
      const itemsFraction = this.loaded / n;
      const computed = allKnown && bytesLoaded > 0
        ? (1 + itemsFraction) / 2 // every size known and fetched: the bytes half is complete
        : (this.loaded + fetchedOnly / 2) / n;
      fraction = Math.min(BELOW_ONE, Math.max(this.fraction, computed));
    }
    this.fraction = fraction;
    return { bytesLoaded, bytesTotal: bytesLoaded, itemsLoaded: this.loaded, itemsTotal: n, fraction };
  }

  private report(): void {
    const p = this.snapshot();
    this.onProgress?.(p);
  }
}
