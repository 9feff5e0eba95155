// Renders assets/levels/LEVEL1.json from the committed sources (the PNGs, as the packer reads them) into
// build/assets/preview.png: the three planes composed with parallax as a camera centred on each point
// would see them, then the objects' first frames at their anchors. Not committed; for a quick look.
// Run: npx tsx tools/assets/draw/preview.ts [level.json] [out.png]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

import { PNG } from 'pngjs';

import { type Rgba, readRgba } from './png.js';

interface PlaneSource {
  name: string;
  tileSize: number;
  movementPercent: { x: number; y: number };
  wrapX?: boolean;
  legend: Record<string, number>;
  rows: string[];
}

interface ObjectSource {
  logic: string;
  imageSet: string;
  x: number;
  y: number;
}

interface LevelSource {
  planes: PlaneSource[];
  objects: ObjectSource[];
  start: { x: number; y: number };
}

const levelPath = process.argv[2] ?? 'assets/levels/LEVEL1.json';
const outPath = process.argv[3] ?? 'build/assets/preview.png';
const assets = dirname(dirname(levelPath));
const level = JSON.parse(readFileSync(levelPath, 'utf8')) as LevelSource;
// The camera the parallax is computed for: a 960x640 view centred on each pixel.
const VIEW_W = 960;
const VIEW_H = 640;

const main = level.planes.find((p) => p.movementPercent.x === 100) ?? level.planes[1];
if (main === undefined) throw new Error('level has no main plane');
const W = (main.rows[0]?.length ?? 0) * main.tileSize;
const H = main.rows.length * main.tileSize;
const out = new Uint8Array(W * H * 4);

const tileCache = new Map<string, Rgba>();
function tileImage(plane: string, id: number): Rgba {
  const dir = plane === 'Background' ? 'BACK' : plane === 'Front' ? 'FRONT' : 'ACTION';
  const key = `${dir}/${id}`;
  let img = tileCache.get(key);
  if (img === undefined) {
    img = readRgba(join(assets, 'tiles', dir, `${String(id).padStart(3, '0')}.png`));
    tileCache.set(key, img);
  }
  return img;
}

function put(x: number, y: number, img: Rgba, sx: number, sy: number): void {
  const s = (sy * img.width + sx) * 4;
  if ((img.data[s + 3] ?? 0) === 0 || x < 0 || y < 0 || x >= W || y >= H) return;
  out.set(img.data.subarray(s, s + 4), (y * W + x) * 4);
}

for (const plane of level.planes) {
  const fx = plane.movementPercent.x / 100;
  const fy = plane.movementPercent.y / 100;
  const cols = plane.rows[0]?.length ?? 0;
  const pw = cols * plane.tileSize;
  for (let y = 0; y < H; y++) {
    const py = Math.floor(y * fy + ((1 - fy) * VIEW_H) / 2);
    const row = plane.rows[Math.floor(py / plane.tileSize)];
    if (row === undefined || py < 0) continue;
    for (let x = 0; x < W; x++) {
      let px = Math.floor(x * fx + ((1 - fx) * VIEW_W) / 2);
      if (plane.wrapX === true) px = ((px % pw) + pw) % pw;
      const ch = row[Math.floor(px / plane.tileSize)];
      if (ch === undefined || px < 0) continue;
      const id = plane.legend[ch];
      if (id === undefined) throw new Error(`plane ${plane.name}: character '${ch}' is not in the legend`);
      if (id < 0) continue;
      put(x, y, tileImage(plane.name, id), px % plane.tileSize, py % plane.tileSize);
    }
    // Objects belong to the main plane: draw them once it is done, before the front plane.
  }
  if (plane === main) {
    const sprites = [...level.objects, { logic: 'Start', imageSet: 'PLAYER', x: level.start.x, y: level.start.y }];
    for (const o of sprites) {
      const frame = o.logic === 'LevelEnd' ? 3 : 1;
      const img = readRgba(join(assets, 'images', o.imageSet, `${String(frame).padStart(3, '0')}.png`));
      const x0 = o.x - Math.floor(img.width / 2);
      const y0 = o.y - Math.floor(img.height / 2);
      for (let y = 0; y < img.height; y++) for (let x = 0; x < img.width; x++) put(x0 + x, y0 + y, img, x, y);
    }
  }
}

const png = new PNG({ width: W, height: H });
png.data.set(out);
mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, PNG.sync.write(png, { colorType: 6 }));
process.stdout.write(`wrote ${outPath} (${W}x${H})\n`);
