// Back-pressure and bundle progress with real workers: a budget full of pinned entries holds new loads
// back (or refuses them when they ask not to wait) instead of exceeding it; a bundle reports bytes and
// items with a fraction that never decreases and ends at exactly 1.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BudgetExceededError } from '../../../engine/memory/errors.js';
import type { AssetRequest } from '../../../engine/streaming/asset-streamer.js';
import type { BundleProgress } from '../../../engine/streaming/progress.js';
import { fixture, PAL_PATH, TILE_BYTES, type Fixture } from './support/streamer-fixture.js';

const tile = (rez: string, n: number): AssetRequest => ({
  source: { archive: rez, path: `/LEVEL1/TILES/ACTION/${String(n).padStart(3, '0')}.PID` },
  palette: { archive: rez, path: PAL_PATH },
});

describe('AssetStreamer: back-pressure', () => {
  let f: Fixture;
  beforeEach(async () => {
    // Room for one 64x64 tile under the RAM budget.
    f = await fixture({ bytes: 1 << 20, ramBudget: TILE_BYTES + 1000 });
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('wait: false is BudgetExceededError; wait: true resolves after a release, within the budget', async () => {
    const streamer = await f.open({ workers: 2 });
    const first = await streamer.load(tile(f.rez, 1));
    const refused = await streamer.load({ ...tile(f.rez, 2), wait: false }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(BudgetExceededError);
    expect(f.engine.cache.stats()).toMatchObject({ entries: 1, pinned: 1 });

    let resolved = false;
    const waiting = streamer.load(tile(f.rez, 2)).then((a) => {
      resolved = true;
      return a;
    });
    await expect.poll(() => streamer.stats().waitingForBudget).toBe(1);
    await new Promise((r) => setTimeout(r, 30));
    expect(resolved).toBe(false);
    expect(f.engine.cache.stats().ramBytes).toBeLessThanOrEqual(f.engine.cache.stats().ramBudget);
    first.release();
    const second = await waiting;
    expect(second.width).toBe(64);
    expect(streamer.stats().waitingForBudget).toBe(0);
    const cache = f.engine.cache.stats();
    expect(cache).toMatchObject({ entries: 1, pinned: 1, evictions: 1 });
    expect(cache.ramPeak).toBeLessThanOrEqual(cache.ramBudget);
    second.release();
  });

  it('a waiting load can be cancelled; an entry larger than the budget fails at once', async () => {
    const streamer = await f.open();
    const first = await streamer.load(tile(f.rez, 1));
    const abort = new AbortController();
    const waiting = streamer.load({ ...tile(f.rez, 3), signal: abort.signal });
    await expect.poll(() => streamer.stats().waitingForBudget).toBe(1);
    abort.abort();
    await expect(waiting).rejects.toMatchObject({ name: 'AssetCancelledError' });
    await expect.poll(() => streamer.stats().waitingForBudget).toBe(0);
    first.release();
    f.server.set('/big.bin', new Uint8Array(2 * TILE_BYTES));
    await expect(streamer.load({ source: { url: f.server.url('/big.bin') } })).rejects.toMatchObject({ name: 'SizeTooLargeError' });
    expect(f.engine.cache.stats().pinned).toBe(0);
  });
});

describe('AssetStreamer: bundle progress', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('reports bytes and items, never decreasing, ending at exactly 1 (cache hits included)', async () => {
    const streamer = await f.open({ workers: 2 });
    const cached = await streamer.load(tile(f.rez, 4));
    const reports: BundleProgress[] = [];
    const requests = [1, 2, 3, 4, 5, 6].map((n) => tile(f.rez, n));
    requests.push({ source: { archive: f.rez, path: '/LEVEL1/WORLDS/WORLD.WWD' } });
    const assets = await streamer.loadBundle(requests, { onProgress: (p) => reports.push(p), priority: 'background' });
    expect(assets.map((a) => a.key)).toEqual(requests.map((r) => (r.source as { path: string }).path));
    expect(reports.length).toBeGreaterThan(requests.length);
    for (let i = 1; i < reports.length; i++) {
      expect(reports[i]!.fraction).toBeGreaterThanOrEqual(reports[i - 1]!.fraction);
      expect(reports[i]!.bytesLoaded).toBeGreaterThanOrEqual(reports[i - 1]!.bytesLoaded);
    }
    const last = reports.at(-1)!;
    expect(last.fraction).toBe(1);
    expect(reports.filter((r) => r.fraction === 1)).toHaveLength(1);
    expect(last).toMatchObject({ itemsLoaded: 7, itemsTotal: 7 });
    expect(last.bytesTotal).toBe(last.bytesLoaded);
    expect(last.bytesLoaded).toBeGreaterThan(2869); // the files fetched (the cached tile counts 0)
    expect(streamer.stats()).toMatchObject({ hits: 1, loaded: 7 });
    for (const a of [...assets, cached]) a.release();

    // All from the cache: progress still ends at exactly 1.
    const again: BundleProgress[] = [];
    const hits = await streamer.loadBundle(requests.slice(0, 3), { onProgress: (p) => again.push(p) });
    expect(again.at(-1)).toMatchObject({ fraction: 1, itemsLoaded: 3, bytesLoaded: 0 });
    hits.forEach((a) => a.release());
    const empty: BundleProgress[] = [];
    expect(await streamer.loadBundle([], { onProgress: (p) => empty.push(p) })).toEqual([]);
    expect(empty).toEqual([{ bytesLoaded: 0, bytesTotal: 0, itemsLoaded: 0, itemsTotal: 0, fraction: 1 }]);
  });

  it('a failing item rejects the bundle, cancels the rest and releases what loaded', async () => {
    const streamer = await f.open({ workers: 1 });
    const requests = [tile(f.rez, 1), { source: { url: f.server.url('/nope.pid') } }, tile(f.rez, 2), tile(f.rez, 3)];
    await expect(streamer.loadBundle(requests)).rejects.toMatchObject({ name: 'AssetNotFoundError' });
    await expect.poll(() => streamer.stats().inFlight.items).toBe(0);
    expect(f.engine.cache.stats().pinned).toBe(0);
    expect(streamer.stats().queued.total).toBe(0);
  });
});
