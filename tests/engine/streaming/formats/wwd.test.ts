// WWD levels through the wasm core: a small level image made by hand with a DataView (the layout of
// LEGACY-FORMATS.md), stored raw and zlib-compressed (CompressionStream), read back field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import {
  FormatBadMagicError, MalformedFormatError, OversizedFormatError, TruncatedFormatError,
} from '../../../../engine/streaming/formats/errors.js';

let formats: Formats;
beforeAll(async () => { formats = await Formats.load(); });
afterAll(() => formats.dispose());

const HEADER = 1524;
const TILES = [5, -1, 7, 8, -1, 12];

function text(bytes: Uint8Array, at: number, value: string): void {
  for (let i = 0; i < value.length; i++) bytes[at + i] = value.charCodeAt(i);
}

/** The rebuilt image of a one-plane level: header, plane, tiles, image sets, one object, tile descriptions. */
function makeImage(): Uint8Array {
  const strings = ['Officer1', 'Officer', 'LEVEL_OFFICER', 'SND'];
  const planeAt = HEADER;
  const tilesAt = planeAt + 160;
  const setsAt = tilesAt + TILES.length * 4;
  const sets = ['ACTION', 'EXTRA'];
  const objectAt = setsAt + sets.reduce((n, s) => n + s.length + 1, 0);
  const descAt = objectAt + 284 + strings.reduce((n, s) => n + s.length, 0);
  const size = descAt + 32 + 20 + 40;
  const image = new Uint8Array(size);
  const v = new DataView(image.buffer);
  const u32 = (at: number, value: number): void => v.setUint32(at, value >>> 0, true);

  u32(0, 1524);
  u32(8, 1);
  text(image, 16, 'Claw - Level 1');
  text(image, 80, 'Monolith');
  text(image, 208, 'CLAW.REZ');
  text(image, 464, '\\LEVEL1\\TILES');
  text(image, 592, '\\LEVEL1\\PALETTES\\MAIN.PAL');
  v.setInt32(720, -32, true);
  u32(724, 4000);
  u32(732, 1);
  u32(736, HEADER);
  u32(740, descAt);
  u32(744, size - HEADER);
  u32(748, 0xdeadbeef);
  text(image, 884, 'LEVEL1_IMAGES');
  text(image, 1396, 'Level1');

  u32(planeAt + 8, 1);
  text(image, planeAt + 16, 'Action');
  [192, 128, 64, 64, 3, 2].forEach((value, i) => u32(planeAt + 80 + i * 4, value));
  v.setInt32(planeAt + 112, 100, true);
  v.setInt32(planeAt + 116, -50, true);
  u32(planeAt + 120, 0x42);
  u32(planeAt + 124, sets.length);
  u32(planeAt + 128, 1);
  u32(planeAt + 132, tilesAt);
  u32(planeAt + 136, setsAt);
  u32(planeAt + 140, objectAt);
  v.setInt32(planeAt + 144, 3000, true);
  TILES.forEach((tile, i) => v.setInt32(tilesAt + i * 4, tile, true));
  let at = setsAt;
  for (const s of sets) { text(image, at, s); at += s.length + 1; }

  // Every fixed field gets a distinct value: field k (at 4k) = k * 3 - 100, so the mapping is checked.
  for (let k = 0; k < 71; k++) v.setInt32(objectAt + k * 4, k * 3 - 100, true);
  strings.forEach((s, i) => u32(objectAt + 4 + i * 4, s.length));
  at = objectAt + 284;
  for (const s of strings) { text(image, at, s); at += s.length; }

  [32, 0, 2].forEach((value, i) => u32(descAt + i * 4, value));
  [1, 0, 64, 64, 1].forEach((value, i) => u32(descAt + 32 + i * 4, value));
  [2, 0, 64, 32, 4, 3, 0, 10, 63, 31].forEach((value, i) => u32(descAt + 52 + i * 4, value));
  return image;
}

async function compress(image: Uint8Array): Promise<Uint8Array> {
  const body = new Blob([image.subarray(HEADER) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  const z = new Uint8Array(await new Response(body).arrayBuffer());
  const raw = new Uint8Array(HEADER + z.length);
  raw.set(image.subarray(0, HEADER));
  raw.set(z, HEADER);
  new DataView(raw.buffer).setUint32(8, 1 | 2, true);
  return raw;
}

const field = (k: number): number => k * 3 - 100;

describe('WWD', () => {
  it('reads the header, the plane, its tiles, image sets and objects, and the tile descriptions', async () => {
    const image = makeImage();
    const level = await formats.readWwd(image);
    expect(level.header).toMatchObject({
      signature: 1524, flags: 1, levelName: 'Claw - Level 1', author: 'Monolith', birth: '', rezFile: 'CLAW.REZ',
      imageDirectory: '\\LEVEL1\\TILES', palettePath: '\\LEVEL1\\PALETTES\\MAIN.PAL', launchApp: '',
      imageSets: ['LEVEL1_IMAGES', '', '', ''], prefixes: ['Level1', '', '', ''], startX: -32, startY: 4000, numPlanes: 1,
      planesOffset: 1524, mainBlockLength: image.length - 1524, checksum: 0xdeadbeef,
    });
    expect(level.planes).toHaveLength(1);
    const plane = level.planes[0]!;
    expect(plane).toMatchObject({
      offset: 1524, flags: 1, name: 'Action', pixelWidth: 192, pixelHeight: 128, tileWidth: 64, tileHeight: 64, tilesX: 3,
      tilesY: 2, movementPercentX: 100, movementPercentY: -50, fillColor: 0x42, imageSetsCount: 2, objectsCount: 1, z: 3000,
      tilesCount: 6, imageSets: ['ACTION', 'EXTRA'],
    });
    expect([...plane.tiles]).toEqual(TILES);
    const object = plane.objects[0]!;
    expect(object).toMatchObject({
      id: field(0), x: field(5), y: field(6), z: field(7), i: field(8), score: field(13), health: field(18),
      moveRect: { left: field(19), top: field(20), right: field(21), bottom: field(22) },
      userRect2: { left: field(39), top: field(40), right: field(41), bottom: field(42) },
      userValues: [43, 44, 45, 46, 47, 48, 49, 50].map(field),
      minX: field(51), speedX: field(55), counter: field(59), direction: field(63), frameDelay: field(66),
      objectType: field(67) >>> 0, hitTypeFlags: field(68) >>> 0, moveResX: field(69), moveResY: field(70),
      name: 'Officer1', logic: 'Officer', imageSet: 'LEVEL_OFFICER', sound: 'SND',
    });
    expect(level.tileDescriptions).toEqual([
      { type: 1, unknown: 0, width: 64, height: 64, insideAttrib: 1, outsideAttrib: 0, rect: { left: 0, top: 0, right: 0, bottom: 0 } },
      { type: 2, unknown: 0, width: 64, height: 32, insideAttrib: 3, outsideAttrib: 4, rect: { left: 0, top: 10, right: 63, bottom: 31 } },
    ]);
  });

  it('inflates a compressed raw file into the same image and level', async () => {
    const image = makeImage();
    const raw = await compress(image);
    expect(formats.wwdHeader(raw).flags).toBe(3);
    const rebuilt = await formats.inflateWwd(raw);
    expect(Buffer.from(rebuilt.subarray(HEADER)).equals(Buffer.from(image.subarray(HEADER)))).toBe(true);
    const level = await formats.readWwd(raw);
    expect(level.planes[0]!.objects[0]!.logic).toBe('Officer');
    expect([...level.planes[0]!.tiles]).toEqual(TILES);
  });

  it('rejects damaged files with typed errors', async () => {
    const image = makeImage();
    expect(() => formats.wwdHeader(image.subarray(0, 1000))).toThrow(TruncatedFormatError);
    const bad = image.slice();
    new DataView(bad.buffer).setUint32(0, 1234, true);
    expect(() => formats.wwdHeader(bad)).toThrow(FormatBadMagicError);
    const raw = await compress(image);
    await expect(formats.inflateWwd(raw.subarray(0, raw.length - 8))).rejects.toBeInstanceOf(MalformedFormatError);
    const garbage = raw.slice();
    garbage.fill(0x55, HEADER, HEADER + 8);
    await expect(formats.readWwd(garbage)).rejects.toBeInstanceOf(MalformedFormatError);
    // Cut inside the tile descriptions: their count no longer fits after the preamble.
    await expect(formats.readWwd(image.subarray(0, image.length - 30))).rejects.toBeInstanceOf(OversizedFormatError);
  });
});
