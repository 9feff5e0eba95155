// A synthetic "REZ like the original" for the bring-your-own-archive path: the original's directory
// names (/CLAW, /GAME, /STATES, /LEVEL1 ... /LEVEL14), header text "RezMgr Version 1", a Level 1 with
// IMAGES, ANIS, TILES/{BACK,ACTION,FRONT}, PALETTES/MAIN.PAL and WORLDS/WORLD.WWD, the original's set
// names and logic names (level.ts, sets.ts) — and only our own art (the demo's, built by its packer).
// The REZ writer makes directories from file paths, so a directory the original has but Level 1 does
// not need holds one small text file (EMPTY.TXT) saying so. Deterministic: the same bytes every run.
import { join } from 'node:path';

import { Formats } from '@openclaw/memory-sdk';

import { aniSpec, writeAni } from '../pack/ani.js';
import { Fields } from '../pack/json.js';
import { comparePaths, DEMO_DATE_TIME, type PackedFile } from '../pack/pack.js';
import { writeWwd } from '../pack/wwd-writer.js';
import { DEFAULT_ASSETS, demoFiles, readDemoSource, type PackingFormats } from '../levels/demo-source.js';

import { originalLikeLevel } from './level.js';
import { aniPath, ORIGINAL_ANIS, ORIGINAL_SETS, setDirectory } from './sets.js';

export const ORIGINAL_LEVELS = 14;
/** Directories of the original with nothing of ours in them. */
export const PLACEHOLDER_DIRS: readonly string[] = [
  '/STATES', '/GAME/SOUNDS', '/CLAW/SOUNDS',
  ...Array.from({ length: ORIGINAL_LEVELS - 1 }, (_, i) => `/LEVEL${i + 2}`),
];
const PLACEHOLDER = new TextEncoder().encode('Not part of this synthetic archive: only Level 1 is generated.\r\n');

export interface OriginalLikeOptions {
  /** The decoders that encode the PIDs; default Formats.load() of the package (disposed after). */
  formats?: PackingFormats;
  /** The demo's assets folder; default the repository's assets/. */
  assets?: string;
}

const n3 = (n: number) => String(n).padStart(3, '0');

function files(formats: PackingFormats, assets: string): Array<{ path: string; bytes: Uint8Array }> {
  const demo = readDemoSource(assets);
  const built = new Map(demoFiles(formats, assets).map((f) => [f.path, f.bytes]));
  const demoFile = (path: string): Uint8Array => {
    const bytes = built.get(path);
    if (bytes === undefined) throw new Error(`demo.rez has no ${path}`);
    return bytes;
  };
  const out: Array<{ path: string; bytes: Uint8Array }> = [];
  // Level 1's palette and tiles are the demo's, at the same paths (the original's).
  for (const [path, bytes] of built) {
    if (path.startsWith('/LEVEL1/TILES/') || path.startsWith('/LEVEL1/PALETTES/')) out.push({ path, bytes });
  }
  const imagesRoot = demo.manifest.images.rez;
  const tileDirs = new Map(demo.manifest.tiles.map((t) => [t.plane, t.rez]));
  for (const set of ORIGINAL_SETS) {
    const dir = setDirectory(set.name);
    if ('set' in set.art) {
      const prefix = `${imagesRoot}/${set.art.set}/`;
      for (const [path, bytes] of built) {
        if (path.startsWith(prefix)) out.push({ path: dir + path.slice(prefix.length - 1), bytes });
      }
    } else {
      const tiles = tileDirs.get(set.art.tile);
      if (tiles === undefined) throw new Error(`demo.json has no tile plane ${set.art.tile}`);
      out.push({ path: `${dir}/FRAME001.PID`, bytes: demoFile(`${tiles}/${n3(set.art.id)}.PID`) });
    }
  }
  const aniDir = join(assets, demo.manifest.anis.source);
  for (const [name, sets] of Object.entries(ORIGINAL_ANIS)) {
    for (const set of sets) {
      const { spec } = aniSpec(Fields.read(join(aniDir, `${name}.json`), `${demo.manifest.anis.source}/${name}.json`), () => set);
      out.push({ path: aniPath(name, set), bytes: writeAni(spec) });
    }
  }
  out.push({ path: demo.wwdPath, bytes: writeWwd(originalLikeLevel(demo.level)) });
  for (const dir of PLACEHOLDER_DIRS) out.push({ path: `${dir}/EMPTY.TXT`, bytes: PLACEHOLDER });
  return out;
}

/** The whole archive, in memory (about 150 KB). */
export async function makeOriginalLikeRez(options: OriginalLikeOptions = {}): Promise<Uint8Array> {
  const owned = options.formats === undefined ? await Formats.load() : null;
  const formats = options.formats ?? owned!;
  try {
    const list = files(formats, options.assets ?? DEFAULT_ASSETS).sort((a, b) => comparePaths(a.path, b.path));
    const packed: PackedFile[] = list.map((f, i) => ({ ...f, dateTime: DEMO_DATE_TIME, fileId: i + 1 }));
    return formats.packRez(packed);
  } finally {
    owned?.dispose();
  }
}
