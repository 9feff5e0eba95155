// Zero-copy readers of the game world in the state region: WorldView reads the World struct
// (native-legacy/game/world.h) and EntityViews the entity slots (entity.h) through typed arrays over
// linear memory, at the offsets below. Nothing here allocates or calls out per read: the arrays are
// re-derived only when memory grows (detaching them) or the world moves (a restore of another world), and the
// world is found again from the region header's root on every read, so a restore or a rewind needs
// no notice. Layout changes must land in both places; game.ts compares these offsets with the core's
// layout table when the engine starts a game.
import type { Heap } from '../wasm/heap.js';

/** Byte offsets of World's fields (world.h), keyed by the core's field names. */
export const WORLD_LAYOUT = {
  magic: 0, version: 4, entity_pool: 8, slab: 12, entities_offset: 16, entity_stride: 20, entity_capacity: 24,
  entity_high: 28, status: 32, status_frames: 36, tick: 40, rng: 44, input: 48, events: 52, player: 56, score: 60,
  health: 64, lives: 68, checkpoint_x: 72, checkpoint_y: 76, start_x: 80, start_y: 84, tiles_offset: 88,
  tiles_x: 92, tiles_y: 96, tile_w: 100, tile_h: 104, attrs_offset: 108, attrs_count: 112, spawned: 116,
  ignored: 120, treasure_total: 124, treasure_taken: 128, crates_total: 132, crates_broken: 136,
  enemies_total: 140, enemies_defeated: 144, damage_taken: 148, level_hash_lo: 152, level_hash_hi: 156,
  invulnerable: 160, reserved: 164,
} as const;
export const WORLD_BYTES = 256;
export const WORLD_MAGIC = 0x5747434f; // "OCGW"
export const WORLD_VERSION = 1;

/** Byte offsets of Entity's fields (entity.h), keyed by the core's field names. */
export const ENTITY_LAYOUT = {
  kind: 0, flags: 2, self: 4, x: 8, y: 12, vx: 16, vy: 20, half_w: 24, half_h: 26, state: 28, state_frames: 30,
  hp: 32, variant: 34, value: 36, min_x: 40, max_x: 44, link: 48, timer: 52, source: 54, spawn_id: 56, reserved: 60,
} as const;
export const ENTITY_BYTES = 64;
/** TileAttr (world.h): 7 words per tile id. */
export const TILE_ATTR_BYTES = 28;

const W = 4; // bytes per word
const E32 = ENTITY_BYTES / 4; // words per slot
const E16 = ENTITY_BYTES / 2; // half-words per slot

/** Where the world lives: the state region's base address and its header's root field. */
export interface WorldLocation {
  readonly heap: Heap;
  /** Address of the state region's offset 0 in linear memory. */
  readonly regionBase: number;
  readonly regionSize: number;
  /** Byte offset of RegionHeader.root in the region. */
  readonly rootField: number;
}

/** A plain copy of every World figure (for tests and test hooks: this one allocates). */
export interface WorldFigures {
  status: number; statusFrames: number; tick: number; events: number; input: number; player: number;
  score: number; health: number; lives: number; checkpointX: number; checkpointY: number; startX: number; startY: number;
  tilesX: number; tilesY: number; tileW: number; tileH: number; spawned: number; ignored: number;
  treasureTotal: number; treasureTaken: number; cratesTotal: number; cratesBroken: number; enemiesTotal: number;
  enemiesDefeated: number; damageTaken: number; entityHigh: number; entityCapacity: number; rng: number; invulnerable: number;
}

/** The World struct at the state region's root. Every getter reads linear memory; 0 when there is no world. */
export class WorldView {
  private u32v: Uint32Array = new Uint32Array(0);
  private i32v: Int32Array = new Int32Array(0);

  private readonly rootIndex: number; // word index of RegionHeader.root in linear memory
  private readonly baseIndex: number; // word index of the region's offset 0
  private readonly maxRoot: number;

  constructor(private readonly where: WorldLocation) {
    if (where.regionBase % W !== 0 || where.rootField % W !== 0) throw new RangeError('WorldView: the region and its root field must be 4-byte aligned');
    this.rootIndex = (where.regionBase + where.rootField) >>> 2;
    this.baseIndex = where.regionBase >>> 2;
    this.maxRoot = where.regionSize - WORLD_BYTES;
  }

  /** True when the region's root holds a World of this version. */
  get present(): boolean {
    return this.sync() >= 0;
  }
  /** The World's offset in the state region (0 when there is none). */
  get offset(): number {
    const w = this.sync();
    return w < 0 ? 0 : (w - this.baseIndex) * W;
  }

  get status(): number { return this.u(WORLD_LAYOUT.status); }
  get statusFrames(): number { return this.u(WORLD_LAYOUT.status_frames); }
  get tick(): number { return this.u(WORLD_LAYOUT.tick); }
  get events(): number { return this.u(WORLD_LAYOUT.events); }
  get input(): number { return this.u(WORLD_LAYOUT.input); }
  /** The player's entity handle (0 without a level). */
  get player(): number { return this.u(WORLD_LAYOUT.player); }
  get score(): number { return this.i(WORLD_LAYOUT.score); }
  get health(): number { return this.i(WORLD_LAYOUT.health); }
  get lives(): number { return this.i(WORLD_LAYOUT.lives); }
  get checkpointX(): number { return this.i(WORLD_LAYOUT.checkpoint_x); }
  get checkpointY(): number { return this.i(WORLD_LAYOUT.checkpoint_y); }
  get startX(): number { return this.i(WORLD_LAYOUT.start_x); }
  get startY(): number { return this.i(WORLD_LAYOUT.start_y); }
  get tilesX(): number { return this.u(WORLD_LAYOUT.tiles_x); }
  get tilesY(): number { return this.u(WORLD_LAYOUT.tiles_y); }
  get tileW(): number { return this.u(WORLD_LAYOUT.tile_w); }
  get tileH(): number { return this.u(WORLD_LAYOUT.tile_h); }
  get tilesOffset(): number { return this.u(WORLD_LAYOUT.tiles_offset); }
  get attrsOffset(): number { return this.u(WORLD_LAYOUT.attrs_offset); }
  get attrsCount(): number { return this.u(WORLD_LAYOUT.attrs_count); }
  get spawned(): number { return this.u(WORLD_LAYOUT.spawned); }
  get ignored(): number { return this.u(WORLD_LAYOUT.ignored); }
  get treasureTotal(): number { return this.u(WORLD_LAYOUT.treasure_total); }
  get treasureTaken(): number { return this.u(WORLD_LAYOUT.treasure_taken); }
  get cratesTotal(): number { return this.u(WORLD_LAYOUT.crates_total); }
  get cratesBroken(): number { return this.u(WORLD_LAYOUT.crates_broken); }
  get enemiesTotal(): number { return this.u(WORLD_LAYOUT.enemies_total); }
  get enemiesDefeated(): number { return this.u(WORLD_LAYOUT.enemies_defeated); }
  get damageTaken(): number { return this.u(WORLD_LAYOUT.damage_taken); }
  get entityHigh(): number { return this.u(WORLD_LAYOUT.entity_high); }
  get entityCapacity(): number { return this.u(WORLD_LAYOUT.entity_capacity); }
  get entitiesOffset(): number { return this.u(WORLD_LAYOUT.entities_offset); }
  get entityStride(): number { return this.u(WORLD_LAYOUT.entity_stride); }
  get rng(): number { return this.u(WORLD_LAYOUT.rng); }
  /** Frames the player cannot be hurt (after a hit, after a respawn): the renderer blinks it. */
  get invulnerable(): number { return this.u(WORLD_LAYOUT.invulnerable); }
  /** FNV-1a 64 of the WWD image the level came from (0n without a level). */
  get levelHash(): bigint {
    return (BigInt(this.u(WORLD_LAYOUT.level_hash_hi)) << 32n) | BigInt(this.u(WORLD_LAYOUT.level_hash_lo));
  }

  /** Every figure as a plain object (allocates: for tests, test hooks and menus, not per frame). */
  figures(): WorldFigures {
    return {
      status: this.status, statusFrames: this.statusFrames, tick: this.tick, events: this.events, input: this.input,
      player: this.player, score: this.score, health: this.health, lives: this.lives, checkpointX: this.checkpointX,
      checkpointY: this.checkpointY, startX: this.startX, startY: this.startY, tilesX: this.tilesX, tilesY: this.tilesY,
      tileW: this.tileW, tileH: this.tileH, spawned: this.spawned, ignored: this.ignored, treasureTotal: this.treasureTotal,
      treasureTaken: this.treasureTaken, cratesTotal: this.cratesTotal, cratesBroken: this.cratesBroken,
      enemiesTotal: this.enemiesTotal, enemiesDefeated: this.enemiesDefeated, damageTaken: this.damageTaken,
      entityHigh: this.entityHigh, entityCapacity: this.entityCapacity, rng: this.rng, invulnerable: this.invulnerable,
    };
  }

  private u(field: number): number {
    const w = this.sync();
    return w < 0 ? 0 : this.u32v[w + (field >>> 2)]!;
  }

  private i(field: number): number {
    const w = this.sync();
    return w < 0 ? 0 : this.i32v[w + (field >>> 2)]!;
  }

  // The root is read on every access (a few array reads, no call): after a restore the world may be
  // elsewhere. Memory growth detaches the arrays of an unshared memory (their length drops to 0), which
  // is when they are made again; a shared memory's older buffer stays valid for the region's bytes.
  private sync(): number {
    let u = this.u32v;
    if (u.length === 0) u = this.remap();
    const root = u[this.rootIndex]!;
    if (root === 0 || (root & 3) !== 0 || root > this.maxRoot) return -1;
    const w = this.baseIndex + (root >>> 2);
    if (u[w] !== WORLD_MAGIC || u[w + 1] !== WORLD_VERSION) return -1;
    return w;
  }

  private remap(): Uint32Array {
    const current = this.where.heap.current;
    this.i32v = new Int32Array(current);
    return (this.u32v = new Uint32Array(current));
  }
}

/**
 * The entity slots [0, count) of the world's pool. Slot i's fields by method (i must be below count;
 * a free slot reads kind 0), or the raw typed arrays for bulk reads: slot i starts at i32[i * 16],
 * u16[i * 32]. Positions: x(i), y(i) in whole pixels (fixed point >> 8), rawX/rawY in 1/256 px.
 */
export class EntityViews {
  private at = -1; // address of slot 0 the arrays were made for
  private i32v: Int32Array = new Int32Array(0);
  private u32v: Uint32Array = new Uint32Array(0);
  private u16v: Uint16Array = new Uint16Array(0);
  private i16v: Int16Array = new Int16Array(0);

  constructor(private readonly heap: Heap, private readonly regionBase: number, private readonly world: WorldView) {}

  /** Slots that have been used since the level was loaded (World.entity_high): scan [0, count). */
  get count(): number {
    return this.world.entityHigh;
  }

  /** The slots as i32 words (16 per slot). Re-read after any call into wasm. */
  get i32(): Int32Array { this.sync(); return this.i32v; }
  get u32(): Uint32Array { this.sync(); return this.u32v; }
  /** The slots as u16 half-words (32 per slot). */
  get u16(): Uint16Array { this.sync(); return this.u16v; }
  get i16(): Int16Array { this.sync(); return this.i16v; }

  kind(i: number): number { this.sync(); return this.u16v[i * E16]!; }
  flags(i: number): number { this.sync(); return this.u16v[i * E16 + 1]!; }
  handle(i: number): number { this.sync(); return this.u32v[i * E32 + 1]!; }
  x(i: number): number { this.sync(); return this.i32v[i * E32 + 2]! >> 8; }
  y(i: number): number { this.sync(); return this.i32v[i * E32 + 3]! >> 8; }
  rawX(i: number): number { this.sync(); return this.i32v[i * E32 + 2]!; }
  rawY(i: number): number { this.sync(); return this.i32v[i * E32 + 3]!; }
  vx(i: number): number { this.sync(); return this.i32v[i * E32 + 4]!; }
  vy(i: number): number { this.sync(); return this.i32v[i * E32 + 5]!; }
  halfW(i: number): number { this.sync(); return this.u16v[i * E16 + 12]!; }
  halfH(i: number): number { this.sync(); return this.u16v[i * E16 + 13]!; }
  state(i: number): number { this.sync(); return this.u16v[i * E16 + 14]!; }
  stateFrames(i: number): number { this.sync(); return this.u16v[i * E16 + 15]!; }
  hp(i: number): number { this.sync(); return this.i16v[i * E16 + 16]!; }
  variant(i: number): number { this.sync(); return this.u16v[i * E16 + 17]!; }
  value(i: number): number { this.sync(); return this.i32v[i * E32 + 9]!; }
  minX(i: number): number { this.sync(); return this.i32v[i * E32 + 10]!; }
  maxX(i: number): number { this.sync(); return this.i32v[i * E32 + 11]!; }
  link(i: number): number { this.sync(); return this.u32v[i * E32 + 12]!; }
  timer(i: number): number { this.sync(); return this.u16v[i * E16 + 26]!; }
  /** Index of the WWD object it came from, 0xFFFF when spawned at run time. */
  source(i: number): number { this.sync(); return this.u16v[i * E16 + 27]!; }
  /** The WWD object's id (0 when spawned at run time). */
  spawnId(i: number): number { this.sync(); return this.i32v[i * E32 + 14]!; }

  /** The first slot >= from holding `kind`, or -1. */
  find(kind: number, from = 0): number {
    this.sync();
    const n = this.count;
    for (let i = Math.max(0, from); i < n; i++) if (this.u16v[i * E16] === kind) return i;
    return -1;
  }

  /** The slot of a live entity's handle (its `self`), or -1. */
  indexOfHandle(handle: number): number {
    if (handle === 0) return -1;
    this.sync();
    const n = this.count;
    for (let i = 0; i < n; i++) if (this.u32v[i * E32 + 1] === handle >>> 0 && this.u16v[i * E16] !== 0) return i;
    return -1;
  }

  private sync(): void {
    const offset = this.world.entitiesOffset;
    const at = offset === 0 ? 0 : this.regionBase + offset;
    if (at === this.at && (at === 0 || this.i32v.length !== 0)) return;
    const current = this.heap.current;
    this.at = at;
    const bytes = at === 0 ? 0 : this.world.entityCapacity * ENTITY_BYTES;
    this.i32v = new Int32Array(current, at, bytes / 4);
    this.u32v = new Uint32Array(current, at, bytes / 4);
    this.u16v = new Uint16Array(current, at, bytes / 2);
    this.i16v = new Int16Array(current, at, bytes / 2);
  }
}
