// A loaded asset: one holder's pin of a cache entry, described by the AssetHeader at the entry's start.
// Each requester gets its own Asset (its own pin), so releasing one never invalidates another's.
import { ASSET_HEADER_BYTES, readAssetHeader, type AssetKind } from './asset-header.js';
import type { CachePin } from './cache.js';
import type { ResourceId } from './resource-id.js';

export class Asset {
  readonly id: ResourceId;
  /** What the id was hashed from: the URL as given, or the path in the archive. */
  readonly key: string;
  readonly kind: AssetKind;
  /** Pixels (0 for raw). */
  readonly width: number;
  readonly height: number;
  /** The image's hotspot offset from the PID header (0 for raw). */
  readonly offsetX: number;
  readonly offsetY: number;
  /** Bytes of the payload: width * height * 4 for an image, the file's size for raw. */
  readonly payloadBytes: number;
  readonly pin: CachePin;

  /** @internal The streamer builds assets; reads the entry's header (InvalidArgumentError when it has none). */
  constructor(pin: CachePin, key: string) {
    const header = readAssetHeader(pin.bytes());
    this.pin = pin;
    this.id = pin.id;
    this.key = key;
    this.kind = header.kind;
    this.width = header.width;
    this.height = header.height;
    this.offsetX = header.offsetX;
    this.offsetY = header.offsetY;
    this.payloadBytes = header.payloadBytes;
  }

  get released(): boolean {
    return this.pin.released;
  }

  /** A fresh view of the payload (RGBA row-major, or the file's bytes); re-derive after allocations. StaleHandleError once released. */
  payload(): Uint8Array {
    return this.pin.bytes().subarray(ASSET_HEADER_BYTES, ASSET_HEADER_BYTES + this.payloadBytes);
  }

  /** Unpins the entry (it stays cached until evicted). A second call: StaleHandleError. */
  release(): void {
    this.pin.release();
  }
}
