// PNG -> PID: every pixel maps exactly to a palette index (alpha 0 -> index 0; an opaque pixel's RGB
// must be one of indices 1..255; anything else is an error naming the file, the pixel and its colour).
// Sprites are written compressed (flag 0x20: runs of index 0 become skips), as demo.json asks; tiles,
// mostly opaque, get whichever of the two encodings is smaller (ties: compressed).
import { readFileSync } from 'node:fs';

import type { Formats } from '@openclaw/memory-sdk';
import { PNG } from 'pngjs';

import { AssetError } from './errors.js';
import type { SourcePalette } from './palette.js';

const PID_TRANSPARENCY = 0x01;

export interface IndexedImage {
  width: number;
  height: number;
  indices: Uint8Array;
}

const hex = (v: number, digits: number) => v.toString(16).padStart(digits, '0');

/** The palette indices of a PNG file; `name` is what messages call it. */
export function indexPng(path: string, name: string, palette: SourcePalette): IndexedImage {
  let png: PNG;
  try {
    png = PNG.sync.read(readFileSync(path));
  } catch (err) {
    throw new AssetError(name, `not a readable PNG: ${(err as Error).message}`);
  }
  const { width, height, data } = png;
  const indices = new Uint8Array(width * height);
  for (let p = 0; p < width * height; p++) {
    const a = data[p * 4 + 3]!;
    if (a === 0) continue;
    const rgb = (data[p * 4]! << 16) | (data[p * 4 + 1]! << 8) | data[p * 4 + 2]!;
    const at = `pixel (${p % width}, ${Math.floor(p / width)})`;
    if (a !== 255) throw new AssetError(name, `${at} has alpha ${a}: only 0 and 255 are allowed (colour #${hex(rgb, 6)}${hex(a, 2)})`);
    const index = palette.index.get(rgb);
    if (index === undefined) throw new AssetError(name, `${at} has colour #${hex(rgb, 6)}, which is not a palette colour (1..255)`);
    indices[p] = index;
  }
  return { width, height, indices };
}

export interface PidOptions {
  kind: 'sprite' | 'tile';
  offsetX?: number;
  offsetY?: number;
}

export function encodePid(formats: Formats, image: IndexedImage, options: PidOptions): Uint8Array {
  const base = {
    width: image.width, height: image.height, indices: image.indices, flags: PID_TRANSPARENCY,
    offsetX: options.offsetX ?? 0, offsetY: options.offsetY ?? 0,
  };
  const compressed = formats.encodePid({ ...base, compressed: true });
  if (options.kind === 'sprite') return compressed;
  const plain = formats.encodePid({ ...base, compressed: false });
  return plain.length < compressed.length ? plain : compressed;
}
