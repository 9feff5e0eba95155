// What the renderer draws for a level's entities, resolved against its archive: the demo's clips
// (animations.ts) with their ANIs read and their frames' image paths, and for each entity kind a
// fallback image (frame 1 of the image set of the level's first object of that kind, or the player's
// set) for archives without the demo's ANIs — a player's CLAW.REZ shows its own sprites that way.
import { EntityKind, type Formats, type LevelSource } from '../../engine/index.js';
import { clipAnis, clipKind, demoClips, frameTable } from './animations.js';
import type { ClipData } from './sprites.js';

/** WWD logic names -> kind (the core's table, game-api.md), lower case. */
const LOGIC_KIND: Readonly<Record<string, number>> = {
  crate: EntityKind.Crate, frontcrate: EntityKind.Crate, behindcrate: EntityKind.Crate, stackedcrates: EntityKind.Crate,
  frontstackedcrates: EntityKind.Crate, backstackedcrates: EntityKind.Crate,
  treasure: EntityKind.Treasure, treasurepowerup: EntityKind.Treasure, glitterlesspowerup: EntityKind.Treasure,
  crab: EntityKind.Crab, hermitcrab: EntityKind.Crab, rat: EntityKind.Crab, soldier: EntityKind.Crab,
  ratguard: EntityKind.RatGuard, officer: EntityKind.RatGuard,
  checkpoint: EntityKind.Checkpoint, firstsupercheckpoint: EntityKind.Checkpoint, supercheckpoint: EntityKind.Checkpoint,
  levelend: EntityKind.LevelEnd, endoflevelpowerup: EntityKind.LevelEnd,
};

export interface LevelArt {
  clips: Map<number, ClipData>;
  /** Image path per kind (index = kind), '' for none. */
  fallbacks: string[];
  /** Every image path above, each once: clip frames first (the player's first of all), then fallbacks. */
  images: string[];
  /** ANIs of the demo clips that the archive lacks (a player's archive lacks them all). */
  missingAnis: string[];
}

function frameFile(dir: string, image: number): string {
  return `${dir}/FRAME${String(image).padStart(3, '0')}.PID`;
}

export async function levelArt(source: LevelSource, formats: Formats): Promise<LevelArt> {
  const specs = demoClips();
  const anis = new Map<string, Awaited<ReturnType<Formats['readAni']>>>();
  const missingAnis: string[] = [];
  for (const name of clipAnis(specs)) {
    const path = source.aniPath(name);
    if (!source.archive.has(path)) {
      missingAnis.push(name);
      continue;
    }
    try {
      anis.set(name, formats.readAni(await source.archive.read(path)));
    } catch (err) {
      console.warn(`${path}: not a readable ANI`, err);
      missingAnis.push(name);
    }
  }
  const clips = new Map<number, ClipData>();
  for (const [slot, spec] of specs) {
    if (spec.ani === null) {
      const dir = source.imageSetDir(`LEVEL_${spec.set}`);
      const path = frameFile(dir, spec.image);
      if (source.archive.has(path)) clips.set(slot, { mode: spec.mode, table: Uint16Array.of(0), paths: [path] });
      continue;
    }
    const ani = anis.get(spec.ani);
    if (ani === undefined || ani.frames.length === 0) continue;
    const dir = source.imageSetDir(ani.imageSet);
    clips.set(slot, { mode: spec.mode, table: frameTable(ani), paths: ani.frames.map((f) => frameFile(dir, f.imageId)) });
  }

  const fallbacks = new Array<string>(8).fill('');
  const firstFrame = (set: string): string => source.imageSetFrames(set)[0]?.path ?? '';
  fallbacks[EntityKind.Player] = firstFrame(source.playerSet);
  const main = source.wwd.planes[source.mainPlane];
  for (const object of main?.objects ?? []) {
    const kind = LOGIC_KIND[object.logic.toLowerCase()];
    if (kind === undefined || fallbacks[kind] !== '' || object.imageSet === '') continue;
    fallbacks[kind] = firstFrame(object.imageSet);
  }

  const images: string[] = [];
  const seen = new Set<string>();
  const add = (p: string): void => {
    const key = p.toUpperCase();
    if (p === '' || seen.has(key)) return;
    seen.add(key);
    images.push(p);
  };
  // The player's clips first: they are on screen from the first frame.
  for (const [slot, data] of clips) if (clipKind(slot) === EntityKind.Player) data.paths.forEach(add);
  add(fallbacks[EntityKind.Player]!);
  for (const data of clips.values()) data.paths.forEach(add);
  fallbacks.forEach(add);
  return { clips, fallbacks, images, missingAnis };
}
