// A level of a REZ archive (the demo's demo.rez or a player's CLAW.REZ): its WWD, and where its files
// are. Paths follow the original's rules: a tile of plane P is <imageDirectoryPath>/<P's image set>/NNN.PID;
// an image set name is PREFIX_REST, where the WWD header pairs prefixes with directories (LEVEL ->
// \LEVEL1\IMAGES) and the original's fixed prefixes fill in the rest (LEVEL_ -> /LEVELn/IMAGES/,
// GAME_ -> /GAME/IMAGES/, CLAW_ -> /CLAW/IMAGES/); the rest of the name is a sub-path, its underscores
// being separators when the archive has that directory (GAME_TREASURE_COINS -> /GAME/IMAGES/TREASURE/COINS).
// Every lookup that can check the archive does, so a name resolves to a directory that exists.
import type { Formats } from '../streaming/formats/formats.js';
import type { RezArchive, RezEntry } from '../streaming/formats/rez-archive.js';
import type { WwdLevel, WwdPlane } from '../streaming/formats/types.js';

const PLANE_MAIN = 1;
const PLANE_FOLDERS: Readonly<Record<string, string>> = { background: 'BACK', action: 'ACTION', front: 'FRONT' };

export interface LevelSource {
  /** The level's number (the N of /LEVELN). */
  readonly level: number;
  readonly archive: RezArchive;
  /** The WWD's path in the archive, /LEVELN/WORLDS/WORLD.WWD. */
  readonly wwdPath: string;
  /** The WWD file as stored (maybe compressed): what Game.loadLevel takes. */
  readonly raw: Uint8Array;
  readonly wwd: WwdLevel;
  /** The plane the simulation plays on (the same rule as the core's). */
  readonly mainPlane: number;
  /** The WWD's palette, e.g. /LEVEL1/PALETTES/MAIN.PAL. */
  readonly palettePath: string;
  /** The player's image set: LEVEL_PLAYER when the archive has it (the demo), else the original's CLAW (/CLAW/IMAGES). */
  readonly playerSet: string;
  /** The image of tile `id` of plane `plane` (an index of wwd.planes). */
  tilePath(plane: number, id: number): string;
  /** The directory of an image set's frames (FRAMEnnn.PID), without a trailing slash. */
  imageSetDir(setName: string): string;
  /** The frame files of an image set, in frame order (empty when the archive lacks the set). */
  imageSetFrames(setName: string): RezEntry[];
  /** The path of an animation by name (PLAYER_RUN, or a prefixed LEVEL_/CLAW_/GAME_ name). */
  aniPath(name: string): string;
  /** The animations that belong to an image set (ANIS/SET_*.ANI, ANIS/SET/*.ANI, and the set's directory under ANIS). */
  setAnis(setName: string): RezEntry[];
}

/** Converts a WWD path ('\LEVEL1\TILES', 'LEVEL1/TILES/') to an archive path ('/LEVEL1/TILES'). */
export function archivePath(path: string): string {
  const p = path.replace(/\\/g, '/').replace(/\/+/g, '/').replace(/\/$/, '');
  return p.startsWith('/') ? p : `/${p}`;
}

/** The main plane's index: flag 1, else the plane named "Action", else plane 1 of 3, else 0 (the core's rule). */
export function mainPlaneIndex(wwd: WwdLevel): number {
  const flagged = wwd.planes.findIndex((p) => (p.flags & PLANE_MAIN) !== 0);
  if (flagged >= 0) return flagged;
  const action = wwd.planes.findIndex((p) => p.name.toLowerCase() === 'action');
  if (action >= 0) return action;
  return wwd.planes.length === 3 ? 1 : 0;
}

/** The directory of a plane's tiles under imageDirectoryPath: its image set, or BACK/ACTION/FRONT by name. */
export function planeFolder(plane: WwdPlane): string {
  const set = plane.imageSets[0];
  if (set !== undefined && set !== '') return archivePath(set).slice(1);
  return PLANE_FOLDERS[plane.name.toLowerCase()] ?? plane.name.toUpperCase();
}

/** The tile image path: <imageDirectory>/<folder>/NNN.PID. */
export function tilePathOf(wwd: WwdLevel, plane: WwdPlane, id: number): string {
  return `${archivePath(wwd.header.imageDirectory)}/${planeFolder(plane)}/${String(id).padStart(3, '0')}.PID`;
}

/**
 * The directories an image set name may mean, most likely first: the header's prefix pairs, then the
 * original's fixed prefixes; each with the rest as a sub-path and as one name; last the whole name as a path.
 */
export function imageSetCandidates(wwd: WwdLevel, level: number, setName: string): string[] {
  const name = setName.trim();
  const upper = name.toUpperCase();
  const roots: [string, string][] = [];
  wwd.header.prefixes.forEach((prefix, i) => {
    const dir = wwd.header.imageSets[i];
    if (prefix !== '' && dir !== undefined && dir !== '') roots.push([`${prefix.toUpperCase()}_`, archivePath(dir)]);
  });
  roots.push(['LEVEL_', `/LEVEL${level}/IMAGES`], ['GAME_', '/GAME/IMAGES'], ['CLAW_', '/CLAW/IMAGES']);
  const out: string[] = [];
  const add = (p: string): void => {
    if (!out.includes(p)) out.push(p);
  };
  for (const [prefix, dir] of roots) {
    if (upper === prefix.slice(0, -1)) add(dir); // the prefix alone names its directory: CLAW -> /CLAW/IMAGES
    if (!upper.startsWith(prefix)) continue;
    const rest = name.slice(prefix.length);
    if (rest === '') continue;
    add(`${dir}/${rest.replace(/_/g, '/')}`);
    add(`${dir}/${rest}`);
  }
  add(`/${name.replace(/_/g, '/')}`);
  return out;
}

/** Reads /LEVELn/WORLDS/WORLD.WWD and resolves the level's paths against the archive. */
export async function openLevel(archive: RezArchive, formats: Formats, level = 1): Promise<LevelSource> {
  if (!Number.isInteger(level) || level < 1) throw new RangeError(`openLevel: a level number is a whole number >= 1, got ${level}`);
  const wwdPath = `/LEVEL${level}/WORLDS/WORLD.WWD`;
  const raw = await archive.read(wwdPath);
  const wwd = await formats.readWwd(raw);
  return new ArchiveLevel(archive, level, wwdPath, raw, wwd);
}

class ArchiveLevel implements LevelSource {
  readonly mainPlane: number;
  readonly palettePath: string;
  readonly playerSet: string;
  private readonly dirs = new Map<string, string>();

  constructor(
    readonly archive: RezArchive,
    readonly level: number,
    readonly wwdPath: string,
    readonly raw: Uint8Array,
    readonly wwd: WwdLevel,
  ) {
    this.mainPlane = mainPlaneIndex(wwd);
    this.palettePath = wwd.header.palettePath !== '' ? archivePath(wwd.header.palettePath) : `/LEVEL${level}/PALETTES/MAIN.PAL`;
    this.playerSet = this.isDir(this.imageSetDir('LEVEL_PLAYER')) ? 'LEVEL_PLAYER' : 'CLAW';
  }

  tilePath(plane: number, id: number): string {
    const p = this.wwd.planes[plane];
    if (p === undefined) throw new RangeError(`tilePath: the level has ${this.wwd.planes.length} planes, not ${plane + 1}`);
    return tilePathOf(this.wwd, p, id);
  }

  imageSetDir(setName: string): string {
    const known = this.dirs.get(setName);
    if (known !== undefined) return known;
    const candidates = imageSetCandidates(this.wwd, this.level, setName);
    const dir = candidates.find((c) => this.isDir(c)) ?? candidates[0]!;
    this.dirs.set(setName, dir);
    return dir;
  }

  imageSetFrames(setName: string): RezEntry[] {
    const dir = this.imageSetDir(setName);
    if (!this.isDir(dir)) return [];
    return this.archive.list(dir).filter((e) => !e.isDirectory && /\.PID$/i.test(e.name)).sort(byName);
  }

  aniPath(name: string): string {
    const upper = name.toUpperCase();
    const candidates: string[] = [];
    for (const [prefix, root] of [['LEVEL_', `/LEVEL${this.level}`], ['CLAW_', '/CLAW'], ['GAME_', '/GAME']] as const) {
      if (upper.startsWith(prefix)) candidates.push(`${root}/ANIS/${name.slice(prefix.length).replace(/_/g, '/')}.ANI`);
    }
    candidates.push(`/LEVEL${this.level}/ANIS/${name}.ANI`, `/LEVEL${this.level}/ANIS/${name.replace(/_/g, '/')}.ANI`);
    return candidates.find((c) => this.isFile(c)) ?? candidates[0]!;
  }

  setAnis(setName: string): RezEntry[] {
    const dir = this.imageSetDir(setName);
    const base = dir.slice(dir.lastIndexOf('/') + 1).toUpperCase();
    const anis = `/LEVEL${this.level}/ANIS`;
    const out = new Map<string, RezEntry>();
    const take = (from: string, keep: (e: RezEntry) => boolean): void => {
      if (!this.isDir(from)) return;
      for (const e of this.archive.list(from)) if (!e.isDirectory && /\.ANI$/i.test(e.name) && keep(e)) out.set(e.path, e);
    };
    take(anis, (e) => e.name.toUpperCase().startsWith(`${base}_`)); // the demo: ANIS/CRAB_WALK.ANI
    take(`${anis}/${base}`, () => true);                          // ANIS/CRAB/WALK.ANI
    // The original: the set's own directory with IMAGES changed to ANIS (/CLAW/IMAGES -> /CLAW/ANIS,
    // /GAME/IMAGES/TREASURE/COINS -> /GAME/ANIS/TREASURE/COINS).
    const mirrored = dir.replace(/\/IMAGES(\/|$)/i, '/ANIS$1');
    if (mirrored !== dir) take(mirrored, () => true);
    return [...out.values()].sort(byName);
  }

  private isDir(path: string): boolean {
    return this.archive.has(path) && this.archive.stat(path).isDirectory;
  }

  private isFile(path: string): boolean {
    return this.archive.has(path) && !this.archive.stat(path).isDirectory;
  }
}

function byName(a: RezEntry, b: RezEntry): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
}
