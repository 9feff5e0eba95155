// FrameArena: bump allocation in the frame region with markers, reset() once per frame
// (native-legacy/memory/frame_arena.h). Blocks are addressed by their offset in the region.
import type { AllocWhere, Tracker } from '../tracking/tracker.js';
import { ARENA_STATS_WORDS } from '../wasm/exports.js';
import { u64Words, type EngineContext } from './context.js';
import type { Region } from './region.js';

declare const markerBrand: unique symbol;
/** A saved arena position, from marker(). */
export type FrameMarker = number & { readonly [markerBrand]: true };

export interface ArenaStats {
  capacity: number;
  used: number;
  peak: number;
  failures: number;
  totalAllocs: number;
  resets: number;
}

export class FrameArena {
  /** @internal Use createEngine(): the engine creates its frame arena. */
  constructor(
    private readonly ctx: EngineContext,
    readonly region: Region,
    /** The ABI's allocator id. */
    readonly id: number,
    private readonly tracker: Tracker,
    /** The tracker tag of allocations that name none ("frame"). */
    readonly trackingTag: string = 'frame',
  ) {}

  /**
   * Offset of `size` zeroed bytes aligned to `align` (a power of two <= 4096); OutOfSpaceError when
   * full. `where`: the tracker tag and site label of this block (it lives until reset()).
   */
  alloc(size: number, align = 16, where?: AllocWhere): number {
    const off = (where === undefined
      ? this.ctx.raw.oc_arena_alloc(this.id, size, align)
      : this.ctx.raw.oc_arena_alloc_at(
        this.id, size, align,
        where.tag === undefined ? 0 : this.tracker.tagId(where.tag),
        where.site === undefined ? 0 : this.tracker.siteId(where.site),
      )) >>> 0;
    if (off === 0) throw this.ctx.error(this.ctx.lastStatus(), `frame arena: alloc(${size}, ${align})`);
    return off;
  }

  /** The current top, to unwind() to later. */
  marker(): FrameMarker {
    this.ctx.ensureAlive();
    return this.ctx.abi.oc_arena_marker(this.id) as FrameMarker;
  }

  /** Frees everything allocated after `marker`; BadMarkerError unless the marker is within [begin, top]. */
  unwind(marker: FrameMarker): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_arena_unwind(this.id, marker), `frame arena: unwind(${marker})`);
  }

  /** Frees everything (once per frame). */
  reset(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_arena_reset(this.id), 'frame arena: reset');
  }

  stats(): ArenaStats {
    this.ctx.ensureAlive();
    const ptr = this.ctx.scratch.reserve(ARENA_STATS_WORDS * 4);
    this.ctx.check(this.ctx.abi.oc_arena_stats(this.id, ptr), 'frame arena: stats');
    const w = new Uint32Array(this.ctx.heap.current, ptr, ARENA_STATS_WORDS);
    return {
      capacity: w[0]!, used: w[1]!, peak: w[2]!, failures: w[3]!,
      totalAllocs: u64Words(w[4]!, w[5]!), resets: u64Words(w[6]!, w[7]!),
    };
  }

  /** Validates every invariant; throws CorruptStateError when one is broken. */
  check(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_allocator_check(this.id), 'frame arena: check');
  }

  /** A fresh zero-copy view of a block's bytes. */
  bytes(offset: number, length: number): Uint8Array {
    return this.region.slice(offset, length);
  }
}
