// Ordering and cancellation with one real worker, serving one job at a time (pipeline 1), held busy by a
// gated request (streamer-pipeline.test.ts: the same with two jobs per worker): the queue serves frame,
// then area, then background; a cancelled queued request never reaches the server; a load cancelled
// while its entry is reserved gives the budget back.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fixture, crashSpawner, testPid, type Fixture, queueByPriority } from './support/streamer-fixture.js';

const raw = (n: number): Uint8Array => new Uint8Array(n).map((_, i) => i * 13);

describe('AssetStreamer: queue', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
    for (const p of ['/gate.bin', '/b.bin', '/a.bin', '/f.bin', '/q.bin', '/after.bin']) f.server.set(p, raw(100));
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('serves frame before area before background, FIFO within a priority', async () => {
    const streamer = await f.open({ workers: 1, pipeline: 1 });
    f.server.behave('/gate.bin', 'gate');
    const gate = streamer.load({ source: { url: f.server.url('/gate.bin') } });
    await f.server.seen('/gate.bin');
    const { all, done } = queueByPriority(streamer, f.server);
    await new Promise((r) => setTimeout(r, 20));
    expect(streamer.stats().queued).toEqual({ frame: 2, area: 1, background: 1, total: 4 });
    expect(streamer.stats().inFlight.items).toBe(1);
    f.server.open('/gate.bin');
    (await gate).release();
    await Promise.all(all);
    expect(done).toEqual(['/f.bin', '/after.bin', '/a.bin', '/b.bin']);
    expect(f.server.log.filter((p) => p !== '/demo.rez')).toEqual(['/gate.bin', '/f.bin', '/after.bin', '/a.bin', '/b.bin']);
  });

  it('a more urgent duplicate raises a queued load', async () => {
    const streamer = await f.open({ workers: 1, pipeline: 1 });
    f.server.behave('/gate.bin', 'gate');
    const gate = streamer.load({ source: { url: f.server.url('/gate.bin') } });
    await f.server.seen('/gate.bin');
    const a = streamer.load({ source: { url: f.server.url('/a.bin') }, priority: 'area' });
    const b = streamer.load({ source: { url: f.server.url('/b.bin') }, priority: 'background' });
    const b2 = streamer.load({ source: { url: f.server.url('/b.bin') }, priority: 'frame' });
    await new Promise((r) => setTimeout(r, 10));
    expect(streamer.stats().queued).toMatchObject({ frame: 1, area: 1, background: 0 });
    f.server.open('/gate.bin');
    for (const p of [gate, a, b, b2]) (await p).release();
    expect(f.server.log.filter((p) => p !== '/demo.rez')).toEqual(['/gate.bin', '/b.bin', '/a.bin']);
  });

  it('cancelling a queued request frees its slot: the server never sees it', async () => {
    const streamer = await f.open({ workers: 1, pipeline: 1 });
    f.server.behave('/gate.bin', 'gate');
    const gate = streamer.load({ source: { url: f.server.url('/gate.bin') } });
    await f.server.seen('/gate.bin');
    const abort = new AbortController();
    const q = streamer.load({ source: { url: f.server.url('/q.bin') }, signal: abort.signal });
    await new Promise((r) => setTimeout(r, 10));
    expect(streamer.stats().queued.total).toBe(1);
    abort.abort();
    await expect(q).rejects.toMatchObject({ name: 'AssetCancelledError' });
    expect(streamer.stats().queued.total).toBe(0);
    f.server.open('/gate.bin');
    (await gate).release();
    (await streamer.load({ source: { url: f.server.url('/after.bin') } })).release();
    expect(f.server.hits('/q.bin')).toBe(0);
    expect(streamer.stats()).toMatchObject({ cancelled: 1, loaded: 2, failed: 0 });
    // An already aborted signal rejects at once.
    await expect(streamer.load({ source: { url: f.server.url('/q.bin') }, signal: AbortSignal.abort() }))
      .rejects.toMatchObject({ name: 'AssetCancelledError' });
  });

  it('cancelling one of two sharing requesters keeps the load for the other', async () => {
    const streamer = await f.open({ workers: 1 });
    f.server.behave('/a.bin', 'gate');
    const abort = new AbortController();
    const first = streamer.load({ source: { url: f.server.url('/a.bin') }, signal: abort.signal });
    const second = streamer.load({ source: { url: f.server.url('/a.bin') } });
    await f.server.seen('/a.bin');
    abort.abort();
    await expect(first).rejects.toMatchObject({ name: 'AssetCancelledError' });
    f.server.open('/a.bin');
    const asset = await second;
    expect(asset.payload()).toEqual(raw(100));
    expect(f.engine.cache.info(asset.id)?.pins).toBe(1);
    asset.release();
  });

  it('cancelling a fetch in flight rejects at once; a load cancelled with its entry reserved releases the budget', async () => {
    // decodeAhead: false: the entry is reserved before the (slow) decode starts.
    const streamer = await f.open({ workers: 1, spawn: await crashSpawner(), decodeAhead: false });
    f.server.behave('/a.bin', 'gate');
    const abort = new AbortController();
    const fetching = streamer.load({ source: { url: f.server.url('/a.bin') }, signal: abort.signal });
    await f.server.seen('/a.bin');
    abort.abort();
    await expect(fetching).rejects.toMatchObject({ name: 'AssetCancelledError' });

    f.server.set('/slow-decode.pid', testPid(f.formats, 32, 32));
    const slow = new AbortController();
    const reserved = streamer.load({ source: { url: f.server.url('/slow-decode.pid') }, signal: slow.signal });
    await expect.poll(() => f.engine.cache.stats().ramBytes).toBe(16 + 32 * 32 * 4);
    expect(streamer.stats().inFlight).toEqual({ items: 1, bytes: 16 + 32 * 32 * 4 });
    slow.abort();
    await expect(reserved).rejects.toMatchObject({ name: 'AssetCancelledError' });
    await expect.poll(() => f.engine.cache.stats()).toMatchObject({ ramBytes: 0, entries: 0, pinned: 0 });
    expect(streamer.stats().inFlight).toEqual({ items: 0, bytes: 0 });
    // The worker is free again and the id loads afresh.
    const again = await streamer.load({ source: { url: f.server.url('/slow-decode.pid') } });
    expect(again.width).toBe(32);
    again.release();
    f.engine.cache.check();
  });

  it('close() rejects queued and running requests and later ones', async () => {
    const streamer = await f.open({ workers: 1 });
    f.server.behave('/gate.bin', 'gate');
    const running = streamer.load({ source: { url: f.server.url('/gate.bin') } });
    const queued = streamer.load({ source: { url: f.server.url('/a.bin') } });
    await f.server.seen('/gate.bin');
    const rejected = Promise.all([
      expect(running).rejects.toMatchObject({ name: 'StreamerClosedError' }),
      expect(queued).rejects.toMatchObject({ name: 'StreamerClosedError' }),
    ]);
    await streamer.close();
    await rejected;
    await expect(streamer.load({ source: { url: f.server.url('/a.bin') } })).rejects.toMatchObject({ name: 'StreamerClosedError' });
    expect(f.engine.cache.stats()).toMatchObject({ entries: 0, pinned: 0 });
  });
});
