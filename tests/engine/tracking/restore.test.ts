// A restore or a rewind replaces the state region under the tracker: the core resyncs it, marks made
// before become unknown, and the live figures are those of the restored allocators.
import { describe, expect, it } from 'vitest';
import { UnknownMarkError, type Engine } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

function expectLiveFiguresOfTheAllocators(engine: Engine): void {
  const r = engine.tracker.report();
  const arena = engine.frame.stats();
  const slab = engine.slab.stats();
  let poolCount = 0;
  let poolBytes = 0;
  for (const pool of engine.pools()) {
    const s = pool.stats();
    expect(r.pools.find((p) => p.name === pool.name)).toMatchObject({ live: s.live, liveBytes: s.live * s.slotSize, peak: s.peak });
    poolCount += s.live;
    poolBytes += s.live * s.slotSize;
  }
  expect(r.slabs[0]).toMatchObject({ liveBytes: slab.liveBytes, liveBlocks: slab.liveBlocks });
  const state = r.regions.find((g) => g.name === 'state')!;
  expect(state.liveBytes).toBe(poolBytes + slab.liveBytes);
  expect(r.regions.find((g) => g.name === 'frame')!.liveBytes).toBe(arena.used);
  const tagLive = r.tags.reduce((n, t) => n + t.liveCount, 0);
  expect(tagLive).toBe(r.totals.liveCount);
  expect(r.totals.liveCount).toBeGreaterThanOrEqual(poolCount + slab.liveBlocks);
  // Full mode: every live block of the state region has a record again.
  const recorded = engine.tracker.olderThan(0).filter((g) => g.tag !== 'frame').reduce((n, g) => n + g.count, 0);
  expect(recorded).toBe(poolCount + slab.liveBlocks);
}

describe('tracking across restore and rewind', () => {
  it('after restore(), leaksSince(an older mark) is UnknownMarkError; figures are the restored state\'s', async () => {
    const engine = await freshEngine({ tracking: { mode: 'full', leakReport: false } });
    const { tracker, slab } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 64 });
    for (let i = 0; i < 5; i++) actors.alloc('spawn');
    const kept = slab.alloc(300, 16, { tag: 'audio', site: 'load' });
    const save = engine.snapshot();

    const mark = tracker.mark();
    for (let i = 0; i < 7; i++) actors.alloc('after.save');
    slab.alloc(1000, 16, { tag: 'audio', site: 'after.save' });
    expect(tracker.leaksSince(mark).length).toBe(2);

    engine.restore(save);
    expectThrows(() => tracker.leaksSince(mark), UnknownMarkError);
    expect(actors.stats().live).toBe(5);
    expectLiveFiguresOfTheAllocators(engine);
    // Resynced blocks carry their allocator's default tag and an unknown site.
    const groups = tracker.olderThan(0);
    expect(groups).toContainEqual(expect.objectContaining({ tag: 'actors', site: '(unknown)', count: 5, bytes: 320 }));
    expect(groups).toContainEqual(expect.objectContaining({ tag: 'untagged', site: '(unknown)', count: 1, bytes: slab.usableSize(kept) }));

    // New marks work as before.
    const fresh = tracker.mark();
    expect(tracker.leaksSince(fresh)).toEqual([]);
    const h = actors.alloc('after.restore');
    expect(tracker.leaksSince(fresh)).toEqual([{ tag: 'actors', site: 'after.restore', count: 1, bytes: 64, oldestFrame: tracker.counters().frame }]);
    actors.free(h);
    slab.free(kept);
    expect(tracker.counters().unrecordedFrees).toBe(0);
    expectLiveFiguresOfTheAllocators(engine);
  });

  it('after rewind(), the same: old marks are unknown, figures follow the rewound allocators', async () => {
    const engine = await freshEngine({ tracking: { mode: 'full', leakReport: false } });
    const { tracker, slab } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 32, capacity: 64 });
    engine.enableRewind({ budgetBytes: 1 << 20 });
    for (let f = 0; f < 4; f++) {
      actors.alloc(`frame${f}`);
      slab.alloc(64 * (f + 1), 16, { tag: 'fx' });
      engine.endFrame();
    }
    const mark = tracker.mark();
    actors.alloc('doomed');
    engine.endFrame();
    engine.rewind(3);
    expectThrows(() => tracker.leaksSince(mark), UnknownMarkError);
    expect(actors.stats().live).toBe(2);
    expectLiveFiguresOfTheAllocators(engine);
    expect(tracker.counters().frame).toBeGreaterThanOrEqual(5); // the tracker's frames are not rewound
  });

  it('counters mode resyncs too: tag figures equal the restored pools and slab', async () => {
    const engine = await freshEngine();
    const { tracker, slab } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 64 });
    for (let i = 0; i < 3; i++) actors.alloc();
    slab.alloc(100);
    const save = engine.snapshot();
    for (let i = 0; i < 10; i++) actors.alloc();
    for (let i = 0; i < 4; i++) slab.alloc(100);
    engine.restore(save);
    tracker.publish();
    const tags = new Map(tracker.tags().map((t) => [t.name, t]));
    expect(tags.get('actors')).toMatchObject({ liveCount: 3, liveBytes: 192 });
    expect(tags.get('untagged')).toMatchObject({ liveCount: 1, liveBytes: slab.stats().liveBytes });
    // A block that was live in the restored state frees cleanly (its tag came back with the resync).
    const [block] = slab.liveBlocks();
    slab.free(block!.offset);
    tracker.publish();
    expect(tracker.tags().find((t) => t.name === 'untagged')).toMatchObject({ liveCount: 0, liveBytes: 0 });
  });
});
