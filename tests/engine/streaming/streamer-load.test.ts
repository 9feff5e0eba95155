// The streamer's happy paths with real worker threads, the real wasm decoders and a local HTTP server:
// archive entries and URLs decode to exactly what Formats gives in-process, cache hits need no worker,
// duplicate requests share one load, and both delivery paths (copy, zero-copy) write the same bytes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AssetStreamer } from '../../../engine/streaming/asset-streamer.js';
import { resourceId } from '../../../engine/streaming/resource-id.js';
import { sourceFromBytes } from '../../../engine/streaming/formats/sources.js';
import { DEMO_REZ, fixture, PAL_PATH, testPid, TILE_BYTES, type Fixture } from './support/streamer-fixture.js';

describe('AssetStreamer: loads', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture();
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('decodes archive entries to the same RGBA as Formats, and raw entries to their bytes', async () => {
    const streamer = await f.open({ workers: 2 });
    const archive = await f.formats.openRez(sourceFromBytes(DEMO_REZ));
    const palette = f.formats.readPalette(await archive.read(PAL_PATH));
    const paths = ['/LEVEL1/IMAGES/CRAB/FRAME001.PID', '/LEVEL1/TILES/ACTION/001.PID', '/LEVEL1/IMAGES/COIN/FRAME004.PID'];
    const assets = await Promise.all(paths.map((path) => streamer.load({
      source: { archive: f.rez, path }, palette: { archive: f.rez, path: PAL_PATH },
    })));
    for (const [i, path] of paths.entries()) {
      const expected = f.formats.decodePid(await archive.read(path), palette);
      const asset = assets[i]!;
      expect(asset.kind).toBe('image');
      expect(asset.id).toBe(resourceId(path));
      expect(asset.key).toBe(path);
      expect([asset.width, asset.height, asset.offsetX, asset.offsetY])
        .toEqual([expected.width, expected.height, expected.offsetX, expected.offsetY]);
      expect(asset.payload()).toEqual(expected.rgba);
      expect(asset.pin.size).toBe(16 + expected.rgba.length);
    }
    const wwd = await streamer.load({ source: { archive: f.rez, path: '/LEVEL1/WORLDS/WORLD.WWD' } });
    expect(wwd.kind).toBe('raw');
    expect([wwd.width, wwd.height]).toEqual([0, 0]);
    expect(wwd.payload()).toEqual(await archive.read('/LEVEL1/WORLDS/WORLD.WWD'));
    for (const a of [...assets, wwd]) a.release();
    archive.close();
    const stats = streamer.stats();
    expect(stats).toMatchObject({ loaded: 4, hits: 0, failed: 0, copiedLoads: 4, zeroCopyLoads: 0 });
    expect(stats.mainThreadCopyBytes).toBe(assets.reduce((n, a) => n + a.pin.size, 0) + wwd.pin.size);
    f.engine.cache.check();
    expect(f.engine.cache.stats().pinned).toBe(0);
  });

  it('loads a URL PID with its embedded palette; a second load is a cache hit with no request', async () => {
    const pid = testPid(f.formats, 33, 17);
    f.server.set('/sprite.pid', pid);
    const streamer = await f.open();
    const url = f.server.url('/sprite.pid');
    const a = await streamer.load({ source: { url } });
    expect(a.payload()).toEqual(f.formats.decodePid(pid).rgba);
    expect([a.width, a.height, a.offsetX, a.offsetY]).toEqual([33, 17, -3, 5]);
    expect(a.id).toBe(resourceId(url));
    const b = await streamer.load({ source: { url } });
    expect(f.server.hits('/sprite.pid')).toBe(1);
    expect(b.pin).not.toBe(a.pin);
    expect(b.payload()).toEqual(a.payload());
    expect(streamer.stats()).toMatchObject({ loaded: 1, hits: 1 });
    a.release();
    b.release();
    expect(f.engine.cache.info(a.id)?.pins).toBe(0);
  });

  it('shares one load between duplicate requests: one server request, a pin each, the most urgent priority', async () => {
    f.server.set('/dup.pid', testPid(f.formats, 8, 8));
    const streamer = await f.open();
    const url = f.server.url('/dup.pid');
    const [a, b, c] = await Promise.all([
      streamer.load({ source: { url }, priority: 'background' }),
      streamer.load({ source: { url }, priority: 'frame' }),
      streamer.load({ source: { url } }),
    ]);
    expect(f.server.hits('/dup.pid')).toBe(1);
    expect(new Set([a!.pin, b!.pin, c!.pin]).size).toBe(3);
    expect(f.engine.cache.info(a!.id)?.pins).toBe(3);
    expect(streamer.stats()).toMatchObject({ loaded: 3, deduped: 2 });
    a!.release();
    b!.release();
    expect(f.engine.cache.info(a!.id)?.pins).toBe(1);
    expect(c!.payload()).toEqual(f.formats.decodePid(await (await fetch(url)).bytes()).rgba);
    c!.release();
    expect(f.engine.cache.info(a!.id)?.pins).toBe(0);
    expect(() => a!.payload()).toThrow(/release/);
  });

  it('rejects bad requests with InvalidArgumentError and a closed streamer with StreamerClosedError', async () => {
    const streamer = await f.open();
    await expect(streamer.load({ source: { url: '' } })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    await expect(streamer.load({ source: { url: 'x' }, priority: 'now' as never })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
    await streamer.close();
    await expect(streamer.load({ source: { url: f.server.url('/x') } })).rejects.toMatchObject({ name: 'StreamerClosedError' });
  });

  it("zeroCopy 'require' needs a shared engine memory", async () => {
    await expect(AssetStreamer.create(f.engine, { zeroCopy: 'require' })).rejects.toMatchObject({ name: 'InvalidArgumentError' });
  });
});

describe('AssetStreamer: zero-copy into the shared engine memory', () => {
  it('writes the same bytes as the copying path and copies nothing on the main thread', async () => {
    const shared = await fixture({ bytes: 4 << 20 }, true);
    const copying = await fixture();
    try {
      expect(shared.engine.cache.shared).toBe(true);
      const z = await shared.open({ zeroCopy: 'require' });
      const c = await copying.open();
      expect([z.zeroCopy, c.zeroCopy]).toEqual([true, false]);
      const paths = ['/LEVEL1/TILES/BACK/001.PID', '/LEVEL1/IMAGES/PLAYER/FRAME001.PID', '/LEVEL1/ANIS/PLAYER_RUN.ANI'];
      for (const path of paths) {
        const request = (rez: string) => ({ source: { archive: rez, path }, palette: { archive: rez, path: PAL_PATH } });
        const [za, ca] = [await z.load(request(shared.rez)), await c.load(request(copying.rez))];
        expect(za.pin.bytes()).toEqual(ca.pin.bytes());
        za.release();
        ca.release();
      }
      expect(z.stats()).toMatchObject({ zeroCopyLoads: 3, copiedLoads: 0, mainThreadCopyBytes: 0 });
      expect(c.stats()).toMatchObject({ zeroCopyLoads: 0, copiedLoads: 3 });
      expect(c.stats().mainThreadCopyBytes).toBeGreaterThan(2 * TILE_BYTES);
      shared.engine.cache.check();
    } finally {
      await shared.dispose();
      await copying.dispose();
    }
  });
});
