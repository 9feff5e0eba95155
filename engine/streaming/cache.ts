// engine.cache: the core's ResourceCache (native-legacy/resources/resource_cache.h) over the engine's
// assets region. Entries are keyed by resource ids, pinned by CachePins, evicted least recently
// released first within a RAM and a VRAM budget. The core queues evictions (and removals); this
// wrapper drains the queue after every call that can evict and tells the onEvict listeners, so that a
// texture bridge can destroy the texture of an id that left.
import type { EngineContext } from '../memory/context.js';
import { u64Words } from '../memory/context.js';
import { CorruptStateError, InvalidArgumentError, StaleHandleError } from '../memory/errors.js';
import type { Region } from '../memory/region.js';
import { Status } from '../memory/status.js';
import { CACHE_EVICTION_BYTES, CACHE_INFO_WORDS, CACHE_STATS_WORDS } from '../wasm/exports.js';
import type { ResourceId } from './resource-id.js';

export interface CacheStats {
  entries: number;
  pinned: number;
  ramBytes: number;
  vramBytes: number;
  ramPeak: number;
  vramPeak: number;
  ramBudget: number;
  vramBudget: number;
  /** hits + misses == acquire() calls. */
  hits: number;
  misses: number;
  /** entries == inserts - evictions - removals. */
  inserts: number;
  evictions: number;
  removals: number;
  /** RAM and GPU bytes of evicted entries (removals not included). */
  evictedBytes: number;
  evictedGpuBytes: number;
  /** insert() and setGpuBytes() calls refused with BudgetExceededError. */
  budgetFailures: number;
  /**
   * Evictions the core could not queue for this wrapper (its queue was full): their onEvict listeners
   * never ran, so a texture may outlive its entry. Always 0 (the wrapper drains after every call);
   * check() throws CorruptStateError otherwise.
   */
  lostEvictions: number;
}

export interface CacheEntryInfo {
  size: number;
  gpuBytes: number;
  pins: number;
}

export type EvictListener = (id: ResourceId, gpuBytes: number) => void;
export type ReleaseListener = () => void;

const MAX_U64 = (1n << 64n) - 1n;
const DRAIN_BATCH = 64;

function idWords(id: ResourceId, what: string): [number, number] {
  if (typeof id !== 'bigint' || id < 0n || id > MAX_U64) {
    throw new InvalidArgumentError(`${what}: a resource id is a bigint in [0, 2^64), got ${String(id)}`);
  }
  return [Number(id & 0xffff_ffffn), Number(id >> 32n)];
}

function hex(id: ResourceId): string {
  return `0x${id.toString(16).padStart(16, '0')}`;
}

// reportError (browsers, Deno) sends the error to the global error handlers, as an uncaught one would;
// elsewhere (Node has none) it is logged, since throwing from a microtask would end the process.
function reportListenerError(err: unknown): void {
  const report = (globalThis as { reportError?: (e: unknown) => void }).reportError;
  if (typeof report === 'function') report(err);
  else console.error('openclaw: a ResourceCache onEvict/onRelease listener threw:', err);
}

/** One holder's pin of an entry. Every accessor throws StaleHandleError once this pin is released. */
export class CachePin {
  private done = false;

  /** @internal Use cache.acquire() or cache.insert(). */
  constructor(
    private readonly cache: ResourceCache,
    readonly id: ResourceId,
    private readonly handle: number,
    readonly size: number,
  ) {}

  get released(): boolean {
    return this.done;
  }

  /** The entry's bytes' byte offset in engine.memory (an absolute address). */
  offset(): number {
    this.ensureHeld('offset');
    return this.cache.pinOffset(this.handle, this.id);
  }

  /** A fresh view over the entry's bytes; re-derive it after any call that can allocate (memory growth). */
  bytes(): Uint8Array {
    const at = this.offset();
    return new Uint8Array(this.cache.memory.buffer, at, this.size);
  }

  /** The GPU bytes of this entry's texture (0: none). May evict others; BudgetExceededError / SizeTooLargeError. */
  setGpuBytes(bytes: number): void {
    this.ensureHeld('setGpuBytes');
    this.cache.pinSetGpuBytes(this.handle, this.id, bytes);
  }

  /** Unpins (the entry becomes evictable when no other pin holds it). A second call: StaleHandleError. */
  release(): void {
    this.ensureHeld('release');
    this.done = true;
    this.cache.pinRelease(this.handle, this.id);
  }

  private ensureHeld(what: string): void {
    if (this.done) throw new StaleHandleError(`cache pin ${hex(this.id)}: ${what} after release`);
  }
}

export class ResourceCache {
  /** The engine's linear memory (a SharedArrayBuffer one when `shared`). */
  readonly memory: WebAssembly.Memory;
  /** True when memory is shared: workers may write entries in place. */
  readonly shared: boolean;

  private readonly evictListeners = new Set<EvictListener>();
  private readonly releaseListeners = new Set<ReleaseListener>();

  /** @internal Created by createEngine({ assets }). */
  constructor(
    private readonly ctx: EngineContext,
    /** The assets region the cache lives in. */
    readonly region: Region,
    /** @internal The ABI's cache id. */
    readonly cacheId: number,
  ) {
    this.memory = ctx.abi.memory;
    this.shared = typeof SharedArrayBuffer !== 'undefined' && this.memory.buffer instanceof SharedArrayBuffer;
  }

  /** A hit pins the entry (+1 hit); a miss returns null (+1 miss). */
  acquire(id: ResourceId): CachePin | null {
    this.ctx.ensureAlive();
    const [lo, hi] = idWords(id, 'cache.acquire');
    const abi = this.ctx.abi;
    const handle = abi.oc_cache_acquire(this.cacheId, lo, hi);
    if (handle === 0) {
      const status = this.ctx.lastStatus();
      if (status === Status.Missing) return null;
      throw this.ctx.error(status, `cache.acquire(${hex(id)})`);
    }
    return new CachePin(this, id, handle, abi.oc_cache_size(this.cacheId, handle));
  }

  /**
   * Reserves `size` bytes for a new entry, pinned once; evicts least recently released entries for room.
   * BudgetExceededError: pinned entries hold too much (wait for releases: onRelease); SizeTooLargeError:
   * larger than the RAM budget; InvalidArgumentError: size 0 or the id is present; OutOfSpaceError: the
   * data span is too fragmented even with every unpinned entry evicted.
   */
  insert(id: ResourceId, size: number): CachePin {
    this.ctx.ensureAlive();
    const [lo, hi] = idWords(id, 'cache.insert');
    if (!Number.isInteger(size) || size < 0 || size > 0xffff_ffff) {
      throw new InvalidArgumentError(`cache.insert(${hex(id)}): size must be a whole number of bytes, got ${size}`);
    }
    const abi = this.ctx.abi;
    const handle = abi.oc_cache_insert(this.cacheId, lo, hi, size);
    const status = handle === 0 ? this.ctx.lastStatus() : Status.Ok;
    // The pin exists before any listener runs (listeners never throw into this call: see notify()).
    const pin = handle === 0 ? null : new CachePin(this, id, handle, size);
    this.drainEvictions(); // a failed insert (Exhausted) may have evicted too
    if (pin !== null) return pin;
    if (status === Status.InvalidArgument && size > 0 && abi.oc_cache_contains(this.cacheId, lo, hi) === 1) {
      throw new InvalidArgumentError(`cache.insert(${hex(id)}, ${size} bytes): id already cached (release/remove it first)`);
    }
    throw this.ctx.error(status, `cache.insert(${hex(id)}, ${size} bytes)`);
  }

  has(id: ResourceId): boolean {
    this.ctx.ensureAlive();
    const [lo, hi] = idWords(id, 'cache.has');
    return this.ctx.abi.oc_cache_contains(this.cacheId, lo, hi) === 1;
  }

  /** What the cache holds for an id, without counting a hit or touching its recency. */
  info(id: ResourceId): CacheEntryInfo | null {
    const e = this.entryInfo(id, 'cache.info');
    return e === null ? null : { size: e.size, gpuBytes: e.gpuBytes, pins: e.pins };
  }

  /** Drops an unpinned entry (onEvict listeners run). ResourceMissingError / InvalidArgumentError when pinned. */
  remove(id: ResourceId): void {
    this.ctx.ensureAlive();
    const [lo, hi] = idWords(id, 'cache.remove');
    const status = this.ctx.abi.oc_cache_remove(this.cacheId, lo, hi);
    this.drainEvictions();
    this.ctx.check(status, `cache.remove(${hex(id)})`);
  }

  stats(): CacheStats {
    this.ctx.ensureAlive();
    const ptr = this.ctx.scratch.words(CACHE_STATS_WORDS).byteOffset;
    this.ctx.check(this.ctx.abi.oc_cache_stats(this.cacheId, ptr), 'cache.stats');
    const w = this.ctx.scratch.words(CACHE_STATS_WORDS);
    const pair = (i: number): number => u64Words(w[i]!, w[i + 1]!);
    return {
      entries: w[0]!, pinned: w[1]!, ramBytes: w[2]!, vramBytes: w[3]!, ramPeak: w[4]!, vramPeak: w[5]!,
      ramBudget: w[6]!, vramBudget: w[7]!, hits: pair(8), misses: pair(10), inserts: pair(12), evictions: pair(14),
      removals: pair(16), evictedBytes: pair(18), evictedGpuBytes: pair(20), budgetFailures: pair(22),
      lostEvictions: w[24]!,
    };
  }

  /**
   * Checks every invariant of the cache (lists, index, counters, budgets, pool, slab), and that no
   * eviction went unreported (stats().lostEvictions === 0): CorruptStateError.
   */
  check(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_cache_check(this.cacheId), 'cache.check');
    const lost = this.stats().lostEvictions;
    if (lost !== 0) {
      throw new CorruptStateError(`cache.check: ${lost} evictions were lost before onEvict listeners heard of them`);
    }
  }

  /** False once the engine is destroyed (every other call then throws EngineDestroyedError). */
  get alive(): boolean {
    return this.ctx.alive;
  }

  /**
   * Sets an entry's GPU bytes to 0 without counting a hit, for a host whose texture of it is gone (a
   * texture bridge being destroyed). A pinned entry keeps its place and its bytes; an unpinned one is
   * removed (the core changes GPU bytes only under a pin, and pinning would count a hit and make it the
   * most recently used): onEvict listeners run for it. Returns whether the id was cached.
   */
  clearGpuBytes(id: ResourceId): boolean {
    const e = this.entryInfo(id, 'cache.clearGpuBytes');
    if (e === null) return false;
    if (e.gpuBytes === 0) return true;
    if (e.pins === 0) this.remove(id);
    else this.pinSetGpuBytes(e.handle, id, 0); // the handle of a pinned entry works for any holder
    return true;
  }

  /** Called for every entry that leaves the cache (eviction or remove()), after it left. Returns unsubscribe. */
  onEvict(fn: EvictListener): () => void {
    this.evictListeners.add(fn);
    return () => this.evictListeners.delete(fn);
  }

  /** Called after any pin release, eviction or removal: room may exist now. Returns unsubscribe. */
  onRelease(fn: ReleaseListener): () => void {
    this.releaseListeners.add(fn);
    return () => this.releaseListeners.delete(fn);
  }

  /** @internal */
  pinOffset(handle: number, id: ResourceId): number {
    this.ctx.ensureAlive();
    const offset = this.ctx.abi.oc_cache_offset(this.cacheId, handle);
    if (offset === 0) throw this.ctx.error(this.ctx.lastStatus(), `cache pin ${hex(id)}: offset`);
    return this.region.base + offset;
  }

  /** @internal */
  pinSetGpuBytes(handle: number, id: ResourceId, bytes: number): void {
    this.ctx.ensureAlive();
    if (!Number.isInteger(bytes) || bytes < 0 || bytes > 0xffff_ffff) {
      throw new InvalidArgumentError(`cache pin ${hex(id)}: setGpuBytes(${bytes}) needs a whole number of bytes`);
    }
    const status = this.ctx.abi.oc_cache_set_gpu_bytes(this.cacheId, handle, bytes);
    this.drainEvictions();
    this.ctx.check(status, `cache pin ${hex(id)}: setGpuBytes(${bytes})`);
  }

  /** @internal */
  pinRelease(handle: number, id: ResourceId): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_cache_release(this.cacheId, handle), `cache pin ${hex(id)}: release`);
    this.notify([]);
  }

  /** @internal engine.destroy(). */
  destroy(): void {
    this.ctx.abi.oc_cache_destroy(this.cacheId);
    this.evictListeners.clear();
    this.releaseListeners.clear();
  }

  private entryInfo(id: ResourceId, what: string): (CacheEntryInfo & { handle: number }) | null {
    this.ctx.ensureAlive();
    const [lo, hi] = idWords(id, what);
    const words = this.ctx.scratch.words(CACHE_INFO_WORDS);
    const status = this.ctx.abi.oc_cache_info(this.cacheId, lo, hi, words.byteOffset);
    if (status === Status.Missing) return null;
    this.ctx.check(status, `${what}(${hex(id)})`);
    const w = this.ctx.scratch.words(CACHE_INFO_WORDS); // the same bytes, re-derived after the call
    return { handle: w[0]!, size: w[1]!, gpuBytes: w[2]!, pins: w[3]! };
  }

  private drainEvictions(): void {
    const taken: [ResourceId, number][] = [];
    for (;;) {
      const ptr = this.ctx.scratch.reserve(DRAIN_BATCH * CACHE_EVICTION_BYTES);
      const n = this.ctx.abi.oc_cache_take_evictions(this.cacheId, ptr, DRAIN_BATCH);
      const view = this.ctx.heap.view;
      for (let i = 0; i < n; i++) {
        const at = ptr + i * CACHE_EVICTION_BYTES;
        taken.push([view.getBigUint64(at, true), view.getUint32(at + 8, true)]);
      }
      if (n < DRAIN_BATCH) break;
    }
    if (taken.length > 0) this.notify(taken);
  }

  // Listeners run after the cache is consistent. One that throws keeps neither the others from running
  // nor the call from returning its result (a pin that nobody would release, or the core's own error,
  // hidden behind a listener's): its error is reported once the call has settled.
  private notify(evicted: [ResourceId, number][]): void {
    const failures: unknown[] = [];
    const call = (f: () => void): void => {
      try {
        f();
      } catch (err) {
        failures.push(err);
      }
    };
    for (const [id, gpu] of evicted) for (const fn of [...this.evictListeners]) call(() => fn(id, gpu));
    for (const fn of [...this.releaseListeners]) call(fn);
    for (const err of failures) queueMicrotask(() => reportListenerError(err));
  }
}
