// WWD levels through the wasm core: a one-plane level made by the assets' WWD writer
// (tools/assets/pack/wwd-writer.ts), stored raw and zlib-compressed, read back field by field.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import {
  FormatBadMagicError, MalformedFormatError, OversizedFormatError, TruncatedFormatError,
} from '../../../../engine/streaming/formats/errors.js';
import {
  compressWwdImage, PLANE_MAIN, WWD_USE_Z, writeWwdImage, type WwdObjectSpec,
} from '../../../../tools/assets/pack/wwd-writer.js';

let formats: Formats;
beforeAll(async () => { formats = await Formats.load(); });
afterAll(() => formats.dispose());

const HEADER = 1524;
const TILES = [5, -1, 7, 8, -1, 12];
const field = (k: number): number => k * 3 - 100;

const OBJECT: WwdObjectSpec = {
  id: 0, x: 0, y: 0, z: 0, score: 0, powerup: 0, damage: 0, health: 0, minX: 0, minY: 0, maxX: 0, maxY: 0, objectType: 0,
  name: 'Officer1', logic: 'Officer', imageSet: 'LEVEL_OFFICER', sound: 'SND',
};

/** The rebuilt image of a one-plane level: header, plane, tiles, image sets, one object, tile descriptions. */
function makeImage(): Uint8Array {
  const image = writeWwdImage({
    flags: WWD_USE_Z, levelName: 'Claw - Level 1', author: 'Monolith', birth: '', rezFile: 'CLAW.REZ',
    imageDirectory: '\\LEVEL1\\TILES', palettePath: '\\LEVEL1\\PALETTES\\MAIN.PAL', launchApp: '',
    imageSets: ['LEVEL1_IMAGES', '', '', ''], prefixes: ['Level1', '', '', ''], startX: -32, startY: 4000,
    planes: [{
      flags: PLANE_MAIN, name: 'Action', tileWidth: 64, tileHeight: 64, tilesX: 3, tilesY: 2, movementPercentX: 100,
      movementPercentY: -50, fillColor: 0x42, z: 3000, tiles: Int32Array.from(TILES), imageSets: ['ACTION', 'EXTRA'],
      objects: [OBJECT],
    }],
    tiles: [
      { type: 1, width: 64, height: 64, inside: 1, outside: 0, rect: { left: 0, top: 0, right: 0, bottom: 0 } },
      { type: 2, width: 64, height: 32, inside: 3, outside: 4, rect: { left: 0, top: 10, right: 63, bottom: 31 } },
    ],
  });
  // What the writer leaves alone: the checksum, and the object's fields beyond the demo's. Every fixed
  // field of the object gets a distinct value (field k, at 4k, = k * 3 - 100), so the whole mapping is
  // checked; the four string lengths (fields 1..4) stay as written.
  const v = new DataView(image.buffer);
  v.setUint32(748, 0xdeadbeef, true);
  const objectAt = v.getUint32(HEADER + 140, true);
  for (let k = 0; k < 71; k++) if (k < 1 || k > 4) v.setInt32(objectAt + k * 4, field(k), true);
  return image;
}


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
    const raw = compressWwdImage(image);
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
    const raw = compressWwdImage(image);
    await expect(formats.inflateWwd(raw.subarray(0, raw.length - 8))).rejects.toBeInstanceOf(MalformedFormatError);
    const garbage = raw.slice();
    garbage.fill(0x55, HEADER, HEADER + 8);
    await expect(formats.readWwd(garbage)).rejects.toBeInstanceOf(MalformedFormatError);
    // Cut inside the tile descriptions: their count no longer fits after the preamble.
    await expect(formats.readWwd(image.subarray(0, image.length - 30))).rejects.toBeInstanceOf(OversizedFormatError);
  });
});
