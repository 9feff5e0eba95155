// Pool<Name>: fixed-size slots addressed by generation-checked handles (native-legacy/memory/fixed_pool.h).
// alloc/free go straight to the raw exports: one wasm call, one comparison, a throw only on failure.
// With a site label they take the *_at exports instead, which tell the tracker where the call came from.
import type { Tracker } from '../tracking/tracker.js';
import { POOL_STATS_WORDS } from '../wasm/exports.js';
import { isU32, u64Words, type EngineContext } from './context.js';
import { InvalidArgumentError } from './errors.js';
import type { Handle } from './handle.js';
import type { Region } from './region.js';
import { SlotViews } from './views.js';

export interface PoolOptions<Name extends string> {
  name: Name;
  /** Bytes per slot (rounded up to a multiple of align, and to at least 4). */
  slotSize: number;
  /** A power of two <= 64; default: the largest power of two <= 16 that divides slotSize. */
  align?: number;
  /** 1 .. 1,048,576 slots. */
  capacity: number;
  /** The tracker tag of the pool's allocations; default: the pool's name. */
  tag?: string;
}

/** What occupancy() reads from the pool's header, without a call into wasm. */
export interface PoolOccupancy {
  live: number;
  capacity: number;
  peak: number;
}

export interface PoolStats {
  capacity: number;
  live: number;
  peak: number;
  /** Allocations refused because the pool was full. */
  failures: number;
  slotSize: number;
  slotAlign: number;
  totalAllocs: number;
  totalFrees: number;
}

/** The default alignment for a slot size: natural for small scalars and structs, at most 16. */
export function defaultAlign(slotSize: number): number {
  let align = 16;
  while (align > 1 && slotSize % align !== 0) align >>= 1;
  return align;
}

export class Pool<Name extends string = string> {
  /** The ABI's allocator id. */
  readonly id: number;
  /** The pool's id inside its region: the top 8 bits of each of its handles. */
  readonly tag: number;
  readonly capacity: number;
  readonly slotSize: number;
  readonly slotAlign: number;
  /** Offset of slot 0 in the region. */
  readonly slotsOffset: number;
  readonly indexBits: number;
  /** The tracker tag of its allocations (PoolOptions.tag, or the pool's name). */
  readonly trackingTag: string;
  /** Zero-copy typed views over the slot storage (stay valid when memory grows). */
  readonly views: SlotViews;

  private readonly rawAlloc: (pool: number) => number;
  private readonly rawFree: (pool: number, handle: number) => number;
  private readonly rawAllocAt: (pool: number, site: number) => number;
  private readonly rawFreeAt: (pool: number, handle: number, site: number) => number;
  private readonly indexMask: number;
  private headerOffset: number;
  private readonly liveField: number;
  private readonly peakField: number;

  /** @internal Use engine.createPool(). */
  constructor(
    protected readonly ctx: EngineContext,
    readonly name: Name,
    readonly region: Region,
    id: number,
    /** @internal The engine's tracker: it interns site labels. */
    protected readonly tracker: Tracker,
    trackingTag: string = name,
  ) {
    this.id = id;
    this.tag = ctx.abi.oc_allocator_tag(id);
    const words = this.statWords();
    this.capacity = words[0]!;
    this.slotSize = words[4]!;
    this.slotAlign = words[5]!;
    this.slotsOffset = words[10]!;
    this.indexBits = words[11]!;
    this.indexMask = this.indexBits >= 32 ? 0xffff_ffff : (1 << this.indexBits) - 1;
    this.views = new SlotViews(ctx.heap, region.base + this.slotsOffset, this.slotSize, this.capacity * this.slotSize);
    this.rawAlloc = ctx.raw.oc_pool_alloc;
    this.rawFree = ctx.raw.oc_pool_free;
    this.rawAllocAt = ctx.raw.oc_pool_alloc_at;
    this.rawFreeAt = ctx.raw.oc_pool_free_at;
    this.trackingTag = trackingTag;
    this.headerOffset = ctx.abi.oc_allocator_header(id);
    this.liveField = tracker.layout.offsetSized('FixedPoolHeader', 'live', 4);
    this.peakField = tracker.layout.offsetSized('FixedPoolHeader', 'peak', 4);
  }

  /**
   * A zeroed slot. Throws PoolExhaustedError when every slot is live. `site`: a label the tracker
   * shows for this allocation (leaks, reports); without it, the tracker's context site (withSite).
   */
  alloc(site?: string): Handle<Name> {
    const h = (site === undefined ? this.rawAlloc(this.id) : this.rawAllocAt(this.id, this.tracker.siteId(site))) >>> 0;
    if (h === 0) throw this.ctx.error(this.ctx.lastStatus(), `pool ${this.name}: alloc`, 'pool');
    return h as Handle<Name>;
  }

  /**
   * Frees a slot: StaleHandleError, DoubleFreeError, ForeignHandleError on misuse (nothing changes
   * then; the tracker records the misuse with this call's site and the slot's original sites).
   */
  free(handle: Handle<Name>, site?: string): void {
    const s = site === undefined ? this.rawFree(this.id, handle) : this.rawFreeAt(this.id, handle, this.tracker.siteId(site));
    if (s !== 0) throw this.ctx.error(s, `pool ${this.name}: free(0x${(handle >>> 0).toString(16)})`, 'pool');
  }

  /** Live, capacity and peak slots, read from the pool's header in linear memory (no wasm call). */
  occupancy(): PoolOccupancy {
    this.ctx.ensureAlive();
    const v = this.ctx.heap.view;
    const at = this.region.base + this.headerOffset;
    return { live: v.getUint32(at + this.liveField, true), capacity: this.capacity, peak: v.getUint32(at + this.peakField, true) };
  }

  /**
   * `count` zeroed slots, all or nothing (PoolExhaustedError and no change when they do not all fit).
   * Writes into `into` when given (it must hold at least count handles), else into a new array.
   */
  allocMany(count: number, into?: Uint32Array): Uint32Array {
    this.ctx.ensureAlive();
    if (!isU32(count)) throw new InvalidArgumentError(`pool ${this.name}: allocMany(${count}): count must be a whole number`);
    const out = into ?? new Uint32Array(count);
    if (out.length < count) throw new InvalidArgumentError(`pool ${this.name}: allocMany(${count}): the output array holds ${out.length}`);
    if (count === 0) return out;
    const ptr = this.ctx.scratch.reserve(count * 4);
    this.ctx.check(this.ctx.raw.oc_pool_alloc_many(this.id, ptr, count), `pool ${this.name}: allocMany(${count})`, 'pool');
    out.set(new Uint32Array(this.ctx.heap.current, ptr, count));
    return out;
  }

  /** Frees every handle, all or nothing: one bad handle (or a duplicate) and none is freed. */
  freeMany(handles: ArrayLike<number>): void {
    this.ctx.ensureAlive();
    const count = handles.length;
    if (count === 0) return;
    const ptr = this.ctx.scratch.reserve(count * 4);
    new Uint32Array(this.ctx.heap.current, ptr, count).set(handles);
    this.ctx.check(this.ctx.raw.oc_pool_free_many(this.id, ptr, count), `pool ${this.name}: freeMany(${count})`, 'pool');
  }

  /** True when the handle is a live slot of this pool (false for stale, freed or foreign handles). */
  isValid(handle: number): handle is Handle<Name> {
    this.ctx.ensureAlive();
    return this.ctx.raw.oc_pool_validate(this.id, handle) === 0;
  }

  /** The slot's offset in the region; throws the handle's error when it is not live. */
  offsetOf(handle: Handle<Name>): number {
    const off = this.ctx.raw.oc_pool_offset(this.id, handle) >>> 0;
    if (off === 0) throw this.ctx.error(this.ctx.lastStatus(), `pool ${this.name}: offsetOf(0x${(handle >>> 0).toString(16)})`, 'pool');
    return off;
  }

  /** The slot index of a handle (bit arithmetic only: it does not validate the handle). */
  indexOf(handle: Handle<Name>): number {
    return (handle & this.indexMask) >>> 0;
  }

  /** The slot's 32-bit generation counter: odd while live, even while free. */
  generation(index: number): number {
    this.ctx.ensureAlive();
    const g = this.ctx.abi.oc_pool_generation(this.id, index);
    if (g === 0) this.ctx.check(this.ctx.lastStatus(), `pool ${this.name}: generation(${index})`);
    return g;
  }

  stats(): PoolStats {
    const w = this.statWords();
    return {
      capacity: w[0]!, live: w[1]!, peak: w[2]!, failures: w[3]!, slotSize: w[4]!, slotAlign: w[5]!,
      totalAllocs: u64Words(w[6]!, w[7]!), totalFrees: u64Words(w[8]!, w[9]!),
    };
  }

  /** Validates every invariant of the pool; throws CorruptStateError when one is broken. */
  check(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_allocator_check(this.id), `pool ${this.name}: check`);
  }

  /** Visits each live slot in index order. The visitor must not allocate from this engine. */
  walk(visit: (handle: Handle<Name>, offset: number) => void): void {
    const handles = this.liveHandles();
    for (const h of handles) visit(h, this.slotsOffset + this.indexOf(h) * this.slotSize);
  }

  /** Every live handle, in slot index order. */
  liveHandles(): Handle<Name>[] {
    this.ctx.ensureAlive();
    const live = this.ctx.abi.oc_pool_walk(this.id, 0, 0);
    if (live === 0) return [];
    const ptr = this.ctx.scratch.reserve(live * 4);
    const n = this.ctx.abi.oc_pool_walk(this.id, ptr, live);
    this.ctx.check(this.ctx.lastStatus(), `pool ${this.name}: walk`);
    return Array.from(new Uint32Array(this.ctx.heap.current, ptr, Math.min(n, live))) as Handle<Name>[];
  }

  /**
   * @internal After a restore or a rewind: true when the core still has this pool (same id, tag and
   * geometry), so the cached views and offsets remain right.
   */
  matchesCore(): boolean {
    if (this.ctx.abi.oc_allocator_kind(this.id) !== 0x4c4f4f50 /* 'POOL' */) return false;
    if (this.ctx.abi.oc_allocator_tag(this.id) !== this.tag) return false;
    const ptr = this.ctx.scratch.reserve(POOL_STATS_WORDS * 4);
    if (this.ctx.abi.oc_pool_stats(this.id, ptr) !== 0) return false;
    const w = new Uint32Array(this.ctx.heap.current, ptr, POOL_STATS_WORDS);
    const same = w[0] === this.capacity && w[4] === this.slotSize && w[5] === this.slotAlign && w[10] === this.slotsOffset;
    if (same) this.headerOffset = this.ctx.abi.oc_allocator_header(this.id);
    return same;
  }

  private statWords(): Uint32Array {
    this.ctx.ensureAlive();
    const ptr = this.ctx.scratch.reserve(POOL_STATS_WORDS * 4);
    this.ctx.check(this.ctx.abi.oc_pool_stats(this.id, ptr), `pool ${this.name}: stats`);
    return new Uint32Array(this.ctx.heap.current, ptr, POOL_STATS_WORDS).slice();
  }
}
