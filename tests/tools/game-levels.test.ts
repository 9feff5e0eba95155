// The generated levels of issue 7: the stress level of the `game` benchmark (tools/assets/levels) and
// the synthetic "REZ like the original" of the bring-your-own path (tools/assets/original-like). Both
// are opened with the engine's own readers: the archive's directory names, the WWD's header strings,
// logic names and image sets, every image set and ANI a level names present and decodable, every
// object standing on solid ground, and the bytes the same on every run. The generators get the engine
// sources' decoders (the same core as the other engine tests, build/wasm).
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Formats, sourceFromBytes, type RezArchive, type WwdLevel, type WwdPlane } from '../../engine/index.js';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

import { demoFiles, readDemoSource } from '../../tools/assets/levels/demo-source.js';
import { main as stressMain } from '../../tools/assets/levels/main.js';
import { FLOOR_ROWS, stressLayout, stressLevelSpec } from '../../tools/assets/levels/stress-level.js';
import { makeStressRez } from '../../tools/assets/levels/stress-rez.js';
import { UNSUPPORTED_LOGICS } from '../../tools/assets/original-like/level.js';
import { main as originalMain } from '../../tools/assets/original-like/main.js';
import { makeOriginalLikeRez, ORIGINAL_LEVELS } from '../../tools/assets/original-like/make.js';
import { ORIGINAL_SETS, setDirectory } from '../../tools/assets/original-like/sets.js';

let formats: Formats;
const dirs: string[] = [];
beforeAll(async () => {
  formats = await Formats.load();
});
afterAll(() => {
  formats.dispose();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'oc-levels-'));
  dirs.push(d);
  return d;
};
const WWD = '/LEVEL1/WORLDS/WORLD.WWD';
/** Demo ACTION tiles an object may stand on: grass (1-3), dirt, stone, brick. */
const SOLID = new Set([1, 2, 3, 4, 5, 6]);
const LADDER = 8;

async function open(bytes: Uint8Array): Promise<{ rez: RezArchive; level: WwdLevel; main: WwdPlane }> {
  const rez = await formats.openRez(sourceFromBytes(bytes, 'generated.rez'));
  const level = await formats.readWwd(await rez.read(WWD));
  const main = level.planes.find((p) => (p.flags & 1) !== 0);
  if (main === undefined) throw new Error('no main plane');
  return { rez, level, main };
}

function names(rez: RezArchive, dir: string): string[] {
  return rez.list(dir).map((e) => e.name.toUpperCase());
}

/** Quiet CLI run: what it wrote to stderr and its exit code. */
async function quietly(run: () => Promise<number>): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
  try {
    return { code: await run(), stderr };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

describe('stress level', () => {
  const demo = readDemoSource().level;

  it('has the number of objects asked for, on four floors, the last one the level end', () => {
    for (const entities of [1, 7, 2000]) {
      const spec = stressLevelSpec({ demo, entities });
      const main = spec.planes.find((p) => (p.flags & 1) !== 0)!;
      expect(main.objects).toHaveLength(entities);
      expect(main.objects.at(-1)!.logic).toBe('LevelEnd');
      expect(new Set(main.objects.map((o) => o.id)).size).toBe(entities);
    }
    const layout = stressLayout(2000);
    expect(new Set(layout.floors)).toEqual(new Set([0, 1, 2, 3]));
    expect(() => stressLevelSpec({ demo, entities: 0 })).toThrow(RangeError);
    expect(() => stressLevelSpec({ demo, entities: 3001 })).toThrow(RangeError);
  });

  it('stands every object on a solid tile, none on a ladder, every patrol inside the level', () => {
    const spec = stressLevelSpec({ demo, entities: 2000 });
    const main = spec.planes.find((p) => (p.flags & 1) !== 0)!;
    const tile = (x: number, y: number) => main.tiles[y * main.tilesX + x]!;
    const counts = new Map<string, number>();
    for (const o of main.objects) {
      counts.set(o.logic, (counts.get(o.logic) ?? 0) + 1);
      const tx = Math.floor(o.x / 64);
      // The frame's bottom row is the floor's surface: the tile just below the centre + half height.
      const below = FLOOR_ROWS.find((row) => row * 64 > o.y && row * 64 - o.y <= 40);
      expect(below, `object ${o.id} (${o.logic}) at y ${o.y}`).toBeDefined();
      expect(SOLID.has(tile(tx, below!)), `object ${o.id} at tile ${tx},${below}`).toBe(true);
      expect(tile(tx, below! - 1)).toBe(-1);
      if (o.minX !== 0 || o.maxX !== 0) {
        expect(o.minX).toBeLessThan(o.maxX);
        expect(o.minX).toBeGreaterThanOrEqual(64);
        expect(o.maxX).toBeLessThanOrEqual((main.tilesX - 1) * 64);
      }
    }
    expect(new Set(main.objects.filter((o) => o.logic === 'Crate').map((o) => o.powerup))).toEqual(new Set([0, 1, 2, 3]));
    expect(new Set(main.objects.filter((o) => o.logic === 'Treasure').map((o) => o.imageSet))).toEqual(new Set(['LEVEL_COIN', 'LEVEL_GEM', 'LEVEL_CHALICE']));
    expect(counts).toEqual(new Map([['Crate', 500], ['Treasure', 900], ['Crab', 300], ['RatGuard', 200], ['Checkpoint', 99], ['LevelEnd', 1]]));
    // Ladders join every tier to the floor below it.
    for (let floor = 1; floor < FLOOR_ROWS.length; floor++) {
      const row = FLOOR_ROWS[floor]!;
      const ladders = Array.from({ length: main.tilesX }, (_, x) => x).filter((x) => tile(x, row) === LADDER);
      expect(ladders.length).toBeGreaterThan(0);
      for (const x of ladders) expect(tile(x, FLOOR_ROWS[floor - 1]!)).not.toBe(LADDER);
    }
    // The player starts on the ground, inside the walls.
    expect(tile(Math.floor(spec.startX / 64), FLOOR_ROWS[0])).toBe(1);
    expect(FLOOR_ROWS[0] * 64 - spec.startY).toBe(36);
  });

  it('widens the Front plane with the Action plane (125% parallax) and keeps the demo background', () => {
    const spec = stressLevelSpec({ demo, entities: 2000 });
    const [back, action, front] = spec.planes;
    expect(action!.tilesX).toBeGreaterThan(120);
    expect(front!.tilesX).toBe(Math.ceil(action!.tilesX * 1.25));
    expect(back).toMatchObject({ tilesX: demo.planes[0]!.tilesX, tilesY: demo.planes[0]!.tilesY });
    expect(Array.from(back!.tiles)).toEqual(Array.from(demo.planes[0]!.tiles));
  });

  it('packs into an archive that is demo.rez with only WORLD.WWD replaced, the same bytes every run', async () => {
    const a = makeStressRez(formats, { entities: 2000 });
    const b = makeStressRez(formats, { entities: 2000 });
    expect(sha(a)).toBe(sha(b));
    const { rez, level, main } = await open(a);
    try {
      expect(level.header.levelName).toBe('Stress - 2000 entities');
      expect(main.objects).toHaveLength(2000);
      expect(main.tilesX * main.tilesY).toBe(main.tiles.length);
      expect(level.tileDescriptions).toHaveLength(demo.tiles.length);
      const demoList = demoFiles(formats);
      expect([...rez.files()].map((f) => f.path).sort()).toEqual(demoList.map((f) => f.path).sort());
      for (const f of demoList) {
        if (f.path === WWD) continue;
        if (f.path.endsWith('.PAL') || f.path.includes('/IMAGES/PLAYER/') || f.path.endsWith('WALK.ANI')) {
          expect(sha(await rez.read(f.path)), f.path).toBe(sha(f.bytes));
        }
      }
    } finally {
      rez.close();
    }
  });

  it('the command line writes the archive, and refuses a bad count', async () => {
    const out = join(tmp(), 'stress-level.rez');
    expect((await quietly(() => stressMain(['--out', out, '--entities', '50', '--quiet'], { loadFormats: async () => formats }))).code).toBe(0);
    const { rez, main } = await open(new Uint8Array(readFileSync(out)));
    rez.close();
    expect(main.objects).toHaveLength(50);
    const bad = await quietly(() => stressMain(['--out', out, '--entities', 'many']));
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('--entities');
  });
});

describe('REZ like the original', () => {
  let bytes: Uint8Array;
  beforeAll(async () => {
    bytes = await makeOriginalLikeRez({ formats });
  });

  it('has the original header text and directory names', async () => {
    expect(new TextDecoder('latin1').decode(bytes.subarray(0, 16))).toBe('RezMgr Version 1');
    const { rez } = await open(bytes);
    try {
      const root = names(rez, '/');
      for (const dir of ['CLAW', 'GAME', 'STATES', ...Array.from({ length: ORIGINAL_LEVELS }, (_, i) => `LEVEL${i + 1}`)]) {
        expect(root, dir).toContain(dir);
      }
      expect(names(rez, '/LEVEL1')).toEqual(expect.arrayContaining(['IMAGES', 'ANIS', 'TILES', 'PALETTES', 'WORLDS']));
      expect(names(rez, '/LEVEL1/TILES')).toEqual(expect.arrayContaining(['BACK', 'ACTION', 'FRONT']));
      expect(rez.stat('/LEVEL1/PALETTES/MAIN.PAL').size).toBe(768);
      expect(names(rez, '/LEVEL1/IMAGES')).toEqual(expect.arrayContaining(['OFFICER', 'SOLDIER', 'RAT', 'CRATES']));
      expect(names(rez, '/GAME/IMAGES/TREASURE')).toEqual(expect.arrayContaining(['COINS', 'GEMS', 'CHALICES']));
      // The player's frames are the set CLAW: /CLAW/IMAGES/ itself.
      expect(rez.list('/CLAW/IMAGES').filter((e) => !e.isDirectory)).toHaveLength(23);
      expect(rez.has('/CLAW/ANIS/RUN.ANI')).toBe(true);
    } finally {
      rez.close();
    }
  });

  it('holds a Level 1 WWD with the original header strings, logic names and image sets', async () => {
    const { rez, level, main } = await open(bytes);
    rez.close();
    expect(level.header).toMatchObject({
      levelName: 'Claw - Level 1', imageDirectory: '\\LEVEL1\\TILES', palettePath: '\\LEVEL1\\PALETTES\\MAIN.PAL',
    });
    expect(level.header.prefixes.slice(0, 3)).toEqual(['LEVEL', 'GAME', 'CLAW']);
    expect(level.header.imageSets.slice(0, 3)).toEqual(['\\LEVEL1\\IMAGES', '\\GAME\\IMAGES', '\\CLAW\\IMAGES']);
    expect(level.planes.map((p) => p.name)).toEqual(['Background', 'Action', 'Front']);
    const logics = new Set(main.objects.map((o) => o.logic));
    for (const logic of [
      'Officer', 'Soldier', 'Rat', 'TreasurePowerup', 'GlitterlessPowerup', 'Crate', 'FrontCrate', 'Checkpoint',
      'SuperCheckpoint', 'EndOfLevelPowerup', 'AmbientSound', 'BehindCandy', 'FrontCandy', 'TogglePeg', 'Elevator',
    ]) expect(logics, logic).toContain(logic);
    // The demo's own names are gone: a reader must go by the original's.
    for (const logic of ['Treasure', 'Crab', 'RatGuard', 'LevelEnd']) expect(logics).not.toContain(logic);
    expect(main.objects.filter((o) => (UNSUPPORTED_LOGICS as readonly string[]).includes(o.logic))).toHaveLength(UNSUPPORTED_LOGICS.length);
    expect(main.objects.filter((o) => o.logic.endsWith('Powerup') && o.logic !== 'EndOfLevelPowerup').every((o) => o.score === 0)).toBe(true);
  });

  it('has every image set an object or ANI names, decodable with the level palette', async () => {
    const { rez, main } = await open(bytes);
    try {
      const palette = formats.readPalette(await rez.read('/LEVEL1/PALETTES/MAIN.PAL'));
      const named = new Set(main.objects.map((o) => o.imageSet));
      for (const e of [...rez.files()].filter((f) => f.path.endsWith('.ANI'))) named.add(formats.readAni(await rez.read(e.path)).imageSet);
      expect(named).toEqual(new Set(ORIGINAL_SETS.map((s) => s.name)));
      for (const set of named) {
        const frame = await rez.read(`${setDirectory(set)}/FRAME001.PID`);
        const image = formats.decodePid(frame, palette);
        expect(image.width * image.height, set).toBeGreaterThan(0);
      }
    } finally {
      rez.close();
    }
  });

  it('is the same bytes every run; the command line writes it', async () => {
    expect(sha(await makeOriginalLikeRez({ formats }))).toBe(sha(bytes));
    const out = join(tmp(), 'CLAW.REZ');
    expect((await quietly(() => originalMain([out, '--quiet'], { formats }))).code).toBe(0);
    expect(sha(new Uint8Array(readFileSync(out)))).toBe(sha(bytes));
    const bad = await quietly(() => originalMain([]));
    expect(bad.code).toBe(2);
    expect(existsSync(`${out}.partial`)).toBe(false);
  });
});
