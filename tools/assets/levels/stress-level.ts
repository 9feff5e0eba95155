// The stress level of the `game` benchmark: the demo level's tiles, tile attributes, background and
// header paths, with an Action plane as wide as it takes to stand `entities` objects on four floors
// (the ground and three brick tiers joined by ladders), and a Front plane widened to match. Objects
// cycle through crates (with drops), treasures, crabs, rat guards and checkpoints; the last one is the
// level end. A pure function of its options: the same bytes every run.
import {
  PLANE_MAIN, PLANE_WRAP_X, writeWwd, type WwdObjectSpec, type WwdPlaneSpec, type WwdSpec,
} from '../pack/wwd-writer.js';

import { readDemoSource } from './demo-source.js';

export const STRESS_ENTITIES = 2000;
/** The most objects a stress level may have: the game's default entity capacity is 4,096, and crate
 *  drops and the player need slots too. */
export const STRESS_MAX_ENTITIES = 3000;

/** Demo ACTION tile ids (assets/README.md "Tiles and attributes"). */
const TILE = { empty: -1, grass: 1, grassLeft: 2, grassRight: 3, dirt: 4, stone: 5, brick: 6, ladder: 8 } as const;
const TILE_SIZE = 64;
const ROWS = 24;
/** Rows whose tiles are the floors' surfaces: the ground, then three tiers, 4 rows (256 px) apart. */
export const FLOOR_ROWS = [20, 16, 12, 8] as const;
/** A ladder every LADDER_STEP columns, shifted per tier so the climb zig-zags. */
const LADDER_STEP = 40;
const MARGIN = 6;
/** Where the player starts: column 3 of the ground, its 72 px frame standing on the grass. */
const START_COLUMN = 3;

/** Half the frame height of each object kind: the WWD (x, y) is the frame's centre (assets/README.md). */
const LIFT = { crate: 24, treasure: 40, crab: 20, ratguard: 34, checkpoint: 40, player: 36 } as const;

type Kind = 'crate' | 'treasure' | 'crab' | 'ratguard' | 'checkpoint';

/** Per 20 objects: 5 crates, 9 treasures, 3 crabs, 2 rat guards, 1 checkpoint. */
const CYCLE: readonly Kind[] = [
  'crate', 'treasure', 'treasure', 'crab', 'crate', 'treasure', 'ratguard', 'treasure', 'crate', 'treasure',
  'crab', 'treasure', 'crate', 'treasure', 'treasure', 'crab', 'crate', 'treasure', 'ratguard', 'checkpoint',
];
const TREASURES = [['COIN', 100], ['COIN', 100], ['GEM', 500], ['COIN', 100], ['CHALICE', 1000]] as const;
/** powerup values: 0 nothing, 1 coin, 2 gem, 3 chalice (the packer's DROPS); crates are every 4th object, hence (id - 1) / 4. */
const DROPS = [1, 2, 0, 3] as const;
const PATROL = 192;

export interface StressLevelOptions {
  /** WWD objects (every one of a kind the game spawns); default 2,000. */
  entities?: number;
  /** The level it is made from; default the demo's (readDemoSource().level, from assets/). */
  demo?: WwdSpec;
}

export interface StressLayout {
  tilesX: number;
  /** Column of each object, floor by floor (index = object number). */
  columns: number[];
  floors: number[];
}

function isLadder(column: number, floor: number): boolean {
  return floor > 0 && floor < FLOOR_ROWS.length && column % LADDER_STEP === (12 + floor * 9) % LADDER_STEP;
}

function nearLadder(column: number, floor: number): boolean {
  return isLadder(column - 1, floor) || isLadder(column, floor) || isLadder(column + 1, floor);
}

/** Object k goes to floor k % 4 (so every floor fills evenly), to the next free column of that floor. */
export function stressLayout(entities: number): StressLayout {
  const next = FLOOR_ROWS.map(() => MARGIN + START_COLUMN);
  const columns: number[] = [];
  const floors: number[] = [];
  for (let k = 0; k < entities; k++) {
    const floor = k % FLOOR_ROWS.length;
    let c = next[floor]!;
    // The ladders down from this floor and up to the next, and the columns either side, stay free.
    while (nearLadder(c, floor) || nearLadder(c, floor + 1)) c++;
    columns.push(c);
    floors.push(floor);
    next[floor] = c + 1;
  }
  return { tilesX: Math.max(...next) + MARGIN, columns, floors };
}

function actionTiles(tilesX: number): Int32Array {
  const tiles = new Int32Array(tilesX * ROWS).fill(TILE.empty);
  const set = (x: number, y: number, id: number) => {
    tiles[y * tilesX + x] = id;
  };
  const ground = FLOOR_ROWS[0];
  for (let x = 1; x < tilesX - 1; x++) {
    set(x, ground, x === 1 ? TILE.grassLeft : x === tilesX - 2 ? TILE.grassRight : TILE.grass);
    for (let y = ground + 1; y < ROWS; y++) set(x, y, TILE.dirt);
    FLOOR_ROWS.forEach((row, floor) => {
      if (floor === 0) return;
      if (!isLadder(x, floor)) {
        set(x, row, TILE.brick);
        return;
      }
      // From the tier's surface down to the floor below, as the demo's ladders are drawn.
      for (let y = row; y < FLOOR_ROWS[floor - 1]!; y++) set(x, y, TILE.ladder);
    });
  }
  for (let y = 0; y < ROWS; y++) {
    set(0, y, TILE.stone);
    set(tilesX - 1, y, TILE.stone);
  }
  return tiles;
}

/** The demo plane's columns repeated to `tilesX` (the Front plane keeps its parallax coverage). */
function repeatColumns(plane: WwdPlaneSpec, tilesX: number): WwdPlaneSpec {
  const tiles = new Int32Array(tilesX * plane.tilesY);
  for (let y = 0; y < plane.tilesY; y++) {
    for (let x = 0; x < tilesX; x++) tiles[y * tilesX + x] = plane.tiles[y * plane.tilesX + (x % plane.tilesX)]!;
  }
  return { ...plane, tilesX, tiles, objects: [] };
}

function object(id: number, kind: Kind | 'levelEnd', x: number, surface: number, setName: (set: string) => string, z: number): WwdObjectSpec {
  const base: WwdObjectSpec = {
    id, x, y: 0, z, score: 0, powerup: 0, damage: 0, health: 0, minX: 0, minY: 0, maxX: 0, maxY: 0,
    objectType: 1, name: '', logic: '', imageSet: '', sound: '',
  };
  switch (kind) {
    case 'crate':
      return { ...base, y: surface - LIFT.crate, logic: 'Crate', imageSet: setName('CRATE'), powerup: DROPS[Math.floor((id - 1) / 4) % DROPS.length]! };
    case 'treasure': {
      const [set, score] = TREASURES[id % TREASURES.length]!;
      return { ...base, y: surface - LIFT.treasure, logic: 'Treasure', imageSet: setName(set), score, objectType: 8 };
    }
    case 'crab':
      return {
        ...base, y: surface - LIFT.crab, logic: 'Crab', imageSet: setName('CRAB'), objectType: 4,
        health: 1, damage: 10, score: 300, minX: x - PATROL, maxX: x + PATROL,
      };
    case 'ratguard':
      return {
        ...base, y: surface - LIFT.ratguard, logic: 'RatGuard', imageSet: setName('RATGUARD'), objectType: 4,
        health: 2, damage: 15, score: 500, minX: x - PATROL, maxX: x + PATROL,
      };
    case 'checkpoint':
      return { ...base, y: surface - LIFT.checkpoint, logic: 'Checkpoint', imageSet: setName('CHECKPOINT') };
    case 'levelEnd':
      return { ...base, y: surface - LIFT.checkpoint, logic: 'LevelEnd', imageSet: setName('CHECKPOINT') };
  }
}

/**
 * The stress level's WwdSpec from the demo's: same header paths,
 * tile descriptions and Background plane; a generated Action plane; the Front plane widened.
 */
export function stressLevelSpec(options: StressLevelOptions = {}): WwdSpec {
  const demo = options.demo ?? readDemoSource().level;
  const entities = options.entities ?? STRESS_ENTITIES;
  if (!Number.isInteger(entities) || entities < 1 || entities > STRESS_MAX_ENTITIES) {
    throw new RangeError(`a stress level has 1 to ${STRESS_MAX_ENTITIES} objects, not ${entities}`);
  }
  const mainIndex = demo.planes.findIndex((p) => (p.flags & PLANE_MAIN) !== 0);
  const main = demo.planes[mainIndex];
  if (main === undefined || main.tileWidth !== TILE_SIZE || main.tilesY !== ROWS) {
    throw new Error(`the demo's main plane is not ${ROWS} rows of ${TILE_SIZE} px tiles`);
  }
  const layout = stressLayout(entities);
  // The demo's image-set names come through its own objects (LEVEL_<SET>), so a change of that rule follows.
  const prefix = main.objects[0]?.imageSet.replace(/[^_]*$/, '') ?? 'LEVEL_';
  const setName = (set: string) => `${prefix}${set}`;
  const objects = layout.columns.map((column, k) => {
    const surface = FLOOR_ROWS[layout.floors[k]!]! * TILE_SIZE;
    const kind = k === entities - 1 ? 'levelEnd' : CYCLE[k % CYCLE.length]!;
    return object(k + 1, kind, column * TILE_SIZE + TILE_SIZE / 2, surface, setName, main.z);
  });
  const action: WwdPlaneSpec = { ...main, tilesX: layout.tilesX, tiles: actionTiles(layout.tilesX), objects };
  const planes = demo.planes.map((p, i) => {
    if (i === mainIndex) return action;
    // Planes that scroll faster than the main one (Front, 125%) need proportionally more columns.
    if (p.movementPercentX > 100 && (p.flags & PLANE_WRAP_X) === 0) {
      return repeatColumns(p, Math.ceil((layout.tilesX * p.movementPercentX) / 100));
    }
    return { ...p, objects: [] };
  });
  return {
    ...demo,
    levelName: `Stress - ${entities} entities`,
    startX: START_COLUMN * TILE_SIZE + TILE_SIZE / 2,
    startY: FLOOR_ROWS[0] * TILE_SIZE - LIFT.player,
    planes,
  };
}

/** The stress level's WWD file (compressed like the demo's WORLD.WWD). */
export function makeStressLevel(options: StressLevelOptions = {}): Uint8Array {
  return writeWwd(stressLevelSpec(options));
}
