// A WWD writer (LEGACY-FORMATS.md "WWD level"): the rebuilt image is laid out as header | plane
// headers | per plane: tiles, image sets, objects | tile descriptions, every offset absolute; the file
// keeps the 1,524-byte header raw and stores the rest as one zlib stream (node:zlib deflateSync, the
// format DecompressionStream('deflate') reads), with mainBlockLength the body's inflated size.
import { deflateSync } from 'node:zlib';

import { ByteBuffer } from './bytes.js';

const HEADER = 1524;
const PLANE = 160;
const OBJECT = 284;
export const WWD_USE_Z = 1;
export const WWD_COMPRESSED = 2;
export const PLANE_MAIN = 1;
export const PLANE_WRAP_X = 4;
export const PLANE_WRAP_Y = 8;

export interface Rect { left: number; top: number; right: number; bottom: number }

/** The numeric fields of an object the demo sets (the rest are written as 0). */
export interface WwdObjectSpec {
  id: number;
  x: number;
  y: number;
  z: number;
  score: number;
  powerup: number;
  damage: number;
  health: number;
  minX: number;
  minY: number;
  maxX: number;
  maxY: number;
  objectType: number;
  name: string;
  logic: string;
  imageSet: string;
  sound: string;
}

export interface WwdPlaneSpec {
  flags: number;
  name: string;
  tileWidth: number;
  tileHeight: number;
  tilesX: number;
  tilesY: number;
  movementPercentX: number;
  movementPercentY: number;
  fillColor: number;
  z: number;
  tiles: Int32Array;
  imageSets: string[];
  objects: WwdObjectSpec[];
}

export interface WwdTileSpec {
  type: 1 | 2;
  width: number;
  height: number;
  inside: number;
  outside: number;
  rect: Rect;
}

export interface WwdSpec {
  flags: number;
  levelName: string;
  author: string;
  birth: string;
  rezFile: string;
  imageDirectory: string;
  palettePath: string;
  launchApp: string;
  imageSets: [string, string, string, string];
  prefixes: [string, string, string, string];
  startX: number;
  startY: number;
  planes: WwdPlaneSpec[];
  tiles: WwdTileSpec[];
}

function writeHeader(out: ByteBuffer, s: WwdSpec): void {
  out.alloc(HEADER);
  out.u32(0, HEADER);
  out.u32(8, s.flags);
  out.text(16, s.levelName, 64);
  out.text(80, s.author, 64);
  out.text(144, s.birth, 64);
  out.text(208, s.rezFile, 256);
  out.text(464, s.imageDirectory, 128);
  out.text(592, s.palettePath, 128);
  out.i32(720, s.startX);
  out.i32(724, s.startY);
  out.u32(732, s.planes.length);
  out.u32(736, HEADER);
  out.text(756, s.launchApp, 128);
  s.imageSets.forEach((set, i) => out.text(884 + i * 128, set, 128));
  s.prefixes.forEach((prefix, i) => out.text(1396 + i * 32, prefix, 32));
}

function writePlaneHeader(out: ByteBuffer, at: number, p: WwdPlaneSpec): void {
  out.u32(at, PLANE);
  out.u32(at + 8, p.flags);
  out.text(at + 16, p.name, 64);
  out.u32(at + 80, p.tilesX * p.tileWidth);
  out.u32(at + 84, p.tilesY * p.tileHeight);
  out.u32(at + 88, p.tileWidth);
  out.u32(at + 92, p.tileHeight);
  out.u32(at + 96, p.tilesX);
  out.u32(at + 100, p.tilesY);
  out.i32(at + 112, p.movementPercentX);
  out.i32(at + 116, p.movementPercentY);
  out.u32(at + 120, p.fillColor);
  out.u32(at + 124, p.imageSets.length);
  out.u32(at + 128, p.objects.length);
  out.i32(at + 144, p.z);
}

function writeObject(out: ByteBuffer, o: WwdObjectSpec): void {
  const at = out.alloc(OBJECT);
  out.i32(at, o.id);
  const strings = [o.name, o.logic, o.imageSet, o.sound];
  strings.forEach((text, i) => out.u32(at + 4 + i * 4, text.length));
  out.i32(at + 20, o.x);
  out.i32(at + 24, o.y);
  out.i32(at + 28, o.z);
  out.i32(at + 52, o.score);
  out.i32(at + 60, o.powerup);
  out.i32(at + 64, o.damage);
  out.i32(at + 72, o.health);
  out.i32(at + 204, o.minX);
  out.i32(at + 208, o.minY);
  out.i32(at + 212, o.maxX);
  out.i32(at + 216, o.maxY);
  out.u32(at + 268, o.objectType);
  for (const text of strings) out.append(text, false);
}

function writeTiles(out: ByteBuffer, tiles: WwdTileSpec[]): void {
  const pre = out.alloc(32);
  out.u32(pre, 32);
  out.u32(pre + 8, tiles.length);
  for (const t of tiles) {
    const at = out.alloc(t.type === 1 ? 20 : 40);
    out.u32(at, t.type);
    out.u32(at + 8, t.width);
    out.u32(at + 12, t.height);
    if (t.type === 1) {
      out.u32(at + 16, t.inside);
    } else {
      out.u32(at + 16, t.outside);
      out.u32(at + 20, t.inside);
      out.i32(at + 24, t.rect.left);
      out.i32(at + 28, t.rect.top);
      out.i32(at + 32, t.rect.right);
      out.i32(at + 36, t.rect.bottom);
    }
  }
}

/** The rebuilt image: header + uncompressed body, mainBlockLength set. */
export function writeWwdImage(s: WwdSpec): Uint8Array {
  const out = new ByteBuffer();
  writeHeader(out, s);
  const planeAt = out.alloc(PLANE * s.planes.length);
  s.planes.forEach((p, i) => {
    const at = planeAt + i * PLANE;
    writePlaneHeader(out, at, p);
    out.u32(at + 132, out.length);
    const tiles = out.alloc(p.tiles.length * 4);
    p.tiles.forEach((t, k) => out.i32(tiles + k * 4, t));
    out.u32(at + 136, out.length);
    for (const set of p.imageSets) out.append(set);
    out.u32(at + 140, out.length);
    for (const o of p.objects) writeObject(out, o);
  });
  out.u32(740, out.length);
  writeTiles(out, s.tiles);
  out.u32(744, out.length - HEADER);
  return out.result();
}

/** The .WWD file of a rebuilt image: the header raw (flagged compressed), the body as one zlib stream. */
export function compressWwdImage(image: Uint8Array): Uint8Array {
  const body = deflateSync(image.subarray(HEADER), { level: 9 });
  const file = new Uint8Array(HEADER + body.length);
  file.set(image.subarray(0, HEADER));
  file.set(body, HEADER);
  const view = new DataView(file.buffer);
  view.setUint32(8, view.getUint32(8, true) | WWD_COMPRESSED, true);
  return file;
}

/** The .WWD file: the image's header raw, its body deflated when the spec's flags say compressed. */
export function writeWwd(s: WwdSpec): Uint8Array {
  const image = writeWwdImage(s);
  return (s.flags & WWD_COMPRESSED) === 0 ? image : compressWwdImage(image);
}
