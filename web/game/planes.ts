// The level's tile planes drawn with pixi: each plane is a grid of sprites one tile larger than the
// view, shifted by the camera's sub-tile offset, with the plane's parallax (movementPercent) and its
// wrapping. Sprites are re-bound (tile id -> texture) only when the camera crosses a tile boundary or
// textures arrive (LevelTextures.generation), so a steady frame moves two containers and nothing else.
// Planes before the main plane go behind the entities, planes after it in front (the original's order).
import { Container, Sprite, Texture } from 'pixi.js';

import type { WwdLevel, WwdPlane } from '../../engine/index.js';
import type { Camera } from './camera.js';
import { pathKey, type LevelTextures } from './textures.js';

const FLAG_NO_DRAW = 2;
const FLAG_WRAP_X = 4;
const FLAG_WRAP_Y = 8;
/** Tile sizes the renderer draws (the original's are 64; anything else is a damaged or foreign level). */
export const MIN_TILE = 8;
export const MAX_TILE = 1024;

function tileSizeOk(size: number): boolean {
  return Number.isInteger(size) && size >= MIN_TILE && size <= MAX_TILE;
}

class PlaneView {
  readonly container = new Container();
  private readonly cells: Sprite[] = [];
  private readonly cols: number;
  private readonly rows: number;
  /**
   * Texture per tile id, re-read when the texture store's generation changes. A Map, not an array
   * indexed by id: a level's ids are few but may be huge numbers (an array would be that long).
   */
  private readonly byId = new Map<number, Texture | null>();
  /** The distinct tile ids of the plane and their image paths' keys (made once: a rebind walks only these). */
  private readonly ids: Int32Array;
  private readonly paths: string[];
  private lastTx = Number.NaN;
  private lastTy = Number.NaN;
  private lastGen = -1;

  constructor(
    readonly plane: WwdPlane,
    path: (id: number) => string,
    viewWidth: number,
    viewHeight: number,
  ) {
    const distinct = new Set<number>();
    for (const id of plane.tiles) if (id >= 0) distinct.add(id);
    this.ids = Int32Array.from([...distinct].sort((a, b) => a - b));
    this.paths = Array.from(this.ids, (id) => pathKey(path(id)));
    this.cols = Math.ceil(viewWidth / plane.tileWidth) + 1;
    this.rows = Math.ceil(viewHeight / plane.tileHeight) + 1;
    for (let r = 0; r < this.rows; r++) {
      for (let c = 0; c < this.cols; c++) {
        const s = new Sprite(Texture.EMPTY);
        s.position.set(c * plane.tileWidth, r * plane.tileHeight);
        s.visible = false;
        s.roundPixels = true;
        this.cells.push(s);
        this.container.addChild(s);
      }
    }
  }

  /** Re-reads the texture of every tile id the plane uses (textures came or went): no allocation. */
  rebindTextures(textures: LevelTextures): void {
    const ids = this.ids;
    for (let k = 0; k < ids.length; k++) this.byId.set(ids[k]!, textures.byKey(this.paths[k]!));
  }

  update(camera: Camera, textures: LevelTextures): void {
    const p = this.plane;
    const ox = Math.floor((camera.x * p.movementPercentX) / 100);
    const oy = Math.floor((camera.y * p.movementPercentY) / 100);
    const tx0 = Math.floor(ox / p.tileWidth);
    const ty0 = Math.floor(oy / p.tileHeight);
    this.container.position.set(tx0 * p.tileWidth - ox, ty0 * p.tileHeight - oy);
    const gen = textures.generation;
    if (gen !== this.lastGen) {
      this.rebindTextures(textures);
      this.lastGen = gen;
    } else if (tx0 === this.lastTx && ty0 === this.lastTy) {
      return;
    }
    this.lastTx = tx0;
    this.lastTy = ty0;
    const wrapX = (p.flags & FLAG_WRAP_X) !== 0;
    const wrapY = (p.flags & FLAG_WRAP_Y) !== 0;
    let k = 0;
    for (let r = 0; r < this.rows; r++) {
      let ty = ty0 + r;
      if (wrapY) ty = ((ty % p.tilesY) + p.tilesY) % p.tilesY;
      for (let c = 0; c < this.cols; c++, k++) {
        const cell = this.cells[k]!;
        let tx = tx0 + c;
        if (wrapX) tx = ((tx % p.tilesX) + p.tilesX) % p.tilesX;
        const id = tx >= 0 && ty >= 0 && tx < p.tilesX && ty < p.tilesY ? p.tiles[ty * p.tilesX + tx]! : -1;
        const texture = id >= 0 ? this.byId.get(id) ?? null : null;
        if (texture === null) {
          cell.visible = false;
        } else {
          if (cell.texture !== texture) cell.texture = texture;
          cell.visible = true;
        }
      }
    }
  }

  /** Forces a full re-bind on the next update (a texture was destroyed, the level changed). */
  invalidate(): void {
    this.lastGen = -1;
  }
}

export class TilePlanes {
  /** Planes behind the entities (the main plane included) and in front of them. */
  readonly back = new Container();
  readonly front = new Container();
  private readonly views: PlaneView[] = [];
  /** One message per drawn plane that is not shown (a tile size the renderer refuses). */
  readonly refused: string[] = [];

  constructor(level: WwdLevel, main: number, tilePath: (plane: number, id: number) => string, viewWidth: number, viewHeight: number) {
    level.planes.forEach((plane, index) => {
      if ((plane.flags & FLAG_NO_DRAW) !== 0 || plane.tilesX <= 0 || plane.tilesY <= 0) return;
      // A plane's sprite grid is the view divided by its tile size: a size of 0 would make it infinite,
      // a tiny one huge. Such a plane is left out (and said so); the level plays without it.
      if (!tileSizeOk(plane.tileWidth) || !tileSizeOk(plane.tileHeight)) {
        this.refused.push(
          `Plane ${index} ("${plane.name}") is not drawn: its tile size ${plane.tileWidth}×${plane.tileHeight} is outside ${MIN_TILE}..${MAX_TILE} px.`,
        );
        return;
      }
      const view = new PlaneView(plane, (id) => tilePath(index, id), viewWidth, viewHeight);
      this.views.push(view);
      (index <= main ? this.back : this.front).addChild(view.container);
    });
  }

  update(camera: Camera, textures: LevelTextures): void {
    for (let i = 0; i < this.views.length; i++) this.views[i]!.update(camera, textures);
  }

  invalidate(): void {
    for (const v of this.views) v.invalidate();
  }

  destroy(): void {
    this.back.destroy({ children: true });
    this.front.destroy({ children: true });
  }
}
