// claw-rez pid2png and wwd2json: a PID (built with Formats.encodePid) decoded to a PNG whose pixels
// equal the PID's RGBA, with each source of palette; a hand-made WWD level (raw and compressed) as JSON.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats, type Palette } from '../../../engine/index.js';
import { json, put, rez, workDir } from './cli.js';
import { TILES, wwdCompressed, wwdImage } from './wwd-fixture.js';

let formats: Formats;
beforeAll(async () => { formats = await Formats.load(); });
afterAll(() => formats.dispose());

function palette(seed: number): Uint8Array {
  const rgb = new Uint8Array(768);
  for (let i = 0; i < 768; i++) rgb[i] = (i * seed + 17) & 0xff;
  return rgb;
}

const W = 13;
const H = 7;
const INDICES = Uint8Array.from({ length: W * H }, (_, i) => (i % 5 === 0 ? 0 : (i * 37) & 0xff));

function png(path: string): { width: number; height: number; data: Uint8Array } {
  const image = PNG.sync.read(readFileSync(path));
  return { width: image.width, height: image.height, data: new Uint8Array(image.data) };
}

describe('claw-rez pid2png', () => {
  const dir = workDir();
  let levelPal: Palette;
  let otherPal: Palette;
  let plain: Uint8Array;
  let embedded: Uint8Array;

  beforeAll(() => {
    levelPal = formats.readPalette(palette(3));
    otherPal = formats.readPalette(palette(11));
    plain = formats.encodePid({ width: W, height: H, indices: INDICES, compressed: true, offsetX: -2 });
    embedded = formats.encodePid({ width: W, height: H, indices: INDICES, palette: palette(7) });
    // LEVEL2 comes first in the archive: the fallback for a PID outside a level, never LEVEL3's own choice.
    put(dir, 'pal.rez', formats.packRez([
      { path: 'LEVEL2/PALETTES/MAIN.PAL', bytes: otherPal.rgb },
      { path: 'OTHER/PLAIN.PID', bytes: plain },
      { path: 'LEVEL3/IMAGES/PLAIN.PID', bytes: plain },
      { path: 'LEVEL3/IMAGES/EMBED.PID', bytes: embedded },
      { path: 'LEVEL3/PALETTES/MAIN.PAL', bytes: levelPal.rgb },
    ]));
    put(dir, 'nopal.rez', formats.packRez([{ path: 'A/PLAIN.PID', bytes: plain }]));
    put(dir, 'plain.pid', plain);
    put(dir, 'other.pal', otherPal.rgb);
  });

  async function decoded(args: string[], out: string, expected: Uint8Array, note: RegExp | null): Promise<void> {
    const run = await rez(['pid2png', ...args, '-o', out], dir);
    expect(run.code, run.stderr).toBe(0);
    if (note === null) expect(run.stderr).toBe('');
    else expect(run.stderr).toMatch(note);
    const image = png(join(dir, out));
    expect([image.width, image.height]).toEqual([W, H]);
    expect(image.data).toEqual(expected);
  }

  it("uses the level's MAIN.PAL for a PID without one, and says so", async () => {
    const rgba = formats.decodePid(plain, levelPal).rgba;
    expect(rgba[3]).toBe(0); // index 0: transparent
    expect([...rgba.subarray(4, 8)]).toEqual([...levelPal.rgb.subarray(INDICES[1]! * 3, INDICES[1]! * 3 + 3), 255]);
    await decoded(['pal.rez', '/level3/images/plain.pid'], 'level.png', rgba,
      /note: \/LEVEL3\/IMAGES\/PLAIN\.PID has no embedded palette: decoded with \/LEVEL3\/PALETTES\/MAIN\.PAL/);
  });

  it('falls back to the first /LEVEL*/PALETTES/*.PAL (archive order) outside a level', async () => {
    await decoded(['pal.rez', 'OTHER/PLAIN.PID'], 'other.png', formats.decodePid(plain, otherPal).rgba,
      /decoded with \/LEVEL2\/PALETTES\/MAIN\.PAL/);
  });

  it('prefers the embedded palette, and --palette over both (an archive entry or a file)', async () => {
    await decoded(['pal.rez', 'LEVEL3/IMAGES/EMBED.PID'], 'embed.png', formats.decodePid(embedded).rgba, null);
    await decoded(['pal.rez', 'LEVEL3/IMAGES/EMBED.PID', '--palette', '/LEVEL2/PALETTES/MAIN.PAL'], 'given.png',
      formats.decodePid(embedded, otherPal).rgba, null);
    await decoded(['plain.pid', '--palette', 'other.pal'], 'loose.png', formats.decodePid(plain, otherPal).rgba, null);
  });

  it('fails with exit 1 when no palette can be found, and exit 2 without -o', async () => {
    const none = await rez(['pid2png', 'nopal.rez', 'A/PLAIN.PID', '-o', 'x.png'], dir);
    expect(none.code).toBe(1);
    expect(none.stderr).toMatch(/NoPaletteError: \/A\/PLAIN\.PID has no embedded palette and the archive no/);
    const loose = await rez(['pid2png', 'plain.pid', '-o', 'x.png'], dir);
    expect(loose.code).toBe(1);
    expect(loose.stderr).toMatch(/NoPaletteError: plain\.pid has no embedded palette: give one with --palette/);
    expect((await rez(['pid2png', 'plain.pid'], dir)).code).toBe(2);
  });

  it('a damaged PID exits 1 with the typed error', async () => {
    put(dir, 'cut.pid', plain.subarray(0, 20));
    const run = await rez(['pid2png', 'cut.pid', '--palette', 'other.pal', '-o', 'cut.png'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^claw-rez pid2png: TruncatedFormatError: /);
  });
});

interface LevelJson {
  header: { levelName: string; startX: number; numPlanes: number; flags: number };
  planes: Array<{ name: string; tilesX: number; tiles?: number[][]; imageSets: string[]; objects?: Array<Record<string, unknown>>; objectsCount: number }>;
  tileDescriptions: Array<{ type: number; width: number; insideAttrib: number }>;
}

describe('claw-rez wwd2json', () => {
  const dir = workDir();
  beforeAll(() => {
    const image = wwdImage();
    put(dir, 'raw.wwd', image);
    put(dir, 'level.rez', formats.packRez([{ path: 'LEVEL1/WORLDS/WORLD.WWD', bytes: wwdCompressed(image) }]));
  });

  it('prints the level: header, the tile grid as rows, image sets, objects without defaults, tile descriptions', async () => {
    for (const args of [['raw.wwd'], ['level.rez', '/LEVEL1/WORLDS/WORLD.WWD']]) {
      const level = json<LevelJson>(await rez(['wwd2json', ...args], dir));
      expect(level.header).toMatchObject({ levelName: 'Tiny Level', startX: 64, numPlanes: 1 });
      expect(level.planes).toHaveLength(1);
      const plane = level.planes[0]!;
      expect(plane).toMatchObject({ name: 'Action', tilesX: 3, imageSets: ['ACTION', 'EXTRA'], objectsCount: 1 });
      expect(plane.tiles).toEqual([TILES.slice(0, 3), TILES.slice(3)]);
      expect(plane.objects).toHaveLength(1);
      const object = plane.objects![0]!;
      expect(object).toMatchObject({ id: 7, x: 320, y: -16, name: 'Officer1', logic: 'Officer', imageSet: 'LEVEL_OFFICER', objectType: 4 });
      expect(object.hitRect).toEqual({ left: 10, top: 0, right: 0, bottom: 0 });
      for (const dropped of ['z', 'score', 'sound', 'moveRect', 'userValues', 'speedX']) expect(object).not.toHaveProperty(dropped);
      expect(level.tileDescriptions).toEqual([expect.objectContaining({ type: 1, width: 64, insideAttrib: 1 })]);
    }
  });

  it('--no-tiles and --no-objects leave them out; -o writes a file', async () => {
    const run = await rez(['wwd2json', 'raw.wwd', '--no-tiles', '--no-objects', '-o', 'level.json'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toBe('');
    const level = JSON.parse(readFileSync(join(dir, 'level.json'), 'utf8')) as LevelJson;
    expect(level.planes[0]).not.toHaveProperty('tiles');
    expect(level.planes[0]).not.toHaveProperty('objects');
    expect(level.planes[0]!.objectsCount).toBe(1);
  });

  it('a damaged level exits 1 with the typed error', async () => {
    const bad = wwdImage();
    new DataView(bad.buffer).setUint32(0, 1234, true);
    put(dir, 'bad.wwd', bad);
    const run = await rez(['wwd2json', 'bad.wwd'], dir);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^claw-rez wwd2json: FormatBadMagicError: /);
  });
});
