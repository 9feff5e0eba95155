// Which picture an entity shows: (kind, state) -> a clip (an ANI of the demo's, assets/README.md, or one
// image of an image set), and which frame of it for the entity's stateFrames (60 Hz ticks since its
// state began) from the ANI's frame durations. A clip's timing is baked once into a tick -> frame
// table, so picking a frame each render is an array read (no allocation, no search).
import type { Ani } from '../../engine/index.js';
import { EntityKind, EntityState } from '../../engine/index.js';

/** loop: repeats; once: plays and holds the last frame; first/last: a still of that frame. */
export type ClipMode = 'loop' | 'once' | 'first' | 'last';

export interface ClipSpec {
  /** The ANI's name (/LEVELn/ANIS/<name>.ANI), or null for a still of `image` of `set`. */
  ani: string | null;
  /** The demo's image set (LEVEL_<set> in REZ strings). */
  set: string;
  /** The still's image number (ani null). */
  image: number;
  mode: ClipMode;
}

const STATES = 32;
/** Treasure clips are chosen by variant (1 coin, 2 gem, 3 chalice), kept in the state slots from 16. */
const VARIANT_BASE = 16;

/** The table slot of (kind, state or variant). */
export function clipSlot(kind: number, state: number, variant: number): number {
  return kind === EntityKind.Treasure ? kind * STATES + VARIANT_BASE + (variant & 15) : kind * STATES + (state & 15);
}

export const CLIP_SLOTS = 8 * STATES;

/** The entity kind of a clip slot. */
export function clipKind(slot: number): number {
  return Math.floor(slot / STATES);
}

function ani(name: string, set: string, mode: ClipMode): ClipSpec {
  return { ani: name, set, image: 1, mode };
}
function still(set: string, image: number): ClipSpec {
  return { ani: null, set, image, mode: 'first' };
}

const S = EntityState;
const K = EntityKind;

/** Every clip of the demo game by slot (assets/README.md: sets, frames, ANIs). */
export function demoClips(): Map<number, ClipSpec> {
  const m = new Map<number, ClipSpec>();
  const put = (kind: number, state: number, spec: ClipSpec): void => {
    m.set(clipSlot(kind, state, 0), spec);
  };
  put(K.Player, S.Idle, ani('PLAYER_IDLE', 'PLAYER', 'loop'));
  put(K.Player, S.Run, ani('PLAYER_RUN', 'PLAYER', 'loop'));
  put(K.Player, S.Jump, ani('PLAYER_JUMP', 'PLAYER', 'once'));
  put(K.Player, S.Fall, ani('PLAYER_JUMP', 'PLAYER', 'last'));
  put(K.Player, S.Climb, ani('PLAYER_CLIMB', 'PLAYER', 'loop'));
  put(K.Player, S.Attack, ani('PLAYER_ATTACK', 'PLAYER', 'once'));
  put(K.Player, S.Hurt, ani('PLAYER_JUMP', 'PLAYER', 'first'));
  put(K.Player, S.Dead, ani('PLAYER_JUMP', 'PLAYER', 'last'));
  for (const [kind, set] of [[K.Crab, 'CRAB'], [K.RatGuard, 'RATGUARD']] as const) {
    put(kind, S.Idle, ani(`${set}_WALK`, set, 'first'));
    put(kind, S.Walk, ani(`${set}_WALK`, set, 'loop'));
    put(kind, S.Attack, ani(`${set}_ATTACK`, set, 'once'));
    put(kind, S.Hurt, ani(`${set}_ATTACK`, set, 'first'));
    put(kind, S.Dead, ani(`${set}_WALK`, set, 'first'));
  }
  put(K.Crate, S.Idle, still('CRATE', 1));
  put(K.Crate, S.Breaking, ani('CRATE_BREAK', 'CRATE', 'once'));
  m.set(clipSlot(K.Treasure, 0, 1), ani('COIN_SPIN', 'COIN', 'loop'));
  m.set(clipSlot(K.Treasure, 0, 2), ani('GEM_SPARKLE', 'GEM', 'loop'));
  m.set(clipSlot(K.Treasure, 0, 3), still('CHALICE', 1));
  put(K.Checkpoint, S.Idle, still('CHECKPOINT', 1));
  put(K.Checkpoint, S.Raised, ani('CHECKPOINT_RISE', 'CHECKPOINT', 'once'));
  put(K.LevelEnd, S.Idle, still('CHECKPOINT', 3));
  return m;
}

/** The ANI names the demo clips use (each read once). */
export function clipAnis(clips: Map<number, ClipSpec>): string[] {
  const names = new Set<string>();
  for (const c of clips.values()) if (c.ani !== null) names.add(c.ani);
  return [...names];
}

/** Ticks (60 Hz) -> frame index of one pass of an ANI; at least one tick per frame. */
export function frameTable(ani: Ani): Uint16Array {
  const ticks: number[] = [];
  ani.frames.forEach((frame, i) => {
    const n = Math.max(1, Math.round((frame.durationMs * 60) / 1000));
    for (let k = 0; k < n; k++) ticks.push(i);
  });
  return Uint16Array.from(ticks.length > 0 ? ticks : [0]);
}

/** The frame index for `stateFrames` ticks into a clip of `frames` frames with this table. */
export function pickFrame(mode: ClipMode, table: Uint16Array, frames: number, stateFrames: number): number {
  switch (mode) {
    case 'loop': return table[stateFrames % table.length]!;
    case 'once': return table[Math.min(stateFrames, table.length - 1)]!;
    case 'first': return 0;
    case 'last': return Math.max(0, frames - 1);
  }
}
