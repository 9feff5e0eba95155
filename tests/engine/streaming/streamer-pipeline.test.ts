// Pipelining and the streamer's robustness fixes: a worker serves two jobs at once and still dispatches
// in priority order; a crash with two jobs in flight rejects and retries both; a bundle of many items
// puts one listener on its signal (no MaxListenersExceededWarning); a stalled fetch times out as a
// retried AssetNetworkError; a worker holding more archives than its limit never closes one that is
// still opening.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DecodeService } from '../../../engine/streaming/decode-service.js';
import { AssetNetworkError } from '../../../engine/streaming/errors.js';
import { nodeWorkerSpawner } from '../../../engine/streaming/node-workers.js';
import { DEMO_REZ, fixture, PAL_PATH, type Fixture, queueByPriority } from './support/streamer-fixture.js';
import { startAssetServer } from './support/asset-server.js';

const raw = (n: number, seed = 0): Uint8Array => new Uint8Array(n).map((_, i) => i * 13 + seed);

describe('AssetStreamer: pipelining', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
    for (const p of ['/gate1.bin', '/gate2.bin', '/b.bin', '/a.bin', '/f.bin', '/after.bin']) f.server.set(p, raw(100, p.length));
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('one worker serves two jobs at once; both complete', async () => {
    const streamer = await f.open({ workers: 1, pipeline: 2 });
    f.server.behave('/gate1.bin', 'gate');
    f.server.behave('/gate2.bin', 'gate');
    const one = streamer.load({ source: { url: f.server.url('/gate1.bin') } });
    const two = streamer.load({ source: { url: f.server.url('/gate2.bin') } });
    // Both fetches reached the server while neither was answered: the worker runs them side by side.
    await f.server.seen('/gate1.bin');
    await f.server.seen('/gate2.bin');
    expect(streamer.stats().inFlight.items).toBe(2);
    expect(streamer.stats().workers).toEqual({ size: 1, busy: 1, spawned: 1 });
    f.server.open('/gate2.bin');
    f.server.open('/gate1.bin');
    const [a, b] = await Promise.all([one, two]);
    expect(a!.payload()).toEqual(raw(100, '/gate1.bin'.length));
    expect(b!.payload()).toEqual(raw(100, '/gate2.bin'.length));
    a!.release();
    b!.release();
    expect(streamer.stats()).toMatchObject({ loaded: 2, failed: 0, inFlight: { items: 0, bytes: 0 }, workers: { busy: 0 } });
  });

  it('with two jobs per worker, queued loads are still dispatched frame, area, background', async () => {
    const streamer = await f.open({ workers: 1, pipeline: 2 });
    f.server.behave('/gate1.bin', 'gate');
    f.server.behave('/gate2.bin', 'gate');
    const gates = [streamer.load({ source: { url: f.server.url('/gate1.bin') } }), streamer.load({ source: { url: f.server.url('/gate2.bin') } })];
    await f.server.seen('/gate1.bin');
    await f.server.seen('/gate2.bin');
    const { all, done } = queueByPriority(streamer, f.server);
    await new Promise((r) => setTimeout(r, 20));
    expect(streamer.stats().queued).toEqual({ frame: 2, area: 1, background: 1, total: 4 });
    expect(streamer.stats().inFlight.items).toBe(2);
    // One slot frees: the queue drains through it, most urgent first, while gate2 holds the other.
    f.server.open('/gate1.bin');
    await Promise.all(all);
    expect(done).toEqual(['/f.bin', '/after.bin', '/a.bin', '/b.bin']);
    expect(f.server.log.filter((p) => p !== '/demo.rez')).toEqual(['/gate1.bin', '/gate2.bin', '/f.bin', '/after.bin', '/a.bin', '/b.bin']);
    f.server.open('/gate2.bin');
    for (const g of gates) (await g).release();
  });

  it('a crash with two jobs in flight rejects both with WorkerCrashedError; both are retried on the replacement', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'openclaw-crash-once-'));
    try {
      const spawn = await nodeWorkerSpawner({ script: new URL('./support/crash-once-worker.ts', import.meta.url) });
      const streamer = await f.open({ workers: 1, pipeline: 2, spawn, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
      f.server.behave('/gate1.bin', 'gate');
      const held = streamer.load({ source: { url: f.server.url('/gate1.bin') } });
      await f.server.seen('/gate1.bin');
      f.server.set('/crash-once.bin', raw(64, 1));
      const crashing = streamer.load({ source: { url: `${f.server.url('/crash-once.bin')}?marker=${encodeURIComponent(join(dir, 'm'))}` } });
      // The retry of the held load asks the server again: the first request died with its worker.
      await f.server.seen('/gate1.bin', 2);
      f.server.open('/gate1.bin');
      const [a, b] = await Promise.all([held, crashing]);
      expect(a.payload()).toEqual(raw(100, '/gate1.bin'.length));
      expect(b.payload()).toEqual(raw(64, 1));
      a.release();
      b.release();
      expect(streamer.stats()).toMatchObject({ crashes: 1, retried: 2, loaded: 2, failed: 0 });
      expect(streamer.stats().workers).toEqual({ size: 1, busy: 0, spawned: 2 });
      expect(f.engine.cache.stats()).toMatchObject({ pinned: 0 });
      f.engine.cache.check();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a bundle of 50 items adds no abort listener per item: no MaxListenersExceededWarning', async () => {
    const streamer = await f.open({ workers: 2 });
    const warnings: string[] = [];
    const onWarning = (w: Error): void => void warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      for (let i = 0; i < 50; i++) f.server.set(`/many-${i}.bin`, raw(32, i));
      const requests = Array.from({ length: 50 }, (_, i) => ({ source: { url: f.server.url(`/many-${i}.bin`) } }));
      for (const asset of await streamer.loadBundle(requests)) asset.release();
      for (const asset of await streamer.loadBundle(requests.map((r) => ({ source: { url: `${r.source.url}?again` } })),
        { signal: new AbortController().signal })) asset.release();
      await new Promise((r) => setTimeout(r, 10)); // warnings are emitted on the next tick
    } finally {
      process.off('warning', onWarning);
    }
    expect(warnings.filter((w) => w.includes('MaxListenersExceeded'))).toEqual([]);
    expect(streamer.stats()).toMatchObject({ loaded: 100, failed: 0 });
  });

  it('cancelling a bundle through its signal cancels every item still loading', async () => {
    const streamer = await f.open({ workers: 1, pipeline: 1 });
    f.server.behave('/gate1.bin', 'gate');
    const abort = new AbortController();
    const bundle = streamer.loadBundle(['/gate1.bin', '/a.bin', '/b.bin'].map((p) => ({ source: { url: f.server.url(p) } })), { signal: abort.signal });
    await f.server.seen('/gate1.bin');
    abort.abort();
    await expect(bundle).rejects.toMatchObject({ name: 'AssetCancelledError' });
    expect(streamer.stats()).toMatchObject({ cancelled: 3, queued: { total: 0 } });
    expect(f.server.hits('/a.bin') + f.server.hits('/b.bin')).toBe(0);
  });

  it('a fetch with no answer within fetchTimeoutMs is a retried AssetNetworkError', async () => {
    const streamer = await f.open({ workers: 1, fetchTimeoutMs: 100, retry: { attempts: 2, baseDelayMs: 1, maxDelayMs: 2 } });
    f.server.set('/stall.bin', raw(10));
    f.server.behave('/stall.bin', 'gate');
    const started = Date.now();
    const err = await streamer.load({ source: { url: f.server.url('/stall.bin') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssetNetworkError);
    expect((err as Error).message).toMatch(/within 100 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    expect(f.server.hits('/stall.bin')).toBe(2);
    expect(streamer.stats()).toMatchObject({ retried: 1, failed: 1 });
    expect(f.engine.cache.stats()).toMatchObject({ entries: 0, pinned: 0 });
    await expect(f.open({ fetchTimeoutMs: 0 })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    await expect(f.open({ pipeline: 0 })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });
});

describe('DecodeService: archives past the limit', () => {
  it('never closes an archive that is still opening (or being read) to make room for another', async () => {
    const server = await startAssetServer({ '/slow.rez': DEMO_REZ, '/fast.rez': DEMO_REZ });
    const service = await DecodeService.create({ archives: 1 });
    try {
      server.behave('/slow.rez', 'gate');
      const slow = service.probe({ jobId: 1, source: { archive: server.url('/slow.rez'), path: PAL_PATH }, decode: 'raw' });
      await server.seen('/slow.rez');
      // A second archive while the first is still opening, one over the limit: once read, the second is
      // the only one that may be closed (the first is still opening), so it is the one closed.
      const fast = await service.probe({ jobId: 2, source: { archive: server.url('/fast.rez'), path: PAL_PATH }, decode: 'raw' });
      expect(service.held().archives).toBe(1);
      server.open('/slow.rez');
      const probed = await slow;
      expect(probed).toEqual(fast);
      const a = new Uint8Array(service.decode(1, null).buffer!);
      const b = new Uint8Array(service.decode(2, null).buffer!);
      expect(a).toEqual(b);
      expect(service.held().archives).toBe(1);
      // The first archive is still open: no new request for it.
      const hits = server.hits('/slow.rez');
      const again = await service.probe({ jobId: 3, source: { archive: server.url('/slow.rez'), path: PAL_PATH }, decode: 'raw' });
      expect(again).toEqual(fast);
      expect(server.hits('/slow.rez')).toBe(hits + 1); // the entry's range only
    } finally {
      service.dispose();
      await server.close();
    }
  });
});
