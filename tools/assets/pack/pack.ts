// The demo's packing: every source of assets/ turned into its legacy file at the REZ path demo.json
// gives it, then one archive. Deterministic: files in path order, a fixed dateTime, fileIds by
// position, nothing read from the clock or the file system's metadata.
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import type { Formats } from '@openclaw/memory-sdk';

import { aniSpec, writeAni } from './ani.js';
import { encodePid, indexPng } from './images.js';
import { AssetError } from './errors.js';
import { Fields } from './json.js';
import { levelSpec } from './level.js';
import { fill, readManifest, type Manifest } from './manifest.js';
import { readPalette, type SourcePalette } from './palette.js';
import { writeWwd } from './wwd-writer.js';

/** 2026-01-01T00:00:00Z as Unix seconds: the dateTime of every file (a fixed one, so builds repeat). */
export const DEMO_DATE_TIME = 1767225600;

export interface PackedFile {
  /** Its REZ path, e.g. /LEVEL1/IMAGES/CRAB/FRAME003.PID. */
  path: string;
  bytes: Uint8Array;
  dateTime: number;
  fileId: number;
}

export interface PackProgress {
  done: number;
  total: number;
  path: string;
}

interface Job {
  path: string;
  make: () => Uint8Array;
}

const NUMBERED_PNG = /^(\d{3})\.png$/;

/** The numbered PNGs of a directory, in number order; gaps and stray files are errors. */
function numberedPngs(dir: string, name: string): number[] {
  if (!existsSync(dir)) throw new AssetError(name, 'the directory does not exist');
  const numbers: number[] = [];
  for (const entry of readdirSync(dir).sort()) {
    const m = NUMBERED_PNG.exec(entry);
    if (m !== null) numbers.push(Number(m[1]));
    else if (entry.endsWith('.png')) throw new AssetError(`${name}/${entry}`, 'is not named NNN.png');
  }
  numbers.forEach((n, i) => {
    if (n !== i + 1) throw new AssetError(name, `frame ${String(i + 1).padStart(3, '0')}.png is missing (numbers have no gaps)`);
  });
  return numbers;
}

function frameOffsets(set: Fields): Map<number, [number, number]> {
  const out = new Map<number, [number, number]>();
  if (!set.has('offsets')) return out;
  const offsets = set.object('offsets');
  for (const key of offsets.keys()) {
    const v = offsets.array(key);
    if (v.length !== 2 || !v.every((n) => typeof n === 'number' && Number.isInteger(n))) {
      throw new AssetError(set.file, `offsets."${key}" must be [dx, dy]`);
    }
    out.set(Number(key), [v[0] as number, v[1] as number]);
  }
  return out;
}

function jobs(root: string, m: Manifest, formats: Formats, palette: SourcePalette): Job[] {
  const list: Job[] = [{ path: m.palette.rez, make: () => palette.rgb.slice() }];
  for (const t of m.tiles) {
    for (const n of numberedPngs(join(root, t.source), t.source)) {
      const name = `${t.source}/${String(n).padStart(3, '0')}.png`;
      list.push({ path: `${t.rez}/${fill(m.tileFileName, { n })}`, make: () => encodePid(formats, indexPng(join(root, name), name, palette), { kind: 'tile' }) });
    }
  }
  for (const set of m.images.sets) {
    const dir = `${m.images.source}/${set}`;
    const info = Fields.read(join(root, dir, 'set.json'), `${dir}/set.json`);
    const offsets = frameOffsets(info);
    const frames = numberedPngs(join(root, dir), dir);
    if (info.int('frames') !== frames.length) throw new AssetError(info.file, `frames is ${info.int('frames')} but ${frames.length} PNGs exist`);
    for (const n of frames) {
      const name = `${dir}/${String(n).padStart(3, '0')}.png`;
      const [offsetX, offsetY] = offsets.get(n) ?? [0, 0];
      list.push({
        path: `${m.images.rez}/${set}/${fill(m.images.frameFileName, { n })}`,
        make: () => encodePid(formats, indexPng(join(root, name), name, palette), { kind: 'sprite', offsetX, offsetY }),
      });
    }
  }
  const sets = new Set(m.images.sets);
  const setName = (set: string) => fill(m.imageSetName, { name: set });
  const aniDir = join(root, m.anis.source);
  for (const entry of readdirSync(aniDir).filter((e) => e.endsWith('.json')).sort()) {
    const name = entry.slice(0, -'.json'.length);
    const file = `${m.anis.source}/${entry}`;
    list.push({
      path: `${m.anis.rez}/${fill(m.anis.fileName, { name })}`,
      make: () => {
        const { set, spec } = aniSpec(Fields.read(join(aniDir, entry), file), setName);
        if (!sets.has(set)) throw new AssetError(file, `imageSet "${set}" is not an image set of demo.json`);
        return writeAni(spec);
      },
    });
  }
  for (const level of m.levels) {
    list.push({
      path: level.rez,
      make: () => writeWwd(levelSpec(
        Fields.read(join(root, level.source), level.source), Fields.read(join(root, level.tileAttributes), level.tileAttributes),
        palette, level, setName, sets,
      )),
    });
  }
  return list;
}

/** Component by component, by code unit: the order `claw-rez pack DIR` walks a directory in, so the
 *  staged files pack into the same archive. */
export function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) {
    if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  }
  return x.length - y.length;
}

/** Every file of the demo archive, in archive order. */
export function buildFiles(root: string, formats: Formats, onProgress?: (p: PackProgress) => void): PackedFile[] {
  const manifest = readManifest(Fields.read(join(root, 'demo.json'), 'demo.json'));
  const palette = readPalette(Fields.read(join(root, manifest.palette.source), manifest.palette.source));
  const list = jobs(root, manifest, formats, palette);
  list.sort((a, b) => comparePaths(a.path, b.path));
  return list.map((job, i) => {
    const file = { path: job.path, bytes: job.make(), dateTime: DEMO_DATE_TIME, fileId: i + 1 };
    onProgress?.({ done: i + 1, total: list.length, path: job.path });
    return file;
  });
}

/** The archive of `files` (Formats.packRez: header, data in order, directory blocks last). */
export function packFiles(formats: Formats, files: PackedFile[]): Uint8Array {
  return formats.packRez(files);
}
