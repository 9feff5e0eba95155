// report({ mark }) and reportJson({ mark }) refuse a mark that leaksSince() refuses (never made,
// expired, made before a restore) instead of listing every live allocation as a leak.
import { describe, expect, it } from 'vitest';
import { UnknownMarkError } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

describe('tracker.report({ mark })', () => {
  it('throws UnknownMarkError for an unknown, expired or pre-restore mark; mark 0 still means the newest', async () => {
    const engine = await freshEngine({ tracking: { mode: 'full', leakReport: false } });
    const { tracker } = engine;
    const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 64 });
    actors.alloc('before');
    const save = engine.snapshot();
    const mark = tracker.mark();
    actors.alloc('after');
    expect(tracker.report({ mark }).leaks.groups.map((g) => g.site)).toEqual(['after']);

    expectThrows(() => tracker.report({ mark: mark + 5 }), UnknownMarkError); // never made
    expectThrows(() => tracker.reportJson({ mark: mark + 5 }), UnknownMarkError);

    const expiring = tracker.mark();
    for (let i = 0; i < 64; i++) tracker.mark();
    expectThrows(() => tracker.report({ mark: expiring }), UnknownMarkError); // more than 64 marks old

    engine.restore(save);
    expectThrows(() => tracker.report({ mark }), UnknownMarkError); // made before the restore
    // Mark 0: no usable mark after the restore, so every live record (the restored one).
    const all = tracker.report();
    expect(all.leaks.mark).toBeNull();
    expect(all.leaks.groups.reduce((n, g) => n + g.count, 0)).toBe(1);
    const fresh = tracker.mark();
    actors.alloc('later');
    expect(tracker.report({ mark: fresh }).leaks.groups.map((g) => g.site)).toEqual(['later']);
    expect(tracker.report().leaks.mark).toBe(fresh);
  });
});
