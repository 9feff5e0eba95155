// The frames of an animation or an image set, resolved through the cache: each frame is a streamed
// asset, pinned while the FrameSet is held, with its texture from the TextureBridge. release() unpins
// them all: the textures stay usable until the cache evicts their entries (under RAM or VRAM pressure),
// and a FrameSet loaded again later hits the cache for every frame still held, without a worker.
import type { FrameObject, Texture } from 'pixi.js';

import { StaleHandleError } from '../../memory/errors.js';
import type { Asset } from '../asset.js';
import type { AssetRequest, AssetStreamer, BundleOptions } from '../asset-streamer.js';
import type { Ani } from '../formats/types.js';
import type { TextureBridge } from './texture-bridge.js';

/** The streamer's part a FrameSet needs (AssetStreamer, or anything that loads a bundle the same way). */
export type FrameLoader = Pick<AssetStreamer, 'loadBundle'>;

export class FrameSet {
  private held: boolean = true;

  private constructor(
    private readonly assets: readonly Asset[],
    private readonly list: readonly Texture[],
  ) {}

  /**
   * Loads every frame as one bundle (progress and cancellation as loadBundle's) and makes their textures.
   * If a texture cannot be made (BudgetExceededError: pinned textures hold the VRAM budget), every frame
   * loaded is released again and the error is thrown.
   */
  static async load(streamer: FrameLoader, bridge: TextureBridge, requests: AssetRequest[], options?: BundleOptions): Promise<FrameSet> {
    const assets = await streamer.loadBundle(requests, options);
    try {
      return new FrameSet(assets, assets.map((asset) => bridge.texture(asset)));
    } catch (err) {
      for (const asset of assets) if (!asset.released) asset.release();
      throw err;
    }
  }

  get length(): number {
    return this.list.length;
  }

  get released(): boolean {
    return !this.held;
  }

  /** Frame i's texture; StaleHandleError once the set is released (its entries may be gone). */
  texture(i: number): Texture {
    if (!this.held) throw new StaleHandleError('FrameSet.texture: the frame set was released');
    const t = this.list[i];
    if (t === undefined) throw new RangeError(`FrameSet.texture: no frame ${i} of ${this.list.length}`);
    return t;
  }

  /** Every texture in order (for pixi's AnimatedSprite); StaleHandleError once released. */
  textures(): Texture[] {
    if (!this.held) throw new StaleHandleError('FrameSet.textures: the frame set was released');
    return [...this.list];
  }

  /**
   * pixi's AnimatedSprite frames of an ANI loaded with aniFrameRequests: each frame's texture with the
   * ANI's duration for it.
   */
  animation(ani: Ani): FrameObject[] {
    if (ani.frames.length !== this.list.length) {
      throw new RangeError(`FrameSet.animation: the set has ${this.list.length} frames, the ANI ${ani.frames.length}`);
    }
    return ani.frames.map((frame, i) => ({ texture: this.texture(i), time: frame.durationMs }));
  }

  /** Unpins every frame (idempotent): the cache may now evict them, which destroys their textures. */
  release(): void {
    if (!this.held) return;
    this.held = false;
    for (const asset of this.assets) if (!asset.released) asset.release();
  }
}

/**
 * The requests of an ANI's frames: frame k shows image `imageId` of the ANI's image set, which the game
 * finds where `source` says (the demo's convention: /LEVEL1/IMAGES/<SET>/FRAME001.PID). A frame that
 * shows an image again gets a pin of its own on the same cache entry (one load: the streamer dedupes).
 */
export function aniFrameRequests(
  ani: Ani,
  source: (imageId: number) => AssetRequest,
): AssetRequest[] {
  return ani.frames.map((frame) => source(frame.imageId));
}
