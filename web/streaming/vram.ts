// The VRAM budget page (issue 6): LEVEL1's tile planes drawn with pixi sprites whose textures come from
// the streamer through the TextureBridge, scrolled across the level. The VRAM budget is the most tiles
// any one view shows (so the visible, pinned tiles always fit), which is less than the level's tile
// textures: scrolling must evict. Each step releases the tiles that left the view first, then pins
// and textures the new ones, renders, and records what the cache and the bridge report.
// tests/e2e/vram-budget.spec.ts calls window.vramPage.run() and asserts on every step.
import { Application, Container, Sprite, Texture } from 'pixi.js';

import { createEngine, type Engine } from '../../engine/index.js';
import type { Asset } from '../../engine/streaming/asset.js';
import { AssetStreamer } from '../../engine/streaming/asset-streamer.js';
import { Formats } from '../../engine/streaming/formats/formats.js';
import { sourceFromUrl } from '../../engine/streaming/formats/sources.js';
import type { WwdLevel } from '../../engine/streaming/formats/types.js';
import { TextureBridge } from '../../engine/streaming/pixi/texture-bridge.js';
import { mountOverlay } from '../overlay/index.js';
import { coreWasm, decodeWorkers, describeError, publicUrl, setStatus, workerCount } from './page.js';
import { drawnPlanes, visibleTiles, type DrawnPlane } from './tile-view.js';

const WORLD = '/LEVEL1/WORLDS/WORLD.WWD';
const PALETTE = '/LEVEL1/PALETTES/MAIN.PAL';
/** The viewport: 5 x 4 tiles of 64 px (the original game's low resolution, about). */
const VIEW_W = 320;
const VIEW_H = 256;

export interface VramOptions {
  /** Camera step in pixels; default 64 (one tile column). */
  stepPx?: number;
  /** Scroll back to the start after reaching the end; default true (reloads evicted tiles). */
  back?: boolean;
}

export interface VramStep {
  step: number;
  cameraX: number;
  visible: number;
  pinned: number;
  vramBytes: number;
  vramBudget: number;
  liveTextures: number;
  /** Cache entries (of every tile id the page ever used) whose gpuBytes > 0. */
  texturedEntries: number;
  bridgeGpuBytes: number;
  evictions: number;
  /** Sprites drawing a texture that was destroyed (must stay 0). */
  destroyedDrawn: number;
  /**
   * Ids (of every tile id the page ever used) where the cache and the bridge disagree: an entry with
   * gpuBytes > 0 and no live bridge texture, a live bridge texture for an entry with none or for an id
   * the cache no longer holds, or a destroyed texture the bridge still hands out (must stay empty).
   */
  mismatchedIds: string[];
  /** Ids the page knows whose bridge texture is live: equals liveTextures when the bridge holds no other. */
  bridgedKnownIds: number;
  /** On the first and the last step: opaque pixels of the drawn planes (read back from the GPU); else null. */
  opaquePixels: number | null;
}

export interface VramResult {
  viewport: { width: number; height: number; cameraY: number };
  tileBytes: number;
  vramBudget: number;
  /** GPU bytes of every distinct tile the scroll shows (all planes), and of the Action plane's distinct tiles (all of it). */
  levelTileBytes: number;
  actionTileBytes: number;
  maxVisibleTiles: number;
  steps: VramStep[];
  cache: { evictions: number; evictedGpuBytes: number; vramPeak: number; hits: number; misses: number };
  stats: ReturnType<AssetStreamer['stats']>;
}

interface Level {
  level: WwdLevel;
  planes: DrawnPlane[];
  archive: string;
}

async function readLevel(): Promise<Level> {
  const formats = await Formats.load(coreWasm);
  try {
    const archive = publicUrl('demo.rez');
    const rez = await formats.openRez(await sourceFromUrl(archive));
    const level = await formats.readWwd(await rez.read(WORLD));
    rez.close();
    return { level, planes: drawnPlanes(level), archive };
  } finally {
    formats.dispose();
  }
}

function cameraPath(level: Level, stepPx: number, back: boolean): { xs: number[]; y: number } {
  const main = level.planes.find((p) => p.folder === 'ACTION')?.plane ?? level.planes[0]!.plane;
  const maxX = Math.max(0, main.tilesX * main.tileWidth - VIEW_W);
  const maxY = Math.max(0, main.tilesY * main.tileHeight - VIEW_H);
  const y = Math.min(maxY, Math.max(0, level.level.header.startY - VIEW_H / 2));
  const xs: number[] = [];
  for (let x = 0; x <= maxX; x += stepPx) xs.push(x);
  if (back) for (let i = xs.length - 2; i >= 0; i--) xs.push(xs[i]!);
  return { xs, y };
}

/** Opaque pixels of the stage as the GPU drew it (proves the textures reached the GPU, not only the cache). */
function countOpaque(app: Application): number {
  const { pixels } = app.renderer.extract.pixels(app.stage);
  let n = 0;
  for (let i = 3; i < pixels.length; i += 4) if (pixels[i] === 255) n++;
  return n;
}

async function run(options: VramOptions = {}): Promise<VramResult> {
  setStatus('running', 'reading the level…');
  const level = await readLevel();
  const { xs, y } = cameraPath(level, options.stepPx ?? 64, options.back ?? true);
  const views = xs.map((x) => visibleTiles(level.level, level.planes, x, y, VIEW_W, VIEW_H));
  const tile = level.planes[0]!.plane;
  const tileBytes = tile.tileWidth * tile.tileHeight * 4;
  const everyTile = new Set(views.flatMap((cells) => cells.map((c) => c.path)));
  const action = level.planes.find((p) => p.folder === 'ACTION')!.plane;
  const actionTiles = new Set([...action.tiles].filter((t) => t >= 0));
  const maxVisible = Math.max(...views.map((cells) => new Set(cells.map((c) => c.path)).size));
  const vramBudget = maxVisible * tileBytes;

  const engine: Engine = await createEngine({ wasm: coreWasm, assets: { bytes: 4 << 20, vramBudget } });
  const streamer = await AssetStreamer.create(engine, { workers: workerCount(), spawn: decodeWorkers(), wasm: coreWasm });
  const cache = engine.cache;
  const bridge = new TextureBridge(cache);
  const overlay = mountOverlay(engine, { open: true, streamer });
  const app = new Application();
  await app.init({ width: VIEW_W, height: VIEW_H, preference: 'webgl', autoStart: false, background: '#3c62ae' });
  document.getElementById('stage')!.append(app.canvas);
  const layers = level.planes.map(() => app.stage.addChild(new Container()));
  const sprites: Sprite[] = [];
  const held = new Map<string, Asset>();
  const ids = new Set<bigint>();
  const steps: VramStep[] = [];
  try {
    setStatus('running', `scrolling ${xs.length} steps…`);
    for (const [step, cells] of views.entries()) {
      const wanted = new Set(cells.map((c) => c.path));
      // Nothing may draw a texture whose pin is about to go: clear the sprites, then release.
      for (const s of sprites) {
        s.texture = Texture.EMPTY;
        s.visible = false;
      }
      for (const [path, asset] of held) {
        if (wanted.has(path)) continue;
        asset.release();
        held.delete(path);
      }
      await Promise.all([...wanted].filter((p) => !held.has(p)).map(async (path) => {
        const asset = await streamer.load({ source: { archive: level.archive, path }, palette: { archive: level.archive, path: PALETTE }, priority: 'frame' });
        held.set(path, asset);
        ids.add(asset.id);
      }));
      cells.forEach((cell, i) => {
        let sprite = sprites[i];
        if (sprite === undefined) sprites.push((sprite = new Sprite()));
        if (sprite.parent !== layers[cell.plane]) layers[cell.plane]!.addChild(sprite);
        sprite.texture = bridge.texture(held.get(cell.path)!);
        sprite.position.set(cell.x, cell.y);
        sprite.visible = true;
      });
      app.render();
      overlay.update();
      const opaquePixels = step === 0 || step === views.length - 1 ? countOpaque(app) : null;
      const s = cache.stats();
      let textured = 0;
      let bridged = 0;
      const mismatchedIds: string[] = [];
      for (const id of ids) {
        const info = cache.info(id);
        const gpu = (info?.gpuBytes ?? 0) > 0;
        const texture = bridge.peek(id);
        const live = texture !== null && !texture.destroyed;
        if (gpu) textured++;
        if (live) bridged++;
        if (gpu !== live || (texture !== null && (info === null || texture.destroyed))) {
          mismatchedIds.push(`${id.toString(16)}: cache ${info === null ? 'none' : `${info.gpuBytes} GPU bytes`}, bridge ${texture === null ? 'none' : texture.destroyed ? 'destroyed texture' : 'live texture'}`);
        }
      }
      steps.push({
        step, cameraX: xs[step]!, visible: wanted.size, pinned: s.pinned, vramBytes: s.vramBytes, vramBudget: s.vramBudget,
        liveTextures: bridge.liveTextures, texturedEntries: textured, bridgeGpuBytes: bridge.gpuBytes, evictions: s.evictions,
        destroyedDrawn: sprites.filter((sp) => sp.visible && sp.texture.destroyed).length, mismatchedIds,
        bridgedKnownIds: bridged, opaquePixels,
      });
    }
    const s = cache.stats();
    const result: VramResult = {
      viewport: { width: VIEW_W, height: VIEW_H, cameraY: y },
      tileBytes,
      vramBudget,
      levelTileBytes: everyTile.size * tileBytes,
      actionTileBytes: actionTiles.size * tileBytes,
      maxVisibleTiles: maxVisible,
      steps,
      cache: { evictions: s.evictions, evictedGpuBytes: s.evictedGpuBytes, vramPeak: s.vramPeak, hits: s.hits, misses: s.misses },
      stats: streamer.stats(),
    };
    const summary = document.querySelector('[data-testid="vram-summary"]');
    if (summary) summary.textContent = JSON.stringify({ vramBudget, maxVisible, steps: steps.length, ...result.cache }, null, 1);
    setStatus('done', `${steps.length} steps, ${s.evictions} evictions, VRAM peak ${s.vramPeak} of ${vramBudget} bytes`);
    return result;
  } finally {
    for (const s of sprites) s.texture = Texture.EMPTY;
    for (const asset of held.values()) asset.release();
    bridge.destroy();
    overlay.destroy();
    await streamer.close();
    app.destroy(true);
    engine.destroy();
  }
}

declare global {
  interface Window {
    vramPage: { run(options?: VramOptions): Promise<VramResult> };
  }
}

window.vramPage = {
  run: (options) => run(options).catch((err: unknown) => {
    setStatus('failed', describeError(err));
    throw err;
  }),
};
setStatus('ready', 'ready: window.vramPage.run()');
