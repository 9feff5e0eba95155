// What the texture bridge needs of the cache and of a streamed asset, by shape: engine.cache
// (ResourceCache) and AssetStreamer's Asset satisfy these, and tests can pass small fakes.
// Ids are bigints (ResourceId of engine/streaming/resource-id.ts, spelled out so this file stands alone).
type ResourceId = bigint;

/** The part of a CachePin the bridge uses. */
export interface BridgePin {
  readonly released: boolean;
  /** The entry's GPU bytes; may evict other entries; BudgetExceededError when pinned entries hold the budget. */
  setGpuBytes(bytes: number): void;
}

/** The part of an Asset the bridge uses. */
export interface BridgeAsset {
  readonly id: ResourceId;
  readonly key: string;
  readonly kind: 'raw' | 'image';
  readonly width: number;
  readonly height: number;
  readonly pin: BridgePin;
  /** RGBA row-major for images (width * height * 4 bytes). */
  payload(): Uint8Array;
}

/** The part of a ResourceCache the bridge uses. */
export interface BridgeCache {
  onEvict(fn: (id: ResourceId, gpuBytes: number) => void): () => void;
  /** False once the engine is destroyed: then there is no budget left to correct. */
  readonly alive: boolean;
  /** Sets an entry's GPU bytes to 0 without counting a hit (ResourceCache.clearGpuBytes). */
  clearGpuBytes(id: ResourceId): boolean;
}
