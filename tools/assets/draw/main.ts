// Draws the demo game's original art and writes its sources under assets/: palette.json, images/<SET>/,
// anis/, tiles/<PLANE>/ and tiles/attributes.json. Deterministic: the same bytes on every run. Then it
// reads every PNG back and checks it against the palette, which is the packer's contract.
// Run: npx tsx tools/assets/draw/main.ts [assetsDir]
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import type { Canvas } from './canvas.js';
import { crabFrames, ratFrames } from './enemies.js';
import { checkpointFrames, chaliceFrames, coinFrames, crateFrames, gemFrames } from './items.js';
import { buildPalette } from './palette.js';
import { playerFrames } from './player.js';
import { assertPaletted, writeCanvas } from './png.js';
import { actionTiles, backTiles, frontTiles, type Tile } from './tiles.js';

interface AniFrame {
  image: number;
  ms: number;
  event?: string;
}

const root = process.argv[2] ?? 'assets';
const palette = buildPalette();
const written: string[] = [];

function num(n: number): string {
  return String(n).padStart(3, '0');
}

function json(path: string, value: unknown): void {
  writeFileSync(path, `${JSON.stringify(value, null, 2)}\n`);
}

function writeSet(name: string, frames: Canvas[], notes: string): void {
  const dir = join(root, 'images', name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  frames.forEach((f, i) => {
    const path = join(dir, `${num(i + 1)}.png`);
    writeCanvas(path, f, palette);
    written.push(path);
  });
  json(join(dir, 'set.json'), { name, frames: frames.length, notes, offsets: {} });
}

function writeAni(name: string, imageSet: string, images: number[], ms: number, events: Record<number, string> = {}): void {
  const frames: AniFrame[] = images.map((image, i) => {
    const event = events[i];
    return event === undefined ? { image, ms } : { image, ms, event };
  });
  json(join(root, 'anis', `${name}.json`), { imageSet, frames });
}

function writeTiles(plane: string, tiles: Tile[]): void {
  const dir = join(root, 'tiles', plane);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  tiles.forEach((t, i) => {
    const path = join(dir, `${num(i + 1)}.png`);
    writeCanvas(path, t.canvas, palette);
    written.push(path);
  });
}

function need(anims: Record<string, number[]>, key: string): number[] {
  const v = anims[key];
  if (v === undefined) throw new Error(`no frames drawn for ${key}`);
  return v;
}

mkdirSync(join(root, 'anis'), { recursive: true });
json(join(root, 'palette.json'), { transparentIndex: 0, colors: palette.hex });

const player = playerFrames(palette);
writeSet('PLAYER', player.frames, 'Rusty the fox deckhand, 64x72, facing right, feet on the bottom row.');
writeAni('PLAYER_IDLE', 'PLAYER', need(player.anims, 'IDLE'), 250);
writeAni('PLAYER_RUN', 'PLAYER', need(player.anims, 'RUN'), 80);
writeAni('PLAYER_JUMP', 'PLAYER', need(player.anims, 'JUMP'), 120);
writeAni('PLAYER_CLIMB', 'PLAYER', need(player.anims, 'CLIMB'), 120);
writeAni('PLAYER_ATTACK', 'PLAYER', need(player.anims, 'ATTACK'), 70, { 1: 'PLAYER_SWORD_HIT' });

const crab = crabFrames(palette);
writeSet('CRAB', crab.frames, 'Shore crab, 56x40, facing right.');
writeAni('CRAB_WALK', 'CRAB', need(crab.anims, 'WALK'), 120);
writeAni('CRAB_ATTACK', 'CRAB', need(crab.anims, 'ATTACK'), 110, { 1: 'CRAB_PINCH' });

const rat = ratFrames(palette);
writeSet('RATGUARD', rat.frames, 'Rat guard with a cutlass, 56x68, facing right.');
writeAni('RATGUARD_WALK', 'RATGUARD', need(rat.anims, 'WALK'), 140);
writeAni('RATGUARD_ATTACK', 'RATGUARD', need(rat.anims, 'ATTACK'), 120, { 1: 'RATGUARD_SLASH' });

const crate = crateFrames(palette);
writeSet('CRATE', crate, 'Breakable crate, 48x48: frame 1 whole, 2-5 breaking.');
writeAni('CRATE_BREAK', 'CRATE', [2, 3, 4, 5], 70, { 0: 'CRATE_BREAK' });

const coin = coinFrames(palette);
writeSet('COIN', coin, 'Spinning gold coin, 24x24.');
writeAni('COIN_SPIN', 'COIN', coin.map((_, i) => i + 1), 90);
writeSet('GEM', gemFrames(palette), 'Green gem, 24x24: frame 2 sparkles.');
writeAni('GEM_SPARKLE', 'GEM', [1, 1, 1, 2], 150);
writeSet('CHALICE', chaliceFrames(palette), 'Gold chalice, 28x32.');
writeSet('CHECKPOINT', checkpointFrames(palette), 'Checkpoint flag, 32x80: 1 down, 2 rising, 3 up.');
writeAni('CHECKPOINT_RISE', 'CHECKPOINT', [1, 2, 3], 150);

const action = actionTiles(palette);
writeTiles('BACK', backTiles(palette));
writeTiles('ACTION', action);
writeTiles('FRONT', frontTiles(palette));
const descriptions: Record<string, unknown> = {};
action.forEach((t, i) => {
  if (t.desc === undefined) throw new Error(`ACTION tile ${t.name} has no description`);
  descriptions[String(i + 1)] = { name: t.name, ...t.desc };
});
json(join(root, 'tiles', 'attributes.json'), {
  tileSize: 64,
  default: { type: 1, attribute: 'clear' },
  tiles: descriptions,
});

for (const path of written) assertPaletted(path, palette);
const anis = readdirSync(join(root, 'anis')).length;
process.stdout.write(`wrote ${written.length} PNGs and ${anis} animations under ${root}/, all on the palette\n`);
