// Slab: size classes from 16 B to 4 KiB in pool pages, larger blocks in a fallback inside the same span
// (native-legacy/memory/slab_allocator.h). Blocks are addressed by their offset in the region.
// A call that names its tag or site (`where`) goes through the *_at exports; the plain calls keep the
// fastest path and take the tracker's context (tracker.withTag/withSite) or the slab's default tag.
import type { AllocWhere, Tracker } from '../tracking/tracker.js';
import { SLAB_CLASS_STATS_WORDS, SLAB_STATS_WORDS } from '../wasm/exports.js';
import { u64Words, type EngineContext } from './context.js';
import type { Region } from './region.js';

export interface SlabStats {
  /** The span this slab manages. */
  arenaBytes: number;
  /** Bytes in use: slab pages, fallback blocks with their size words, and the slab's metadata. */
  reservedBytes: number;
  /** Usable bytes of live blocks (class sizes; the fallback blocks' usable sizes). */
  liveBytes: number;
  liveBlocks: number;
  pagesInUse: number;
  pageSize: number;
  classCount: number;
  failures: number;
  totalAllocs: number;
  totalFrees: number;
}

export interface SlabClassStats {
  blockSize: number;
  pages: number;
  liveBlocks: number;
  capacityBlocks: number;
}

export interface SlabBlock {
  offset: number;
  size: number;
}

export class Slab {
  /** Block sizes of the size classes, ascending; larger requests go to the fallback. */
  readonly classSizes: readonly number[];

  /** @internal Use createEngine(): the engine creates its slab. */
  constructor(
    private readonly ctx: EngineContext,
    readonly region: Region,
    /** The ABI's allocator id. */
    readonly id: number,
    private readonly tracker: Tracker,
    /** The tracker tag of allocations that name none (createEngine({ slab: { tag } }), default "untagged"). */
    readonly trackingTag: string = 'untagged',
  ) {
    const count = ctx.abi.oc_slab_class_count(id);
    this.classSizes = Array.from({ length: count }, (_, i) => ctx.abi.oc_slab_class_size(id, i));
  }

  /**
   * Offset in the region of `size` zeroed bytes aligned to `align` (a power of two <= 4096).
   * OutOfSpaceError when the span is full; SizeTooLargeError, BadAlignmentError, InvalidArgumentError
   * for requests that can never be served. `where`: the tracker tag and site label of this block.
   */
  alloc(size: number, align = 16, where?: AllocWhere): number {
    const off = (where === undefined
      ? this.ctx.raw.oc_slab_alloc(this.id, size, align)
      : this.ctx.raw.oc_slab_alloc_at(this.id, size, align, this.tagOf(where), this.siteOf(where.site))) >>> 0;
    if (off === 0) throw this.ctx.error(this.ctx.lastStatus(), `slab: alloc(${size}, ${align})`);
    return off;
  }

  /**
   * alloc() without the zeroing, like malloc: for blocks the caller fills completely before reading.
   * Same arguments, alignment, size classes and typed errors as alloc().
   *
   * Guaranteed: the bytes are deterministic, never uninitialised memory. The region starts zeroed and
   * every write to it is deterministic, so the same sequence of calls leaves the same bytes in wasm
   * and natively, and snapshots and replays stay reproducible.
   * Not guaranteed: what those bytes are. A block may hold zeros (a page never used before), the bytes
   * its previous owner left (but for its first 4 bytes, which the free list overwrote), or the 0xDD
   * scrub pattern of debug builds. Reading before writing is a bug; use alloc() when in doubt.
   */
  allocRaw(size: number, align = 16, where?: AllocWhere): number {
    const off = (where === undefined
      ? this.ctx.raw.oc_slab_alloc_raw(this.id, size, align)
      : this.tracker.withIds(where.tag === undefined ? null : this.tagOf(where), where.site === undefined ? null : this.siteOf(where.site),
        () => this.ctx.raw.oc_slab_alloc_raw(this.id, size, align))) >>> 0;
    if (off === 0) throw this.ctx.error(this.ctx.lastStatus(), `slab: allocRaw(${size}, ${align})`);
    return off;
  }

  /**
   * Frees the block that starts at `offset`. `size`, when given, must be the size passed to alloc (or
   * any size of the same class): WrongSizeClassError otherwise. InvalidOffsetError for an offset that
   * is not the start of a live block, DoubleFreeError for a block already freed. The tracker records
   * such misuse with this call's `site` and the block's original sites.
   */
  free(offset: number, size = 0, site?: string): void {
    const s = site === undefined
      ? this.ctx.raw.oc_slab_free(this.id, offset, size)
      : this.ctx.raw.oc_slab_free_at(this.id, offset, size, this.tracker.siteId(site));
    if (s !== 0) throw this.ctx.error(s, `slab: free(${offset}${size ? `, ${size}` : ''})`);
  }

  /** Bytes usable in the block at `offset` (its class size, or the fallback block's size). */
  usableSize(offset: number): number {
    this.ctx.ensureAlive();
    const n = this.ctx.abi.oc_slab_usable_size(this.id, offset);
    if (n === 0) throw this.ctx.error(this.ctx.lastStatus(), `slab: usableSize(${offset})`);
    return n;
  }

  /** The size class a request of `size` bytes goes to, or -1 for the fallback. */
  classOf(size: number): number {
    return this.classSizes.findIndex((s) => s >= size);
  }

  stats(): SlabStats {
    this.ctx.ensureAlive();
    const ptr = this.ctx.scratch.reserve(SLAB_STATS_WORDS * 4);
    this.ctx.check(this.ctx.abi.oc_slab_stats(this.id, ptr), 'slab: stats');
    const w = new Uint32Array(this.ctx.heap.current, ptr, SLAB_STATS_WORDS);
    return {
      arenaBytes: w[0]!, reservedBytes: w[1]!, liveBytes: w[2]!, liveBlocks: w[3]!, pagesInUse: w[4]!,
      pageSize: w[5]!, classCount: w[6]!, failures: w[7]!,
      totalAllocs: u64Words(w[8]!, w[9]!), totalFrees: u64Words(w[10]!, w[11]!),
    };
  }

  /** Per size class: block size, pages, live blocks, blocks the pages can hold. */
  classStats(): SlabClassStats[] {
    this.ctx.ensureAlive();
    const ptr = this.ctx.scratch.reserve(SLAB_CLASS_STATS_WORDS * 4);
    return this.classSizes.map((_, i) => {
      this.ctx.check(this.ctx.abi.oc_slab_class_stats(this.id, i, ptr), `slab: classStats(${i})`);
      const w = new Uint32Array(this.ctx.heap.current, ptr, SLAB_CLASS_STATS_WORDS);
      return { blockSize: w[0]!, pages: w[1]!, liveBlocks: w[2]!, capacityBlocks: w[3]! };
    });
  }

  /** Validates every invariant; throws CorruptStateError when one is broken. */
  check(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_allocator_check(this.id), 'slab: check');
  }

  /** Every live block (offset and block size): slab pages in address order, then fallback blocks. */
  liveBlocks(): SlabBlock[] {
    this.ctx.ensureAlive();
    const count = this.ctx.abi.oc_slab_walk(this.id, 0, 0);
    if (count === 0) return [];
    const ptr = this.ctx.scratch.reserve(count * 8);
    const n = Math.min(this.ctx.abi.oc_slab_walk(this.id, ptr, count), count);
    const w = new Uint32Array(this.ctx.heap.current, ptr, n * 2);
    const out: SlabBlock[] = new Array<SlabBlock>(n);
    for (let i = 0; i < n; i++) out[i] = { offset: w[2 * i]!, size: w[2 * i + 1]! };
    return out;
  }

  /** Visits each live block. The visitor must not allocate from this engine's slab. */
  walk(visit: (offset: number, size: number) => void): void {
    for (const b of this.liveBlocks()) visit(b.offset, b.size);
  }

  /** A fresh zero-copy view of a block's bytes. */
  bytes(offset: number, length: number): Uint8Array {
    return this.region.slice(offset, length);
  }

  // 0 means "the context's, else the default": what an absent tag or site should do.
  private tagOf(where: AllocWhere): number {
    return where.tag === undefined ? 0 : this.tracker.tagId(where.tag);
  }

  private siteOf(label: string | undefined): number {
    return label === undefined ? 0 : this.tracker.siteId(label);
  }
}
