// Counters mode: per-tag and per-frame figures read through views equal a model of the allocations;
// the view readers make no call into wasm; modes switch at run time.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotTrackingError, type Engine, type TrackingMode } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

/** Replaces every raw export by a counting wrapper; returns the count and a restore function. */
function countWasmCalls(engine: Engine): { calls: () => number; restore: () => void } {
  const raw = engine.abi.raw as unknown as Record<string, unknown>;
  const saved = new Map<string, unknown>();
  let calls = 0;
  for (const [name, fn] of Object.entries(raw)) {
    if (typeof fn !== 'function') continue;
    saved.set(name, fn);
    raw[name] = (...args: unknown[]) => {
      calls++;
      return (fn as (...a: unknown[]) => unknown)(...args);
    };
  }
  return { calls: () => calls, restore: () => { for (const [name, fn] of saved) raw[name] = fn; } };
}

describe('counters mode', () => {
  it('is the default mode; the build supports full records', async () => {
    const engine = await freshEngine();
    expect(engine.tracker.mode).toBe('counters');
    expect(engine.tracker.compiledMode).toBe('full');
    expect(engine.tracker.regionNames()).toEqual(['state', 'frame']);
    expect(engine.tracker.region).toBe(engine.regions.debug);
    expect(engine.tracker.lastFrame()).toBeNull();
  });

  it('tags() and frames() equal a model of three frames of traffic', async () => {
    const engine = await freshEngine();
    const { tracker, slab, frame } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 32 });
    const fxSize = slab.classSizes[slab.classOf(100)]!;

    // frame 0: 5 actors, 3 fx blocks
    const a = Array.from({ length: 5 }, () => actors.alloc());
    const fx = Array.from({ length: 3 }, () => slab.alloc(100, 16, { tag: 'fx' }));
    tracker.frameEnd();
    // frame 1: 2 actors and 1 fx block freed, 128 bytes of scratch
    actors.free(a[0]!);
    actors.free(a[1]!);
    slab.free(fx[0]!);
    frame.alloc(128);
    tracker.frameEnd();
    // frame 2: the scratch is reset, one more actor
    frame.reset();
    actors.alloc();
    tracker.frameEnd();

    const tags = new Map(tracker.tags().map((t) => [t.name, t]));
    expect(tags.get('untagged')).toEqual({ id: 1, name: 'untagged', liveCount: 0, liveBytes: 0, peakBytes: 0, allocs: 0, frees: 0, bytesAllocated: 0 });
    expect(tags.get('actors')).toMatchObject({ liveCount: 4, liveBytes: 256, peakBytes: 320, allocs: 6, frees: 2, bytesAllocated: 384 });
    expect(tags.get('fx')).toMatchObject({ liveCount: 2, liveBytes: 2 * fxSize, peakBytes: 3 * fxSize, allocs: 3, frees: 1, bytesAllocated: 3 * fxSize });
    expect(tags.get('frame')).toMatchObject({ liveCount: 0, liveBytes: 0, peakBytes: 128, allocs: 1, frees: 1, bytesAllocated: 128 });
    expect(tracker.tags().map((t) => t.id)).toEqual(tracker.tags().map((_, i) => i + 1));
    expect(tracker.tag('fx')).toBe(tags.get('fx')!.id);

    const frames = tracker.frames();
    expect(frames).toEqual([
      { frame: 0, allocs: 8, frees: 0, bytesAllocated: 320 + 3 * fxSize, bytesFreed: 0, liveCount: 8, liveBytes: 320 + 3 * fxSize,
        regionLiveBytes: [320 + 3 * fxSize, 0, 0, 0] },
      { frame: 1, allocs: 1, frees: 3, bytesAllocated: 128, bytesFreed: 128 + fxSize, liveCount: 6, liveBytes: 192 + 2 * fxSize + 128,
        regionLiveBytes: [192 + 2 * fxSize, 128, 0, 0] },
      { frame: 2, allocs: 1, frees: 1, bytesAllocated: 64, bytesFreed: 128, liveCount: 6, liveBytes: 256 + 2 * fxSize,
        regionLiveBytes: [256 + 2 * fxSize, 0, 0, 0] },
    ]);
    expect(tracker.lastFrame()).toEqual(frames[2]);
    expect(tracker.counters()).toEqual({ frame: 3, recordsUsed: 0, recordCapacity: 65536, overflow: 0, unrecordedFrees: 0, misuseTotal: 0, mode: 'counters' });
    expect(actors.occupancy()).toEqual({ live: 4, capacity: 32, peak: 5 });
  });

  it('the frame ring keeps the newest frames, oldest first', async () => {
    const engine = await freshEngine({ tracking: { frames: 4 } });
    const { tracker, slab } = engine;
    const blocks: number[] = [];
    for (let f = 0; f < 10; f++) {
      for (let i = 0; i <= f; i++) blocks.push(slab.alloc(16));
      engine.endFrame();
    }
    const frames = tracker.frames();
    expect(frames.map((f) => f.frame)).toEqual([6, 7, 8, 9]);
    expect(frames.map((f) => f.allocs)).toEqual([7, 8, 9, 10]);
    expect(frames.map((f) => f.liveCount)).toEqual([28, 36, 45, 55]);
    expect(engine.frameNumber).toBe(10n);
  });

  it('view readers make no wasm call', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'actors', slotSize: 32, capacity: 8 });
    pool.alloc();
    engine.slab.alloc(64, 16, { tag: 'fx' });
    engine.endFrame();
    const { tracker } = engine;
    const counter = countWasmCalls(engine);
    try {
      const seen = {
        tags: tracker.tags(), frames: tracker.frames(), last: tracker.lastFrame(), counters: tracker.counters(),
        regions: tracker.regionNames(), mode: tracker.mode, occupancy: pool.occupancy(),
      };
      expect(counter.calls()).toBe(0);
      expect(seen.tags.find((t) => t.name === 'fx')?.liveCount).toBe(1);
      expect(seen.occupancy.live).toBe(1);
      tracker.publish(); // and the wrapper does count real calls
      expect(counter.calls()).toBe(1);
    } finally {
      counter.restore();
    }
  });

  it('views follow memory growth', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'actors', slotSize: 32, capacity: 8 });
    pool.alloc();
    engine.endFrame();
    const before = engine.memory.buffer.byteLength;
    expect(engine.abi.oc_region_create(64 * 1024 * 1024, 0)).not.toBe(0); // memory grows: every view is replaced
    expect(engine.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(engine.tracker.tags().find((t) => t.name === 'actors')?.liveCount).toBe(1);
    expect(pool.occupancy().live).toBe(1);
    expect(engine.tracker.lastFrame()?.liveCount).toBe(1);
  });

  it('modes switch at run time; an unknown mode is InvalidArgumentError', async () => {
    const engine = await freshEngine();
    const { tracker, slab } = engine;
    const fxAllocs = () => tracker.tags().find((t) => t.name === 'fx')?.allocs ?? 0;
    const early = slab.alloc(64, 16, { tag: 'fx' }); // live before full mode: no record
    tracker.publish();
    expect(fxAllocs()).toBe(1);

    tracker.mode = 'off';
    expect(tracker.mode).toBe('off');
    expect(tracker.counters().mode).toBe('off');
    slab.alloc(64, 16, { tag: 'fx' });
    tracker.publish();
    expect(fxAllocs()).toBe(1);
    expectThrows(() => tracker.mark(), NotTrackingError);

    tracker.mode = 'full';
    const mark = tracker.mark();
    const late = slab.alloc(64, 16, { tag: 'fx', site: 'late' });
    expect(tracker.leaksSince(mark)).toMatchObject([{ tag: 'fx', site: 'late', count: 1 }]);
    slab.free(early);
    expect(tracker.counters().unrecordedFrees).toBe(1);
    slab.free(late);
    expect(tracker.leaksSince(mark)).toEqual([]);

    tracker.mode = 'counters';
    expectThrows(() => tracker.leaksSince(mark), NotTrackingError);
    expectThrows(() => { tracker.mode = 'verbose' as TrackingMode; }, InvalidArgumentError);
    expect(tracker.mode).toBe('counters');
  });

  it('createEngine({ tracking: { mode: "off" } }) starts with the tracker off', async () => {
    const engine = await freshEngine({ tracking: { mode: 'off' } });
    expect(engine.tracker.mode).toBe('off');
    engine.slab.alloc(64, 16, { tag: 'fx' });
    engine.tracker.mode = 'counters';
    engine.slab.alloc(64, 16, { tag: 'fx' });
    engine.tracker.publish();
    expect(engine.tracker.tags().find((t) => t.name === 'fx')?.allocs).toBe(1);
  });
});
