// The game's enumerations as the core defines them (native-legacy/game/entity.h, world.h): input bits,
// entity kinds, flags and states, world statuses and the per-tick event bits. Plain objects with
// `as const`, so they work as values and their members as literal types.

/** Input bits of one frame: the whole input of the simulation (world.h InputBits). */
export const Input = { Left: 1, Right: 2, Up: 4, Down: 8, Jump: 16, Attack: 32 } as const;
/** Every input bit together (kInputMask); the core ignores others. */
export const INPUT_MASK = 0x3f;

export const EntityKind = {
  None: 0, Player: 1, Crate: 2, Treasure: 3, Crab: 4, RatGuard: 5, Checkpoint: 6, LevelEnd: 7,
} as const;
export type EntityKindValue = (typeof EntityKind)[keyof typeof EntityKind];

/** Entity.flags bits (entity.h EntityFlags). */
export const EntityFlag = {
  FacingLeft: 1, OnGround: 2, OnLadder: 4, Blink: 8, Dying: 16, Hidden: 32,
} as const;

/** Per-kind states; the renderer maps (kind, state) to an animation. */
export const EntityState = {
  Idle: 0, Run: 1, Jump: 2, Fall: 3, Climb: 4, Attack: 5, Hurt: 6, Dead: 7, Walk: 8, Breaking: 9, Raised: 10,
} as const;
export type EntityStateValue = (typeof EntityState)[keyof typeof EntityState];

export const WorldStatus = { Empty: 0, Playing: 1, Respawning: 2, Complete: 3, GameOver: 4 } as const;
export type WorldStatusValue = (typeof WorldStatus)[keyof typeof WorldStatus];

/** World.events: what happened during the last tick, a bit set. */
export const GameEvent = {
  CrateBroken: 1, Treasure: 2, PlayerHurt: 4, EnemyHit: 8, EnemyDefeated: 16, Checkpoint: 32, LifeLost: 64,
  Complete: 128, Attack: 256, Jump: 512,
} as const;

/** Treasure variants (Entity.variant of a treasure; of a crate: what it drops, 0 nothing). */
export const TreasureVariant = { None: 0, Coin: 1, Gem: 2, Chalice: 3 } as const;

/** Position units per pixel: Entity x, y, vx, vy are fixed point (entity.h kSubpixel). */
export const SUBPIXEL = 256;

/** Names for messages and tests: the key of a value in one of the tables above. */
export function nameOf(table: Readonly<Record<string, number>>, value: number): string {
  for (const [name, v] of Object.entries(table)) if (v === value) return name;
  return `#${value}`;
}
