// levelAssets over the demo level: the first playable frame's set and the rest by distance.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { cameraAt, forEachScreenTile, levelAssets, type LevelAssets } from '../../../engine/game/level-assets.js';
import { openLevel, type LevelSource } from '../../../engine/game/level-source.js';
import type { WwdPlane } from '../../../engine/streaming/formats/types.js';
import { openDemo, type DemoArchive } from './support/demo-rez.js';

let demo: DemoArchive;
let level: LevelSource;
let assets: LevelAssets;

beforeAll(async () => {
  demo = await openDemo();
  level = await openLevel(demo.archive, demo.formats);
  assets = levelAssets(level, { archive: 'demo.rez' });
});
afterAll(() => demo?.close());

function grid(tilesX: number, tilesY: number, flags = 0, percent = 100): WwdPlane {
  const tiles = new Int32Array(tilesX * tilesY).map((_, i) => i);
  return {
    tilesX, tilesY, tileWidth: 64, tileHeight: 64, pixelWidth: tilesX * 64, pixelHeight: tilesY * 64, flags,
    movementPercentX: percent, movementPercentY: percent, tiles,
  } as unknown as WwdPlane;
}

describe('screen geometry', () => {
  it('the camera centres on a point and stays inside the plane', () => {
    expect(cameraAt(grid(120, 24), 224, 1116, 640, 480)).toEqual({ x: 0, y: 1116 - 240 }); // x clamped at the left edge
    expect(cameraAt(grid(120, 24), 4000, 600, 640, 480)).toEqual({ x: 3680, y: 360 });
    expect(cameraAt(grid(120, 24), 7600, 1500, 640, 480)).toEqual({ x: 7680 - 640, y: 1536 - 480 });
  });

  it('a screen sees 11 x 8 cells when not aligned, 10 x 8 when aligned; parallax scales the offset; wraps repeat', () => {
    const seen: number[] = [];
    forEachScreenTile(grid(120, 24), 32, 32, 640, 480, (t) => seen.push(t));
    expect(seen.length).toBe(11 * 8);
    seen.length = 0;
    forEachScreenTile(grid(120, 24), 640, 0, 640, 480, (t) => seen.push(t));
    expect(seen.length).toBe(80);
    expect(seen[0]).toBe(10);
    seen.length = 0;
    forEachScreenTile(grid(120, 24, 0, 50), 640, 0, 640, 480, (t) => seen.push(t)); // offset 320 px = 5 tiles
    expect(seen[0]).toBe(5);
    seen.length = 0;
    forEachScreenTile(grid(4, 8, 4), 128, 0, 640, 64, (_tile, col) => seen.push(col)); // x-wrap: columns repeat
    expect(seen).toEqual([2, 3, 0, 1, 2, 3, 0, 1, 2, 3]);
  });
});

describe('levelAssets (demo level 1)', () => {
  it('the first frame has the palette, the player, the tiles around the start and the objects there', () => {
    const paths = assets.firstFrame.map((a) => a.path);
    expect(paths[0]).toBe('/LEVEL1/PALETTES/MAIN.PAL');
    expect(paths).toContain('/LEVEL1/IMAGES/PLAYER/FRAME001.PID');
    expect(paths).toContain('/LEVEL1/ANIS/PLAYER_RUN.ANI');
    expect(paths).toContain('/LEVEL1/IMAGES/CRATE/FRAME001.PID'); // crates at x 480, 544 are on the first screen
    expect(paths).toContain('/LEVEL1/IMAGES/COIN/FRAME001.PID'); // what those crates drop
    expect(paths).toContain('/LEVEL1/ANIS/COIN_SPIN.ANI');
    expect(paths).not.toContain('/LEVEL1/IMAGES/RATGUARD/FRAME001.PID'); // the first is at x 3424
    expect(paths.some((p) => p.startsWith('/LEVEL1/TILES/ACTION/'))).toBe(true);
    expect(paths.some((p) => p.startsWith('/LEVEL1/TILES/BACK/'))).toBe(true);
    expect(assets.firstFrame.every((a) => a.request.priority === 'frame')).toBe(true);
    const tile = assets.firstFrame.find((a) => a.kind === 'tile')!;
    expect(tile.request).toMatchObject({ decode: 'image', source: { archive: 'demo.rez' }, palette: { archive: 'demo.rez', path: '/LEVEL1/PALETTES/MAIN.PAL' } });
  });

  it('the rest holds every other file the level uses, once, nearest first, with lower priorities', () => {
    const first = new Set(assets.firstFrame.map((a) => a.path));
    const rest = assets.rest.map((a) => a.path);
    expect(new Set(rest).size).toBe(rest.length);
    expect(rest.some((p) => first.has(p))).toBe(false);
    expect(rest).toContain('/LEVEL1/IMAGES/RATGUARD/FRAME001.PID');
    expect(rest).toContain('/LEVEL1/ANIS/RATGUARD_WALK.ANI');
    for (let i = 1; i < assets.rest.length; i++) expect(assets.rest[i]!.distance).toBeGreaterThanOrEqual(assets.rest[i - 1]!.distance);
    expect(new Set(assets.rest.map((a) => a.request.priority))).toEqual(new Set(['area', 'background']));
    const firstBackground = assets.rest.findIndex((a) => a.request.priority === 'background');
    expect(assets.rest.slice(firstBackground).every((a) => a.request.priority === 'background')).toBe(true);
    // Every tile the three planes use appears in one of the lists.
    const all = new Set([...first, ...rest]);
    for (const [p, pl] of level.wwd.planes.entries()) for (const id of pl.tiles) if (id >= 0) expect(all.has(level.tilePath(p, id))).toBe(true);
  });

  it("byte totals match the archive's sizes, and the first frame is a part of the level", () => {
    const size = (p: string): number => demo.archive.stat(p).size;
    expect(assets.firstFrameBytes).toBe(assets.firstFrame.reduce((s, a) => s + size(a.path), 0));
    expect(assets.totalBytes).toBe(assets.firstFrameBytes + assets.rest.reduce((s, a) => s + size(a.path), 0));
    expect(assets.firstFrameBytes).toBeLessThan(assets.totalBytes * 0.75);
    expect(assets.firstFrameBytes).toBeGreaterThan(0);
  });

  it('a larger screen takes more into the first frame', () => {
    const wide = levelAssets(level, { archive: 'demo.rez', screenWidth: 1280, screenHeight: 720 });
    expect(wide.firstFrame.length).toBeGreaterThan(assets.firstFrame.length);
    expect(wide.totalBytes).toBe(assets.totalBytes);
  });
});
