// openLevel over the demo archive and the original's path rules (a synthetic header for the prefixes).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  archivePath, imageSetCandidates, mainPlaneIndex, openLevel, planeFolder, type LevelSource,
} from '../../../engine/game/level-source.js';
import { EntryNotFoundError } from '../../../engine/streaming/formats/errors.js';
import type { WwdLevel, WwdPlane } from '../../../engine/streaming/formats/types.js';
import { openDemo, type DemoArchive } from './support/demo-rez.js';

let demo: DemoArchive;
let level: LevelSource;

beforeAll(async () => {
  demo = await openDemo();
  level = await openLevel(demo.archive, demo.formats, 1);
});
afterAll(() => demo?.close());

function plane(name: string, flags: number, imageSets: string[] = []): WwdPlane {
  return { name, flags, imageSets } as unknown as WwdPlane;
}

function levelWith(planes: WwdPlane[], prefixes: string[] = [], imageSets: string[] = []): WwdLevel {
  return { header: { prefixes, imageSets }, planes, tileDescriptions: [] } as unknown as WwdLevel;
}

describe('openLevel (demo.rez level 1)', () => {
  it('reads the WWD and names its main plane', () => {
    expect(level.wwdPath).toBe('/LEVEL1/WORLDS/WORLD.WWD');
    expect(level.wwd.header.levelName).toBe('Demo - Level 1');
    expect(level.mainPlane).toBe(1);
    expect(level.wwd.planes[level.mainPlane]!.objects.length).toBe(48);
    expect(level.raw.length).toBe(demo.archive.stat('/LEVEL1/WORLDS/WORLD.WWD').size);
  });

  it('resolves the palette, tiles, image sets and animations to files of the archive', () => {
    expect(level.palettePath).toBe('/LEVEL1/PALETTES/MAIN.PAL');
    expect(level.tilePath(0, 7)).toBe('/LEVEL1/TILES/BACK/007.PID');
    expect(level.tilePath(1, 12)).toBe('/LEVEL1/TILES/ACTION/012.PID');
    expect(level.tilePath(2, 1)).toBe('/LEVEL1/TILES/FRONT/001.PID');
    expect(level.imageSetDir('LEVEL_CRAB')).toBe('/LEVEL1/IMAGES/CRAB');
    expect(level.imageSetDir('level_crate')).toBe('/LEVEL1/IMAGES/crate'); // the name's spelling; lookups ignore case
    expect(level.playerSet).toBe('LEVEL_PLAYER');
    expect(level.imageSetFrames('LEVEL_PLAYER').map((e) => e.name)).toEqual(
      Array.from({ length: 23 }, (_, i) => `FRAME${String(i + 1).padStart(3, '0')}.PID`),
    );
    expect(level.imageSetFrames('LEVEL_NOSUCHSET')).toEqual([]);
    expect(level.aniPath('PLAYER_RUN')).toBe('/LEVEL1/ANIS/PLAYER_RUN.ANI');
    expect(demo.archive.has(level.aniPath('PLAYER_RUN'))).toBe(true);
    expect(level.setAnis('LEVEL_CRAB').map((e) => e.name)).toEqual(['CRAB_ATTACK.ANI', 'CRAB_WALK.ANI']);
    expect(level.setAnis('LEVEL_PLAYER').length).toBe(5);
  });

  it('every tile of every plane and every object image set exists in the archive', () => {
    for (const [p, pl] of level.wwd.planes.entries()) {
      for (const id of new Set(pl.tiles)) if (id >= 0) expect(demo.archive.has(level.tilePath(p, id)), level.tilePath(p, id)).toBe(true);
    }
    for (const o of level.wwd.planes[level.mainPlane]!.objects) expect(level.imageSetFrames(o.imageSet).length, o.imageSet).toBeGreaterThan(0);
  });

  it('a level the archive lacks is EntryNotFoundError; a level number must be >= 1', async () => {
    await expect(openLevel(demo.archive, demo.formats, 2)).rejects.toBeInstanceOf(EntryNotFoundError);
    await expect(openLevel(demo.archive, demo.formats, 0)).rejects.toBeInstanceOf(RangeError);
  });
});

describe('path rules', () => {
  it('archivePath turns WWD paths into archive paths', () => {
    expect(archivePath('\\LEVEL1\\TILES')).toBe('/LEVEL1/TILES');
    expect(archivePath('LEVEL1/PALETTES/MAIN.PAL')).toBe('/LEVEL1/PALETTES/MAIN.PAL');
    expect(archivePath('\\\\GAME\\IMAGES\\')).toBe('/GAME/IMAGES');
  });

  it('the main plane: flag 1, else "Action", else plane 1 of 3, else 0', () => {
    expect(mainPlaneIndex(levelWith([plane('A', 0), plane('B', 0), plane('C', 1)]))).toBe(2);
    expect(mainPlaneIndex(levelWith([plane('Back', 0), plane('action', 0)]))).toBe(1);
    expect(mainPlaneIndex(levelWith([plane('x', 0), plane('y', 0), plane('z', 0)]))).toBe(1);
    expect(mainPlaneIndex(levelWith([plane('x', 0), plane('y', 0)]))).toBe(0);
  });

  it("a plane's tile folder is its image set, else its name's", () => {
    expect(planeFolder(plane('Action', 1, ['ACTION']))).toBe('ACTION');
    expect(planeFolder(plane('Background', 0))).toBe('BACK');
    expect(planeFolder(plane('Front', 0, ['']))).toBe('FRONT');
  });

  it("image set names follow the header's prefixes, then the original's", () => {
    const wwd = levelWith([], ['LEVEL', 'GAME', '', ''], ['\\LEVEL3\\IMAGES', '\\GAME\\IMAGES', '', '']);
    expect(imageSetCandidates(wwd, 3, 'LEVEL_OFFICER')[0]).toBe('/LEVEL3/IMAGES/OFFICER');
    expect(imageSetCandidates(wwd, 3, 'GAME_TREASURE_COINS').slice(0, 2)).toEqual(['/GAME/IMAGES/TREASURE/COINS', '/GAME/IMAGES/TREASURE_COINS']);
    expect(imageSetCandidates(wwd, 3, 'CLAW_IMAGES')).toContain('/CLAW/IMAGES');
    expect(imageSetCandidates(wwd, 3, 'CLAW')[0]).toBe('/CLAW/IMAGES'); // a prefix alone is its directory
    // Without header prefixes, LEVEL_ is the level's own directory.
    expect(imageSetCandidates(levelWith([]), 5, 'LEVEL_RAT')[0]).toBe('/LEVEL5/IMAGES/RAT');
  });
});
