import { describe, expect, it } from 'vitest';
import {
  BadAlignmentError, DoubleFreeError, EngineDestroyedError, InvalidArgumentError, InvalidOffsetError,
  OutOfSpaceError, SizeTooLargeError, WrongSizeClassError, type Slab, type SlabStats,
} from '../../../engine/index.js';
import { ensure, expectThrows, freshEngine } from '../support/engine.js';
import { Prng } from '../support/prng.js';

describe('Slab', () => {
  it('serves size classes and the fallback with aligned, zeroed blocks', async () => {
    const engine = await freshEngine({ regions: { state: 4 << 20 } });
    const slab = engine.slab;
    expect(slab.classSizes[0]).toBe(16);
    expect(slab.classSizes.at(-1)).toBe(4096);
    expect([...slab.classSizes].sort((x, y) => x - y)).toEqual(slab.classSizes);
    for (const s of slab.classSizes) expect(s % 16).toBe(0);

    const small = slab.alloc(100);
    const cls = slab.classOf(100);
    expect(slab.usableSize(small)).toBe(slab.classSizes[cls]);
    expect(small % 16).toBe(0);
    const big = slab.alloc(10_000, 256);
    expect(big % 256).toBe(0);
    expect(slab.classOf(10_000)).toBe(-1);
    expect(slab.usableSize(big)).toBeGreaterThanOrEqual(10_000);
    expect([...slab.bytes(big, 10_000)].every((b) => b === 0)).toBe(true);

    slab.bytes(small, 100).fill(7);
    const st = slab.stats();
    // liveBytes counts usable bytes: the class size, or the fallback block's usable size.
    expect(st).toMatchObject({ liveBlocks: 2, liveBytes: slab.usableSize(small) + slab.usableSize(big), totalAllocs: 2, totalFrees: 0 });
    expect(st.pageSize).toBeGreaterThanOrEqual(4096);
    expect(st.arenaBytes).toBe(2 << 20);
    expect(st.reservedBytes).toBeGreaterThanOrEqual(10_100);
    expect(slab.liveBlocks().map((b) => b.offset).sort()).toEqual([small, big].sort());
    const classes = slab.classStats();
    expect(classes.length).toBe(slab.classSizes.length);
    expect(classes[cls]).toMatchObject({ blockSize: slab.classSizes[cls], liveBlocks: 1, pages: 1 });

    slab.free(small, 100);
    slab.free(big);
    const again = slab.alloc(100);
    expect([...slab.bytes(again, 100)].every((b) => b === 0)).toBe(true);
    expect(slab.stats()).toMatchObject({ liveBlocks: 1, liveBytes: slab.classSizes[cls], totalAllocs: 3, totalFrees: 2 });
    slab.check();
    engine.check();
  });

  it('allocRaw: the same classes and alignment, without the zeroing', async () => {
    const engine = await freshEngine({ regions: { state: 4 << 20 } });
    const slab = engine.slab;
    const small = slab.allocRaw(100);
    expect(small % 16).toBe(0);
    expect(slab.usableSize(small)).toBe(slab.classSizes[slab.classOf(100)]);
    const big = slab.allocRaw(10_000, 256);
    expect(big % 256).toBe(0);
    expect(slab.usableSize(big)).toBeGreaterThanOrEqual(10_000);
    expect(slab.stats()).toMatchObject({ liveBlocks: 2, totalAllocs: 2 });

    // A recycled block keeps its previous owner's bytes, but for the free list's link in its first
    // 4 (the wasm core is a release build: no 0xDD scrub on free).
    const a = slab.alloc(500);
    slab.bytes(a, 500).fill(0x42);
    slab.free(a, 500);
    expect(slab.allocRaw(490)).toBe(a); // same class, most recently freed first
    expect([...slab.bytes(a, 500).subarray(4)].every((b) => b === 0x42)).toBe(true);
    // alloc() after the same free hands the same block out zeroed: that is the difference.
    slab.free(a);
    expect(slab.alloc(490)).toBe(a);
    expect([...slab.bytes(a, 490)].every((b) => b === 0)).toBe(true);

    slab.free(small, 100);
    slab.free(big, 10_000);
    slab.free(a, 490);
    expect(slab.stats()).toMatchObject({ liveBlocks: 0, totalAllocs: 5, totalFrees: 5 });
    slab.check();
    engine.check();
  });

  it('takes its page size and class steps from the options', async () => {
    const engine = await freshEngine({ regions: { state: 4 << 20 }, slab: { bytes: 1 << 20, pageSize: 16 * 1024, classSteps: 1 } });
    expect(engine.slab.classSizes).toEqual([16, 32, 64, 128, 256, 512, 1024, 2048, 4096]);
    expect(engine.slab.stats()).toMatchObject({ pageSize: 16 * 1024, arenaBytes: 1 << 20, classCount: 9 });
  });
});

describe('Slab misuse', () => {
  async function setup() {
    const engine = await freshEngine({ regions: { state: 2 << 20 }, slab: { bytes: 512 * 1024 } });
    const slab = engine.slab;
    const a = slab.alloc(100);
    const b = slab.alloc(6000);
    return { engine, slab, a, b };
  }
  function unchanged(slab: Slab, fn: () => void): void {
    const before: SlabStats = slab.stats();
    const blocks = slab.liveBlocks();
    fn();
    slab.check();
    expect(slab.stats()).toEqual(before);
    expect(slab.liveBlocks()).toEqual(blocks);
  }

  it('size 0: InvalidArgumentError', async () => {
    const { slab } = await setup();
    unchanged(slab, () => {
      expectThrows(() => slab.alloc(0), InvalidArgumentError);
      expectThrows(() => slab.allocRaw(0), InvalidArgumentError);
    });
  });

  it('a size the slab can never serve: SizeTooLargeError', async () => {
    const { slab } = await setup();
    unchanged(slab, () => {
      expectThrows(() => slab.alloc(600 * 1024), SizeTooLargeError);
      expectThrows(() => slab.alloc(0xffff_fff0), SizeTooLargeError);
      expectThrows(() => slab.allocRaw(600 * 1024), SizeTooLargeError);
      expectThrows(() => slab.allocRaw(0xffff_fff0), SizeTooLargeError);
    });
  });

  it('alignment not a power of two, or above 4096: BadAlignmentError', async () => {
    const { slab } = await setup();
    unchanged(slab, () => {
      expectThrows(() => slab.alloc(64, 3), BadAlignmentError);
      expectThrows(() => slab.alloc(64, 0), BadAlignmentError);
      expectThrows(() => slab.alloc(64, 8192), BadAlignmentError);
      expectThrows(() => slab.allocRaw(64, 3), BadAlignmentError);
      expectThrows(() => slab.allocRaw(64, 0), BadAlignmentError);
      expectThrows(() => slab.allocRaw(5000, 48), BadAlignmentError);
      expectThrows(() => slab.allocRaw(64, 8192), BadAlignmentError);
    });
  });

  it('an interior or foreign offset: InvalidOffsetError', async () => {
    const { engine, slab, a, b } = await setup();
    const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 4 });
    const slot = pool.offsetOf(pool.alloc());
    unchanged(slab, () => {
      expectThrows(() => slab.free(a + 8), InvalidOffsetError);
      expectThrows(() => slab.free(b + 64), InvalidOffsetError);
      expectThrows(() => slab.free(slot), InvalidOffsetError);
      expectThrows(() => slab.free(engine.regions.state.size + 4096), InvalidOffsetError);
      expectThrows(() => slab.usableSize(a + 8), InvalidOffsetError);
    });
  });

  it('a double free: DoubleFreeError', async () => {
    const { slab, a, b } = await setup();
    slab.free(a);
    slab.free(b);
    unchanged(slab, () => {
      expectThrows(() => slab.free(a), DoubleFreeError);
      expectThrows(() => slab.free(b), Error);
    });
  });

  it('a size of another class: WrongSizeClassError', async () => {
    const { slab, a, b } = await setup();
    unchanged(slab, () => {
      expectThrows(() => slab.free(a, 2000), WrongSizeClassError);
      expectThrows(() => slab.free(a, 8), WrongSizeClassError);
      expectThrows(() => slab.free(b, 64), WrongSizeClassError);
    });
    slab.free(a, 100);
  });

  it('exhaustion: OutOfSpaceError, and only the failure counter moves', async () => {
    const { slab } = await setup();
    const blocks: number[] = [];
    for (;;) {
      try {
        blocks.push(slab.alloc(4096));
      } catch (err) {
        expect(err).toBeInstanceOf(OutOfSpaceError);
        break;
      }
      expect(blocks.length).toBeLessThan(1000);
    }
    const before = slab.stats();
    expectThrows(() => slab.alloc(4096), OutOfSpaceError);
    expectThrows(() => slab.alloc(100_000), OutOfSpaceError);
    expectThrows(() => slab.allocRaw(4096), OutOfSpaceError);
    expectThrows(() => slab.allocRaw(100_000), OutOfSpaceError);
    slab.check();
    const after = slab.stats();
    expect(after.failures).toBe(before.failures + 4);
    expect({ ...after, failures: before.failures }).toEqual(before);
    for (const off of blocks) slab.free(off, 4096);
    slab.alloc(100_000); // space came back
  });

  it('use after destroy: EngineDestroyedError', async () => {
    const { engine, slab, a } = await setup();
    engine.destroy();
    expectThrows(() => slab.alloc(16), EngineDestroyedError);
    expectThrows(() => slab.allocRaw(16), EngineDestroyedError);
    expectThrows(() => slab.free(a), EngineDestroyedError);
    expectThrows(() => slab.usableSize(a), EngineDestroyedError);
    expectThrows(() => slab.stats(), EngineDestroyedError);
    expectThrows(() => slab.check(), EngineDestroyedError);
    expectThrows(() => slab.liveBlocks(), EngineDestroyedError);
  });
});

describe('Slab against a model', () => {
  it('survives 200,000 random operations with the oracle agreeing', async () => {
    const engine = await freshEngine({ regions: { state: 16 << 20 } });
    const slab = engine.slab;
    const rng = new Prng(0xc1a55);
    type Block = { offset: number; size: number; usable: number; stamp: number };
    const live: Block[] = [];
    const byOffset = new Map<number, Block>();
    let allocs = 0;
    let frees = 0;
    let failures = 0;
    let liveBytes = 0;
    let stamp = 1;
    const heap = () => engine.abi.heap.view; // re-derived on every use
    const base = engine.regions.state.base;

    // A stamp in the first word and in the last byte (sizes are >= 5, so the two never overlap).
    const verify = (b: Block) => {
      const v = heap();
      ensure(v.getUint32(base + b.offset, true) === b.stamp >>> 0, () => `block at ${b.offset}: first word overwritten`);
      ensure(v.getUint8(base + b.offset + b.size - 1) === (b.stamp & 0xff), () => `block at ${b.offset}: last byte overwritten`);
    };

    const OPS = 200_000;
    for (let op = 1; op <= OPS; op++) {
      const target = 1500;
      if (rng.below(live.length + target) < target) {
        const r = rng.below(100);
        const size = r < 80 ? rng.between(5, 2048) : r < 95 ? rng.between(2049, 4096) : rng.between(4097, 24_000);
        const align = rng.chance(0.1) ? rng.pick([32, 64, 128, 256]) : 16;
        // A third of the blocks come from allocRaw: same bookkeeping, only the zeroing differs.
        const raw = rng.chance(0.3);
        let offset: number;
        try {
          offset = raw ? slab.allocRaw(size, align) : slab.alloc(size, align);
        } catch (err) {
          ensure(err instanceof OutOfSpaceError, () => `alloc(${size}, ${align}) threw ${String(err)}`);
          failures++;
          continue;
        }
        ensure(offset % align === 0, () => `alloc(${size}, ${align}) gave ${offset}, misaligned`);
        ensure(!byOffset.has(offset), () => `alloc(${size}) gave ${offset}, which is live`);
        const v = heap();
        ensure(raw || (v.getUint32(base + offset, true) === 0 && v.getUint8(base + offset + size - 1) === 0), () => `block at ${offset} is not zeroed`);
        const usable = slab.usableSize(offset);
        ensure(usable >= size, () => `usableSize(${offset}) = ${usable} < ${size}`);
        const b = { offset, size, usable, stamp: stamp++ };
        v.setUint32(base + offset, b.stamp, true);
        v.setUint8(base + offset + size - 1, b.stamp & 0xff);
        live.push(b);
        byOffset.set(offset, b);
        allocs++;
        liveBytes += usable;
      } else {
        const i = rng.below(live.length);
        const b = live[i]!;
        verify(b);
        slab.free(b.offset, rng.chance(0.5) ? b.size : 0);
        live[i] = live[live.length - 1]!;
        live.pop();
        byOffset.delete(b.offset);
        frees++;
        liveBytes -= b.usable;
      }
      if (op % 4000 === 0 || op === OPS) {
        slab.check();
        const s = slab.stats();
        expect([s.liveBlocks, s.liveBytes, s.totalAllocs, s.totalFrees, s.failures]).toEqual([live.length, liveBytes, allocs, frees, failures]);
        // No overlap: sorted by offset, each block (its usable size) ends before the next starts.
        const walked = slab.liveBlocks().sort((x, y) => x.offset - y.offset);
        expect(walked.length).toBe(live.length);
        for (let k = 0; k < walked.length; k++) {
          const w = walked[k]!;
          const model = byOffset.get(w.offset);
          ensure(model !== undefined, () => `walk lists ${w.offset}, which the model does not have`);
          ensure(w.size === model.usable, () => `walk says ${w.offset} has ${w.size} bytes, usableSize said ${model.usable}`);
          const next = walked[k + 1];
          ensure(next === undefined || w.offset + w.size <= next.offset, () => `blocks at ${w.offset} and ${next?.offset} overlap`);
        }
        for (const b of live) verify(b);
      }
    }
    expect(allocs).toBeGreaterThan(90_000);
    for (const b of live) slab.free(b.offset, b.size);
    expect(slab.stats()).toMatchObject({ liveBlocks: 0, liveBytes: 0 });
    slab.check();
  });
});
