// demo.json, the manifest (assets/README.md "The manifest"): which REZ path each output gets and the
// strings the WWD header and the image-set names are made of.
import { AssetError } from './errors.js';
import type { Fields } from './json.js';
import type { LevelPaths } from './level.js';

export interface Manifest {
  output: string;
  palette: { source: string; rez: string };
  tiles: Array<{ plane: string; source: string; rez: string }>;
  tileFileName: string;
  images: { source: string; rez: string; frameFileName: string; sets: string[] };
  imageSetName: string;
  anis: { source: string; rez: string; fileName: string };
  levels: Array<{ source: string; rez: string; tileAttributes: string } & LevelPaths>;
}

function sourceAndRez(f: Fields): { source: string; rez: string } {
  return { source: f.str('source'), rez: f.str('rez') };
}

export function readManifest(json: Fields): Manifest {
  const tiles = json.object('tiles');
  const images = json.object('images');
  const anis = json.object('anis');
  const prefixes = json.object('imageSetPrefixes');
  const prefixList = prefixes.keys().map((k): [string, string] => [k, prefixes.str(k)]);
  const pid = json.object('pid');
  if (!pid.bool('compressed', true) || !pid.bool('transparency', true)) {
    throw new AssetError(json.file, 'pid: only compressed, transparent sprites are supported (tiles pick the smaller encoding)');
  }
  return {
    output: json.str('output'),
    palette: sourceAndRez(json.object('palette')),
    tiles: tiles.keys().map((plane) => ({ plane, ...sourceAndRez(tiles.object(plane)) })),
    tileFileName: json.str('tileFileName'),
    images: { ...sourceAndRez(images), frameFileName: images.str('frameFileName'), sets: images.strings('sets') },
    imageSetName: json.str('imageSetName'),
    anis: { ...sourceAndRez(anis), fileName: anis.str('fileName') },
    levels: json.objects('levels').map((l) => ({
      ...sourceAndRez(l), tileAttributes: l.str('tileAttributes'), rezFile: l.str('rezFile'),
      imageDirectory: l.str('imageDirectoryPath'), palettePath: l.str('palettePath'),
      prefixes: prefixList, compressed: l.bool('compressed', true),
    })),
  };
}

/** `pattern` with {NNN} as the 3-digit number and {NAME}/{SET} as the name. */
export function fill(pattern: string, values: { n?: number; name?: string }): string {
  let out = pattern;
  if (values.n !== undefined) out = out.replaceAll('{NNN}', String(values.n).padStart(3, '0'));
  if (values.name !== undefined) out = out.replaceAll('{NAME}', values.name).replaceAll('{SET}', values.name);
  return out;
}
