// The demo packer end to end: assets/ -> demo.rez, opened with the engine's own readers. Every file
// demo.json names is there and decodes back to exactly its source (PNG pixels, ANI frames, the
// level's planes, objects and tile attributes), and the content list holds.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats, sourceFromBytes, type Palette, type RezArchive, type WwdLevel } from '../../../engine/index.js';
import {
  assets, pack, sourceJson, workDir, type AniJson, type LevelJson, type TileDescriptionJson,
} from './build.js';

interface ManifestJson {
  palette: { rez: string };
  tiles: Record<string, { source: string; rez: string }>;
  images: { source: string; rez: string; sets: string[] };
  anis: { source: string; rez: string };
  levels: Array<{ rez: string }>;
}

const manifest = sourceJson<ManifestJson>('demo.json');
const level = sourceJson<LevelJson>('levels/LEVEL1.json');
const WWD_PATH = manifest.levels[0]!.rez;
const n3 = (n: number) => String(n).padStart(3, '0');
const pngs = (dir: string) => readdirSync(join(assets, dir)).filter((f) => /^\d{3}\.png$/.test(f)).sort();

/** REZ path -> its source PNG, for every PID demo.json implies (built from the directories, not the packer). */
function expectedPids(): Map<string, { png: string; kind: 'tile' | 'sprite' }> {
  const out = new Map<string, { png: string; kind: 'tile' | 'sprite' }>();
  for (const t of Object.values(manifest.tiles)) {
    for (const f of pngs(t.source)) out.set(`${t.rez}/${f.slice(0, 3)}.PID`, { png: `${t.source}/${f}`, kind: 'tile' });
  }
  for (const set of manifest.images.sets) {
    const dir = `${manifest.images.source}/${set}`;
    for (const f of pngs(dir)) out.set(`${manifest.images.rez}/${set}/FRAME${f.slice(0, 3)}.PID`, { png: `${dir}/${f}`, kind: 'sprite' });
  }
  return out;
}

const aniNames = readdirSync(join(assets, manifest.anis.source)).filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -5)).sort();

let formats: Formats;
let archive: RezArchive;
let palette: Palette;
let wwd: WwdLevel;
const dir = workDir();

beforeAll(async () => {
  const run = await pack(['--assets', assets, '--out', join(dir, 'demo.rez')]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  formats = await Formats.load();
  archive = await formats.openRez(sourceFromBytes(readFileSync(join(dir, 'demo.rez')), 'demo.rez'));
  palette = formats.readPalette(await archive.read(manifest.palette.rez));
  wwd = await formats.readWwd(await archive.read(WWD_PATH));
});

afterAll(() => {
  archive?.close();
  formats?.dispose();
});

describe('demo.rez', () => {
  it('holds exactly the files demo.json names', () => {
    const expected = [manifest.palette.rez, ...expectedPids().keys(), ...aniNames.map((n) => `${manifest.anis.rez}/${n}.ANI`), WWD_PATH];
    for (const path of expected) expect(archive.has(path), path).toBe(true);
    const packed = [...archive.files()].map((e) => e.path.toUpperCase()).sort();
    expect(packed).toEqual(expected.map((p) => p.toUpperCase()).sort());
    expect(packed.length).toBe(95);
  });

  it('has MAIN.PAL equal to palette.json', async () => {
    const colors = sourceJson<{ colors: string[] }>('palette.json').colors;
    const pal = await archive.read(manifest.palette.rez);
    expect(pal.length).toBe(768);
    const hex = Array.from({ length: 256 }, (_, i) => `#${[...pal.subarray(i * 3, i * 3 + 3)].map((b) => b.toString(16).padStart(2, '0')).join('')}`);
    expect(hex).toEqual(colors.map((c) => c.toLowerCase()));
  });

  it('decodes every PID with the palette to exactly its source PNG', async () => {
    for (const [path, { png, kind }] of expectedPids()) {
      const pid = await archive.read(path);
      const image = formats.decodePid(pid, palette);
      const source = PNG.sync.read(readFileSync(join(assets, png)));
      expect([image.width, image.height], path).toEqual([source.width, source.height]);
      expect([image.offsetX, image.offsetY], path).toEqual([0, 0]);
      expect(image.flags & 0x01, `${path} transparency`).toBe(0x01);
      if (kind === 'sprite') expect(image.flags & 0x20, `${path} compressed`).toBe(0x20);
      // Transparent pixels compare by alpha alone: a PNG's hidden RGB under alpha 0 carries nothing.
      const want = new Uint8Array(source.data);
      const got = image.rgba.slice();
      for (let p = 0; p < want.length; p += 4) {
        if (want[p + 3] === 0) want.fill(0, p, p + 3);
        if (got[p + 3] === 0) got.fill(0, p, p + 3);
      }
      expect(Buffer.compare(Buffer.from(got), Buffer.from(want)), `${path} pixels`).toBe(0);
    }
  });

  it('writes each ANI as its JSON says', async () => {
    expect(aniNames.length).toBe(13);
    for (const name of aniNames) {
      const json = sourceJson<AniJson>(`${manifest.anis.source}/${name}.json`);
      const ani = formats.readAni(await archive.read(`${manifest.anis.rez}/${name}.ANI`));
      expect(ani.imageSet, name).toBe(`LEVEL_${json.imageSet}`);
      expect(ani.frames, name).toEqual(json.frames.map((f) => ({
        imageId: f.image, durationMs: f.ms, eventFlag: f.event === undefined ? 0 : 2, event: f.event ?? null,
      })));
      // Each frame names an image that exists in the set's directory.
      for (const f of json.frames) expect(archive.has(`/LEVEL1/IMAGES/${json.imageSet}/FRAME${n3(f.image)}.PID`), `${name} ${f.image}`).toBe(true);
    }
    const attack = formats.readAni(await archive.read('/LEVEL1/ANIS/PLAYER_ATTACK.ANI'));
    expect(attack.frames[1]!.event).toBe('PLAYER_SWORD_HIT');
  });

  it('writes the level: header, three planes with their names, parallax, flags and tile grids', async () => {
    const raw = await archive.read(WWD_PATH);
    expect(raw.length).toBeLessThan(wwd.header.planesOffset + wwd.header.mainBlockLength); // really deflated
    expect(wwd.header).toMatchObject({
      signature: 1524, flags: 3, levelName: level.name, author: level.author, birth: level.birth,
      rezFile: 'DEMO.REZ', imageDirectory: '\\LEVEL1\\TILES', palettePath: '\\LEVEL1\\PALETTES\\MAIN.PAL',
      startX: level.start.x, startY: level.start.y, numPlanes: 3, planesOffset: 1524,
    });
    expect(wwd.header.imageSets[0]).toBe('\\LEVEL1\\IMAGES');
    expect(wwd.header.prefixes[0]).toBe('LEVEL');
    expect(wwd.planes.map((p) => p.name)).toEqual(['Background', 'Action', 'Front']);
    expect(wwd.planes.map((p) => [p.movementPercentX, p.movementPercentY])).toEqual([[50, 50], [100, 100], [125, 125]]);
    expect(wwd.planes.map((p) => p.flags)).toEqual([4, 1, 0]);
    expect(wwd.planes.map((p) => p.imageSets)).toEqual([['BACK'], ['ACTION'], ['FRONT']]);
    expect(wwd.planes[0]!.fillColor).toBeGreaterThan(0);
    level.planes.forEach((src, i) => {
      const p = wwd.planes[i]!;
      expect([p.tilesX, p.tilesY, p.tileWidth, p.pixelWidth, p.pixelHeight]).toEqual([
        src.rows[0]!.length, src.rows.length, src.tileSize, src.rows[0]!.length * src.tileSize, src.rows.length * src.tileSize,
      ]);
      const tiles = src.rows.flatMap((row) => [...row].map((c) => src.legend[c]!));
      expect([...p.tiles], src.name).toEqual(tiles);
      // Every tile a plane uses exists as a PID.
      const dirName = p.imageSets[0]!;
      for (const id of new Set(tiles)) if (id !== -1) expect(archive.has(`/LEVEL1/TILES/${dirName}/${n3(id)}.PID`), `${dirName} ${id}`).toBe(true);
    });
  });

  it('writes the objects with their logic, position, fields and image sets', () => {
    const main = wwd.planes[1]!;
    expect(wwd.planes[0]!.objects.length + wwd.planes[2]!.objects.length).toBe(0);
    expect(main.objects.length).toBe(level.objects.length);
    const drops: Record<string, number> = { COIN: 1, GEM: 2, CHALICE: 3 };
    level.objects.forEach((src, i) => {
      const o = main.objects[i]!;
      expect(o, `object ${src.id}`).toMatchObject({
        id: src.id, logic: src.logic, x: src.x, y: src.y, imageSet: `LEVEL_${src.imageSet}`,
        score: src.score ?? 0, health: src.health ?? 0, damage: src.damage ?? 0, minX: src.minX ?? 0, maxX: src.maxX ?? 0,
        powerup: src.drops === undefined ? 0 : drops[src.drops], objectType: { Crab: 4, RatGuard: 4, Treasure: 8 }[src.logic] ?? 1,
      });
    });
  });

  it('writes the tile descriptions of attributes.json', () => {
    const attrs = sourceJson<{ tileSize: number; default: TileDescriptionJson; tiles: Record<string, TileDescriptionJson> }>('tiles/attributes.json');
    const code: Record<string, number> = { clear: 0, solid: 1, ground: 2, climb: 3, death: 4 };
    const ids = Object.keys(attrs.tiles).map(Number);
    expect(wwd.tileDescriptions.length).toBe(Math.max(...ids) + 1);
    wwd.tileDescriptions.forEach((d, id) => {
      const src = attrs.tiles[String(id)] ?? attrs.default;
      expect([d.type, d.width, d.height], `tile ${id}`).toEqual([src.type, attrs.tileSize, attrs.tileSize]);
      if (src.type === 1) {
        expect(d.insideAttrib, `tile ${id}`).toBe(code[src.attribute!]);
      } else {
        const [left, top, right, bottom] = src.rect!;
        expect(d, `tile ${id}`).toMatchObject({ insideAttrib: code[src.inside!], outsideAttrib: code[src.outside!], rect: { left, top, right, bottom } });
      }
    });
    expect(wwd.tileDescriptions[8]!.insideAttrib).toBe(3); // the ladder climbs
  });

  it('has the content issue 5 asks for', () => {
    for (const anim of ['IDLE', 'RUN', 'JUMP', 'CLIMB', 'ATTACK']) expect(archive.has(`/LEVEL1/ANIS/PLAYER_${anim}.ANI`), anim).toBe(true);
    const logics = wwd.planes[1]!.objects.map((o) => o.logic);
    const count = (logic: string) => logics.filter((l) => l === logic).length;
    expect(count('Crate')).toBeGreaterThan(0);
    expect(count('Treasure')).toBeGreaterThan(0);
    expect(count('Crab')).toBeGreaterThan(0);
    expect(count('RatGuard')).toBeGreaterThan(0);
    expect(count('Checkpoint')).toBeGreaterThanOrEqual(1);
    expect(new Set(wwd.planes.map((p) => p.movementPercentX)).size).toBe(3);
    const treasureSets = new Set(wwd.planes[1]!.objects.filter((o) => o.logic === 'Treasure').map((o) => o.imageSet));
    expect(treasureSets).toEqual(new Set(['LEVEL_COIN', 'LEVEL_GEM', 'LEVEL_CHALICE']));
  });
});
