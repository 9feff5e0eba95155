// WORLD.WWD of the "REZ like the original": the demo level's planes, tiles and object positions, with
// the original's header strings (level name, image-set directories and prefixes) and the original's
// logic names and image sets for every object, plus objects the game does not support (ambient sounds,
// candy, a toggle peg, an elevator) that it must ignore and count. Treasures, soldiers and rats carry
// no score, health or damage, as many of the original's objects do, so the game's defaults are used.
import { PLANE_MAIN, type WwdObjectSpec, type WwdSpec } from '../pack/wwd-writer.js';

import { ORIGINAL_PREFIXES } from './sets.js';

export const ORIGINAL_LEVEL_NAME = 'Claw - Level 1';

/** The unsupported objects added, by logic: how many the game should report as ignored. */
export const UNSUPPORTED_LOGICS = ['AmbientSound', 'AmbientSound', 'BehindCandy', 'FrontCandy', 'TogglePeg', 'Elevator'] as const;

const TREASURE_SETS: Record<string, [logic: string, set: string]> = {
  LEVEL_COIN: ['TreasurePowerup', 'GAME_TREASURE_COINS'],
  LEVEL_GEM: ['TreasurePowerup', 'GAME_TREASURE_GEMS_RED'],
  LEVEL_CHALICE: ['GlitterlessPowerup', 'GAME_TREASURE_CHALICES_GREEN'],
};

/** Counters per demo logic, so alternating names (Crate/FrontCrate, Soldier/Rat) are deterministic. */
function renamer(): (o: WwdObjectSpec) => WwdObjectSpec {
  const seen = new Map<string, number>();
  return (o) => {
    const n = seen.get(o.logic) ?? 0;
    seen.set(o.logic, n + 1);
    switch (o.logic) {
      case 'Crate':
        return { ...o, logic: n % 2 === 0 ? 'Crate' : 'FrontCrate', imageSet: 'LEVEL_CRATES' };
      case 'Treasure': {
        const mapped = TREASURE_SETS[o.imageSet];
        if (mapped === undefined) throw new Error(`the demo's treasure ${o.id} has image set ${o.imageSet}`);
        return { ...o, logic: mapped[0], imageSet: mapped[1], score: 0 };
      }
      case 'Crab':
        return { ...o, logic: n % 2 === 0 ? 'Soldier' : 'Rat', imageSet: n % 2 === 0 ? 'LEVEL_SOLDIER' : 'LEVEL_RAT', health: 0, damage: 0 };
      case 'RatGuard':
        return { ...o, logic: 'Officer', imageSet: 'LEVEL_OFFICER' };
      case 'Checkpoint':
        return n === 0
          ? { ...o, logic: 'Checkpoint', imageSet: 'GAME_CHECKPOINTFLAG' }
          : { ...o, logic: 'SuperCheckpoint', imageSet: 'GAME_SUPERCHECKPOINT' };
      case 'LevelEnd':
        return { ...o, logic: 'EndOfLevelPowerup', imageSet: 'GAME_MAPPIECE' };
      default:
        throw new Error(`the demo level has an object of logic ${o.logic} this generator does not know`);
    }
  };
}

function unsupported(id: number, logic: string, x: number, y: number, z: number): WwdObjectSpec {
  const sets: Record<string, string> = {
    AmbientSound: 'GAME_SOUNDICON', BehindCandy: 'LEVEL_BARRELS', FrontCandy: 'LEVEL_FOLIAGE', TogglePeg: 'LEVEL_PEG', Elevator: 'LEVEL_ELEVATOR',
  };
  return {
    id, x, y, z, score: 0, powerup: 0, damage: 0, health: 0, minX: 0, minY: 0, maxX: 0, maxY: 0,
    objectType: 1, name: '', logic, imageSet: sets[logic]!, sound: logic === 'AmbientSound' ? 'LEVEL_AMBIENT_WAVES' : '',
  };
}

export function originalLikeLevel(demo: WwdSpec): WwdSpec {
  const rename = renamer();
  const planes = demo.planes.map((p) => ({ ...p, objects: p.objects.map(rename) }));
  const main = planes.find((p) => (p.flags & PLANE_MAIN) !== 0);
  if (main === undefined) throw new Error('the demo level has no main plane');
  let id = Math.max(0, ...main.objects.map((o) => o.id));
  // Spread along the start area, in the air or on the ground: the game never spawns them, wherever they are.
  UNSUPPORTED_LOGICS.forEach((logic, i) => {
    main.objects.push(unsupported(++id, logic, demo.startX + 160 + i * 192, demo.startY - 64, main.z + (logic === 'FrontCandy' ? 1 : -1)));
  });
  const sets: [string, string, string, string] = ['', '', '', ''];
  const prefixes: [string, string, string, string] = ['', '', '', ''];
  ORIGINAL_PREFIXES.forEach(([prefix, dir], i) => {
    prefixes[i] = prefix;
    sets[i] = dir;
  });
  return {
    ...demo,
    levelName: ORIGINAL_LEVEL_NAME,
    author: 'OpenClaw Memory SDK tests (synthetic, our own art)',
    rezFile: 'CLAW.REZ',
    imageDirectory: '\\LEVEL1\\TILES',
    palettePath: '\\LEVEL1\\PALETTES\\MAIN.PAL',
    imageSets: sets,
    prefixes,
    planes,
  };
}
