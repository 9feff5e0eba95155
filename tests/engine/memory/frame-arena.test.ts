import { describe, expect, it } from 'vitest';
import {
  BadAlignmentError, BadMarkerError, EngineDestroyedError, InvalidArgumentError, OutOfSpaceError, type FrameMarker,
} from '../../../engine/index.js';
import { ensure, expectThrows, freshEngine } from '../support/engine.js';
import { Prng } from '../support/prng.js';

const alignUp = (x: number, a: number) => Math.ceil(x / a) * a;

describe('FrameArena', () => {
  it('bump-allocates aligned zeroed blocks, unwinds to markers and resets', async () => {
    const engine = await freshEngine({ regions: { frame: 64 * 1024 } });
    const arena = engine.frame;
    const cap = arena.stats().capacity;
    expect(cap).toBeGreaterThan(60 * 1024);
    expect(cap).toBeLessThanOrEqual(64 * 1024);

    const start = arena.marker();
    const a = arena.alloc(10, 8);
    expect(a).toBe(alignUp(start, 8));
    const b = arena.alloc(100); // default alignment 16
    expect(b).toBe(alignUp(a + 10, 16));
    arena.bytes(b, 100).fill(0xee);
    const m = arena.marker();
    expect(m).toBe(b + 100);
    const c = arena.alloc(64, 64);
    expect(c % 64).toBe(0);
    arena.bytes(c, 64).fill(1);
    arena.unwind(m);
    expect(arena.marker()).toBe(m);
    const c2 = arena.alloc(64, 64);
    expect(c2).toBe(c);
    expect([...arena.bytes(c2, 64)].every((x) => x === 0)).toBe(true); // unwound bytes come back zeroed
    expect(arena.stats()).toMatchObject({ used: c2 + 64 - start, totalAllocs: 4, resets: 0, failures: 0 });

    arena.reset();
    expect(arena.marker()).toBe(start);
    expect(arena.stats()).toMatchObject({ used: 0, peak: c + 64 - start, resets: 1 });
    expect([...arena.bytes(b, 100)].every((x) => x === 0)).toBe(true);
    arena.check();
  });
});

describe('FrameArena misuse', () => {
  async function setup() {
    const engine = await freshEngine({ regions: { frame: 16 * 1024 } });
    const arena = engine.frame;
    arena.alloc(100);
    return { engine, arena };
  }
  function unchanged(arena: Awaited<ReturnType<typeof setup>>['arena'], fn: () => void): void {
    const before = arena.stats();
    const top = arena.marker();
    fn();
    arena.check();
    expect(arena.stats()).toEqual(before);
    expect(arena.marker()).toBe(top);
  }

  it('size 0: InvalidArgumentError', async () => {
    const { arena } = await setup();
    unchanged(arena, () => expectThrows(() => arena.alloc(0), InvalidArgumentError));
  });

  it('alignment not a power of two, or above 4096: BadAlignmentError', async () => {
    const { arena } = await setup();
    unchanged(arena, () => {
      expectThrows(() => arena.alloc(8, 12), BadAlignmentError);
      expectThrows(() => arena.alloc(8, 8192), BadAlignmentError);
    });
  });

  it('a marker above the top or below the start: BadMarkerError', async () => {
    const { arena } = await setup();
    const m = arena.marker();
    unchanged(arena, () => {
      expectThrows(() => arena.unwind((m + 16) as FrameMarker), BadMarkerError);
      expectThrows(() => arena.unwind(0 as FrameMarker), BadMarkerError);
      expectThrows(() => arena.unwind(0xffff_ffff as FrameMarker), BadMarkerError);
    });
    // A marker taken before a reset is above the new top.
    arena.reset();
    unchanged(arena, () => expectThrows(() => arena.unwind(m), BadMarkerError));
  });

  it('exhaustion and sizes beyond the arena: OutOfSpaceError, only the failure counter moves', async () => {
    const { arena } = await setup();
    const before = arena.stats();
    expectThrows(() => arena.alloc(before.capacity), OutOfSpaceError);
    expectThrows(() => arena.alloc(0xffff_ffff), OutOfSpaceError);
    arena.check();
    const after = arena.stats();
    expect(after.failures).toBe(before.failures + 2);
    expect({ ...after, failures: before.failures }).toEqual(before);
    arena.alloc(before.capacity - before.used - 16, 1); // what is left still fits
  });

  it('use after destroy: EngineDestroyedError', async () => {
    const { engine, arena } = await setup();
    const m = arena.marker();
    engine.destroy();
    expectThrows(() => arena.alloc(16), EngineDestroyedError);
    expectThrows(() => arena.marker(), EngineDestroyedError);
    expectThrows(() => arena.unwind(m), EngineDestroyedError);
    expectThrows(() => arena.reset(), EngineDestroyedError);
    expectThrows(() => arena.stats(), EngineDestroyedError);
    expectThrows(() => arena.check(), EngineDestroyedError);
  });
});

describe('FrameArena against a model', () => {
  it('survives 200,000 random operations with the oracle agreeing', async () => {
    const engine = await freshEngine({ regions: { frame: 64 * 1024 } });
    const arena = engine.frame;
    const rng = new Prng(0xa2e4a);
    const begin: number = arena.marker();
    const end = begin + arena.stats().capacity;
    // The oracle is the arena's whole state: top, peak, the saved markers, the live blocks.
    let top = begin;
    let peak = begin;
    let allocs = 0;
    let failures = 0;
    let resets = 0;
    const markers: number[] = [];
    const blocks: Array<{ offset: number; size: number; stamp: number }> = [];
    const base = engine.regions.frame.base;
    const heap = () => engine.abi.heap.view;

    const OPS = 200_000;
    for (let op = 1; op <= OPS; op++) {
      const r = rng.below(1000);
      if (r < 800) {
        const size = rng.chance(0.03) ? rng.between(4 * 1024, 32 * 1024) : rng.between(1, 300);
        const align = rng.pick([1, 2, 4, 8, 16, 16, 16, 64, 256]);
        const expected = alignUp(top, align);
        if (expected + size > end) {
          expectThrows(() => arena.alloc(size, align), OutOfSpaceError);
          failures++;
        } else {
          const off = arena.alloc(size, align);
          ensure(off === expected, () => `alloc(${size}, ${align}) gave ${off}, the model says ${expected}`);
          const v = heap();
          ensure(v.getUint8(base + off) === 0 && v.getUint8(base + off + size - 1) === 0, () => `block at ${off} is not zeroed`);
          const stamp = (op & 0xfe) | 1;
          v.setUint8(base + off, stamp);
          v.setUint8(base + off + size - 1, stamp);
          blocks.push({ offset: off, size, stamp });
          top = off + size;
          peak = Math.max(peak, top);
          allocs++;
        }
      } else if (r < 880) {
        const m = arena.marker();
        ensure(m === top, () => `marker ${m}, the model's top is ${top}`);
        markers.push(m);
      } else if (r < 990) {
        if (markers.length > 0) {
          const i = rng.below(markers.length);
          const m = markers[i]!;
          arena.unwind(m as FrameMarker);
          markers.length = i + 1;
          while (blocks.length > 0 && blocks[blocks.length - 1]!.offset >= m) blocks.pop();
          top = m;
        } else if (top > begin) {
          expectThrows(() => arena.unwind((top + 1) as FrameMarker), BadMarkerError);
        }
      } else {
        arena.reset();
        top = begin;
        markers.length = 0;
        blocks.length = 0;
        resets++;
      }
      if (op % 2000 === 0 || op === OPS) {
        arena.check();
        expect(arena.stats()).toEqual({ capacity: end - begin, used: top - begin, peak: peak - begin, failures, totalAllocs: allocs, resets });
        const v = heap();
        for (const b of blocks) {
          ensure(v.getUint8(base + b.offset) === b.stamp && v.getUint8(base + b.offset + b.size - 1) === b.stamp, () => `block at ${b.offset} was overwritten`);
        }
      }
    }
    expect(allocs).toBeGreaterThan(100_000);
    expect(failures).toBeGreaterThan(0);
  });
});
