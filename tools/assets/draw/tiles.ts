// The 64x64 tiles of the three planes. Each tile is listed with a name and, for ACTION tiles, the WWD
// tile description the simulation reads (attributes: clear, solid, ground = one-way, climb, death).
import { Canvas, Rng, shade } from './canvas.js';
import type { Palette } from './palette.js';

export const TILE = 64;

export type Attribute = 'clear' | 'solid' | 'ground' | 'climb' | 'death';

/** The packer's input for one WWD tile description (LEGACY-FORMATS.md, "Tile descriptions"). */
export type TileDescription =
  | { type: 1; attribute: Attribute }
  | { type: 2; rect: [number, number, number, number]; inside: Attribute; outside: Attribute };

export interface Tile {
  name: string;
  canvas: Canvas;
  desc?: TileDescription;
}

const solid: TileDescription = { type: 1, attribute: 'solid' };
const clear: TileDescription = { type: 1, attribute: 'clear' };

function tile(): Canvas {
  return new Canvas(TILE, TILE);
}

function noiseFill(c: Canvas, ramp: readonly number[], base: number, amp: number, seed: number, y0 = 0): void {
  const rng = new Rng(seed);
  for (let y = y0; y < TILE; y++) for (let x = 0; x < TILE; x++) c.set(x, y, shade(ramp, base + (rng.next() - 0.5) * amp, x, y));
}

function dirt(p: Palette, seed: number): Canvas {
  const c = tile();
  noiseFill(c, p.ramps.dirt, 0.45, 0.5, seed);
  const rng = new Rng(seed + 1);
  for (let i = 0; i < 5; i++) c.ball(4 + rng.int(56), 4 + rng.int(56), 3 + rng.int(3), 2 + rng.int(2), p.ramps.stone, -0.1);
  return c;
}

function grassTop(p: Palette, seed: number, edge: 'left' | 'mid' | 'right'): Canvas {
  const c = dirt(p, seed);
  const rng = new Rng(seed + 5);
  for (let x = 0; x < TILE; x++) {
    const depth = 10 + rng.int(5);
    for (let y = 0; y < depth; y++) c.set(x, y, shade(p.ramps.grass, 0.85 - y / depth / 1.4, x, y));
    c.set(x, depth, p.ramps.grass[0] ?? 0);
  }
  for (let i = 0; i < 12; i++) {
    const x = rng.int(64);
    c.line(x, 0, x + rng.int(3) - 1, 3 + rng.int(4), p.ramps.grass[4] ?? 0);
  }
  const side = edge === 'left' ? 0 : edge === 'right' ? TILE - 1 : -1;
  if (side >= 0) for (let y = 0; y < TILE; y++) for (let k = 0; k < 3; k++) c.set(side === 0 ? k : side - k, y, p.ramps.dirt[k === 0 ? 0 : 1] ?? 0);
  return c;
}

function bricks(p: Palette, ramp: readonly number[], seed: number, bw: number, bh: number): Canvas {
  const c = tile();
  const rng = new Rng(seed);
  for (let row = 0; row < TILE / bh; row++) {
    const off = row % 2 === 0 ? 0 : bw / 2;
    for (let bx = -1; bx < TILE / bw + 1; bx++) {
      const x0 = bx * bw + off;
      const base = 0.35 + rng.next() * 0.35;
      for (let y = 1; y < bh; y++) {
        for (let x = 1; x < bw; x++) {
          const edge = y === 1 || x === 1 ? 0.25 : y === bh - 1 || x === bw - 1 ? -0.2 : 0;
          c.set(x0 + x, row * bh + y, shade(ramp, base + edge, x0 + x, row * bh + y));
        }
      }
    }
    for (let x = 0; x < TILE; x++) c.set(x, row * bh, p.ramps.ink[1] ?? 0);
    for (let bx = -1; bx < TILE / bw + 1; bx++) for (let y = 0; y < bh; y++) c.set(bx * bw + off, row * bh + y, p.ramps.ink[1] ?? 0);
  }
  return c;
}

function platform(p: Palette): Canvas {
  const c = tile();
  c.vgrad(0, 0, 64, 14, p.ramps.wood, 0.9, 0.4);
  c.line(0, 0, 63, 0, p.ramps.wood[4] ?? 0);
  c.line(0, 13, 63, 13, p.ramps.ink[0] ?? 0);
  for (const x of [0, 21, 42]) c.line(x, 1, x, 12, p.ramps.wood[0] ?? 0);
  for (const x of [8, 56]) {
    c.limb(x, 14, x, 30, 2.5, p.ramps.wood, -0.2);
    c.disc(x, 6, 1, 1, p.ramps.steel[2] ?? 0);
  }
  c.limb(8, 28, 56, 16, 1.5, p.ramps.wood, -0.3);
  return c;
}

function ladder(p: Palette): Canvas {
  const c = tile();
  for (const x of [14, 50]) c.limb(x, -2, x, 66, 3, p.ramps.wood);
  for (let y = 6; y < TILE; y += 16) c.limb(14, y, 50, y, 2.2, p.ramps.wood, 0.1);
  return c;
}

function spikes(p: Palette): Canvas {
  const c = tile();
  c.vgrad(0, 56, 64, 8, p.ramps.stone, 0.5, 0.2);
  for (let i = 0; i < 8; i++) {
    const cx = i * 8 + 4;
    for (let y = 0; y < 22; y++) {
      const half = (y / 22) * 4;
      for (let x = Math.round(cx - half); x <= Math.round(cx + half); x++) c.set(x, 34 + y, p.ramps.spike[x < cx ? 2 : x === cx ? 1 : 0] ?? 0);
    }
  }
  return c;
}

function barrel(p: Palette): Canvas {
  const c = tile();
  c.ball(32, 44, 16, 20, p.ramps.wood);
  c.rect(16, 24, 33, 3, 0);
  c.ball(32, 26, 15, 4, p.ramps.wood, -0.25);
  for (const y of [34, 54]) c.limb(17, y, 47, y, 1.5, p.ramps.steel);
  c.outline(p.ramps.ink[0] ?? 0);
  return c;
}

function lantern(p: Palette): Canvas {
  const c = tile();
  c.line(32, 0, 32, 18, p.ramps.steel[0] ?? 0);
  c.ball(32, 30, 8, 11, p.ramps.gold, 0.3);
  c.rect(24, 18, 17, 3, p.ramps.ink[1] ?? 0);
  c.rect(24, 40, 17, 3, p.ramps.ink[1] ?? 0);
  return c;
}

function ledge(p: Palette): Canvas {
  const c = tile();
  const b = bricks(p, p.ramps.stone, 41, 32, 16);
  for (let y = 32; y < TILE; y++) for (let x = 0; x < TILE; x++) c.set(x, y, b.get(x, y));
  c.line(0, 32, 63, 32, p.ramps.stone[5] ?? 0);
  return c;
}

export function actionTiles(p: Palette): Tile[] {
  return [
    { name: 'grass top', canvas: grassTop(p, 11, 'mid'), desc: solid },
    { name: 'grass top, left end', canvas: grassTop(p, 12, 'left'), desc: solid },
    { name: 'grass top, right end', canvas: grassTop(p, 13, 'right'), desc: solid },
    { name: 'dirt fill', canvas: dirt(p, 14), desc: solid },
    { name: 'stone wall', canvas: bricks(p, p.ramps.stone, 15, 32, 16), desc: solid },
    { name: 'brick wall', canvas: bricks(p, p.ramps.brick, 16, 16, 8), desc: solid },
    { name: 'wooden platform (one-way)', canvas: platform(p), desc: { type: 2, rect: [0, 0, 63, 15], inside: 'ground', outside: 'clear' } },
    { name: 'ladder', canvas: ladder(p), desc: { type: 1, attribute: 'climb' } },
    { name: 'spikes', canvas: spikes(p), desc: { type: 2, rect: [0, 36, 63, 63], inside: 'death', outside: 'clear' } },
    { name: 'half-height stone ledge', canvas: ledge(p), desc: { type: 2, rect: [0, 32, 63, 63], inside: 'solid', outside: 'clear' } },
    { name: 'barrel (decoration)', canvas: barrel(p), desc: clear },
    { name: 'lantern (decoration)', canvas: lantern(p), desc: clear },
  ];
}

function sky(p: Palette, band: number): Canvas {
  const c = tile();
  // Flat dithered bands (top 0 .. horizon 3): a gradient inside a tile would seam where rows repeat.
  const l = 0.22 + band * 0.12;
  c.vgrad(0, 0, 64, 64, p.ramps.sky, l, l);
  return c;
}

function cloud(p: Palette, part: 'left' | 'mid' | 'right'): Canvas {
  const c = sky(p, 1);
  const puffs = part === 'left' ? [[52, 40, 14, 12], [64, 32, 14, 14]] : part === 'mid' ? [[0, 32, 14, 14], [20, 26, 18, 16], [44, 30, 18, 16], [64, 36, 12, 10]] : [[0, 36, 12, 10], [14, 40, 14, 10]];
  for (const [x, y, rx, ry] of puffs as [number, number, number, number][]) c.ball(x, y, rx, ry, p.ramps.cloud, 0.2);
  return c;
}

function hills(p: Palette, seed: number, withTown: boolean): Canvas {
  const c = sky(p, 2);
  for (let x = 0; x < TILE; x++) {
    const h = 24 + Math.round(Math.sin((x + seed) / 10) * 6 + Math.sin((x + seed) / 4.3) * 2);
    for (let y = h; y < TILE; y++) c.set(x, y, shade(p.ramps.hillFar, 0.8 - (y - h) / 60, x, y));
  }
  if (withTown) {
    for (const [x, w, h] of [[6, 10, 14], [18, 8, 20], [28, 12, 12], [44, 9, 18]] as [number, number, number][]) {
      c.rect(x, 48 - h, w, h + 16, p.ramps.town[0] ?? 0);
      c.rect(x + 1, 47 - h, w - 2, 1, p.ramps.town[1] ?? 0);
      c.set(x + 3, 52 - h, p.ramps.town[2] ?? 0);
    }
  }
  for (let x = 0; x < TILE; x++) {
    const h = 46 + Math.round(Math.sin((x + seed * 3) / 7) * 4);
    for (let y = h; y < TILE; y++) c.set(x, y, shade(p.ramps.hillNear, 0.8 - (y - h) / 24, x, y));
  }
  return c;
}

function hillFill(p: Palette): Canvas {
  const c = tile();
  c.vgrad(0, 0, 64, 64, p.ramps.hillNear, 0.4, 0.05);
  return c;
}

export function backTiles(p: Palette): Tile[] {
  return [
    { name: 'sky, top band', canvas: sky(p, 0) },
    { name: 'sky, upper band', canvas: sky(p, 1) },
    { name: 'sky, lower band', canvas: sky(p, 2) },
    { name: 'cloud, left', canvas: cloud(p, 'left') },
    { name: 'cloud, middle', canvas: cloud(p, 'mid') },
    { name: 'cloud, right', canvas: cloud(p, 'right') },
    { name: 'hills at the horizon', canvas: hills(p, 0, false) },
    { name: 'hills with the distant town', canvas: hills(p, 64, true) },
    { name: 'hill fill', canvas: hillFill(p) },
  ];
}

function foliage(p: Palette, seed: number, hanging: boolean): Canvas {
  const c = tile();
  const rng = new Rng(seed);
  for (let i = 0; i < 14; i++) {
    const x = 6 + rng.int(52);
    const y = hanging ? 4 + rng.int(30) : 30 + rng.int(30);
    c.ball(x, y, 6 + rng.int(5), 5 + rng.int(4), p.ramps.leaf, 0.1);
  }
  if (hanging) for (let x = 4; x < 60; x += 9) c.limb(x, 0, x + 2, 44 + rng.int(16), 1.2, p.ramps.leaf);
  c.outline(p.ramps.leaf[0] ?? 0);
  return c;
}

function post(p: Palette, top: boolean): Canvas {
  const c = tile();
  c.limb(32, top ? 12 : -4, 32, 68, 8, p.ramps.wood, -0.1);
  if (top) c.ball(32, 12, 8, 4, p.ramps.wood, 0.3);
  for (const y of [top ? 30 : 10, 46]) c.limb(24, y, 40, y, 1.5, p.ramps.steel, -0.1);
  return c;
}

function chain(p: Palette): Canvas {
  const c = tile();
  for (let y = 0; y < TILE; y += 8) {
    if ((y / 8) % 2 === 0) c.ball(32, y + 4, 2.5, 4.5, p.ramps.steel);
    else c.ball(32, y + 4, 1.2, 4.5, p.ramps.steel, -0.2);
  }
  c.outline(p.ramps.ink[0] ?? 0);
  return c;
}

export function frontTiles(p: Palette): Tile[] {
  return [
    { name: 'foliage clump (on the ground)', canvas: foliage(p, 21, false) },
    { name: 'hanging foliage', canvas: foliage(p, 22, true) },
    { name: 'post top', canvas: post(p, true) },
    { name: 'post', canvas: post(p, false) },
    { name: 'hanging chain', canvas: chain(p) },
  ];
}
