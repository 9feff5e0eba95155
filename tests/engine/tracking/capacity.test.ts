// The tracker at capacity: allocations never fail because of it, totals stay exact, and what it could
// not record is counted exactly.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, NotTrackingError, OutOfSpaceError } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

describe('tracker capacity', () => {
  it('records 16, allocate 100: every allocation succeeds, overflow is exactly 84, tags are exact', async () => {
    const engine = await freshEngine({ tracking: { mode: 'full', records: 16, leakReport: false } });
    const { tracker, slab } = engine;
    const bullets = engine.createPool({ name: 'bullets', slotSize: 32, capacity: 200 });
    const handles = Array.from({ length: 60 }, () => bullets.alloc('fire'));
    const blocks = Array.from({ length: 40 }, () => slab.alloc(64, 16, { tag: 'fx', site: 'spark' }));
    expect(new Set(handles).size).toBe(60);
    expect(new Set(blocks).size).toBe(40);

    let c = tracker.counters();
    expect(c.recordCapacity).toBe(16);
    expect(c.recordsUsed).toBe(16);
    expect(c.overflow).toBe(84);

    tracker.publish();
    const byName = () => new Map(tracker.tags().map((t) => [t.name, t]));
    let tags = byName();
    expect(tags.get('bullets')).toMatchObject({ liveCount: 60, liveBytes: 60 * 32, allocs: 60, frees: 0, bytesAllocated: 60 * 32 });
    expect(tags.get('fx')).toMatchObject({ liveCount: 40, liveBytes: 40 * 64, allocs: 40, frees: 0, bytesAllocated: 40 * 64 });
    const report = tracker.report();
    expect(report.records).toMatchObject({ capacity: 16, used: 16, overflow: 84 });
    expect(report.totals).toMatchObject({ allocs: 100, liveCount: 100, liveBytes: 60 * 32 + 40 * 64 });

    // The recorded ones are the first 16: they show in the leak list, the others do not.
    const groups = tracker.olderThan(0);
    expect(groups.reduce((n, g) => n + g.count, 0)).toBe(16);

    for (const h of handles) bullets.free(h);
    for (const b of blocks) slab.free(b, 64);
    c = tracker.counters();
    expect(c.recordsUsed).toBe(0);
    expect(c.unrecordedFrees).toBe(84);
    expect(c.overflow).toBe(84);
    tracker.publish();
    tags = byName();
    expect(tags.get('bullets')).toMatchObject({ liveCount: 0, liveBytes: 0, peakBytes: 60 * 32, allocs: 60, frees: 60 });
    expect(tags.get('fx')).toMatchObject({ liveCount: 0, liveBytes: 0, peakBytes: 40 * 64, allocs: 40, frees: 40 });

    // Room again: new allocations are recorded.
    bullets.alloc('after');
    expect(tracker.counters()).toMatchObject({ recordsUsed: 1, overflow: 84 });
    expect(tracker.olderThan(0)).toMatchObject([{ tag: 'bullets', site: 'after', count: 1 }]);
  });

  it('a full site or tag table never fails an allocation: the site is unknown, the tag the default', async () => {
    const engine = await freshEngine({ tracking: { mode: 'full', sites: 2, tags: 4, leakReport: false } });
    const { tracker, slab } = engine;
    const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 8 });
    pool.alloc('one');
    pool.alloc('two');
    pool.alloc('three'); // no room for a third site
    expect(() => tracker.site('four')).toThrow(OutOfSpaceError);
    // tags: untagged, frame, p are taken; one more fits
    slab.alloc(16, 16, { tag: 'fits' });
    slab.alloc(16, 16, { tag: 'does-not-fit' });
    const pool2 = engine.createPool({ name: 'no-tag-left', slotSize: 16, capacity: 8 });
    pool2.alloc();
    const groups = tracker.olderThan(0);
    const count = (tag: string, site: string) => groups.filter((g) => g.tag === tag && g.site === site).reduce((n, g) => n + g.count, 0);
    expect(count('p', 'one')).toBe(1);
    expect(count('p', 'two')).toBe(1);
    expect(count('p', '(unknown)')).toBe(1);
    expect(count('fits', '(unknown)')).toBe(1);
    expect(count('untagged', '(unknown)')).toBe(2); // the slab's default tag, and the pool that got no tag
  });

  it('rejects impossible capacities with InvalidArgumentError', async () => {
    await expect(freshEngine({ tracking: { records: 0 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(freshEngine({ tracking: { tags: 255 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(freshEngine({ tracking: { frames: 1.5 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(freshEngine({ tracking: { mode: 'loud' as 'full' } })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('a debug region too small for the tables: OutOfSpaceError at createEngine', async () => {
    await expect(freshEngine({ tracking: { debugBytes: 8192 } })).rejects.toBeInstanceOf(OutOfSpaceError);
    const engine = await freshEngine({ tracking: { records: 1024, debugBytes: 8 << 20 } });
    expect(engine.regions.debug.size).toBe(8 << 20);
    expectThrows(() => engine.tracker.mark(), NotTrackingError); // counters mode: no marks
  });
});
