// Cached RGBA images -> pixi.js v8 textures, with their GPU bytes counted against the cache's VRAM budget
// and the GPU texture destroyed when the cache lets the entry go (eviction or remove()).
//
// Pixel bytes: the bridge copies the payload into a plain Uint8Array owned by the texture (one memcpy of
// width*height*4 bytes, ~30 µs for 256x256) instead of handing pixi a view over wasm memory, because
//  - pixi uploads lazily, at the first render that uses the texture, which may be frames later: by then a
//    non-shared memory may have grown, which detaches every view over it (an empty upload);
//  - pixi uploads again from `source.resource` after a lost WebGL context or an unload, long after the
//    caller's pin (the only thing that keeps the entry's bytes in place) may be gone;
//  - WebGL implementations may refuse a view over a SharedArrayBuffer (the zero-copy engine's memory).
// The cost is a CPU-side shadow of each live texture in the JS heap; the cache's RAM budget counts the
// entry, the VRAM budget counts the texture, the shadow is counted by neither (docs/pixi.md).
//
// pixi.js is an optional peer dependency: this file is the package export "./pixi", never re-exported by
// engine/index.ts, so that the SDK loads without pixi.
import { BufferImageSource, Texture, type SCALE_MODE } from 'pixi.js';

import { InvalidArgumentError, StaleHandleError } from '../../memory/errors.js';
import type { BridgeAsset, BridgeCache } from './bridge-types.js';

export type { BridgeAsset, BridgeCache, BridgePin } from './bridge-types.js';

export interface TextureBridgeOptions {
  /** Sampling of the textures; default 'nearest' (pixel art must stay crisp when scaled). */
  scaleMode?: SCALE_MODE;
}

interface Live {
  texture: Texture;
  gpuBytes: number;
}

/** GPU bytes of an RGBA8 texture of that size without mipmaps: what the bridge reports to the cache. */
export function rgbaTextureBytes(width: number, height: number): number {
  return width * height * 4;
}

export class TextureBridge {
  private readonly live = new Map<bigint, Live>();
  private readonly scaleMode: SCALE_MODE;
  private readonly unsubscribe: () => void;
  private totalGpuBytes = 0;
  private destroyed = false;

  constructor(
    private readonly cache: BridgeCache,
    options: TextureBridgeOptions = {},
  ) {
    this.scaleMode = options.scaleMode ?? 'nearest';
    // The cache drains its eviction queue after every call that can evict, so this runs synchronously
    // inside insert()/setGpuBytes()/remove(): the texture is gone before the caller regains control.
    this.unsubscribe = cache.onEvict((id) => this.drop(id));
  }

  /** Live textures (one per cache id). With every texture made here, equals the cache entries with gpuBytes > 0. */
  get liveTextures(): number {
    return this.live.size;
  }

  /** The sum of the GPU bytes reported for the live textures. */
  get gpuBytes(): number {
    return this.totalGpuBytes;
  }

  /** The live texture of a cache id, if the bridge holds one (no pin needed: for drawing code that already has one). */
  peek(id: bigint): Texture | null {
    return this.live.get(id)?.texture ?? null;
  }

  /**
   * The texture of `asset` (one per cache id: later calls return the same texture while the entry lives).
   * The first call reports width*height*4 bytes to the VRAM budget through the asset's pin, which may
   * evict other unpinned entries (their textures are destroyed); BudgetExceededError when pinned entries
   * already hold the VRAM budget (nothing is created then). The texture is destroyed when the cache evicts
   * or removes the entry: keep the asset pinned while anything draws it.
   */
  texture(asset: BridgeAsset): Texture {
    if (this.destroyed) throw new InvalidArgumentError('TextureBridge.texture: the bridge was destroyed');
    if (asset.pin.released) throw new StaleHandleError(`TextureBridge.texture: the asset ${asset.key} was released`);
    const known = this.live.get(asset.id);
    if (known !== undefined) return known.texture;
    if (asset.kind !== 'image') {
      throw new InvalidArgumentError(`TextureBridge.texture: ${asset.key} is a raw asset, not an image (request it with decode: 'image')`);
    }
    const { width, height } = asset;
    if (width <= 0 || height <= 0) throw new InvalidArgumentError(`TextureBridge.texture: ${asset.key} is an empty image (${width}x${height})`);
    const gpuBytes = rgbaTextureBytes(width, height);
    // Report first: if the VRAM budget refuses, no texture and no copy exist. Evictions it causes run
    // drop() for other ids before it returns.
    asset.pin.setGpuBytes(gpuBytes);
    const payload = asset.payload();
    if (payload.length !== gpuBytes) {
      asset.pin.setGpuBytes(0);
      throw new InvalidArgumentError(`TextureBridge.texture: ${asset.key} has ${payload.length} payload bytes, not ${width}x${height}x4`);
    }
    const source = new BufferImageSource({
      resource: payload.slice(),
      width,
      height,
      format: 'rgba8unorm',
      alphaMode: 'premultiply-alpha-on-upload',
      scaleMode: this.scaleMode,
      autoGarbageCollect: false,
      label: asset.key,
    });
    const texture = new Texture({ source, label: asset.key });
    this.live.set(asset.id, { texture, gpuBytes });
    this.totalGpuBytes += gpuBytes;
    return texture;
  }

  /**
   * Destroys every texture and stops listening to the cache. The VRAM budget must no longer count
   * textures that are gone: a pinned entry gets its GPU bytes set back to 0, an unpinned one with GPU
   * bytes is removed from the cache (ResourceCache.clearGpuBytes: no cache hit either way). After the
   * engine was destroyed there is no cache left to correct: only the textures go. Idempotent.
   */
  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.unsubscribe();
    const ids = [...this.live.keys()];
    for (const id of ids) this.drop(id);
    if (!this.cache.alive) return;
    for (const id of ids) this.cache.clearGpuBytes(id);
  }

  private drop(id: bigint): void {
    const entry = this.live.get(id);
    if (entry === undefined) return;
    this.live.delete(id);
    this.totalGpuBytes -= entry.gpuBytes;
    // true: the source too, which makes every renderer that uploaded it delete its GPU texture.
    entry.texture.destroy(true);
  }
}
