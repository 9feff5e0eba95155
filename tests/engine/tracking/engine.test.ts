// The tracker's place in the engine: the debug region, pool tags and names, frame-end hooks, the
// shutdown leak report, and what is left after destroy().
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, EngineDestroyedError, InvalidArgumentError, type Engine } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('engine.tracker', () => {
  it('lives in a third region, debug, sized for its options', async () => {
    const small = await freshEngine({ tracking: { records: 1024, graveyard: 64, frames: 60, tagmapBytes: 64 * 1024 } });
    const large = await freshEngine({ tracking: { records: 200_000 } });
    expect(small.regions.debug.size).toBeLessThan(large.regions.debug.size);
    expect(large.regions.debug.size - small.regions.debug.size).toBeGreaterThan((200_000 - 1024) * 32);
    expect(small.tracker.counters().recordCapacity).toBe(1024);
    expect(small.tracker.region.name).toBe('debug');
  });

  it('a pool\'s tag is its name unless given; names, tags and sites are interned once', async () => {
    const engine = await freshEngine({ tracking: { mode: 'full', leakReport: false } });
    const { tracker } = engine;
    const a = engine.createPool({ name: 'goblins', slotSize: 16, capacity: 8 });
    const b = engine.createPool({ name: 'orcs', slotSize: 16, capacity: 8, tag: 'enemies' });
    expect(a.trackingTag).toBe('goblins');
    expect(b.trackingTag).toBe('enemies');
    expect(tracker.tag('enemies')).toBe(tracker.tag('enemies'));
    expect(tracker.tagName(tracker.tag('enemies'))).toBe('enemies');
    expect(tracker.tagName(1)).toBe('untagged');
    const site = tracker.site('spawn.wave');
    expect(tracker.site('spawn.wave')).toBe(site);
    expect(tracker.siteText(site)).toBe('spawn.wave');
    expect(tracker.siteText(0)).toBe('(unknown)');
    expectThrows(() => tracker.tag(''), InvalidArgumentError);
    expectThrows(() => engine.createPool({ name: 'x', slotSize: 16, capacity: 8, tag: '' }), InvalidArgumentError);
    a.alloc('spawn.wave');
    b.alloc('spawn.wave');
    const report = tracker.report();
    expect(report.pools.map((p) => [p.name, p.tag])).toEqual([['goblins', 'goblins'], ['orcs', 'enemies']]);
    expect(tracker.olderThan(0).map((g) => [g.tag, g.site]).sort()).toEqual([['enemies', 'spawn.wave'], ['goblins', 'spawn.wave']]);
  });

  it('createEngine({ slab: { tag } }) sets the slab\'s default tag', async () => {
    const engine = await freshEngine({ slab: { tag: 'heap' }, tracking: { mode: 'full', leakReport: false } });
    const off = engine.slab.alloc(50);
    expect(engine.slab.trackingTag).toBe('heap');
    expect(engine.tracker.olderThan(0)).toEqual([{ tag: 'heap', site: '(unknown)', count: 1, bytes: engine.slab.usableSize(off), oldestFrame: 0 }]);
  });

  it('onFrameEnd hooks run after each frame end until unsubscribed', async () => {
    const engine = await freshEngine();
    const seen: number[] = [];
    const off = engine.tracker.onFrameEnd((t) => seen.push(t.counters().frame));
    engine.endFrame();
    engine.tracker.frameEnd();
    off();
    engine.endFrame();
    expect(seen).toEqual([1, 2]);
    expect(engine.tracker.counters().frame).toBe(3);
    expect(engine.frameNumber).toBe(2n); // tracker.frameEnd() alone leaves the state's frame counter
  });

  it('pool.occupancy() reads live, capacity and peak from the pool header', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 10 });
    const hs = pool.allocMany(7);
    pool.freeMany(hs.subarray(0, 4));
    expect(pool.occupancy()).toEqual({ live: 3, capacity: 10, peak: 7 });
    const s = pool.stats();
    expect([s.live, s.capacity, s.peak]).toEqual([3, 10, 7]);
  });

  it('engine.capture({ report: true }) embeds the tracker report and the snapshot still restores', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 10 });
    pool.alloc();
    const plain = engine.snapshot();
    const withReport = engine.capture({ report: true });
    expect(withReport.length).toBeGreaterThan(plain.length);
    const text = new TextDecoder().decode(withReport);
    expect(text).toContain('{"format":"claw-stats"');
    expect(engine.inspectSnapshot(withReport).chunks.length).toBe(engine.inspectSnapshot(plain).chunks.length + 1);
    engine.verifySnapshot(withReport);
    pool.alloc();
    engine.restore(withReport);
    expect(pool.stats().live).toBe(1);
    expect(new TextDecoder().decode(engine.snapshot({ report: '{"format":"claw-stats","x":1}' }))).toContain('"x":1');
  });
});

describe('shutdown leak report', () => {
  let sfxBytes = 0;
  async function leaky(options: Parameters<typeof createEngine>[0]): Promise<Engine> {
    const engine = await createEngine(options);
    const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 8 });
    actors.alloc('spawn');
    actors.alloc('spawn');
    engine.slab.alloc(100, 16, { tag: 'audio', site: 'sfx' });
    sfxBytes = engine.slab.classSizes[engine.slab.classOf(100)]!;
    return engine;
  }

  it('in full mode, destroy() prints the live allocations with console.warn', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const engine = await leaky({ tracking: { mode: 'full' } });
    engine.destroy();
    expect(warn).toHaveBeenCalledTimes(1);
    const text = String(warn.mock.calls[0]![0]);
    const sfx = sfxBytes;
    expect(text.split('\n')[0]).toBe(`openclaw: 3 live allocations (${128 + sfx} bytes) at shutdown, by tag and site:`);
    expect(text).toMatch(/^actors +spawn +2 +128$/m);
    expect(text).toMatch(new RegExp(`^audio +sfx +1 +${sfx}$`, 'm'));
    expect(text).toMatch(new RegExp(`^total +3 +${128 + sfx}$`, 'm'));
    expectThrows(() => engine.tracker.counters(), EngineDestroyedError);
    engine.destroy(); // idempotent, and silent the second time
    expect(warn).toHaveBeenCalledTimes(1);
  });

  it('hands the text to a function, says nothing when nothing is live, and nothing outside full mode', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const texts: string[] = [];
    const engine = await leaky({ tracking: { mode: 'full', leakReport: (t) => texts.push(t) } });
    engine.destroy();
    expect(texts).toHaveLength(1);
    expect(texts[0]).toContain('at shutdown');

    const clean = await createEngine({ tracking: { mode: 'full', leakReport: (t) => texts.push(t) } });
    const p = clean.createPool({ name: 'p', slotSize: 16, capacity: 2 });
    p.free(p.alloc());
    clean.destroy();
    (await leaky({ tracking: { mode: 'counters' } })).destroy();
    (await leaky({ tracking: { mode: 'full', leakReport: false } })).destroy();
    expect(texts).toHaveLength(1);
    expect(warn).not.toHaveBeenCalled();
  });

  it('a report function that throws still lets destroy() free everything', async () => {
    const engine = await leaky({ tracking: { mode: 'full', leakReport: () => { throw new Error('report sink failed'); } } });
    expect(() => engine.destroy()).toThrow('report sink failed');
    expect(engine.destroyed).toBe(true);
    expectThrows(() => engine.slab.alloc(16), EngineDestroyedError);
    engine.destroy();
  });
});
