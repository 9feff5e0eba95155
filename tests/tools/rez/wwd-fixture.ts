// A tiny WWD level made by the assets' WWD writer (tools/assets/pack/wwd-writer.ts): one plane of 3 x 2
// tiles, two image sets, one object with a few non-default fields, and one tile description.
import { compressWwdImage, PLANE_MAIN, WWD_USE_Z, writeWwdImage } from '../../../tools/assets/pack/wwd-writer.js';

const HEADER = 1524;
export const TILES = [5, -1, 7, 8, -1, 12];

/** The rebuilt image (header + uncompressed body). */
export function wwdImage(): Uint8Array {
  const image = writeWwdImage({
    flags: WWD_USE_Z, levelName: 'Tiny Level', author: '', birth: '', rezFile: '', imageDirectory: '\\LEVEL1\\TILES',
    palettePath: '', launchApp: '', imageSets: ['', '', '', ''], prefixes: ['', '', '', ''], startX: 64, startY: 96,
    planes: [{
      flags: PLANE_MAIN, name: 'Action', tileWidth: 64, tileHeight: 64, tilesX: 3, tilesY: 2, movementPercentX: 100,
      movementPercentY: 100, fillColor: 0, z: 0, tiles: Int32Array.from(TILES), imageSets: ['ACTION', 'EXTRA'],
      objects: [{
        id: 7, x: 320, y: -16, z: 0, score: 0, powerup: 0, damage: 0, health: 0, minX: 0, minY: 0, maxX: 0, maxY: 0,
        objectType: 4, name: 'Officer1', logic: 'Officer', imageSet: 'LEVEL_OFFICER', sound: '',
      }],
    }],
    tiles: [{ type: 1, width: 64, height: 64, inside: 1, outside: 0, rect: { left: 0, top: 0, right: 0, bottom: 0 } }],
  });
  // The writer sets no object rectangles; hitRect.left (after moveRect, at +76) shows a non-default one is kept.
  const v = new DataView(image.buffer);
  v.setInt32(v.getUint32(HEADER + 140, true) + 92, 10, true);
  return image;
}

/** The raw file as the game stores it: the header, then the body as one zlib stream (flag 2). */
export const wwdCompressed = compressWwdImage;
