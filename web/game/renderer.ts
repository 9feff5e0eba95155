// The game's picture: a pixi.js v8 Application of the original's 640x480 view, scaled by CSS to the
// window, with the level's tile planes, the entities and the camera. It reads the world through the
// game's views once per animation frame; it holds no game state, so a load or a rewind needs only
// invalidate() (textures and the camera are taken again from the views).
import { Application, Container } from 'pixi.js';

import type { EntityViews, WorldView } from '../../engine/index.js';
import { EntityKind } from '../../engine/index.js';
import { Camera } from './camera.js';
import type { TilePlanes } from './planes.js';
import type { EntitySprites } from './sprites.js';
import type { LevelTextures } from './textures.js';

export const VIEW_WIDTH = 640;
export const VIEW_HEIGHT = 480;

export interface LevelScene {
  planes: TilePlanes;
  sprites: EntitySprites;
  textures: LevelTextures;
  /** The main plane's size in pixels. */
  width: number;
  height: number;
}

export class GameRenderer {
  readonly camera = new Camera({ viewWidth: VIEW_WIDTH, viewHeight: VIEW_HEIGHT });
  private readonly layers = new Container();
  private scene: LevelScene | null = null;
  private snapNext = true;

  private constructor(readonly app: Application) {
    app.stage.addChild(this.layers);
  }

  static async create(parent: HTMLElement): Promise<GameRenderer> {
    const app = new Application();
    await app.init({
      width: VIEW_WIDTH,
      height: VIEW_HEIGHT,
      preference: 'webgl',
      background: '#5d86c9',
      antialias: false,
      autoStart: false,
      // The save menu draws the canvas into a thumbnail between frames.
      preserveDrawingBuffer: true,
      roundPixels: true,
    });
    app.canvas.dataset.testid = 'game-canvas';
    app.canvas.classList.add('game-canvas');
    parent.append(app.canvas);
    return new GameRenderer(app);
  }

  get canvas(): HTMLCanvasElement {
    return this.app.canvas;
  }

  setScene(scene: LevelScene | null): void {
    this.layers.removeChildren();
    this.scene = scene;
    if (scene !== null) {
      this.layers.addChild(scene.planes.back, scene.sprites.container, scene.planes.front);
      this.camera.setLevel(scene.width, scene.height);
    }
    this.snapNext = true;
  }

  /** The state was replaced (load, rewind): centre on the player again and re-read everything. */
  invalidate(): void {
    this.snapNext = true;
    this.scene?.planes.invalidate();
    this.scene?.sprites.invalidate();
  }

  render(world: WorldView, entities: EntityViews): void {
    const scene = this.scene;
    if (scene !== null && world.present) {
      const p = entities.find(EntityKind.Player);
      if (p >= 0) {
        const x = entities.x(p);
        const y = entities.y(p);
        if (this.snapNext) this.camera.snap(x, y);
        else this.camera.follow(x, y);
        this.snapNext = false;
      }
      scene.planes.update(this.camera, scene.textures);
      scene.sprites.update(entities, entities.count, this.camera, scene.textures, world.tick);
    }
    this.app.render();
  }

  destroy(): void {
    this.setScene(null);
    this.app.destroy(true, { children: true });
  }
}
