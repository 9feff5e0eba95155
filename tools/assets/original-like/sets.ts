// The image sets of the "REZ like the original": the original's set names and directories, each filled
// with OUR art (a demo image set, or one demo tile for the decorations the game ignores). Nothing of the
// original game is used: only its naming rules (a set name's prefix picks the directory, the rest of
// its underscores are subdirectories: GAME_TREASURE_COINS is /GAME/IMAGES/TREASURE/COINS/).

/** WWD header pairs: the directory (backslash spelling) and the prefix naming it, as the original's. */
export const ORIGINAL_PREFIXES: ReadonlyArray<readonly [prefix: string, dir: string]> = [
  ['LEVEL', '\\LEVEL1\\IMAGES'],
  ['GAME', '\\GAME\\IMAGES'],
  ['CLAW', '\\CLAW\\IMAGES'],
];

/** Where a set's art comes from: a demo image set (all its frames) or a demo tile (one frame). */
export type ArtSource = { set: string } | { tile: string; id: number };

export interface OriginalSet {
  /** As the WWD and ANIs name it: LEVEL_OFFICER, GAME_TREASURE_COINS, CLAW. */
  name: string;
  art: ArtSource;
}

export const ORIGINAL_SETS: readonly OriginalSet[] = [
  { name: 'CLAW', art: { set: 'PLAYER' } },
  { name: 'LEVEL_OFFICER', art: { set: 'RATGUARD' } },
  { name: 'LEVEL_SOLDIER', art: { set: 'CRAB' } },
  { name: 'LEVEL_RAT', art: { set: 'CRAB' } },
  { name: 'LEVEL_CRATES', art: { set: 'CRATE' } },
  { name: 'GAME_TREASURE_COINS', art: { set: 'COIN' } },
  { name: 'GAME_TREASURE_GEMS_RED', art: { set: 'GEM' } },
  { name: 'GAME_TREASURE_CHALICES_GREEN', art: { set: 'CHALICE' } },
  { name: 'GAME_CHECKPOINTFLAG', art: { set: 'CHECKPOINT' } },
  { name: 'GAME_SUPERCHECKPOINT', art: { set: 'CHECKPOINT' } },
  { name: 'GAME_MAPPIECE', art: { set: 'CHECKPOINT' } },
  // Decorations and machinery the simulation does not support (their objects are ignored and counted).
  { name: 'GAME_SOUNDICON', art: { tile: 'ACTION', id: 12 } },
  { name: 'LEVEL_BARRELS', art: { tile: 'ACTION', id: 11 } },
  { name: 'LEVEL_FOLIAGE', art: { tile: 'FRONT', id: 1 } },
  { name: 'LEVEL_PEG', art: { tile: 'ACTION', id: 10 } },
  { name: 'LEVEL_ELEVATOR', art: { tile: 'ACTION', id: 7 } },
];

/** The demo's animations under the original's layout: ANI name -> the set it plays, one entry per copy. */
export const ORIGINAL_ANIS: Readonly<Record<string, readonly string[]>> = {
  PLAYER_IDLE: ['CLAW'], PLAYER_RUN: ['CLAW'], PLAYER_JUMP: ['CLAW'], PLAYER_CLIMB: ['CLAW'], PLAYER_ATTACK: ['CLAW'],
  RATGUARD_WALK: ['LEVEL_OFFICER'], RATGUARD_ATTACK: ['LEVEL_OFFICER'],
  CRAB_WALK: ['LEVEL_SOLDIER', 'LEVEL_RAT'], CRAB_ATTACK: ['LEVEL_SOLDIER', 'LEVEL_RAT'],
  CRATE_BREAK: ['LEVEL_CRATES'],
  COIN_SPIN: ['GAME_TREASURE_COINS'], GEM_SPARKLE: ['GAME_TREASURE_GEMS_RED'],
  CHECKPOINT_RISE: ['GAME_CHECKPOINTFLAG', 'GAME_SUPERCHECKPOINT'],
};

/** The REZ directory of a set (no trailing slash): LEVEL_OFFICER -> /LEVEL1/IMAGES/OFFICER, CLAW -> /CLAW/IMAGES. */
export function setDirectory(name: string, branch: 'IMAGES' | 'ANIS' = 'IMAGES'): string {
  const [prefix, ...rest] = name.split('_');
  const root = prefix === 'LEVEL' ? '/LEVEL1' : prefix === 'GAME' ? '/GAME' : prefix === 'CLAW' ? '/CLAW' : null;
  if (root === null) throw new Error(`${name}: not a LEVEL_, GAME_ or CLAW set`);
  return [`${root}/${branch}`, ...rest].join('/');
}

/** Where an ANI of the demo goes: PLAYER_RUN of CLAW -> /CLAW/ANIS/RUN.ANI (the part after the first '_'). */
export function aniPath(aniName: string, set: string): string {
  const action = aniName.slice(aniName.indexOf('_') + 1);
  return `${setDirectory(set, 'ANIS')}/${action}.ANI`;
}
