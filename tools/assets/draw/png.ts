// PNG reading and writing for the art (pngjs), plus the check the packer relies on: every pixel is
// either fully transparent or exactly one palette colour, with alpha 0 or 255 only.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

import { PNG } from 'pngjs';

import type { Canvas } from './canvas.js';
import type { Palette } from './palette.js';

export function writeCanvas(path: string, canvas: Canvas, palette: Palette): void {
  const png = new PNG({ width: canvas.w, height: canvas.h });
  for (let i = 0; i < canvas.w * canvas.h; i++) {
    const c = canvas.px[i] ?? 0;
    png.data[i * 4] = c === 0 ? 0 : (palette.rgb[c * 3] ?? 0);
    png.data[i * 4 + 1] = c === 0 ? 0 : (palette.rgb[c * 3 + 1] ?? 0);
    png.data[i * 4 + 2] = c === 0 ? 0 : (palette.rgb[c * 3 + 2] ?? 0);
    png.data[i * 4 + 3] = c === 0 ? 0 : 255;
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, PNG.sync.write(png, { colorType: 6, deflateLevel: 9 }));
}

export interface Rgba {
  width: number;
  height: number;
  data: Uint8Array;
}

export function readRgba(path: string): Rgba {
  const png = PNG.sync.read(readFileSync(path));
  return { width: png.width, height: png.height, data: new Uint8Array(png.data) };
}

/** Throws naming the first pixel that is neither transparent nor an exact palette colour (index 1..255). */
export function assertPaletted(path: string, palette: Palette): void {
  const { width, height, data } = readRgba(path);
  const known = new Set<number>();
  for (let i = 1; i < 256; i++) {
    known.add(((palette.rgb[i * 3] ?? 0) << 16) | ((palette.rgb[i * 3 + 1] ?? 0) << 8) | (palette.rgb[i * 3 + 2] ?? 0));
  }
  for (let i = 0; i < width * height; i++) {
    const a = data[i * 4 + 3] ?? 0;
    if (a === 0) continue;
    const rgb = ((data[i * 4] ?? 0) << 16) | ((data[i * 4 + 1] ?? 0) << 8) | (data[i * 4 + 2] ?? 0);
    if (a !== 255 || !known.has(rgb)) {
      const at = `(${i % width}, ${Math.floor(i / width)})`;
      throw new Error(`${path}: pixel ${at} is rgb #${rgb.toString(16).padStart(6, '0')} alpha ${a}, not a palette colour`);
    }
  }
}
