// The pixi texture bridge in Node against a small model of the cache's VRAM side (the real cache is
// covered by texture-bridge-cache.test.ts): one texture per id, GPU bytes reported before anything is
// made, textures destroyed exactly when the cache lets their entry go, and a refused budget leaves nothing.
import { beforeAll, describe, expect, it } from 'vitest';

import { BudgetExceededError, InvalidArgumentError, StaleHandleError } from '../../../../engine/memory/errors.js';
import type { BridgeAsset, BridgeCache } from '../../../../engine/streaming/pixi/bridge-types.js';

// pixi.js reads navigator when its modules load; Node 20 has none.
(globalThis as { navigator?: unknown }).navigator ??= { userAgent: 'node' };
type BridgeModule = typeof import('../../../../engine/streaming/pixi/texture-bridge.js');
let TextureBridge: BridgeModule['TextureBridge'];
beforeAll(async () => {
  ({ TextureBridge } = await import('../../../../engine/streaming/pixi/texture-bridge.js'));
});

/** VRAM-only model: entries with pins and GPU bytes, LRU of unpinned GPU holders, eviction callbacks. */
class FakeCache implements BridgeCache {
  readonly entries = new Map<bigint, { pins: number; gpu: number }>();
  private lru: bigint[] = []; // unpinned entries, least recently released first
  private readonly listeners = new Set<(id: bigint, gpu: number) => void>();
  acquires = 0;
  alive = true;

  constructor(readonly vramBudget: number) {}

  // As ResourceCache.clearGpuBytes: a pinned entry keeps its bytes, an unpinned one is removed; no acquire.
  clearGpuBytes(id: bigint): boolean {
    if (!this.alive) throw new Error('fake: the engine was destroyed');
    const e = this.entries.get(id);
    if (e === undefined) return false;
    if (e.gpu !== 0 && e.pins === 0) this.remove(id);
    else e.gpu = 0;
    return true;
  }

  add(id: bigint): FakePin {
    this.entries.set(id, { pins: 1, gpu: 0 });
    return new FakePin(this, id);
  }

  vramBytes(): number {
    let sum = 0;
    for (const e of this.entries.values()) sum += e.gpu;
    return sum;
  }

  onEvict(fn: (id: bigint, gpu: number) => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  acquire(id: bigint): FakePin | null {
    this.acquires++;
    const e = this.entries.get(id);
    if (e === undefined) return null;
    if (e.pins++ === 0) this.lru = this.lru.filter((x) => x !== id);
    return new FakePin(this, id);
  }

  remove(id: bigint): void {
    const e = this.entries.get(id)!;
    expect(e.pins).toBe(0);
    this.leave(id, e.gpu);
  }

  setGpu(id: bigint, bytes: number): void {
    const e = this.entries.get(id)!;
    const others = this.vramBytes() - e.gpu;
    let room = this.vramBudget - others;
    const victims: bigint[] = [];
    for (const v of this.lru) {
      if (room >= bytes) break;
      const gpu = this.entries.get(v)!.gpu;
      if (gpu === 0) continue;
      victims.push(v);
      room += gpu;
    }
    if (room < bytes) throw new BudgetExceededError(`fake: ${bytes} GPU bytes do not fit`);
    for (const v of victims) this.leave(v, this.entries.get(v)!.gpu);
    e.gpu = bytes;
  }

  unpin(id: bigint): void {
    const e = this.entries.get(id)!;
    if (--e.pins === 0) this.lru.push(id);
  }

  private leave(id: bigint, gpu: number): void {
    this.entries.delete(id);
    this.lru = this.lru.filter((x) => x !== id);
    for (const fn of this.listeners) fn(id, gpu);
  }
}

class FakePin {
  released = false;
  constructor(private readonly cache: FakeCache, readonly id: bigint) {}
  setGpuBytes(bytes: number): void {
    if (this.released) throw new StaleHandleError('fake pin released');
    this.cache.setGpu(this.id, bytes);
  }
  release(): void {
    if (this.released) throw new StaleHandleError('fake pin released twice');
    this.released = true;
    this.cache.unpin(this.id);
  }
}

function image(cache: FakeCache, id: bigint, width: number, height: number, fill = Number(id) & 0xff): BridgeAsset & { pin: FakePin } {
  const pin = cache.add(id);
  const bytes = new Uint8Array(width * height * 4).fill(fill);
  return { id, key: `/T/${id}.PID`, kind: 'image', width, height, pin, payload: () => bytes.subarray() };
}

describe('TextureBridge', () => {
  it('makes one texture per id, with the payload copied and its GPU bytes reported', () => {
    const cache = new FakeCache(1 << 20);
    const bridge = new TextureBridge(cache);
    const a = image(cache, 1n, 16, 8, 7);
    const t = bridge.texture(a);
    expect(t.width).toBe(16);
    expect(t.height).toBe(8);
    expect(bridge.texture(a)).toBe(t);
    expect(bridge.peek(1n)).toBe(t);
    expect(cache.entries.get(1n)!.gpu).toBe(16 * 8 * 4);
    expect(bridge.gpuBytes).toBe(16 * 8 * 4);
    expect(bridge.liveTextures).toBe(1);
    const resource = t.source.resource as Uint8Array;
    expect(resource.length).toBe(16 * 8 * 4);
    expect(resource.every((b) => b === 7)).toBe(true);
    // A copy: later writes to the cache entry do not reach the texture's bytes.
    a.payload().fill(9);
    expect(resource[0]).toBe(7);
  });

  it('destroys the texture when the cache evicts its entry for VRAM, and only then', () => {
    const cache = new FakeCache(3 * 64 * 64 * 4);
    const bridge = new TextureBridge(cache);
    const assets = [1n, 2n, 3n].map((id) => image(cache, id, 64, 64));
    const textures = assets.map((a) => bridge.texture(a));
    const sources = textures.map((t) => t.source);
    expect(bridge.liveTextures).toBe(3);
    assets[1]!.pin.release();
    assets[0]!.pin.release();
    expect(textures.every((t) => !t.destroyed)).toBe(true);
    // A fourth texture needs one slot: the least recently released unpinned holder (id 2) goes.
    const fourth = bridge.texture(image(cache, 4n, 64, 64));
    expect(textures[1]!.destroyed).toBe(true);
    expect(sources[1]!.destroyed).toBe(true); // the GPU side goes with the source
    expect(textures[0]!.destroyed || sources[0]!.destroyed).toBe(false);
    expect(textures[2]!.destroyed).toBe(false);
    expect(fourth.destroyed).toBe(false);
    expect(bridge.peek(2n)).toBeNull();
    expect(bridge.liveTextures).toBe(cache.entries.size);
    expect(bridge.gpuBytes).toBe(cache.vramBytes());
  });

  it('destroys the texture when the entry is removed', () => {
    const cache = new FakeCache(1 << 20);
    const bridge = new TextureBridge(cache);
    const a = image(cache, 5n, 4, 4);
    const t = bridge.texture(a);
    a.pin.release();
    cache.remove(5n);
    expect(t.destroyed).toBe(true);
    expect(bridge.liveTextures).toBe(0);
    expect(bridge.gpuBytes).toBe(0);
  });

  it('creates nothing when pinned textures already hold the VRAM budget', () => {
    const cache = new FakeCache(2 * 32 * 32 * 4);
    const bridge = new TextureBridge(cache);
    bridge.texture(image(cache, 1n, 32, 32));
    bridge.texture(image(cache, 2n, 32, 32));
    const third = image(cache, 3n, 32, 32);
    expect(() => bridge.texture(third)).toThrow(BudgetExceededError);
    expect(bridge.liveTextures).toBe(2);
    expect(bridge.peek(3n)).toBeNull();
    expect(cache.entries.get(3n)!.gpu).toBe(0);
    expect(cache.vramBytes()).toBe(2 * 32 * 32 * 4);
  });

  it('refuses raw assets, empty images, wrong payload sizes and released pins with typed errors', () => {
    const cache = new FakeCache(1 << 20);
    const bridge = new TextureBridge(cache);
    const raw = { ...image(cache, 1n, 0, 0), kind: 'raw' as const };
    expect(() => bridge.texture(raw)).toThrow(InvalidArgumentError);
    expect(() => bridge.texture(image(cache, 2n, 0, 4))).toThrow(InvalidArgumentError);
    const short = { ...image(cache, 3n, 4, 4), payload: () => new Uint8Array(10) };
    expect(() => bridge.texture(short)).toThrow(/10 payload bytes/);
    expect(cache.entries.get(3n)!.gpu).toBe(0);
    const released = image(cache, 4n, 4, 4);
    released.pin.release();
    expect(() => bridge.texture(released)).toThrow(StaleHandleError);
    expect(bridge.liveTextures).toBe(0);
  });

  it('destroy() destroys every texture, zeroes their GPU bytes in the cache and stops listening', () => {
    const cache = new FakeCache(1 << 20);
    const bridge = new TextureBridge(cache);
    const a = image(cache, 1n, 8, 8);
    const b = image(cache, 2n, 8, 8);
    const ta = bridge.texture(a);
    const tb = bridge.texture(b);
    b.pin.release();
    bridge.destroy();
    bridge.destroy();
    expect(ta.destroyed && tb.destroyed).toBe(true);
    expect(cache.vramBytes()).toBe(0);
    expect(bridge.liveTextures).toBe(0);
    expect(bridge.gpuBytes).toBe(0);
    expect(() => bridge.texture(a)).toThrow(InvalidArgumentError);
    expect(cache.entries.get(1n)!.pins).toBe(1); // the pinned entry keeps its bytes
    expect(cache.entries.has(2n)).toBe(false); // the unpinned one could not keep GPU bytes without a pin
    expect(cache.acquires).toBe(0); // no cache hit per id
  });

  it('destroy() after the engine is gone destroys the textures and does not throw', () => {
    const cache = new FakeCache(1 << 20);
    const bridge = new TextureBridge(cache);
    const t = bridge.texture(image(cache, 1n, 8, 8));
    cache.alive = false;
    expect(() => bridge.destroy()).not.toThrow();
    expect(t.destroyed).toBe(true);
    expect(bridge.liveTextures).toBe(0);
  });
});
