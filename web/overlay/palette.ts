// Colours of tags, the same in every panel and every run: a tag id always gets the same colour
// (golden-angle hues, so neighbouring ids differ clearly). The heat map's two special values
// (tracker.heatMap: 0 = free, 255 = allocator metadata) get a dark and a grey.
export const HEAT_FREE = 0;
export const HEAT_METADATA = 255;

const FREE_RGB = [0x16, 0x1a, 0x22] as const;
const METADATA_RGB = [0x6b, 0x72, 0x80] as const;

function hslToRgb(h: number, s: number, l: number): [number, number, number] {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number): number => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
}

function tagRgb(id: number): readonly [number, number, number] {
  if (id === HEAT_FREE) return FREE_RGB;
  if (id === HEAT_METADATA) return METADATA_RGB;
  // Two lightness steps, alternating, so that close hues of far-apart ids still separate.
  return hslToRgb((id * 137.508) % 360, 0.68, id % 2 === 0 ? 0.52 : 0.62);
}

const css: string[] = [];
/** Pixels for ImageData over a Uint32Array: RGBA bytes in memory, so ABGR words on little-endian. */
export const PALETTE_ABGR = new Uint32Array(256);
for (let id = 0; id < 256; id++) {
  const [r, g, b] = tagRgb(id);
  css.push(`rgb(${r}, ${g}, ${b})`);
  PALETTE_ABGR[id] = ((0xff << 24) | (b << 16) | (g << 8) | r) >>> 0;
}

/** The CSS colour of a tag id (1..254), or of the free / metadata values. */
export function tagColor(id: number): string {
  return css[id & 0xff]!;
}
