// The texture bridge over the real engine.cache (wasm core): GPU bytes land in the cache's VRAM
// figures, VRAM pressure evicts the least recently released textured entry and destroys its texture,
// and over a random run the bridge's live textures are exactly the cache's entries with gpuBytes > 0.
import { beforeAll, describe, expect, it } from 'vitest';

import { BudgetExceededError, type CachePin, type Engine, type ResourceCache } from '../../../../engine/index.js';
import type { BridgeAsset } from '../../../../engine/streaming/pixi/bridge-types.js';
import { ensure, freshEngine } from '../../support/engine.js';
import { Prng } from '../../support/prng.js';

(globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'node' };
type BridgeModule = typeof import('../../../../engine/streaming/pixi/texture-bridge.js');
let TextureBridge: BridgeModule['TextureBridge'];
beforeAll(async () => {
  ({ TextureBridge } = await import('../../../../engine/streaming/pixi/texture-bridge.js'));
});

const HEADER = 16; // AssetHeader: the payload follows it
const SIDE = 32;
const TEX = SIDE * SIDE * 4;

/** An image entry written the way the streamer writes one, seen as the bridge sees an Asset. */
function insertImage(cache: ResourceCache, id: bigint, fill: number): BridgeAsset & { pin: CachePin } {
  const pin = cache.insert(id, HEADER + TEX);
  pin.bytes().subarray(HEADER).fill(fill);
  return asAsset(pin, id);
}

function asAsset(pin: CachePin, id: bigint): BridgeAsset & { pin: CachePin } {
  return { id, key: `img-${id}`, kind: 'image', width: SIDE, height: SIDE, pin, payload: () => pin.bytes().subarray(HEADER, HEADER + TEX) };
}

function texturedEntries(cache: ResourceCache, ids: Iterable<bigint>): number {
  let n = 0;
  for (const id of ids) if ((cache.info(id)?.gpuBytes ?? 0) > 0) n++;
  return n;
}

async function engineWithVram(textures: number): Promise<Engine> {
  return freshEngine({ assets: { bytes: 2 << 20, vramBudget: textures * TEX } });
}

describe('TextureBridge over engine.cache', () => {
  it('reports GPU bytes to the cache and frees them by eviction under VRAM pressure', async () => {
    const engine = await engineWithVram(2);
    const cache = engine.cache;
    const bridge = new TextureBridge(cache);
    const a = insertImage(cache, 1n, 0x11);
    const b = insertImage(cache, 2n, 0x22);
    const ta = bridge.texture(a);
    const tb = bridge.texture(b);
    expect(cache.stats().vramBytes).toBe(2 * TEX);
    expect(cache.info(1n)!.gpuBytes).toBe(TEX);
    expect(Array.from((ta.source.resource as Uint8Array).subarray(0, 4))).toEqual([0x11, 0x11, 0x11, 0x11]);
    a.pin.release();
    b.pin.release();
    // Both unpinned; 1 was released first, so a third texture evicts entry 1 and destroys its texture.
    const c = insertImage(cache, 3n, 0x33);
    bridge.texture(c);
    expect(ta.destroyed).toBe(true);
    expect(tb.destroyed).toBe(false);
    expect(cache.has(1n)).toBe(false);
    const s = cache.stats();
    expect(s.vramBytes).toBe(2 * TEX);
    expect(s.evictions).toBe(1);
    expect(s.evictedGpuBytes).toBe(TEX);
    expect(bridge.liveTextures).toBe(texturedEntries(cache, [1n, 2n, 3n]));
    expect(bridge.gpuBytes).toBe(s.vramBytes);
    // Pinned textures fill the budget: a fourth is refused and nothing is made for it.
    const again = cache.acquire(2n)!;
    const d = insertImage(cache, 4n, 0x44);
    expect(() => bridge.texture(d)).toThrow(BudgetExceededError);
    expect(bridge.peek(4n)).toBeNull();
    expect(cache.info(4n)!.gpuBytes).toBe(0);
    again.release();
    d.pin.release();
    c.pin.release();
    // remove() also destroys.
    cache.remove(3n);
    expect(bridge.liveTextures).toBe(1);
    const hits = cache.stats().hits;
    bridge.destroy();
    expect(tb.destroyed).toBe(true);
    expect(cache.stats().vramBytes).toBe(0);
    expect(cache.stats().hits).toBe(hits); // no hit per id
    cache.check();
  });

  it('destroy() keeps pinned entries (GPU bytes 0), and does not throw after the engine was destroyed', async () => {
    const engine = await engineWithVram(2);
    const cache = engine.cache;
    const bridge = new TextureBridge(cache);
    const a = insertImage(cache, 1n, 0x11);
    bridge.texture(a);
    const before = cache.stats();
    bridge.destroy();
    expect(cache.info(1n)).toEqual({ size: a.pin.size, gpuBytes: 0, pins: 1 });
    expect(cache.stats()).toMatchObject({ hits: before.hits, vramBytes: 0, entries: 1 });
    a.pin.release();

    const other = new TextureBridge(cache);
    const tb = other.texture(insertImage(cache, 2n, 0x22));
    engine.destroy();
    expect(() => other.destroy()).not.toThrow();
    expect(tb.destroyed).toBe(true);
  });

  it('keeps live textures equal to the textured cache entries over a random run', async () => {
    const engine = await engineWithVram(6);
    const cache = engine.cache;
    const bridge = new TextureBridge(cache);
    const rng = new Prng(0x6a11);
    const ids = Array.from({ length: 16 }, (_, i) => BigInt(i + 1));
    const held: (BridgeAsset & { pin: CachePin })[] = [];
    let refused = 0;
    for (let step = 0; step < 3000; step++) {
      const id = ids[rng.below(ids.length)]!;
      const r = rng.below(10);
      if (r < 5 && held.length < 5) {
        const pin = cache.acquire(id);
        const asset = pin === null ? insertImage(cache, id, Number(id)) : asAsset(pin, id);
        held.push(asset);
        try {
          const t = bridge.texture(asset);
          ensure(!t.destroyed, () => `step ${step}: a destroyed texture for ${id}`);
        } catch (err) {
          if (!(err instanceof BudgetExceededError)) throw err;
          refused++;
        }
      } else if (r < 9 && held.length > 0) {
        held.splice(rng.below(held.length), 1)[0]!.pin.release();
      } else if (cache.has(id) && cache.info(id)!.pins === 0) {
        cache.remove(id);
      }
      const s = cache.stats();
      ensure(s.vramBytes <= s.vramBudget, () => `step ${step}: vram ${s.vramBytes} > ${s.vramBudget}`);
      ensure(bridge.liveTextures === texturedEntries(cache, ids), () => `step ${step}: ${bridge.liveTextures} textures`);
      ensure(bridge.gpuBytes === s.vramBytes, () => `step ${step}: bridge ${bridge.gpuBytes} vs cache ${s.vramBytes}`);
    }
    expect(cache.stats().evictions).toBeGreaterThan(0);
    expect(refused).toBe(0); // at most 5 pins of 6 textures' budget: VRAM pressure always finds a victim
    for (const a of held) a.pin.release();
    cache.check();
  });
});
