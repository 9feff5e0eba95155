// createEngine(): one wasm instance with its regions (state, frame, debug), the slab over the state
// region, the frame arena, the allocation tracker in the debug region (engine.tracker), and the pools
// created on it. destroy() frees the regions; afterwards every call on the engine or on anything it
// made throws EngineDestroyedError.
import { LayoutTable } from '../tracking/layout.js';
import { createTracker, debugRegionBytes, trackerOptionWords, type TrackingOptions } from '../tracking/setup.js';
import type { Tracker } from '../tracking/tracker.js';
import { bindAbi, type CoreAbi } from '../wasm/abi.js';
import { loadCore, type WasmSource } from '../wasm/loader.js';
import { EngineContext, isU32 } from './context.js';
import { InvalidArgumentError, OpenClawError, WasmLoadError } from './errors.js';
import { FrameArena } from './frame-arena.js';
import { defaultAlign, Pool, type PoolOptions } from './pool.js';
import { Region } from './region.js';
import { Slab } from './slab.js';
import { layoutOf, StructPool, type StructPoolOptions, type StructSchema } from './struct-pool.js';
import { RewindRing, type RewindStats } from '../snapshot/rewind.js';
import * as snap from '../snapshot/snapshot.js';
import { syncTest, SyncTester, type SyncReport, type SyncStep, type SyncTesterOptions } from '../snapshot/sync.js';
import { ResourceCache } from '../streaming/cache.js';

export interface EngineOptions {
  /** Where the core's .wasm comes from (default: package.json's `#core-wasm` in Node, next to the glue in browsers). */
  wasm?: WasmSource;
  regions?: {
    /** Bytes of the state region (pools, slab, metadata); default 16 MiB. */
    state?: number;
    /** Bytes of the frame region (the frame arena); default 1 MiB. */
    frame?: number;
  };
  slab?: {
    /** Bytes of the slab's span in the state region; default half the state region. */
    bytes?: number;
    /** Slab page size, a power of two from 4 KiB to 1 MiB; default: the core's (kSlabDefaultPageSize, 4 KiB). */
    pageSize?: number;
    /** Size classes per doubling; default: the core's (kSlabDefaultClassSteps, 8). */
    classSteps?: 1 | 2 | 4 | 8 | 16;
    /** The tracker tag of slab blocks that name none; default "untagged". */
    tag?: string;
  };
  /**
   * The allocation tracker (docs/tracking.md): mode (default 'counters'), capacities, the debug
   * region's size, and the shutdown leak report.
   */
  tracking?: TrackingOptions;
  /**
   * Load the shared-memory core: engine.memory.buffer is a SharedArrayBuffer, so that workers can
   * write into it (needs crossOriginIsolated in browsers; WasmLoadError otherwise). Default false.
   */
  sharedMemory?: boolean;
  /** The assets region and its resource cache (engine.cache, docs/streaming.md). Default: none. */
  assets?: AssetsOptions;
}

export interface AssetsOptions {
  /** Bytes of the assets region (cache metadata + decoded bytes). */
  bytes: number;
  /**
   * RAM budget: the bytes of every entry together. Default: 3/4 of `bytes`, or less when the data span
   * left after the metadata of maxEntries cannot hold that much (7/8 of the span: slab headroom). More
   * than the span can hold: InvalidArgumentError.
   */
  ramBudget?: number;
  /** VRAM budget: the GPU bytes reported through CachePin.setGpuBytes together; default 64 MiB. */
  vramBudget?: number;
  /** Entry records; default 4096. */
  maxEntries?: number;
}

/** Capture options of the engine: `report: true` embeds the tracker's report (or pass the JSON text). */
export type EngineCaptureOptions = Omit<snap.CaptureOptions, 'report'> & { report?: boolean | string };

const MiB = 1024 * 1024;

export interface EngineRegions {
  readonly state: Region;
  readonly frame: Region;
  /** The allocation tracker's tables (never snapshotted). */
  readonly debug: Region;
  /** The resource cache's region, with createEngine({ assets }) (never snapshotted). */
  readonly assets?: Region;
}

export class Engine {
  readonly regions: EngineRegions;
  readonly slab: Slab;
  readonly frame: FrameArena;
  /** The allocation tracker (docs/tracking.md). */
  readonly tracker: Tracker;

  private readonly poolsByName = new Map<string, Pool<string>>();
  private ring: RewindRing | null = null;
  private readonly resourceCache: ResourceCache | null;

  /** @internal Use createEngine(). */
  constructor(
    private readonly ctx: EngineContext,
    parts: { regions: EngineRegions; slab: Slab; frame: FrameArena; tracker: Tracker; cache?: ResourceCache },
    private readonly leakReport: boolean | ((text: string) => void) = true,
  ) {
    this.regions = parts.regions;
    this.slab = parts.slab;
    this.frame = parts.frame;
    this.tracker = parts.tracker;
    this.resourceCache = parts.cache ?? null;
  }

  /** The resource cache over regions.assets; InvalidArgumentError unless created with createEngine({ assets }). */
  get cache(): ResourceCache {
    this.ctx.ensureAlive();
    if (this.resourceCache === null) {
      throw new InvalidArgumentError('engine.cache needs an assets region: createEngine({ assets: { bytes } })');
    }
    return this.resourceCache;
  }

  /** True when the engine runs the shared-memory core (engine.memory.buffer is a SharedArrayBuffer). */
  get sharedMemory(): boolean {
    return typeof SharedArrayBuffer !== 'undefined' && this.ctx.abi.memory.buffer instanceof SharedArrayBuffer;
  }

  /**
   * @internal The engine's context (the ABI, the heap, the scratch buffer, typed errors), for the parts
   * of the SDK built on an engine (engine/game). Not for applications.
   */
  get context(): EngineContext {
    this.ctx.ensureAlive();
    return this.ctx;
  }

  /**
   * @internal Lists a pool the core created itself (a game's entity pool) in pools(), so that the
   * overlay and reports see it like the pools made by createPool(). Replaces a pool of the same name.
   */
  adoptPool(pool: Pool<string>): void {
    this.ctx.ensureAlive();
    this.poolsByName.set(pool.name, pool);
  }

  /** The raw typed ABI (native-legacy/wasm/abi.h), for benchmarks and tools. */
  get abi(): CoreAbi {
    return this.ctx.abi;
  }

  /** The instance's linear memory. */
  get memory(): WebAssembly.Memory {
    return this.ctx.abi.memory;
  }

  get destroyed(): boolean {
    return !this.ctx.alive;
  }

  /**
   * A pool of fixed-size slots in the state region. Names are unique per engine. Its allocations
   * carry the tracker tag `tag` (default: the pool's name).
   */
  createPool<Name extends string>(options: PoolOptions<Name>): Pool<Name> {
    const tag = checkTag(options.name, options.tag);
    const id = this.newPool(options.name, options.slotSize, options.align ?? defaultAlign(options.slotSize), options.capacity, tag);
    const pool = new Pool<Name>(this.ctx, options.name, this.regions.state, id, this.tracker, tag);
    this.poolsByName.set(options.name, pool);
    return pool;
  }

  /** A pool whose slots hold a struct of fixed-width fields, with typed get/set. */
  createStructPool<Name extends string, F extends StructSchema>(options: StructPoolOptions<Name, F>): StructPool<Name, F> {
    const { layout, size, align } = layoutOf(options.fields);
    const tag = checkTag(options.name, options.tag);
    const id = this.newPool(options.name, size, options.align ?? align, options.capacity, tag);
    const pool = new StructPool<Name, F>(this.ctx, options.name, this.regions.state, id, options.fields, layout, this.tracker, tag);
    this.poolsByName.set(options.name, pool);
    return pool;
  }

  /** Every pool created on this engine, in creation order. */
  pools(): Pool<string>[] {
    this.ctx.ensureAlive();
    return [...this.poolsByName.values()];
  }

  /** The pool with this name, if any. */
  pool(name: string): Pool<string> | undefined {
    this.ctx.ensureAlive();
    return this.poolsByName.get(name);
  }

  /** Checks every region and every allocator in it; throws CorruptStateError (or the status's error). */
  check(): void {
    this.ctx.ensureAlive();
    this.regions.state.check();
    this.regions.frame.check();
    this.regions.assets?.check();
    this.resourceCache?.check();
  }

  /**
   * Runs a recorded operation sequence (native-legacy/memory/replay.h, see ReplayRecorder) in a fresh
   * region of this instance and returns the FNV-1a 64 hash of that region's bytes.
   */
  replay(ops: Uint8Array): bigint {
    this.ctx.ensureAlive();
    const hashAt = Math.ceil(ops.length / 8) * 8; // the hash goes after the ops, 8-aligned
    const at = this.ctx.scratch.reserve(hashAt + 8);
    const outAt = at + hashAt;
    new Uint8Array(this.ctx.heap.current, at, ops.length).set(ops);
    this.ctx.check(this.ctx.abi.oc_replay(at, ops.length, outAt), `replay of ${ops.length} bytes`);
    return this.ctx.readU64(outAt);
  }

  /** The layout table of every type stored in a region ("Type.field offset size" lines), from the wasm build. */
  layoutTable(): string {
    this.ctx.ensureAlive();
    return readLayoutTable(this.ctx);
  }

  // ---- snapshots (engine/snapshot, format: docs/snapshot.md) ------------------------------------

  /**
   * A full, sealed snapshot of the state region: a .clawsnap file's bytes. `{ report: true }` embeds
   * the tracker's report (claw-stats reads it).
   */
  snapshot(options: { report?: boolean | string } = {}): Uint8Array {
    return this.capture(options);
  }

  /**
   * A snapshot with options: `{ seal: false }` leaves the checksums to a persist worker (the main
   * thread only copies), `{ base }` writes a delta holding only the pages that differ from `base`,
   * `{ report: true }` embeds the tracker's report (or a report's JSON text given as a string).
   */
  capture(options: EngineCaptureOptions = {}): Uint8Array {
    const { report, ...rest } = options;
    if (report === undefined || report === false) return snap.capture(this.ctx, this.regions.state, rest);
    return snap.capture(this.ctx, this.regions.state, { ...rest, report: report === true ? this.tracker.reportJson() : report });
  }

  /**
   * A plain copy of the state region's used bytes, for a persist worker to turn into a snapshot
   * (SnapshotStore.save does this): the cheapest possible main-thread share of a save. `into`: a buffer
   * to reuse (the store passes the one its worker handed back); the image is a view of its first bytes.
   */
  captureImage(into?: ArrayBuffer): snap.RegionImage {
    return snap.captureImage(this.ctx, this.regions.state, into);
  }

  /**
   * Replaces the state region with a snapshot, after validating everything (magic, versions, layout
   * id, sizes, checksums, every allocator's metadata). On any failure it throws a SnapshotError and
   * the state is exactly as it was. Pools of this engine that do not exist in the snapshot are dropped
   * from pools() (their calls then fail); the others keep working with the restored slots.
   */
  restore(bytes: Uint8Array, options: snap.RestoreOptions = {}): void {
    snap.restore(this.ctx, this.regions.state, bytes, options);
    this.afterStateReplaced();
  }

  /** Header and chunk table of snapshot bytes (bounds-checked; see verifySnapshot for checksums). */
  inspectSnapshot(bytes: Uint8Array): snap.SnapshotInfo {
    return snap.inspect(this.ctx, bytes);
  }

  /** Throws the SnapshotError that applies if the bytes are not a valid, sealed snapshot. */
  verifySnapshot(bytes: Uint8Array): void {
    snap.verify(this.ctx, bytes);
  }

  /** The sealed copy of an unsealed snapshot (what a persist worker does). */
  sealSnapshot(bytes: Uint8Array): Uint8Array {
    return snap.seal(this.ctx, bytes);
  }

  /** The per-frame sync checksum: XXH3-64 of the state region's used bytes. Same value natively and in wasm. */
  checksum(): bigint {
    return snap.regionChecksum(this.ctx, this.regions.state);
  }

  /** The state region's frame counter (part of every snapshot). */
  get frameNumber(): bigint {
    return snap.readFrame(this.ctx, this.regions.state);
  }

  set frameNumber(frame: bigint) {
    snap.writeFrame(this.ctx, this.regions.state, frame);
  }

  /**
   * Ends a frame: advances the frame counter, with rewind on records the frame in the ring, and ends
   * the tracker's frame (tracker.frameEnd(), which runs its onFrameEnd hooks).
   */
  endFrame(): void {
    // Called once per step: the counter is incremented as its two u32 words (no BigInt, no message
    // string unless a call fails), so a steady game loop allocates nothing here.
    const ctx = this.ctx;
    ctx.ensureAlive();
    const id = this.regions.state.id;
    const ptr = ctx.scratch.reserve(8);
    const status = ctx.abi.oc_region_frame(id, ptr);
    if (status !== 0) throw ctx.error(status, `region ${this.regions.state.name}: frame`);
    const u32 = ctx.heap.u32;
    const lo = u32[ptr >>> 2]!;
    const hi = u32[(ptr >>> 2) + 1]!;
    if (lo === 0xffff_ffff && hi === 0xffff_ffff) throw new InvalidArgumentError('endFrame: the frame counter is at the u64 maximum');
    const nextLo = (lo + 1) >>> 0;
    const nextHi = nextLo === 0 ? hi + 1 : hi;
    const set = ctx.abi.oc_region_set_frame(id, nextLo, nextHi);
    if (set !== 0) throw ctx.error(set, `region ${this.regions.state.name}: set frame`);
    this.ring?.push();
    this.tracker.frameEnd();
  }

  /**
   * Keeps the last frames for rewind() within `budgetBytes` (plus one shadow copy of the state's used
   * bytes). Frames are recorded by endFrame() (or rewindRing.push()); the current state is recorded now.
   */
  enableRewind(options: { budgetBytes: number }): RewindRing {
    this.ctx.ensureAlive();
    this.ring?.destroy();
    this.ring = new RewindRing(this.ctx, this.regions.state, options.budgetBytes);
    return this.ring;
  }

  disableRewind(): void {
    this.ring?.destroy();
    this.ring = null;
  }

  /** The rewind ring, when enableRewind() was called. */
  get rewindRing(): RewindRing | null {
    return this.ring;
  }

  /** Goes back `frames` recorded frames (needs enableRewind()); throws and changes nothing if fewer are held. */
  rewind(frames: number): void {
    this.ctx.ensureAlive();
    if (this.ring === null) throw new InvalidArgumentError('rewind: call engine.enableRewind({ budgetBytes }) first');
    this.ring.rewind(frames);
    this.afterStateReplaced();
  }

  rewindStats(): RewindStats | null {
    return this.ring?.stats() ?? null;
  }

  /** One-shot sync test: runs `frames` frames, goes back, re-runs them and reports the first differing checksum. */
  syncTest(options: { frames: number; step: SyncStep; input?: (frame: number) => number }): SyncReport {
    return syncTest(this, options);
  }

  /** A continuous sync tester that checks every `window` frames (see SyncTester). */
  createSyncTester(options: SyncTesterOptions): SyncTester {
    return new SyncTester(this, options);
  }

  // A restore or a rewind replaced the state bytes: pools that are no longer there (or not the same
  // pool) leave pools(); the core already re-attached or released the ABI ids.
  private afterStateReplaced(): void {
    for (const [name, pool] of this.poolsByName) {
      if (!pool.matchesCore()) this.poolsByName.delete(name);
    }
  }

  /**
   * Frees the regions of this instance. Idempotent; later calls on anything of the engine throw
   * EngineDestroyedError. In full tracking mode it first reports the allocations still live
   * (TrackingOptions.leakReport).
   */
  destroy(): void {
    if (!this.ctx.alive) return;
    // A report callback that throws must not keep the regions alive: the error surfaces after teardown.
    try {
      if (this.leakReport !== false) {
        const text = this.tracker.shutdownReport();
        if (text !== '') {
          if (typeof this.leakReport === 'function') this.leakReport(text);
          else console.warn(text);
        }
      }
    } finally {
      this.ring?.destroy();
      this.ring = null;
      this.tracker.destroy();
      this.resourceCache?.destroy();
      if (this.regions.assets) this.ctx.abi.oc_region_destroy(this.regions.assets.id);
      this.ctx.abi.oc_region_destroy(this.regions.state.id);
      this.ctx.abi.oc_region_destroy(this.regions.frame.id);
      this.ctx.abi.oc_region_destroy(this.regions.debug.id);
      this.ctx.scratch.release();
      this.poolsByName.clear();
      this.ctx.alive = false;
    }
  }

  private newPool(name: string, slotSize: number, align: number, capacity: number, tag: string): number {
    this.ctx.ensureAlive();
    if (typeof name !== 'string' || name.length === 0) throw new InvalidArgumentError('a pool needs a name');
    if (this.poolsByName.has(name)) throw new InvalidArgumentError(`a pool named '${name}' exists already`);
    for (const [what, v] of [['slotSize', slotSize], ['align', align], ['capacity', capacity]] as const) {
      if (!isU32(v)) throw new InvalidArgumentError(`pool ${name}: ${what} must be a whole number >= 0, got ${v}`);
    }
    const id = this.ctx.abi.oc_pool_create(this.regions.state.id, slotSize, align, capacity);
    if (id === 0) throw this.ctx.error(this.ctx.lastStatus(), `pool ${name}: create(slotSize ${slotSize}, align ${align}, capacity ${capacity})`);
    this.tracker.describeAllocator(id, name, tag);
    return id;
  }
}

function checkTag(pool: string, tag: string | undefined): string {
  if (tag === undefined) return pool;
  if (typeof tag !== 'string' || tag.length === 0) throw new InvalidArgumentError(`pool ${pool}: tag must be a non-empty string`);
  return tag;
}

function readLayoutTable(ctx: EngineContext): string {
  const length = ctx.abi.oc_layout_table(0, 0);
  const ptr = ctx.scratch.reserve(length);
  const n = Math.min(ctx.abi.oc_layout_table(ptr, length), length);
  // slice, not a view: browsers refuse TextDecoder.decode on a view of a shared memory.
  return new TextDecoder().decode(new Uint8Array(ctx.heap.current, ptr, n).slice());
}

// The cache takes what is left of the assets region after its metadata. The metadata's size is the
// core's business (header, index, entry pool, slab page tables): leave a margin that covers it.
//
// The RAM budget must fit the data span, or pinned inserts would fail with OutOfSpaceError (the slab
// is full) before the budget refuses them with BudgetExceededError (wait for releases). The slab
// rounds a block up to its size class (at most 1/8 more with 8 classes per doubling) and keeps partly
// used pages: an eighth of the span is kept as that headroom.
function createCache(ctx: EngineContext, assets: Region, options: AssetsOptions): ResourceCache {
  const maxEntries = options.maxEntries ?? 4096;
  const vramBudget = options.vramBudget ?? 64 * MiB;
  for (const [what, v] of [['maxEntries', maxEntries], ['vramBudget', vramBudget]] as const) {
    if (!isU32(v)) throw new InvalidArgumentError(`assets: ${what} must be a whole number >= 0, got ${v}`);
  }
  if (options.ramBudget !== undefined && !isU32(options.ramBudget)) {
    throw new InvalidArgumentError(`assets: ramBudget must be a whole number >= 0, got ${options.ramBudget}`);
  }
  let slots = 1;
  while (slots < 2 * maxEntries) slots *= 2;
  const left = assets.size - ctx.abi.oc_region_used(assets.id);
  const metadata = 8192 + slots * 16 + maxEntries * 64 + Math.ceil(left / 4096) * 64;
  const dataBytes = Math.floor(((left - metadata) * 0.98) / 64) * 64;
  if (dataBytes <= 0) {
    throw new InvalidArgumentError(`assets: ${options.bytes} bytes cannot hold the metadata of ${maxEntries} entries`);
  }
  const holdable = Math.floor((dataBytes * 7) / 8 / 16) * 16;
  const ramBudget = options.ramBudget ?? Math.min(Math.floor((options.bytes * 3) / 4), holdable);
  if (ramBudget > holdable) {
    throw new InvalidArgumentError(
      `assets: ramBudget ${ramBudget} is more than the ${holdable} bytes that ${options.bytes} bytes of assets region ` +
        `can hold with ${maxEntries} entries (raise bytes, or lower ramBudget or maxEntries)`,
    );
  }
  const id = ctx.abi.oc_cache_create(assets.id, maxEntries, dataBytes, ramBudget, vramBudget);
  if (id === 0) {
    throw ctx.error(ctx.lastStatus(), `assets: cache create(maxEntries ${maxEntries}, data ${dataBytes} bytes, ram ${ramBudget}, vram ${vramBudget})`);
  }
  return new ResourceCache(ctx, assets, id);
}

function createRegion(ctx: EngineContext, name: string, size: number): Region {
  if (!isU32(size) || size === 0) throw new InvalidArgumentError(`region ${name}: size must be a whole number of bytes > 0, got ${size}`);
  const id = ctx.abi.oc_region_create(size, 0);
  if (id === 0) throw ctx.error(ctx.lastStatus(), `region ${name}: create(${size})`);
  return new Region(ctx, name, id, ctx.abi.oc_region_size(id), ctx.abi.oc_region_base(id));
}

/** Loads a fresh instance of the wasm core and sets up its regions, slab, frame arena and tracker. */
export async function createEngine(options: EngineOptions = {}): Promise<Engine> {
  const abi = bindAbi(await loadCore(options.wasm, { shared: options.sharedMemory === true }));
  const ctx = new EngineContext(abi);
  const stateSize = options.regions?.state ?? 16 * MiB;
  const frameSize = options.regions?.frame ?? 1 * MiB;
  const tracking = options.tracking ?? {};
  const created: Region[] = [];
  let trackerId = 0;
  try {
    const state = createRegion(ctx, 'state', stateSize);
    created.push(state);
    const frame = createRegion(ctx, 'frame', frameSize);
    created.push(frame);
    const slabBytes = options.slab?.bytes ?? Math.floor(state.size / 2);
    if (!isU32(slabBytes)) throw new InvalidArgumentError(`slab: bytes must be a whole number, got ${slabBytes}`);
    const slabId = abi.oc_slab_create(state.id, slabBytes, options.slab?.pageSize ?? 0, options.slab?.classSteps ?? 0);
    if (slabId === 0) throw ctx.error(ctx.lastStatus(), `slab: create(${slabBytes} bytes)`);
    const arenaId = createFrameArena(ctx, frame);

    // Tag maps: a byte per 16 B of slab span; sized for the whole state region, so that any slab it
    // holds gets one (pools need none: a pool's blocks always carry the pool's tag).
    const words = trackerOptionWords(tracking, Math.ceil(state.size / 16) + 4096);
    const debug = createRegion(ctx, 'debug', debugRegionBytes(ctx, tracking, words));
    created.push(debug);
    const tracker = createTracker(ctx, debug, words, tracking, new LayoutTable(readLayoutTable(ctx)), [state, frame]);
    trackerId = tracker.id;
    const slabTag = options.slab?.tag ?? 'untagged';
    const slab = new Slab(ctx, state, slabId, tracker, slabTag);
    tracker.describeAllocator(slabId, 'slab', slabTag);
    const arena = new FrameArena(ctx, frame, arenaId, tracker);
    tracker.describeAllocator(arenaId, 'frame', arena.trackingTag);
    let assets: Region | undefined;
    let cache: ResourceCache | undefined;
    if (options.assets !== undefined) {
      assets = createRegion(ctx, 'assets', options.assets.bytes);
      created.push(assets);
      cache = createCache(ctx, assets, options.assets);
    }
    const leakReport = tracking.leakReport ?? true;
    const regions: EngineRegions = assets ? { state, frame, debug, assets } : { state, frame, debug };
    return new Engine(ctx, { regions, slab, frame: arena, tracker, cache }, leakReport);
  } catch (err) {
    if (trackerId !== 0) abi.oc_tracker_destroy(trackerId);
    for (const region of created) abi.oc_region_destroy(region.id);
    ctx.alive = false;
    if (err instanceof OpenClawError) throw err;
    throw new WasmLoadError(`could not set up the engine: ${String(err)}`, { cause: err });
  }
}

// The arena takes what is left of the frame region after its metadata: the header's size is the
// core's business, so ask for the remainder minus a margin that covers the header and its alignment.
function createFrameArena(ctx: EngineContext, frame: Region): number {
  const left = frame.size - ctx.abi.oc_region_used(frame.id);
  const bytes = Math.max(16, (left - 128) & ~63);
  const id = ctx.abi.oc_arena_create(frame.id, bytes);
  if (id === 0) throw ctx.error(ctx.lastStatus(), `frame arena: create(${bytes} bytes)`);
  return id;
}
