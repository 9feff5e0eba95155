// Animations resolved through the cache: an ANI of demo.rez is streamed (raw), its frames' PIDs are
// streamed by real workers into the cache and turned into textures by the bridge; releasing the set
// makes its entries evictable (their textures are destroyed by the eviction), and loading it again
// while the entries are held is all cache hits.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { resourceId, StaleHandleError, type AssetRequest } from '../../../../engine/index.js';
import { sourceFromBytes } from '../../../../engine/streaming/formats/sources.js';
import { DEMO_REZ, fixture, PAL_PATH, type Fixture } from '../support/streamer-fixture.js';

(globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'node' };
type Bridge = typeof import('../../../../engine/streaming/pixi/texture-bridge.js');
type Frames = typeof import('../../../../engine/streaming/pixi/frame-set.js');
let TextureBridge: Bridge['TextureBridge'];
let FrameSet: Frames['FrameSet'];
let aniFrameRequests: Frames['aniFrameRequests'];
beforeAll(async () => {
  ({ TextureBridge } = await import('../../../../engine/streaming/pixi/texture-bridge.js'));
  ({ FrameSet, aniFrameRequests } = await import('../../../../engine/streaming/pixi/frame-set.js'));
});

describe('FrameSet', () => {
  let f: Fixture;
  beforeEach(async () => {
    f = await fixture({ bytes: 4 << 20 });
  });
  afterEach(async () => {
    await f.dispose();
  });

  it('streams an ANI and its frames into textures with the ANI durations, and reloads from the cache', async () => {
    const streamer = await f.open({ workers: 2 });
    const aniAsset = await streamer.load({ source: { archive: f.rez, path: '/LEVEL1/ANIS/CRAB_WALK.ANI' }, decode: 'raw' });
    const ani = f.formats.readAni(aniAsset.payload().slice());
    aniAsset.release();
    expect(ani.frames.length).toBeGreaterThan(1);
    const set = ani.imageSet.replace(/^LEVEL_/, '');
    const frameRequest = (imageId: number): AssetRequest => ({
      source: { archive: f.rez, path: `/LEVEL1/IMAGES/${set}/FRAME${String(imageId).padStart(3, '0')}.PID` },
      palette: { archive: f.rez, path: PAL_PATH },
    });
    const bridge = new TextureBridge(f.engine.cache);
    const frames = await FrameSet.load(streamer, bridge, aniFrameRequests(ani, frameRequest));

    // Every frame's texture has its PID's size, and the durations are the ANI's.
    const archive = await f.formats.openRez(sourceFromBytes(DEMO_REZ));
    for (const [i, frame] of ani.frames.entries()) {
      const info = f.formats.pidInfo(await archive.read((frameRequest(frame.imageId).source as { path: string }).path));
      expect([frames.texture(i).width, frames.texture(i).height]).toEqual([info.width, info.height]);
    }
    expect(frames.animation(ani).map((o) => o.time)).toEqual(ani.frames.map((fr) => fr.durationMs));
    const distinct = new Set(ani.frames.map((fr) => fr.imageId)).size;
    expect(bridge.liveTextures).toBe(distinct);
    expect(f.engine.cache.stats().vramBytes).toBe(bridge.gpuBytes);

    // Held: pinned. Released: evictable, textures still there until the cache lets them go.
    expect(f.engine.cache.stats().pinned).toBe(distinct);
    frames.release();
    expect(frames.released).toBe(true);
    expect(() => frames.texture(0)).toThrow(StaleHandleError);
    expect(f.engine.cache.stats().pinned).toBe(0);
    const loaded = streamer.stats().loaded;
    const again = await FrameSet.load(streamer, bridge, aniFrameRequests(ani, frameRequest));
    expect(streamer.stats().loaded).toBe(loaded); // no worker: every frame was a hit
    // The same textures: the bridge kept them while their entries stayed in the cache.
    expect(again.texture(0)).toBe(bridge.peek(frameId(frameRequest(ani.frames[0]!.imageId))));
    again.release();

    // Evicting the entries destroys their textures.
    const texture0 = bridge.peek(frameId(frameRequest(ani.frames[0]!.imageId)))!;
    for (const imageId of new Set(ani.frames.map((fr) => fr.imageId))) f.engine.cache.remove(frameId(frameRequest(imageId)));
    expect(texture0.destroyed).toBe(true);
    expect(bridge.liveTextures).toBe(0);
    bridge.destroy();
  });
});

/** The streamer's id of an archive entry: the hash of its path (docs/streaming.md). */
function frameId(request: AssetRequest): bigint {
  return resourceId((request.source as { path: string }).path);
}
