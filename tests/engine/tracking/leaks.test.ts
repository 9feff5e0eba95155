// Seeded leaks in the wasm core: after a mark, allocations in several tags and sites that are never
// freed must come back from leaksSince() exactly (tag, site, count, bytes), and nothing else; a
// thousand load/unload cycles must report nothing.
import { describe, expect, it } from 'vitest';
import type { Engine, LeakGroup } from '../../../engine/index.js';
import { ensure, freshEngine } from '../support/engine.js';
import { Prng } from '../support/prng.js';

type Row = Pick<LeakGroup, 'tag' | 'site' | 'count' | 'bytes'>;

/** Groups as sorted "tag|site|count|bytes" strings: the comparison ignores the order of equal-byte groups. */
function keys(groups: readonly Row[]): string[] {
  return groups.map((g) => `${g.tag}|${g.site}|${g.count}|${g.bytes}`).sort();
}

function expectLargestFirst(groups: readonly LeakGroup[]): void {
  for (let i = 1; i < groups.length; i++) expect(groups[i - 1]!.bytes).toBeGreaterThanOrEqual(groups[i]!.bytes);
}

async function fullEngine(): Promise<Engine> {
  return freshEngine({ tracking: { mode: 'full', leakReport: false } });
}

describe('leaksSince', () => {
  it('returns exactly the seeded leaks, by tag and site, with counts and usable bytes', async () => {
    const engine = await fullEngine();
    const { tracker, slab, frame } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 100 });
    const tiles = engine.createStructPool({ name: 'tile-grid', capacity: 100, fields: { x: 'i32', y: 'i32' }, tag: 'tiles' });

    // Before the mark: live, but not leaks of this mark.
    actors.alloc('before');
    const before = slab.alloc(100, 16, { tag: 'audio', site: 'before' });
    const mark = tracker.mark();
    expect(mark).toBeGreaterThanOrEqual(1);

    for (let i = 0; i < 3; i++) actors.alloc('spawn');
    for (let i = 0; i < 2; i++) tiles.alloc('level.load');
    const sfx = [slab.alloc(100, 16, { tag: 'audio', site: 'sfx' }), slab.alloc(90, 16, { tag: 'audio', site: 'sfx' })];
    const big = slab.alloc(5000, 16, { tag: 'audio', site: 'music' }); // the fallback, above the classes
    const hud = tracker.withTag('ui', () => tracker.withSite('hud', () => slab.alloc(40)));
    const raw = slab.allocRaw(300, 16, { tag: 'ui', site: 'font' });
    const particles = [frame.alloc(256, 16, { tag: 'scratch', site: 'particles' }), frame.alloc(256, 16, { tag: 'scratch', site: 'particles' })];
    expect(particles[1]! - particles[0]!).toBe(256);
    const anonymous = actors.alloc(); // no label and no context: the unknown site

    // Made and freed after the mark: not leaks.
    actors.free(actors.alloc('temp'), 'temp.free');
    slab.free(slab.alloc(100, 16, { tag: 'audio', site: 'sfx' }), 100);
    tiles.free(tiles.alloc('level.load'));

    const usable = (off: number) => slab.usableSize(off);
    const leaks = tracker.leaksSince(mark);
    expect(keys(leaks)).toEqual(keys([
      { tag: 'actors', site: 'spawn', count: 3, bytes: 3 * actors.slotSize },
      { tag: 'actors', site: '(unknown)', count: 1, bytes: actors.slotSize },
      { tag: 'tiles', site: 'level.load', count: 2, bytes: 2 * tiles.slotSize },
      { tag: 'audio', site: 'sfx', count: 2, bytes: usable(sfx[0]!) + usable(sfx[1]!) },
      { tag: 'audio', site: 'music', count: 1, bytes: usable(big) },
      { tag: 'ui', site: 'hud', count: 1, bytes: usable(hud) },
      { tag: 'ui', site: 'font', count: 1, bytes: usable(raw) },
      { tag: 'scratch', site: 'particles', count: 2, bytes: 512 },
    ]));
    expectLargestFirst(leaks);
    expect(actors.isValid(anonymous)).toBe(true);

    // The context came back after withTag/withSite: a plain allocation is the slab's default tag again.
    const later = tracker.mark();
    const plain = slab.alloc(16);
    expect(keys(tracker.leaksSince(later))).toEqual(keys([{ tag: 'untagged', site: '(unknown)', count: 1, bytes: usable(plain) }]));

    // Freeing the leaks empties the list; the old mark still answers.
    slab.free(plain);
    for (const off of [...sfx, big, hud, raw]) slab.free(off);
    frame.reset();
    for (const h of actors.liveHandles()) actors.free(h);
    for (const h of tiles.liveHandles()) tiles.free(h);
    expect(tracker.leaksSince(mark)).toEqual([]);
    expect(tracker.leaksSince(later)).toEqual([]);
    expect(keys(tracker.olderThan(0))).toEqual(keys([{ tag: 'audio', site: 'before', count: 1, bytes: usable(before) }]));
  });

  it('a withTag/withSite context is restored when the function throws', async () => {
    const engine = await fullEngine();
    const { tracker, slab } = engine;
    expect(() => tracker.withTag('ui', () => tracker.withSite('menu', () => {
      slab.alloc(32);
      throw new Error('boom');
    }))).toThrow('boom');
    const mark = tracker.mark();
    const off = slab.alloc(32);
    expect(tracker.leaksSince(mark)).toMatchObject([{ tag: 'untagged', site: '(unknown)', count: 1, bytes: slab.usableSize(off) }]);
    expect(tracker.olderThan(0, { tag: 'ui' })).toMatchObject([{ tag: 'ui', site: 'menu', count: 1 }]);
  });

  it('olderThan(frames, { tag }) keeps live allocations at least that many frames old', async () => {
    const engine = await fullEngine();
    const { tracker, slab } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 32, capacity: 64 });
    tracker.frameEnd();
    tracker.frameEnd();
    const bornAt = tracker.counters().frame;
    expect(bornAt).toBe(2);
    for (let i = 0; i < 4; i++) actors.alloc('old');
    const oldBlock = slab.alloc(200, 16, { tag: 'tiles', site: 'old' });
    for (let f = 0; f < 5; f++) engine.endFrame(); // engine.endFrame() ends the tracker's frame too
    expect(tracker.counters().frame).toBe(bornAt + 5);
    actors.alloc('young');
    slab.alloc(200, 16, { tag: 'tiles', site: 'young' });

    const old = [
      { tag: 'actors', site: 'old', count: 4, bytes: 128, oldestFrame: bornAt },
      { tag: 'tiles', site: 'old', count: 1, bytes: slab.usableSize(oldBlock), oldestFrame: bornAt },
    ];
    expect(keys(tracker.olderThan(3))).toEqual(keys(old));
    expect(keys(tracker.olderThan(5))).toEqual(keys(old)); // exactly 5 frames old: "at least"
    expect(tracker.olderThan(6)).toEqual([]);
    expect(tracker.olderThan(3, { tag: 'tiles' })).toEqual([old[1]]);
    expect(tracker.olderThan(3, { tag: 'actors' })).toEqual([old[0]]);
    expect(keys(tracker.olderThan(0))).toHaveLength(4);
    expect(tracker.olderThan(0, { tag: 'nothing-here' })).toEqual([]);
  });

  it('1,000 load/unload cycles of a level leave no false positives', async () => {
    const engine = await fullEngine();
    const { tracker, slab, frame } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 48, capacity: 256 });
    const tiles = engine.createStructPool({ name: 'tiles', capacity: 512, fields: { x: 'i32', y: 'i32', kind: 'u16' }, tag: 'level' });
    const player = actors.alloc('player'); // lives across every cycle
    const recordsAtStart = tracker.counters().recordsUsed;
    const rng = new Prng(2024);
    const handles = new Uint32Array(64);

    for (let cycle = 0; cycle < 1000; cycle++) {
      const mark = tracker.mark();
      const actorHandles = Array.from({ length: rng.between(1, 12) }, () => actors.alloc('level.spawn'));
      const tileCount = rng.between(1, 64);
      tiles.allocMany(tileCount, handles);
      const blocks = Array.from({ length: rng.between(1, 8) }, () => {
        const size = rng.chance(0.1) ? rng.between(4097, 9000) : rng.between(1, 2048);
        return { size, off: rng.chance(0.5) ? slab.alloc(size, 16, { tag: 'level', site: 'level.data' }) : tracker.withTag('audio', () => slab.allocRaw(size)) };
      });
      frame.alloc(rng.between(1, 4000), 16, { site: 'level.scratch' });
      frame.alloc(rng.between(1, 400));

      // Unload in another order than the load.
      for (const b of blocks.reverse()) slab.free(b.off, rng.chance(0.5) ? b.size : 0, 'level.unload');
      tiles.freeMany(handles.subarray(0, tileCount));
      for (const h of actorHandles.reverse()) actors.free(h, 'level.unload');
      frame.reset();
      const leaks = tracker.leaksSince(mark);
      ensure(leaks.length === 0, () => `cycle ${cycle}: ${JSON.stringify(leaks)}`);
      if (cycle % 50 === 49) engine.endFrame();
    }
    const counters = tracker.counters();
    expect(counters.recordsUsed).toBe(recordsAtStart);
    expect(counters.overflow).toBe(0);
    expect(counters.unrecordedFrees).toBe(0);
    expect(counters.misuseTotal).toBe(0);
    expect(tracker.olderThan(0)).toEqual([{ tag: 'actors', site: 'player', count: 1, bytes: 48, oldestFrame: 0 }]);
    tracker.publish();
    const level = tracker.tags().find((t) => t.name === 'level')!;
    expect(level.liveCount).toBe(0);
    expect(level.liveBytes).toBe(0);
    expect(level.allocs).toBe(level.frees);
    expect(actors.isValid(player)).toBe(true);
  });
});
