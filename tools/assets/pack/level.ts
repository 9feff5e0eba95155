// levels/<LEVEL>.json + tiles/attributes.json -> the WwdSpec of the level (assets/README.md "Level"
// and "Tiles and attributes"): planes from character grids and legends, objects of the main plane,
// tile descriptions for ids 0..highest.
import { AssetError } from './errors.js';
import type { Fields } from './json.js';
import { colorIndex, type SourcePalette } from './palette.js';
import {
  PLANE_MAIN, PLANE_WRAP_X, PLANE_WRAP_Y, WWD_COMPRESSED, WWD_USE_Z,
  type WwdObjectSpec, type WwdPlaneSpec, type WwdSpec, type WwdTileSpec,
} from './wwd-writer.js';

/** The tile directory (and plane image set) of each plane name. */
const PLANE_DIRS: Record<string, string> = { Background: 'BACK', Action: 'ACTION', Front: 'FRONT' };
const PLANE_Z = [0, 1000, 2000];
const ATTRIBUTES: Record<string, number> = { clear: 0, solid: 1, ground: 2, climb: 3, death: 4 };
const DROPS: Record<string, number> = { COIN: 1, GEM: 2, CHALICE: 3 };
const OBJECT_TYPES: Record<string, number> = { Crab: 4, RatGuard: 4, Treasure: 8 };
const OBJECT_GENERIC = 1;

export interface LevelPaths {
  rezFile: string;
  imageDirectory: string;
  palettePath: string;
  /** REZ string prefix -> the directory it names, e.g. LEVEL_ -> /LEVEL1/IMAGES/. */
  prefixes: Array<[string, string]>;
  compressed: boolean;
}

function attribute(f: Fields, key: string): number {
  const name = f.str(key);
  const v = ATTRIBUTES[name];
  if (v === undefined) throw new AssetError(f.file, `${f.where}${key} "${name}" is not one of ${Object.keys(ATTRIBUTES).join(', ')}`);
  return v;
}

function description(f: Fields, size: number): WwdTileSpec {
  const type = f.int('type');
  if (type === 1) {
    return { type: 1, width: size, height: size, inside: attribute(f, 'attribute'), outside: 0, rect: { left: 0, top: 0, right: 0, bottom: 0 } };
  }
  if (type !== 2) throw new AssetError(f.file, `${f.where}type ${type} is not 1 or 2`);
  const r = f.array('rect');
  if (r.length !== 4 || !r.every((v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v < size)) {
    throw new AssetError(f.file, `${f.where}rect must be four integers in 0..${size - 1}`);
  }
  const [left, top, right, bottom] = r as number[];
  return {
    type: 2, width: size, height: size, inside: attribute(f, 'inside'), outside: attribute(f, 'outside'),
    rect: { left: left!, top: top!, right: right!, bottom: bottom! },
  };
}

/** Record i describes ACTION tile id i; record 0 and ids not listed get `default`. */
export function tileDescriptions(attrs: Fields): WwdTileSpec[] {
  const size = attrs.int('tileSize');
  const fallback = description(attrs.object('default'), size);
  const tiles = attrs.object('tiles');
  const byId = new Map<number, WwdTileSpec>();
  for (const key of tiles.keys()) {
    const id = Number(key);
    if (!Number.isInteger(id) || id < 1 || String(id) !== key) throw new AssetError(attrs.file, `tiles."${key}" is not a tile id (1, 2, ...)`);
    byId.set(id, description(tiles.object(key), size));
  }
  const count = Math.max(0, ...byId.keys()) + 1;
  return Array.from({ length: count }, (_, i) => byId.get(i) ?? fallback);
}

function plane(f: Fields, index: number, palette: SourcePalette): WwdPlaneSpec {
  const name = f.str('name');
  const dir = PLANE_DIRS[name];
  if (dir === undefined) throw new AssetError(f.file, `${f.where}name "${name}" is not one of ${Object.keys(PLANE_DIRS).join(', ')}`);
  const size = f.int('tileSize');
  const legend = f.object('legend');
  const ids = new Map<string, number>();
  for (const ch of legend.keys()) {
    if (ch.length !== 1) throw new AssetError(f.file, `${legend.where}"${ch}" is not one character`);
    ids.set(ch, legend.int(ch));
  }
  const rows = f.strings('rows');
  const tilesX = rows[0]?.length ?? 0;
  if (tilesX === 0) throw new AssetError(f.file, `${f.where}rows is empty`);
  const tiles = new Int32Array(tilesX * rows.length);
  rows.forEach((row, y) => {
    if (row.length !== tilesX) throw new AssetError(f.file, `${f.where}rows[${y}] has ${row.length} cells, not ${tilesX}`);
    for (let x = 0; x < tilesX; x++) {
      const id = ids.get(row[x]!);
      if (id === undefined) throw new AssetError(f.file, `${f.where}rows[${y}] column ${x}: "${row[x]}" is not in the legend`);
      tiles[y * tilesX + x] = id;
    }
  });
  const move = f.object('movementPercent');
  const fill = f.optStr('fillColor');
  return {
    flags: (f.bool('main', false) ? PLANE_MAIN : 0) | (f.bool('wrapX', false) ? PLANE_WRAP_X : 0) | (f.bool('wrapY', false) ? PLANE_WRAP_Y : 0),
    name, tileWidth: size, tileHeight: size, tilesX, tilesY: rows.length,
    movementPercentX: move.int('x'), movementPercentY: move.int('y'),
    fillColor: fill === undefined ? 0 : colorIndex(f.file, palette, fill),
    z: PLANE_Z[index] ?? index * 1000, tiles, imageSets: [dir], objects: [],
  };
}

function object(f: Fields, z: number, setName: (set: string) => string, knownSets: ReadonlySet<string>): WwdObjectSpec {
  const logic = f.str('logic');
  const set = f.str('imageSet');
  if (!knownSets.has(set)) throw new AssetError(f.file, `${f.where}imageSet "${set}" is not an image set of demo.json`);
  const drops = f.optStr('drops');
  const powerup = drops === undefined ? 0 : DROPS[drops];
  if (powerup === undefined) throw new AssetError(f.file, `${f.where}drops "${drops}" is not one of ${Object.keys(DROPS).join(', ')}`);
  return {
    id: f.int('id'), x: f.int('x'), y: f.int('y'), z,
    score: f.optInt('score') ?? 0, powerup, damage: f.optInt('damage') ?? 0, health: f.optInt('health') ?? 0,
    minX: f.optInt('minX') ?? 0, minY: f.optInt('minY') ?? 0, maxX: f.optInt('maxX') ?? 0, maxY: f.optInt('maxY') ?? 0,
    objectType: OBJECT_TYPES[logic] ?? OBJECT_GENERIC,
    name: f.optStr('name') ?? '', logic, imageSet: setName(set), sound: '',
  };
}

export function levelSpec(
  level: Fields, attrs: Fields, palette: SourcePalette, paths: LevelPaths,
  setName: (set: string) => string, knownSets: ReadonlySet<string>,
): WwdSpec {
  const planes = level.objects('planes').map((p, i) => plane(p, i, palette));
  const main = planes.filter((p) => (p.flags & PLANE_MAIN) !== 0);
  if (main.length !== 1) throw new AssetError(level.file, `${main.length} planes say "main": true; exactly one must`);
  const mainPlane = main[0]!;
  const ids = new Set<number>();
  for (const f of level.objects('objects')) {
    const o = object(f, mainPlane.z, setName, knownSets);
    if (ids.has(o.id)) throw new AssetError(level.file, `${f.where}id ${o.id} is used twice`);
    ids.add(o.id);
    mainPlane.objects.push(o);
  }
  const start = level.object('start');
  const sets: [string, string, string, string] = ['', '', '', ''];
  const prefixes: [string, string, string, string] = ['', '', '', ''];
  if (paths.prefixes.length > 4) throw new AssetError('demo.json', 'a WWD holds at most 4 image-set prefixes');
  paths.prefixes.forEach(([prefix, dir], i) => {
    // The header pairs a directory in the archive's backslash spelling with the prefix naming it.
    sets[i] = dir.replace(/\/+$/, '').replaceAll('/', '\\');
    prefixes[i] = prefix.replace(/_$/, '');
  });
  return {
    flags: WWD_USE_Z | (paths.compressed ? WWD_COMPRESSED : 0),
    levelName: level.str('name'), author: level.str('author'), birth: level.str('birth'),
    rezFile: paths.rezFile, imageDirectory: paths.imageDirectory, palettePath: paths.palettePath, launchApp: '',
    imageSets: sets, prefixes, startX: start.int('x'), startY: start.int('y'),
    planes, tiles: tileDescriptions(attrs),
  };
}
