// The entities drawn with pixi: a pool of Sprites reused across frames, one per live, visible entity,
// read each frame from the game's entity views (kind, flags, position, state, frames in state). The
// picture comes from the entity's clip (animations.ts); an entity whose clip has no texture yet (still
// streaming, or a player's archive without the demo's ANIs) shows its kind's fallback image, and
// without one a tinted box of its hitbox, so the game is always playable. Only a growing pool allocates.
import { Container, Sprite, Texture } from 'pixi.js';

import { EntityFlag, EntityKind } from '../../engine/index.js';
import { CLIP_SLOTS, clipSlot, pickFrame, type ClipMode } from './animations.js';
import type { Camera } from './camera.js';
import type { LevelTextures } from './textures.js';

/** What the renderer reads of the game's entity views (engine/game EntityViews). */
export interface EntityReader {
  kind(i: number): number;
  flags(i: number): number;
  x(i: number): number;
  y(i: number): number;
  state(i: number): number;
  stateFrames(i: number): number;
  variant(i: number): number;
  halfW(i: number): number;
  halfH(i: number): number;
}

/** One clip ready to draw: its frames' image paths and its tick -> frame table. */
export interface ClipData {
  mode: ClipMode;
  table: Uint16Array;
  paths: string[];
}

interface BoundClip {
  mode: ClipMode;
  table: Uint16Array;
  textures: (Texture | null)[];
}

/** Fallback box colours by kind (player, crate, treasure, crab, rat guard, checkpoint, level end). */
const KIND_TINT = [0xffffff, 0x3f7fff, 0x9a6b3a, 0xffd700, 0xe04020, 0xb02060, 0x20c060, 0xffffff];

/** Characters stand on their frame's bottom row: their frame is aligned with the hitbox's bottom. */
function standsOnFeet(kind: number): boolean {
  return kind === EntityKind.Player || kind === EntityKind.Crab || kind === EntityKind.RatGuard;
}

export class EntitySprites {
  readonly container = new Container();
  private readonly pool: Sprite[] = [];
  private clips: (BoundClip | null)[] = new Array<BoundClip | null>(CLIP_SLOTS).fill(null);
  private fallbacks: (Texture | null)[] = new Array<Texture | null>(8).fill(null);
  private lastGen = -1;

  constructor(
    private readonly clipData: Map<number, ClipData>,
    /** An image path per kind for entities without a clip texture (index = kind), '' for none. */
    private readonly fallbackPaths: readonly string[],
  ) {}

  /** Sprites in use last frame (tests, statistics). */
  drawn = 0;

  update(entities: EntityReader, count: number, camera: Camera, textures: LevelTextures, tick: number): void {
    if (textures.generation !== this.lastGen) this.rebind(textures);
    // 0 - x, not -x: -0 is a heap number, which would allocate every frame at the level's left edge.
    this.container.position.set(0 - camera.x, 0 - camera.y);
    let n = 0;
    let player = -1;
    for (let i = 0; i < count; i++) {
      const kind = entities.kind(i);
      if (kind === EntityKind.None) continue;
      if (kind === EntityKind.Player) {
        player = i;
        continue;
      }
      n = this.draw(entities, i, kind, n, tick);
    }
    // The player last: on top of everything it overlaps.
    if (player >= 0) n = this.draw(entities, player, EntityKind.Player, n, tick);
    for (let k = n; k < this.drawn; k++) this.pool[k]!.visible = false;
    this.drawn = n;
  }

  /** Forces the texture tables to be rebuilt on the next update (after textures were destroyed). */
  invalidate(): void {
    this.lastGen = -1;
  }

  destroy(): void {
    this.container.destroy({ children: true });
  }

  private draw(entities: EntityReader, i: number, kind: number, n: number, tick: number): number {
    const flags = entities.flags(i);
    if ((flags & EntityFlag.Hidden) !== 0) return n;
    let sprite = this.pool[n];
    if (sprite === undefined) {
      sprite = new Sprite(Texture.EMPTY);
      sprite.anchor.set(0.5);
      sprite.roundPixels = true;
      this.pool.push(sprite);
      this.container.addChild(sprite);
    }
    const state = entities.state(i);
    const clip = this.clips[clipSlot(kind, state, entities.variant(i))] ?? this.clips[clipSlot(kind, 0, entities.variant(i))] ?? null;
    let texture: Texture | null = null;
    if (clip !== null) {
      texture = clip.textures[pickFrame(clip.mode, clip.table, clip.textures.length, entities.stateFrames(i))] ?? null;
    }
    texture ??= this.fallbacks[kind] ?? null;
    const x = entities.x(i);
    const y = entities.y(i);
    const halfH = entities.halfH(i);
    const flip = (flags & EntityFlag.FacingLeft) !== 0 ? -1 : 1;
    if (texture !== null) {
      if (sprite.texture !== texture) sprite.texture = texture;
      sprite.tint = 0xffffff;
      sprite.scale.set(flip, 1);
      const h = texture.height;
      sprite.position.set(x, standsOnFeet(kind) ? y + halfH - h / 2 : y);
    } else {
      if (sprite.texture !== Texture.WHITE) sprite.texture = Texture.WHITE;
      sprite.tint = KIND_TINT[kind] ?? 0xffffff;
      sprite.scale.set(Math.max(2, entities.halfW(i) * 2), Math.max(2, halfH * 2));
      sprite.position.set(x, y);
    }
    // Invulnerable after a hit: visible every other 4 frames.
    sprite.visible = (flags & EntityFlag.Blink) === 0 || ((tick >> 2) & 1) === 0;
    sprite.alpha = (flags & EntityFlag.Dying) !== 0 ? 0.6 : 1;
    return n + 1;
  }

  private rebind(textures: LevelTextures): void {
    this.lastGen = textures.generation;
    for (let s = 0; s < CLIP_SLOTS; s++) this.clips[s] = null;
    for (const [slot, data] of this.clipData) {
      const list = data.paths.map((p) => textures.get(p));
      // A clip shows only when every frame is there: half an animation would flicker to the fallback.
      this.clips[slot] = list.every((t) => t !== null) ? { mode: data.mode, table: data.table, textures: list } : null;
    }
    this.fallbacks = this.fallbackPaths.map((p) => (p === '' ? null : textures.get(p)));
  }
}
