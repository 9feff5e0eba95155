// engine.cache over the real wasm core: the ResourceCache wrapper (engine/streaming/cache.ts), its
// pins, eviction notifications and typed errors, resourceId() against the core's, and a random
// sequence checked step by step against a small TypeScript model of the cache's policy.
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  BudgetExceededError, CachePin, CorruptStateError, EngineDestroyedError, InvalidArgumentError, ResourceMissingError, SizeTooLargeError,
  StaleHandleError, readAssetHeader, resourceId, writeAssetHeader, type Engine, type ResourceCache, type ResourceId,
} from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';
import { Prng } from '../support/prng.js';

const SMALL = { bytes: 1 << 20, ramBudget: 4000, vramBudget: 1000, maxEntries: 8 };

async function smallCache(): Promise<{ engine: Engine; cache: ResourceCache }> {
  const engine = await freshEngine({ assets: SMALL });
  return { engine, cache: engine.cache };
}

function coreResourceId(engine: Engine, path: string): bigint {
  const bytes = new TextEncoder().encode(path);
  const ptr = engine.abi.malloc(bytes.length + 16);
  try {
    const out = ptr + Math.ceil(bytes.length / 8) * 8;
    new Uint8Array(engine.memory.buffer, ptr, bytes.length).set(bytes);
    expect(engine.abi.oc_resource_id(ptr, bytes.length, out)).toBe(0);
    return new DataView(engine.memory.buffer).getBigUint64(out, true);
  } finally {
    engine.abi.free(ptr);
  }
}

describe('resourceId', () => {
  it('equals the core resource_id for case, backslashes, leading slashes and non-ASCII', async () => {
    const engine = await freshEngine();
    const paths = [
      '', '/', '\\', 'LEVEL1\\TILES\\A.PID', 'level1/tiles/a.pid', '/level1/tiles/a.pid', '//\\\\LEVEL1/x',
      'GAME/IMAGES/CLAW/STAND/FRAME001.PID', 'https://example.test/Assets/Claw.REZ', 'été/Ünïcode/日本.pid', 'a b\u0000c',
      'Z'.repeat(300),
    ];
    for (const p of paths) expect(resourceId(p), JSON.stringify(p)).toBe(coreResourceId(engine, p));
    expect(resourceId('LEVEL1\\TILES\\A.PID')).toBe(resourceId('/level1/tiles/a.pid'));
    // Non-ASCII letters are not folded: 'É' and 'é' stay different resources.
    expect(resourceId('É.pid')).not.toBe(resourceId('é.pid'));
    // The pinned value of resource_id.h's doc example (FNV-1a 64 of "/level1/tiles/a.pid").
    expect(resourceId('level1/tiles/a.pid')).toBe(0x4b345f06950dae0en);
    const rng = new Prng(7);
    for (let n = 0; n < 200; n++) {
      let s = '';
      const len = rng.next() % 24;
      for (let i = 0; i < len; i++) s += String.fromCharCode(rng.next() % 0x180);
      expect(resourceId(s)).toBe(coreResourceId(engine, s));
    }
  });
});

describe('engine.cache', () => {
  it('round-trips bytes: written through one pin, read through another', async () => {
    const { engine, cache } = await smallCache();
    expect(engine.regions.assets).toBeDefined();
    expect(cache.shared).toBe(false);
    expect(cache.memory).toBe(engine.memory);
    const id = resourceId('/level1/a.pid');
    const pin = cache.insert(id, 300);
    expect(pin).toBeInstanceOf(CachePin);
    expect(pin.id).toBe(id);
    expect(pin.size).toBe(300);
    const region = engine.regions.assets!;
    expect(pin.offset()).toBeGreaterThan(region.base);
    expect(pin.offset() + 300).toBeLessThanOrEqual(region.base + region.size);
    const bytes = pin.bytes();
    for (let i = 0; i < 300; i++) bytes[i] = (i * 31) & 0xff;
    const other = cache.acquire(id)!;
    expect(other.offset()).toBe(pin.offset());
    expect(cache.info(id)).toEqual({ size: 300, gpuBytes: 0, pins: 2 });
    pin.release();
    const back = other.bytes();
    expect(back.length).toBe(300);
    for (let i = 0; i < 300; i++) expect(back[i]).toBe((i * 31) & 0xff);
    other.release();
    expect(cache.info(id)).toEqual({ size: 300, gpuBytes: 0, pins: 0 });
    expect(cache.has(id)).toBe(true);
    expect(cache.acquire(resourceId('/nothing'))).toBeNull();
    cache.check();
    engine.check();
  });

  it('writes and reads an AssetHeader in an entry', async () => {
    const { cache } = await smallCache();
    const pin = cache.insert(5n, 16 + 2 * 3 * 4);
    writeAssetHeader(pin.bytes(), { kind: 'image', payloadBytes: 24, width: 2, height: 3, offsetX: -4, offsetY: 7 });
    expect(readAssetHeader(cache.acquire(5n)!.bytes())).toEqual({
      kind: 'image', payloadBytes: 24, width: 2, height: 3, offsetX: -4, offsetY: 7,
    });
    expectThrows(() => writeAssetHeader(pin.bytes(), { kind: 'image', payloadBytes: 23, width: 2, height: 3, offsetX: 0, offsetY: 0 }), InvalidArgumentError);
    expectThrows(() => writeAssetHeader(pin.bytes(), { kind: 'raw', payloadBytes: 1, width: 1, height: 0, offsetX: 0, offsetY: 0 }), InvalidArgumentError);
  });

  it('a released pin is stale: every accessor and a second release throw StaleHandleError', async () => {
    const { cache } = await smallCache();
    const pin = cache.insert(1n, 10);
    const keep = cache.acquire(1n)!; // the entry stays pinned by another holder
    pin.release();
    expect(pin.released).toBe(true);
    expect(keep.released).toBe(false);
    expectThrows(() => pin.offset(), StaleHandleError);
    expectThrows(() => pin.bytes(), StaleHandleError);
    expectThrows(() => pin.setGpuBytes(1), StaleHandleError);
    expectThrows(() => pin.release(), StaleHandleError);
    expect(cache.info(1n)!.pins).toBe(1);
    keep.release();
    expectThrows(() => keep.release(), StaleHandleError);
    expect(cache.info(1n)!.pins).toBe(0);
  });

  it('evicts the least recently released unpinned entries, telling onEvict (id, gpuBytes)', async () => {
    const { cache } = await smallCache();
    const evicted: [ResourceId, number][] = [];
    const off = cache.onEvict((id, gpu) => evicted.push([id, gpu]));
    let releases = 0;
    cache.onRelease(() => releases++);
    const pins = [1n, 2n, 3n, 4n].map((id) => cache.insert(id, 1000));
    pins[1]!.setGpuBytes(200);
    // Released in the order 3, 1, 4, 2: that is the eviction order.
    for (const i of [2, 0, 3, 1]) pins[i]!.release();
    expect(releases).toBe(4);
    expect(evicted).toEqual([]);
    const big = cache.insert(10n, 2500);
    expect(evicted).toEqual([[3n, 0], [1n, 0], [4n, 0]]);
    expect(releases).toBe(5); // the evictions made room: onRelease once for the call
    expect(cache.has(2n)).toBe(true);
    off();
    cache.remove(2n);
    expect(evicted.length).toBe(3); // unsubscribed
    const s = cache.stats();
    expect(s.evictions).toBe(3);
    expect(s.removals).toBe(1);
    expect(s.evictedBytes).toBe(3000);
    expect(s.entries).toBe(1);
    big.release();
  });

  it('never evicts pinned entries; BudgetExceededError changes nothing', async () => {
    const { cache } = await smallCache();
    const evicted: ResourceId[] = [];
    cache.onEvict((id) => evicted.push(id));
    const a = cache.insert(1n, 2000);
    cache.insert(2n, 1000).release();
    const before = cache.stats();
    expectThrows(() => cache.insert(3n, 2500), BudgetExceededError);
    const after = cache.stats();
    expect(evicted).toEqual([]);
    expect(after).toEqual({ ...before, budgetFailures: before.budgetFailures + 1 });
    expect(cache.has(2n)).toBe(true);
    // With 2000 bytes pinned, 2000 more fit by evicting the unpinned entry only.
    const b = cache.insert(3n, 2000);
    expect(evicted).toEqual([2n]);
    expect(cache.has(1n)).toBe(true);
    a.release();
    b.release();
  });

  it('refuses sizes above the budget, zero sizes, duplicates and bad ids with typed errors', async () => {
    const { cache } = await smallCache();
    expectThrows(() => cache.insert(1n, 4001), SizeTooLargeError);
    expectThrows(() => cache.insert(1n, 0), InvalidArgumentError);
    expectThrows(() => cache.insert(1n, 1.5), InvalidArgumentError);
    const p = cache.insert(1n, 10);
    const dup = expectThrows(() => cache.insert(1n, 10), InvalidArgumentError);
    expect(dup.message).toBe('cache.insert(0x0000000000000001, 10 bytes): id already cached (release/remove it first)');
    expectThrows(() => cache.acquire(-1n), InvalidArgumentError);
    expectThrows(() => cache.acquire(1n << 64n), InvalidArgumentError);
    expectThrows(() => p.setGpuBytes(1001), SizeTooLargeError);
    expectThrows(() => cache.remove(1n), InvalidArgumentError); // pinned
    expectThrows(() => cache.remove(2n), ResourceMissingError);
    p.release();
    const maxId = (1n << 64n) - 1n;
    cache.insert(maxId, 8).release();
    expect(cache.has(maxId)).toBe(true);
    expect(cache.has(maxId - (1n << 32n))).toBe(false);
  });

  it('setGpuBytes evicts unpinned VRAM holders only, least recent first', async () => {
    const { cache } = await smallCache();
    const evicted: [ResourceId, number][] = [];
    cache.onEvict((id, gpu) => evicted.push([id, gpu]));
    const a = cache.insert(1n, 100);
    const b = cache.insert(2n, 100);
    const c = cache.insert(3n, 100);
    cache.insert(4n, 100).release(); // no VRAM: never a VRAM victim
    a.setGpuBytes(400);
    b.setGpuBytes(400);
    a.release();
    b.release();
    expect(cache.stats().vramBytes).toBe(800);
    c.setGpuBytes(500);
    expect(evicted).toEqual([[1n, 400]]);
    expect(cache.stats().vramBytes).toBe(900);
    expect(cache.has(4n)).toBe(true);
    // b's 400 is unpinned, c's 500 is pinned: 600 more cannot fit.
    const d = cache.insert(5n, 100);
    expectThrows(() => d.setGpuBytes(600), BudgetExceededError);
    expect(evicted.length).toBe(1);
    d.setGpuBytes(500); // evicts b
    expect(evicted).toEqual([[1n, 400], [2n, 400]]);
    expect(cache.stats().evictedGpuBytes).toBe(800);
    c.setGpuBytes(0);
    expect(cache.stats().vramBytes).toBe(500);
    c.release();
    d.release();
    cache.check();
  });

  it('stats add up', async () => {
    const { cache } = await smallCache();
    const ids = [1n, 2n, 3n, 4n, 5n, 6n];
    let acquires = 0;
    for (const id of ids) cache.insert(id, 900).release();
    for (const id of [...ids, 99n, 98n]) {
      acquires++;
      cache.acquire(id)?.release();
    }
    cache.remove(ids[5]!);
    const s = cache.stats();
    expect(s.hits + s.misses).toBe(acquires);
    expect(s.entries).toBe(s.inserts - s.evictions - s.removals);
    const live = ids.filter((id) => cache.has(id));
    expect(s.entries).toBe(live.length);
    expect(s.ramBytes).toBe(live.reduce((sum, id) => sum + cache.info(id)!.size, 0));
    expect(s.ramPeak).toBeGreaterThanOrEqual(s.ramBytes);
    expect(s.ramBudget).toBe(4000);
    expect(s.vramBudget).toBe(1000);
    expect(s.pinned).toBe(0);
  });

  it('without assets engine.cache throws; defaults apply; destroy frees the assets region', async () => {
    const plain = await freshEngine();
    expectThrows(() => plain.cache, InvalidArgumentError);
    expect(plain.regions.assets).toBeUndefined();
    const engine = await freshEngine({ assets: { bytes: 4 << 20 } });
    const s = engine.cache.stats();
    expect(s.ramBudget).toBe(3 << 20);
    expect(s.vramBudget).toBe(64 << 20);
    const cache = engine.cache;
    const pin = cache.insert(1n, 1 << 20);
    expect(pin.bytes().length).toBe(1 << 20);
    const assetsId = engine.regions.assets!.id;
    const cacheId = cache.cacheId;
    engine.destroy();
    expect(engine.abi.oc_region_size(assetsId)).toBe(0); // the region is gone
    expect(engine.abi.oc_cache_check(cacheId)).toBe(1); // and the cache id with it (InvalidArgument)
    expectThrows(() => engine.cache, EngineDestroyedError);
    expectThrows(() => cache.stats(), EngineDestroyedError);
    expectThrows(() => pin.offset(), EngineDestroyedError);
  });

  it('a random 10,000-step sequence matches a model of the policy', async () => {
    const engine = await freshEngine({ assets: { bytes: 1 << 20, ramBudget: 20_000, vramBudget: 5_000, maxEntries: 16 } });
    const cache = engine.cache;
    const model = new CacheModel(20_000, 5_000, 16);
    const evicted: [ResourceId, number][] = [];
    cache.onEvict((id, gpu) => evicted.push([id, gpu]));
    const held: { pin: CachePin; fill: number }[] = [];
    const rng = new Prng(20261121);
    for (let step = 0; step < 10_000; step++) {
      const op = rng.next() % 100;
      const id = BigInt(rng.next() % 40) * 0x1_0000_0001n;
      evicted.length = 0;
      let expectedError: string | null = null;
      let actualError: string | null = null;
      const run = (fn: () => void): void => {
        try {
          fn();
        } catch (err) {
          actualError = (err as Error).constructor.name;
        }
      };
      if (op < 30) {
        const hit = model.acquire(id);
        run(() => {
          const pin = cache.acquire(id);
          if ((pin !== null) !== hit) throw new Error(`step ${step}: acquire ${id} hit ${pin !== null}, model ${hit}`);
          if (pin) {
            const fill = pin.bytes()[0]!;
            held.push({ pin, fill });
          }
        });
      } else if (op < 55) {
        const size = 1 + (rng.next() % 3000);
        expectedError = model.insert(id, size);
        run(() => {
          const pin = cache.insert(id, size);
          const fill = rng.next() & 0xff;
          pin.bytes().fill(fill);
          held.push({ pin, fill });
        });
      } else if (op < 85) {
        if (held.length > 0) {
          const k = rng.next() % held.length;
          const { pin, fill } = held[k]!;
          held.splice(k, 1);
          const bytes = pin.bytes();
          if (bytes[0] !== fill || bytes[bytes.length - 1] !== fill) throw new Error(`step ${step}: bytes of ${pin.id} changed`);
          model.release(pin.id);
          pin.release();
        }
      } else if (op < 95) {
        if (held.length > 0) {
          const { pin } = held[rng.next() % held.length]!;
          const gpu = rng.next() % 3 === 0 ? 0 : rng.next() % 2500;
          expectedError = model.setGpu(pin.id, gpu);
          run(() => pin.setGpuBytes(gpu));
        }
      } else {
        expectedError = model.remove(id);
        run(() => cache.remove(id));
      }
      if (actualError !== expectedError) throw new Error(`step ${step} (op ${op}): error ${actualError}, model ${expectedError}`);
      const want = model.takeEvicted();
      if (JSON.stringify(evicted.map(String)) !== JSON.stringify(want.map(String))) {
        throw new Error(`step ${step}: evicted ${evicted.join(' ')}, model ${want.join(' ')}`);
      }
      const s = cache.stats();
      const m = model.stats();
      if (s.entries !== m.entries || s.pinned !== m.pinned || s.ramBytes !== m.ramBytes || s.vramBytes !== m.vramBytes) {
        throw new Error(`step ${step}: stats ${JSON.stringify(s)} vs model ${JSON.stringify(m)}`);
      }
      if (step % 500 === 0) cache.check();
    }
    const s = cache.stats();
    expect(s.entries).toBe(s.inserts - s.evictions - s.removals);
    expect(s.evictions).toBeGreaterThan(100);
    expect(s.budgetFailures).toBeGreaterThan(0);
    cache.check();
  });
});

// The cache's policy (resource_cache.h) in a few lines: entries with pins, and the unpinned ones in
// release order (index 0 = most recently released, the last = the next victim).
class CacheModel {
  private readonly entries = new Map<ResourceId, { size: number; gpu: number; pins: number }>();
  private lru: ResourceId[] = [];
  private evicted: [ResourceId, number][] = [];

  constructor(private readonly ram: number, private readonly vram: number, private readonly max: number) {}

  acquire(id: ResourceId): boolean {
    const e = this.entries.get(id);
    if (!e) return false;
    if (e.pins === 0) this.lru = this.lru.filter((x) => x !== id);
    e.pins++;
    return true;
  }

  insert(id: ResourceId, size: number): string | null {
    if (this.entries.has(id)) return 'InvalidArgumentError';
    if (size > this.ram) return 'SizeTooLargeError';
    const s = this.stats();
    const unpinnedRam = this.lru.reduce((sum, x) => sum + this.entries.get(x)!.size, 0);
    if (s.ramBytes - unpinnedRam + size > this.ram || (s.entries === this.max && this.lru.length === 0)) {
      return 'BudgetExceededError';
    }
    while (this.stats().ramBytes + size > this.ram || this.entries.size === this.max) this.evict(this.lru[this.lru.length - 1]!);
    this.entries.set(id, { size, gpu: 0, pins: 1 });
    return null;
  }

  release(id: ResourceId): void {
    const e = this.entries.get(id)!;
    e.pins--;
    if (e.pins === 0) this.lru.unshift(id);
  }

  setGpu(id: ResourceId, bytes: number): string | null {
    const e = this.entries.get(id)!;
    if (bytes > this.vram) return 'SizeTooLargeError';
    const vram = this.stats().vramBytes;
    const unpinnedGpu = this.lru.reduce((sum, x) => sum + this.entries.get(x)!.gpu, 0);
    if (vram - e.gpu - unpinnedGpu + bytes > this.vram) return 'BudgetExceededError';
    while (this.stats().vramBytes - e.gpu + bytes > this.vram) {
      const victims = this.lru.filter((x) => this.entries.get(x)!.gpu > 0);
      this.evict(victims[victims.length - 1]!);
    }
    e.gpu = bytes;
    return null;
  }

  remove(id: ResourceId): string | null {
    const e = this.entries.get(id);
    if (!e) return 'ResourceMissingError';
    if (e.pins > 0) return 'InvalidArgumentError';
    this.evict(id);
    return null;
  }

  takeEvicted(): [ResourceId, number][] {
    const out = this.evicted;
    this.evicted = [];
    return out;
  }

  stats(): { entries: number; pinned: number; ramBytes: number; vramBytes: number } {
    let pinned = 0, ramBytes = 0, vramBytes = 0;
    for (const e of this.entries.values()) {
      if (e.pins > 0) pinned++;
      ramBytes += e.size;
      vramBytes += e.gpu;
    }
    return { entries: this.entries.size, pinned, ramBytes, vramBytes };
  }

  private evict(id: ResourceId): void {
    this.evicted.push([id, this.entries.get(id)!.gpu]);
    this.entries.delete(id);
    this.lru = this.lru.filter((x) => x !== id);
  }
}

describe('engine.cache: listeners that throw', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  // The listeners' errors are reported after the call settled (console.error in Node: no reportError).
  async function reported(errors: unknown[][]): Promise<string[]> {
    await Promise.resolve();
    return errors.map((args) => String(args[1] instanceof Error ? args[1].message : args[1]));
  }

  it('an onEvict listener that throws leaks no pin, stops no other listener and is reported afterwards', async () => {
    const errors: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    const { cache } = await smallCache();
    cache.insert(1n, 3000).release();
    const heard: string[] = [];
    cache.onEvict(() => {
      throw new Error('first listener');
    });
    cache.onEvict((id) => heard.push(`evict ${id}`));
    cache.onRelease(() => heard.push('release'));
    const pin = cache.insert(2n, 3000); // evicts 1: the first listener throws
    expect(pin).toBeInstanceOf(CachePin);
    expect(heard).toEqual(['evict 1', 'release']);
    expect(errors).toEqual([]); // not yet: the call's result comes first
    expect(await reported(errors)).toEqual(['first listener']);
    expect(cache.stats()).toMatchObject({ entries: 1, pinned: 1 });
    pin.release(); // the pin was returned, so it can be released
    expect(cache.stats().pinned).toBe(0);
    cache.check();
  });

  it('release, setGpuBytes and remove complete when listeners throw; each error is reported', async () => {
    const errors: unknown[][] = [];
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void errors.push(args));
    const { cache } = await smallCache();
    const a = cache.insert(1n, 100);
    a.setGpuBytes(600);
    a.release();
    let n = 0;
    cache.onRelease(() => {
      throw new Error(`release listener ${++n}`);
    });
    cache.onEvict(() => {
      throw new Error('evict listener');
    });
    const b = cache.insert(2n, 100);
    b.setGpuBytes(600); // evicts 1 (VRAM): evict and release listeners throw
    expect(cache.has(1n)).toBe(false);
    expect(cache.info(2n)!.gpuBytes).toBe(600);
    b.release(); // throws in a listener, still released
    expect(b.released).toBe(true);
    expect(cache.info(2n)!.pins).toBe(0);
    cache.remove(2n);
    expect(cache.has(2n)).toBe(false);
    expect(await reported(errors)).toEqual([
      'evict listener', 'release listener 1', // setGpuBytes
      'release listener 2', // release
      'evict listener', 'release listener 3', // remove
    ]);
  });
});

describe('engine.cache: budgets that fit the span, lost evictions', () => {
  it('with the default budget of a 1 MiB region, pinned inserts end with BudgetExceededError', async () => {
    const engine = await freshEngine({ assets: { bytes: 1 << 20 } });
    const cache = engine.cache;
    const { ramBudget } = cache.stats();
    expect(ramBudget).toBeLessThanOrEqual(3 << 18);
    for (const size of [4000, 16 * 1024, 50_000]) {
      const pins: CachePin[] = [];
      let failure: unknown = null;
      for (let id = 1n; failure === null; id++) {
        try {
          pins.push(cache.insert(id, size));
        } catch (err) {
          failure = err;
        }
      }
      expect(failure, `pinned ${size}-byte inserts`).toBeInstanceOf(BudgetExceededError);
      expect(pins.length).toBe(Math.floor(ramBudget / size));
      for (const p of pins) p.release();
      for (let id = 1n; id <= BigInt(pins.length); id++) cache.remove(id);
    }
    cache.check();
  });

  it('an explicit ramBudget larger than the span can hold is InvalidArgumentError naming both numbers', async () => {
    const err = await freshEngine({ assets: { bytes: 1 << 20, ramBudget: 1 << 20 } }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(InvalidArgumentError);
    const message = (err as Error).message;
    expect(message).toMatch(/ramBudget 1048576 is more than the \d+ bytes/);
    const holdable = Number(/than the (\d+) bytes/.exec(message)![1]);
    const fits = await freshEngine({ assets: { bytes: 1 << 20, ramBudget: holdable } });
    expect(fits.cache.stats().ramBudget).toBe(holdable);
  });

  it('lost evictions show in stats(); check() and engine.check() throw CorruptStateError', async () => {
    const { engine, cache } = await smallCache();
    expect(cache.stats().lostEvictions).toBe(0);
    // Through the raw ABI, nobody drains the queue (max_entries + 1 records): it overflows.
    for (let id = 1; id <= 30; id++) {
      const h = engine.abi.oc_cache_insert(cache.cacheId, id, 0, 1000);
      expect(h).not.toBe(0);
      expect(engine.abi.oc_cache_release(cache.cacheId, h)).toBe(0);
    }
    const lost = cache.stats().lostEvictions;
    expect(lost).toBeGreaterThan(0);
    expect(expectThrows(() => cache.check(), CorruptStateError).message).toContain(`${lost} evictions were lost`);
    expectThrows(() => engine.check(), CorruptStateError);
  });
});
