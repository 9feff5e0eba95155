// A tiny WWD level made by hand (the layout of LEGACY-FORMATS.md): one plane of 3 x 2 tiles, two image
// sets, one object with a few non-default fields, and one tile description; raw and zlib-compressed.
const HEADER = 1524;
export const TILES = [5, -1, 7, 8, -1, 12];

function text(bytes: Uint8Array, at: number, value: string): void {
  for (let i = 0; i < value.length; i++) bytes[at + i] = value.charCodeAt(i);
}

/** The rebuilt image (header + uncompressed body). */
export function wwdImage(): Uint8Array {
  const strings = ['Officer1', 'Officer', 'LEVEL_OFFICER', ''];
  const planeAt = HEADER;
  const tilesAt = planeAt + 160;
  const setsAt = tilesAt + TILES.length * 4;
  const sets = ['ACTION', 'EXTRA'];
  const objectAt = setsAt + sets.reduce((n, s) => n + s.length + 1, 0);
  const descAt = objectAt + 284 + strings.reduce((n, s) => n + s.length, 0);
  const size = descAt + 32 + 20;
  const image = new Uint8Array(size);
  const v = new DataView(image.buffer);
  const u32 = (at: number, value: number): void => v.setUint32(at, value >>> 0, true);
  u32(0, HEADER);
  u32(8, 1);
  text(image, 16, 'Tiny Level');
  text(image, 464, '\\LEVEL1\\TILES');
  u32(720, 64);
  u32(724, 96);
  u32(732, 1);
  u32(736, HEADER);
  u32(740, descAt);
  u32(744, size - HEADER);
  u32(planeAt + 8, 1);
  text(image, planeAt + 16, 'Action');
  [192, 128, 64, 64, 3, 2].forEach((value, i) => u32(planeAt + 80 + i * 4, value));
  u32(planeAt + 112, 100);
  u32(planeAt + 116, 100);
  u32(planeAt + 124, sets.length);
  u32(planeAt + 128, 1);
  u32(planeAt + 132, tilesAt);
  u32(planeAt + 136, setsAt);
  u32(planeAt + 140, objectAt);
  TILES.forEach((tile, i) => v.setInt32(tilesAt + i * 4, tile, true));
  let at = setsAt;
  for (const s of sets) { text(image, at, s); at += s.length + 1; }
  u32(objectAt, 7); // id
  strings.forEach((s, i) => u32(objectAt + 4 + i * 4, s.length));
  v.setInt32(objectAt + 20, 320, true); // x
  v.setInt32(objectAt + 24, -16, true); // y
  u32(objectAt + 92, 10); // hitRect.left (the second rect, after moveRect at 76)
  u32(objectAt + 268, 4); // objectType: enemy
  at = objectAt + 284;
  for (const s of strings) { text(image, at, s); at += s.length; }
  [32, 0, 1].forEach((value, i) => u32(descAt + i * 4, value));
  [1, 0, 64, 64, 1].forEach((value, i) => u32(descAt + 32 + i * 4, value));
  return image;
}

/** The raw file as the game stores it: the header, then the body as one zlib stream (flag 2). */
export async function wwdCompressed(image: Uint8Array): Promise<Uint8Array> {
  const body = new Blob([image.subarray(HEADER) as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream('deflate'));
  const z = new Uint8Array(await new Response(body).arrayBuffer());
  const raw = new Uint8Array(HEADER + z.length);
  raw.set(image.subarray(0, HEADER));
  raw.set(z, HEADER);
  new DataView(raw.buffer).setUint32(8, 1 | 2, true);
  return raw;
}
