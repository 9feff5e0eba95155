// palette.json -> the 768-byte PAL, and the exact colour -> index map the PNG conversion uses.
import { AssetError } from './errors.js';
import type { Fields } from './json.js';

export interface SourcePalette {
  /** 256 x (R, G, B): the PAL file. */
  rgb: Uint8Array;
  /** 0xRRGGBB -> index, for indices 1..255 (index 0 is the transparent key, never an opaque pixel). */
  index: Map<number, number>;
}

const COLOR = /^#[0-9a-fA-F]{6}$/;

export function parseColor(file: string, text: string): number {
  if (!COLOR.test(text)) throw new AssetError(file, `"${text}" is not a #rrggbb colour`);
  return Number.parseInt(text.slice(1), 16);
}

export function readPalette(json: Fields): SourcePalette {
  const colors = json.strings('colors');
  if (colors.length !== 256) throw new AssetError(json.file, `colors has ${colors.length} entries, not 256`);
  if ((json.optInt('transparentIndex') ?? 0) !== 0) throw new AssetError(json.file, 'transparentIndex must be 0');
  const rgb = new Uint8Array(768);
  const index = new Map<number, number>();
  colors.forEach((text, i) => {
    const c = parseColor(json.file, text);
    rgb[i * 3] = c >>> 16;
    rgb[i * 3 + 1] = (c >>> 8) & 0xff;
    rgb[i * 3 + 2] = c & 0xff;
    if (i === 0) return;
    const twin = index.get(c);
    if (twin !== undefined || c === parseColor(json.file, colors[0]!)) {
      throw new AssetError(json.file, `colour ${text} appears twice (index ${twin ?? 0} and ${i})`);
    }
    index.set(c, i);
  });
  return { rgb, index };
}

/** The palette index of colour `text` (a plane's fillColor). */
export function colorIndex(file: string, palette: SourcePalette, text: string): number {
  const i = palette.index.get(parseColor(file, text));
  if (i === undefined) throw new AssetError(file, `colour ${text} is not in the palette`);
  return i;
}
