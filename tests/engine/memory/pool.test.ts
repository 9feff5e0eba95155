import { describe, expect, it } from 'vitest';
import {
  BadAlignmentError, DoubleFreeError, EngineDestroyedError, ForeignHandleError, InvalidArgumentError,
  PoolExhaustedError, StaleHandleError, handleTag, type Handle, type Pool, type PoolStats,
} from '../../../engine/index.js';
import { ensure, expectThrows, freshEngine } from '../support/engine.js';
import { Prng } from '../support/prng.js';

describe('Pool', () => {
  it('allocates zeroed slots with distinct handles and offsets, and frees them', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'bullets', slotSize: 64, align: 16, capacity: 100 });
    expect(pool.name).toBe('bullets');
    expect(pool.capacity).toBe(100);
    expect(pool.slotSize).toBe(64);
    expect(pool.slotAlign).toBe(16);

    const handles = Array.from({ length: 100 }, () => pool.alloc());
    expect(new Set(handles).size).toBe(100);
    const offsets = handles.map((h) => pool.offsetOf(h));
    expect(new Set(offsets).size).toBe(100);
    for (const h of handles) {
      expect(h).not.toBe(0);
      expect(handleTag(h)).toBe(pool.tag);
      const off = pool.offsetOf(h);
      expect(off % 16).toBe(0);
      expect(off).toBe(pool.slotsOffset + pool.indexOf(h) * pool.slotSize);
      expect(pool.isValid(h)).toBe(true);
      expect(pool.generation(pool.indexOf(h)) % 2).toBe(1);
    }
    // Dirty a slot, free it, and get it back zeroed.
    const h0 = handles[0]!;
    engine.regions.state.slice(pool.offsetOf(h0), 64).fill(0xab);
    pool.free(h0);
    expect(pool.isValid(h0)).toBe(false);
    expect(pool.generation(pool.indexOf(h0)) % 2).toBe(0);
    const again = pool.alloc();
    expect(pool.indexOf(again)).toBe(pool.indexOf(h0));
    expect(again).not.toBe(h0);
    expect([...engine.regions.state.slice(pool.offsetOf(again), 64)].every((b) => b === 0)).toBe(true);

    const s = pool.stats();
    expect(s).toEqual({
      capacity: 100, live: 100, peak: 100, failures: 0, slotSize: 64, slotAlign: 16, totalAllocs: 101, totalFrees: 1,
    } satisfies PoolStats);
    pool.check();
  });

  it('picks a natural default alignment and rounds the slot size', async () => {
    const engine = await freshEngine();
    expect(engine.createPool({ name: 'a', slotSize: 12, capacity: 4 }).slotAlign).toBe(4);
    expect(engine.createPool({ name: 'b', slotSize: 24, capacity: 4 }).slotAlign).toBe(8);
    expect(engine.createPool({ name: 'c', slotSize: 96, capacity: 4 }).slotAlign).toBe(16);
    const d = engine.createPool({ name: 'd', slotSize: 1, capacity: 4 });
    expect(d.slotSize).toBe(4);
    expect(engine.pools().map((p) => p.name)).toEqual(['a', 'b', 'c', 'd']);
    expect(engine.pool('c')?.slotSize).toBe(96);
  });

  it('allocMany / freeMany are all or nothing', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 50 });
    const a = pool.allocMany(30);
    expect(a.length).toBe(30);
    expect(new Set(a).size).toBe(30);
    for (const h of a) expect(pool.isValid(h)).toBe(true);

    const before = pool.stats();
    expectThrows(() => pool.allocMany(21), PoolExhaustedError);
    expect(pool.stats().live).toBe(before.live);

    const into = new Uint32Array(25);
    expect(pool.allocMany(20, into)).toBe(into);
    expect(pool.stats().live).toBe(50);

    // A bad handle in the batch (tag 0: no pool's): nothing is freed.
    const batch = [...a.slice(0, 10), 12345];
    expectThrows(() => pool.freeMany(batch), ForeignHandleError);
    expect(pool.stats().live).toBe(50);
    // A duplicate in the batch is a double free: nothing is freed.
    expectThrows(() => pool.freeMany([a[0]!, a[1]!, a[0]!]), DoubleFreeError);
    expect(pool.stats().live).toBe(50);

    pool.freeMany(a);
    pool.freeMany(into.subarray(0, 20));
    expect(pool.stats().live).toBe(0);
    expect(pool.allocMany(0).length).toBe(0);
    pool.freeMany([]);
    pool.check();
  });

  it('walks and lists live handles in index order', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'w', slotSize: 8, capacity: 10 });
    const hs = Array.from({ length: 6 }, () => pool.alloc());
    pool.free(hs[1]!);
    pool.free(hs[4]!);
    const expected = [hs[0], hs[2], hs[3], hs[5]];
    expect(pool.liveHandles()).toEqual(expected);
    const seen: Array<[number, number]> = [];
    pool.walk((h, off) => seen.push([h, off]));
    expect(seen).toEqual(expected.map((h) => [h, pool.offsetOf(h!)]));
  });

  it('handles of pools with a tag >= 128 are positive numbers', async () => {
    const engine = await freshEngine();
    let pool: Pool<string> | undefined;
    for (let i = 0; i < 130; i++) pool = engine.createPool({ name: `p${i}`, slotSize: 4, capacity: 1 });
    expect(pool!.tag).toBeGreaterThanOrEqual(128);
    const h = pool!.alloc();
    expect(h).toBeGreaterThan(0x7fffffff);
    expect(pool!.allocMany(0).length).toBe(0);
    pool!.free(h);
    const [h2] = pool!.allocMany(1);
    expect(h2).toBeGreaterThan(0x7fffffff);
    expect(pool!.liveHandles()).toEqual([h2]);
  });
});

describe('Pool misuse', () => {
  async function setup() {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'bullets', slotSize: 32, capacity: 4 });
    const other = engine.createPool({ name: 'actors', slotSize: 32, capacity: 4 });
    const live = [pool.alloc(), pool.alloc()];
    return { engine, pool, other, live };
  }
  function unchanged(pool: Pool<string>, before: PoolStats, fn: () => void): void {
    fn();
    pool.check();
    expect(pool.stats()).toEqual(before);
  }

  it('a stale handle: StaleHandleError', async () => {
    const { pool } = await setup();
    const h = pool.alloc();
    pool.free(h);
    const reused = pool.alloc(); // the same slot, a newer generation
    expect(pool.indexOf(reused)).toBe(pool.indexOf(h));
    unchanged(pool, pool.stats(), () => {
      expectThrows(() => pool.free(h), StaleHandleError);
      expectThrows(() => pool.offsetOf(h), StaleHandleError);
    });
    expect(pool.isValid(h)).toBe(false);
  });

  it('a double free: DoubleFreeError', async () => {
    const { pool, live } = await setup();
    pool.free(live[0]!);
    unchanged(pool, pool.stats(), () => expectThrows(() => pool.free(live[0]!), DoubleFreeError));
  });

  it('a handle of another pool: ForeignHandleError', async () => {
    const { pool, other } = await setup();
    const foreign = other.alloc();
    const before = pool.stats();
    const otherBefore = other.stats();
    unchanged(pool, before, () => {
      expectThrows(() => pool.free(foreign as unknown as Handle<'bullets'>), ForeignHandleError);
      expectThrows(() => pool.offsetOf(foreign as unknown as Handle<'bullets'>), ForeignHandleError);
    });
    expect(other.stats()).toEqual(otherBefore);
    expect(pool.isValid(foreign)).toBe(false);
  });

  it('handle 0 and forged handles: InvalidArgumentError', async () => {
    const { pool } = await setup();
    unchanged(pool, pool.stats(), () => {
      expectThrows(() => pool.free(0 as Handle<'bullets'>), InvalidArgumentError);
      // Right tag, a slot index never handed out.
      expectThrows(() => pool.free(((pool.tag << 24) | 3) as Handle<'bullets'>), InvalidArgumentError);
    });
  });

  it('exhaustion: PoolExhaustedError, and only the failure counter moves', async () => {
    const { pool } = await setup();
    pool.alloc();
    pool.alloc();
    const before = pool.stats();
    expectThrows(() => pool.alloc(), PoolExhaustedError);
    expectThrows(() => pool.allocMany(1), PoolExhaustedError);
    pool.check();
    const after = pool.stats();
    expect(after.failures).toBeGreaterThan(before.failures);
    expect({ ...after, failures: before.failures }).toEqual(before);
  });

  it('bad create arguments: size 0, alignment not a power of two, capacity 0, too large', async () => {
    const engine = await freshEngine();
    const usedBefore = engine.regions.state.used;
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 0, capacity: 4 }), InvalidArgumentError);
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 8, align: 3, capacity: 4 }), BadAlignmentError);
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 8, align: 128, capacity: 4 }), BadAlignmentError);
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 8, capacity: 0 }), InvalidArgumentError);
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 8, capacity: (1 << 20) + 1 }), InvalidArgumentError);
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 8.5, capacity: 4 }), InvalidArgumentError);
    expectThrows(() => engine.createPool({ name: 'z', slotSize: -1, capacity: 4 }), InvalidArgumentError);
    expect(engine.regions.state.used).toBe(usedBefore);
    engine.createPool({ name: 'z', slotSize: 8, capacity: 4 });
    expectThrows(() => engine.createPool({ name: 'z', slotSize: 8, capacity: 4 }), InvalidArgumentError);
    engine.check();
  });

  it('use after destroy: EngineDestroyedError', async () => {
    const { engine, pool, live } = await setup();
    engine.destroy();
    expect(engine.destroyed).toBe(true);
    expectThrows(() => pool.alloc(), EngineDestroyedError);
    expectThrows(() => pool.free(live[0]!), EngineDestroyedError);
    expectThrows(() => pool.allocMany(2), EngineDestroyedError);
    expectThrows(() => pool.freeMany(live), EngineDestroyedError);
    expectThrows(() => pool.offsetOf(live[0]!), EngineDestroyedError);
    expectThrows(() => pool.isValid(live[0]!), EngineDestroyedError);
    expectThrows(() => pool.stats(), EngineDestroyedError);
    expectThrows(() => pool.check(), EngineDestroyedError);
    expectThrows(() => pool.liveHandles(), EngineDestroyedError);
    expectThrows(() => engine.createPool({ name: 'late', slotSize: 8, capacity: 1 }), EngineDestroyedError);
    engine.destroy(); // idempotent
  });
});

describe('Pool against a model', () => {
  it('survives 200,000 random operations with the oracle agreeing', async () => {
    const engine = await freshEngine();
    const capacity = 1000;
    const pool = engine.createPool({ name: 'model', slotSize: 24, align: 8, capacity });
    const rng = new Prng(0x5eed);
    // The oracle: live handles with the stamp written into each slot, and freed handles kept as stale.
    const live = new Map<number, number>();
    const liveList: Handle<'model'>[] = [];
    const stale: Handle<'model'>[] = [];
    let allocs = 0;
    let frees = 0;
    let peak = 0;
    let failures = 0;
    let stamp = 1;

    const u32 = () => pool.views.u32; // re-derived on every use
    const wordOf = (h: Handle<'model'>) => (pool.indexOf(h) * pool.slotSize) >> 2;
    const remember = (h: Handle<'model'>) => {
      ensure(!live.has(h), () => `alloc gave 0x${h.toString(16)}, which is live`);
      ensure(u32()[wordOf(h)] === 0 && u32()[wordOf(h) + 5] === 0, () => `slot of 0x${h.toString(16)} is not zeroed`);
      u32()[wordOf(h)] = stamp;
      u32()[wordOf(h) + 5] = stamp ^ 0xffffffff;
      live.set(h, stamp++);
      liveList.push(h);
      allocs++;
      peak = Math.max(peak, live.size);
    };
    const forget = (i: number) => {
      const h = liveList[i]!;
      const s = live.get(h)!;
      ensure(u32()[wordOf(h)] === s && u32()[wordOf(h) + 5] === (s ^ 0xffffffff) >>> 0, () => `slot of 0x${h.toString(16)} was overwritten`);
      liveList[i] = liveList[liveList.length - 1]!;
      liveList.pop();
      live.delete(h);
      stale.push(h);
      if (stale.length > 64) stale.shift();
      frees++;
      return h;
    };

    const OPS = 200_000;
    for (let op = 0; op < OPS; ) {
      const r = rng.below(100);
      if (r < 45) {
        if (live.size === capacity) {
          expectThrows(() => pool.alloc(), PoolExhaustedError);
          failures++;
        } else {
          remember(pool.alloc());
        }
        op++;
      } else if (r < 85) {
        if (liveList.length > 0) pool.free(forget(rng.below(liveList.length)));
        op++;
      } else if (r < 90) {
        const n = rng.between(1, 40);
        if (live.size + n > capacity) {
          expectThrows(() => pool.allocMany(n), PoolExhaustedError);
          failures++;
        } else {
          for (const h of pool.allocMany(n)) remember(h as Handle<'model'>);
        }
        op += n;
      } else if (r < 95) {
        const n = Math.min(liveList.length, rng.between(1, 40));
        const batch: number[] = [];
        for (let i = 0; i < n; i++) batch.push(forget(rng.below(liveList.length)));
        pool.freeMany(batch);
        op += Math.max(n, 1);
      } else if (stale.length > 0) {
        // Misuse mixed in: a freed handle is either a double free or stale, and changes nothing.
        const h = rng.pick(stale);
        if (!live.has(h)) {
          const err = expectThrows(() => pool.free(h), Error);
          ensure(err instanceof StaleHandleError || err instanceof DoubleFreeError, () => `free of a freed handle threw ${String(err)}`);
        }
        op++;
      } else {
        op++;
      }
      if (op % 2000 < 40 || op >= OPS) {
        pool.check();
        const s = pool.stats();
        expect([s.live, s.peak, s.totalAllocs, s.totalFrees, s.failures]).toEqual([live.size, peak, allocs, frees, failures]);
      }
    }
    pool.check();
    expect(new Set(pool.liveHandles())).toEqual(new Set(live.keys()));
    expect(allocs).toBeGreaterThan(50_000);
  });
});
