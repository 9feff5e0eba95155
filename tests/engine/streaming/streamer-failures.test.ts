// Every failure kind gives its typed error, is retried only when retrying can help (the server counts
// the attempts), and leaves the cache as it was: no entry, no pinned byte. A worker that dies takes
// only its job with it; the next request runs on a replacement.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AssetCorruptError, AssetNetworkError, AssetNotFoundError, WorkerCrashedError,
} from '../../../engine/streaming/errors.js';
import { FormatError, TruncatedFormatError } from '../../../engine/streaming/formats/errors.js';
import { crashSpawner, fixture, PAL_PATH, testPid, type Fixture } from './support/streamer-fixture.js';

describe('AssetStreamer: failures', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  const expectNothingHeld = (): void => {
    expect(f.engine.cache.stats()).toMatchObject({ entries: 0, pinned: 0, ramBytes: 0 });
    f.engine.cache.check();
  };

  it('404 is AssetNotFoundError, not retried; a missing archive entry too', async () => {
    const streamer = await f.open();
    const err = await streamer.load({ source: { url: f.server.url('/missing.pid') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssetNotFoundError);
    expect(f.server.hits('/missing.pid')).toBe(1);
    const entry = await streamer.load({ source: { archive: f.rez, path: '/LEVEL1/NOPE.PID' }, palette: { archive: f.rez, path: PAL_PATH } })
      .catch((e: unknown) => e);
    expect(entry).toBeInstanceOf(AssetNotFoundError);
    const dir = await streamer.load({ source: { archive: f.rez, path: '/LEVEL1/IMAGES' }, decode: 'raw' }).catch((e: unknown) => e);
    expect(dir).toBeInstanceOf(AssetNotFoundError);
    expect(streamer.stats()).toMatchObject({ failed: 3, retried: 0 });
    expectNothingHeld();
  });

  it('HTTP 500 and a reset connection are AssetNetworkError after the configured attempts', async () => {
    const streamer = await f.open({ retry: { attempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    f.server.set('/flaky.pid', testPid(f.formats, 4, 4));
    f.server.behave('/flaky.pid', { status: 500 });
    const err = await streamer.load({ source: { url: f.server.url('/flaky.pid') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssetNetworkError);
    expect((err as AssetNetworkError).httpStatus).toBe(500);
    expect(f.server.hits('/flaky.pid')).toBe(3);

    f.server.set('/reset.pid', testPid(f.formats, 4, 4));
    f.server.behave('/reset.pid', 'reset');
    const reset = await streamer.load({ source: { url: f.server.url('/reset.pid') } }).catch((e: unknown) => e);
    expect(reset).toBeInstanceOf(AssetNetworkError);
    expect(f.server.hits('/reset.pid')).toBe(3);
    expect(streamer.stats()).toMatchObject({ failed: 2, retried: 4 });
    expectNothingHeld();

    // A retry that succeeds: the first answer fails, the server recovers before the second attempt.
    const slow = await f.open({ retry: { attempts: 2, baseDelayMs: 200, maxDelayMs: 200 } });
    f.server.behave('/flaky.pid', { status: 503 });
    const pending = slow.load({ source: { url: f.server.url('/flaky.pid') } });
    await f.server.seen('/flaky.pid', 4);
    f.server.behave('/flaky.pid', undefined);
    const asset = await pending;
    expect(asset.width).toBe(4);
    expect(slow.stats()).toMatchObject({ retried: 1, loaded: 1, failed: 0 });
    asset.release();
  });

  it('a 4xx other than 404 is not retried by the default policy; retryOn can change that', async () => {
    f.server.set('/forbidden.bin', new Uint8Array(4));
    f.server.behave('/forbidden.bin', { status: 403 });
    const streamer = await f.open();
    await expect(streamer.load({ source: { url: f.server.url('/forbidden.bin') } })).rejects.toBeInstanceOf(AssetNetworkError);
    expect(f.server.hits('/forbidden.bin')).toBe(1);
    const eager = await f.open({ retry: { attempts: 2, baseDelayMs: 0, retryOn: () => true } });
    await expect(eager.load({ source: { url: f.server.url('/forbidden.bin') } })).rejects.toBeInstanceOf(AssetNetworkError);
    expect(f.server.hits('/forbidden.bin')).toBe(3);
  });

  it('a truncated PID is AssetCorruptError caused by TruncatedFormatError; garbage is AssetCorruptError', async () => {
    // Reserve first, then decode (decodeAhead: false).
    const strict = await f.open({ decodeAhead: false });
    const pid = testPid(f.formats, 40, 30);
    f.server.set('/short.pid', pid.subarray(0, pid.length - 20));
    const err = await strict.load({ source: { url: f.server.url('/short.pid') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AssetCorruptError);
    expect((err as AssetCorruptError).formatError).toBeInstanceOf(TruncatedFormatError);
    expect((err as AssetCorruptError).cause).toBe((err as AssetCorruptError).formatError);
    expect(f.server.hits('/short.pid')).toBe(1);
    // The header was whole: the entry was reserved, the decode failed, and the entry was given back.
    expect(f.engine.cache.stats()).toMatchObject({ inserts: 1, removals: 1 });
    expectNothingHeld();

    // Decoding ahead (the default with room under the budget): the decode fails in the worker, before
    // anything is reserved.
    const streamer = await f.open();
    const ahead = await streamer.load({ source: { url: f.server.url('/short.pid') } }).catch((e: unknown) => e);
    expect(ahead).toBeInstanceOf(AssetCorruptError);
    expect((ahead as AssetCorruptError).formatError).toBeInstanceOf(TruncatedFormatError);
    expect(f.engine.cache.stats()).toMatchObject({ inserts: 1, removals: 1 });
    expectNothingHeld();

    const bad = new Uint8Array(pid);
    new DataView(bad.buffer).setUint32(8, 20_000, true); // a width beyond the format's 16,384
    f.server.set('/bad.pid', bad);
    const corrupt = await streamer.load({ source: { url: f.server.url('/bad.pid') } }).catch((e: unknown) => e);
    expect(corrupt).toBeInstanceOf(AssetCorruptError);
    expect((corrupt as AssetCorruptError).formatError).toBeInstanceOf(FormatError);
    expect(streamer.stats()).toMatchObject({ failed: 2, retried: 0 });
    expectNothingHeld();
  });

  it('a PID without a palette and no request palette is refused before anything is reserved', async () => {
    const streamer = await f.open();
    const err = await streamer.load({ source: { archive: f.rez, path: '/LEVEL1/TILES/BACK/001.PID' } }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'InvalidArgumentError' });
    expectNothingHeld();
  });

  it('a crashed worker rejects its job with WorkerCrashedError and is replaced', async () => {
    f.server.set('/crash.pid', testPid(f.formats, 4, 4));
    f.server.set('/fine.pid', testPid(f.formats, 6, 2));
    const streamer = await f.open({ workers: 1, spawn: await crashSpawner(), retry: { attempts: 2, baseDelayMs: 1 } });
    const err = await streamer.load({ source: { url: f.server.url('/crash.pid') } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerCrashedError);
    expect(streamer.stats()).toMatchObject({ crashes: 2, retried: 1, failed: 1 });
    expectNothingHeld();
    const fine = await streamer.load({ source: { url: f.server.url('/fine.pid') } });
    expect([fine.width, fine.height]).toEqual([6, 2]);
    expect(streamer.stats().workers).toEqual({ size: 1, busy: 0, spawned: 3 });
    fine.release();
  });
});
