// Misuse through the TypeScript API: the typed error is still thrown, nothing changes, and the tracker
// reports the misuse with the site of the bad call and the sites of the original allocation (and free).
import { describe, expect, it } from 'vitest';
import {
  DoubleFreeError, ForeignHandleError, InvalidOffsetError, StaleHandleError, WrongSizeClassError, type Handle, type MisuseReport,
} from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

async function setup() {
  const engine = await freshEngine({ tracking: { mode: 'full', leakReport: false } });
  const bullets = engine.createPool({ name: 'bullets', slotSize: 32, capacity: 16, tag: 'weapons' });
  const enemies = engine.createPool({ name: 'enemies', slotSize: 64, capacity: 16 });
  return { engine, tracker: engine.tracker, slab: engine.slab, bullets, enemies };
}

function last(reports: MisuseReport[]): MisuseReport {
  expect(reports.length).toBeGreaterThan(0);
  return reports[reports.length - 1]!;
}

describe('misuse reports', () => {
  it('a pool double free: DoubleFreeError, reported with the bad call, allocation and free sites', async () => {
    const { tracker, bullets } = await setup();
    const h = bullets.alloc('fire');
    bullets.free(h, 'hit');
    const before = bullets.stats();
    expectThrows(() => bullets.free(h, 'hit.again'), DoubleFreeError);
    expect(bullets.stats()).toEqual(before);
    const r = last(tracker.misuse());
    expect(r).toMatchObject({ kind: 'DoubleFree', site: 'hit.again', allocSite: 'fire', freeSite: 'hit', region: 'state', tag: 'weapons', handle: h });
    expect(tracker.counters().misuseTotal).toBe(1);
  });

  it('a stale pool handle: StaleHandleError, with the original sites of the handle', async () => {
    const { tracker, bullets } = await setup();
    const h = bullets.alloc('fire');
    bullets.free(h, 'hit');
    const reused = bullets.alloc('fire.again');
    expect(bullets.indexOf(reused)).toBe(bullets.indexOf(h));
    expectThrows(() => bullets.free(h, 'late.free'), StaleHandleError);
    expect(bullets.isValid(reused)).toBe(true);
    expect(last(tracker.misuse())).toMatchObject({ kind: 'StaleHandle', site: 'late.free', allocSite: 'fire', freeSite: 'hit', handle: h });
  });

  it('a handle of another pool: ForeignHandleError, with the site that allocated it there', async () => {
    const { tracker, bullets, enemies } = await setup();
    const e = enemies.alloc('spawn.enemy');
    expectThrows(() => bullets.free(e as unknown as Handle<'bullets'>, 'wrong.pool'), ForeignHandleError);
    expect(enemies.isValid(e)).toBe(true);
    expect(last(tracker.misuse())).toMatchObject({ kind: 'ForeignHandle', site: 'wrong.pool', allocSite: 'spawn.enemy', freeSite: null, handle: e });
  });

  it('an interior slab offset: InvalidOffsetError, with the site of the block it points into', async () => {
    const { tracker, slab } = await setup();
    const off = slab.alloc(200, 16, { tag: 'audio', site: 'load.sfx' });
    expectThrows(() => slab.free(off + 16, 0, 'free.interior'), InvalidOffsetError);
    expect(slab.usableSize(off)).toBeGreaterThanOrEqual(200);
    expect(last(tracker.misuse())).toMatchObject({ kind: 'InvalidOffset', site: 'free.interior', allocSite: 'load.sfx', freeSite: null, offset: off + 16, tag: 'audio' });
  });

  it('a slab double free: DoubleFreeError, with the allocation and the first free', async () => {
    const { tracker, slab } = await setup();
    const off = slab.alloc(100, 16, { tag: 'audio', site: 'load.sfx' });
    slab.free(off, 100, 'unload.sfx');
    expectThrows(() => slab.free(off, 100, 'unload.twice'), DoubleFreeError);
    expect(last(tracker.misuse())).toMatchObject({ kind: 'DoubleFree', site: 'unload.twice', allocSite: 'load.sfx', freeSite: 'unload.sfx', offset: off, tag: 'audio' });
  });

  it('a slab size of another class: WrongSizeClassError, with the allocation site', async () => {
    const { tracker, slab } = await setup();
    const off = slab.alloc(100, 16, { tag: 'tiles', site: 'load.tiles' });
    expectThrows(() => slab.free(off, 2000, 'free.wrong.size'), WrongSizeClassError);
    expect(last(tracker.misuse())).toMatchObject({ kind: 'WrongSizeClass', site: 'free.wrong.size', allocSite: 'load.tiles', offset: off, tag: 'tiles' });
    slab.free(off, 100); // still live and intact
  });

  it('without a label the bad call carries the context site; every kind counts in misuseTotal', async () => {
    const { tracker, slab, bullets } = await setup();
    const h = bullets.alloc();
    bullets.free(h);
    tracker.withSite('cleanup', () => expectThrows(() => bullets.free(h), DoubleFreeError));
    expect(last(tracker.misuse())).toMatchObject({ kind: 'DoubleFree', site: 'cleanup', handle: h, tag: 'weapons' });
    const off = slab.alloc(64);
    expectThrows(() => slab.free(off + 8), InvalidOffsetError);
    expect(last(tracker.misuse())).toMatchObject({ kind: 'InvalidOffset', site: '(unknown)' });
    expect(tracker.counters().misuseTotal).toBe(2);
    expect(tracker.report().misuse.total).toBe(2);
  });

  it('misuse is counted in counters mode too, without sites of the original allocation', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'p', slotSize: 16, capacity: 4 });
    const h = pool.alloc();
    pool.free(h);
    expectThrows(() => pool.free(h, 'again'), DoubleFreeError);
    expect(engine.tracker.counters().misuseTotal).toBe(1);
    expect(last(engine.tracker.misuse())).toMatchObject({ kind: 'DoubleFree', site: 'again', allocSite: null });
  });
});
