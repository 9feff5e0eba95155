// The level's textures: every image the level draws is a streamed asset, pinned for as long as the
// level is loaded (so the cache never evicts what is on screen), with its texture from the
// TextureBridge. The first-frame set comes as one bundle (its progress feeds the loading bar); the
// rest streams in one by one at a lower priority and shows as it arrives: `generation` changes
// whenever textures come or go, and the renderers re-bind their lookup tables only then.
import type { Texture } from 'pixi.js';

import type { Asset, AssetRequest, AssetStreamer, BundleProgress, Priority, ResourceCache } from '../../engine/index.js';
import type { TextureBridge } from '../../engine/streaming/pixi/texture-bridge.js';

/** The lookup key of an archive path: '/' separators, upper case (REZ paths are case-insensitive). */
export function pathKey(path: string): string {
  return path.replace(/\\/g, '/').toUpperCase();
}

function requestPath(request: AssetRequest): string {
  const s = request.source;
  return 'path' in s ? s.path : s.url;
}

export class LevelTextures {
  private readonly textures = new Map<string, Texture>();
  private readonly held: Asset[] = [];
  /** Every cache id this store loaded (so a change of archive can drop entries of the same paths). */
  private readonly ids = new Set<bigint>();
  private abort = new AbortController();
  private gen = 0;
  /** Items that failed to stream (missing files in a player's archive, say): drawn with a fallback. */
  failed = 0;

  constructor(
    private readonly streamer: AssetStreamer,
    private readonly bridge: TextureBridge,
    private readonly cache: ResourceCache,
  ) {}

  /** Changes whenever textures were added or dropped. */
  get generation(): number {
    return this.gen;
  }

  get size(): number {
    return this.textures.size;
  }

  /** The texture of an archive path, if it has streamed in. */
  get(path: string): Texture | null {
    return this.textures.get(pathKey(path)) ?? null;
  }

  /** get() of a path already made a key by pathKey() (no string work: for per-frame callers). */
  byKey(key: string): Texture | null {
    return this.textures.get(key) ?? null;
  }

  /** The first-frame set: one bundle, all or nothing (a failure rejects, nothing stays pinned). */
  async loadBundle(requests: AssetRequest[], onProgress: (p: BundleProgress) => void): Promise<void> {
    const assets = await this.streamer.loadBundle(requests, { onProgress, signal: this.abort.signal });
    for (const asset of assets) this.adopt(asset);
    this.gen++;
  }

  /**
   * The rest, each request on its own (one missing image must not hold back the others), in the order
   * given within `priority`. Resolves when every request has settled; failures are counted, not thrown.
   */
  async stream(requests: AssetRequest[], priority: Priority): Promise<void> {
    const signal = this.abort.signal;
    await Promise.all(requests.map(async (request) => {
      try {
        // The level's own priorities (area near the start, background beyond) when it gives them.
        const asset = await this.streamer.load({ ...request, priority: request.priority ?? priority, signal });
        if (signal.aborted) {
          asset.release();
          return;
        }
        this.adopt(asset);
        this.gen++;
      } catch (err) {
        if (!signal.aborted) {
          this.failed++;
          console.warn(`streaming ${requestPath(request)} failed:`, err);
        }
      }
    }));
  }

  /** Cancels what is still streaming and unpins every texture of the level (the cache may evict them). */
  releaseAll(): void {
    this.abort.abort();
    this.abort = new AbortController();
    for (const asset of this.held) if (!asset.released) asset.release();
    this.held.length = 0;
    this.textures.clear();
    this.gen++;
  }

  /**
   * Removes every entry this store ever loaded from the cache: ids are hashes of archive paths, so a
   * different archive's /LEVEL1/TILES/... must not hit the previous archive's pictures.
   */
  forgetArchive(): void {
    this.releaseAll();
    for (const id of this.ids) {
      try {
        if (this.cache.has(id)) this.cache.remove(id);
      } catch (err) {
        // Still pinned by someone else (another page part): it keeps its pin, the next load misses anyway.
        console.warn('forgetArchive: an entry stayed in the cache:', err);
      }
    }
    this.ids.clear();
  }

  private adopt(asset: Asset): void {
    this.ids.add(asset.id);
    if (asset.kind !== 'image') {
      // Palettes and ANIs: the workers and the page read them from the cache; nothing draws them.
      asset.release();
      return;
    }
    let texture: Texture;
    try {
      texture = this.bridge.texture(asset);
    } catch (err) {
      asset.release();
      this.failed++;
      console.warn(`no texture for ${asset.key}:`, err);
      return;
    }
    this.held.push(asset);
    this.textures.set(pathKey(asset.key), texture);
  }
}
