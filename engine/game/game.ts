// Game: the TypeScript side of the core's simulation (native-legacy/game/game.h, ABI 6 oc_game_*). It
// holds no game state of its own: the World and its entities live in the engine's state region (so
// snapshots, restores and rewinds carry the whole game) and every call opens the game again from the
// region's root. world and entities read that memory through zero-copy views (views.ts).
//
// Tracking: a level's slab blocks carry the tracker tag 'level' and the site 'game.loadLevel' (the core
// passes no site of its own), its entities the entity pool's tag 'entities'; unloadLevel's frees carry
// the site 'game.unloadLevel'. So a leak report after a load/unload cycle names the level's code.
import { Engine } from '../memory/engine.js';
import type { EngineContext } from '../memory/context.js';
import { EngineDestroyedError, InvalidArgumentError, WasmLoadError, type OpenClawError } from '../memory/errors.js';
import { Pool } from '../memory/pool.js';
import { Status } from '../memory/status.js';
import { formatError } from '../streaming/formats/errors.js';
import { Formats } from '../streaming/formats/formats.js';
import { EntityKind, WorldStatus } from './constants.js';
import type { CoreExports } from '../wasm/exports.js';
import { ENTITY_BYTES, ENTITY_LAYOUT, EntityViews, WORLD_BYTES, WORLD_LAYOUT, WorldView } from './views.js';

export interface GameOptions {
  /** Entity slots of the world's pool (default 4096): every object of a level, the player and crates' drops. */
  entityCapacity?: number;
}

/** What a level load made. */
export interface LevelSummary {
  /** WWD objects spawned (the player and crates' hidden drops not counted). */
  spawned: number;
  /** WWD objects of a logic the game does not know (counted, not spawned). */
  ignored: number;
  tilesX: number;
  tilesY: number;
  tileW: number;
  tileH: number;
  /** Live entities: the spawned objects, the crates' drops and the player. */
  entities: number;
}

/** The game's exports (abi.h, ABI 6): raw, so offsets and ids need `>>> 0`. */
type GameAbi = Pick<CoreExports,
  'oc_game_create' | 'oc_game_world' | 'oc_game_entity_pool' | 'oc_game_load_level' | 'oc_game_unload_level' |
  'oc_game_tick' | 'oc_game_tick_many' | 'oc_game_check' | 'oc_region_root'>;

const WWD_COMPRESSED = 2;
const FORMAT_STATUSES: ReadonlySet<number> = new Set([
  Status.Truncated, Status.OutOfRange, Status.BadMagic, Status.Oversized, Status.SelfReference, Status.Overlap, Status.Malformed,
]);
const LOAD_TAG = 'level';
const LOAD_SITE = 'game.loadLevel';
const UNLOAD_SITE = 'game.unloadLevel';
const POOL_NAME = 'entities';

export class Game {
  readonly world: WorldView;
  readonly entities: EntityViews;

  private readonly ctx: EngineContext;
  private readonly abi: GameAbi;
  private readonly region: number;
  private formats: Formats | null = null;
  private pool: Pool<'entities'> | null = null;
  private gone = false;

  private constructor(readonly engine: Engine) {
    this.ctx = contextOf(engine);
    this.abi = engine.abi.raw;
    this.region = engine.regions.state.id;
    const layout = engine.tracker.layout;
    const state = engine.regions.state;
    this.world = new WorldView({
      heap: engine.abi.heap, regionBase: state.base, regionSize: state.size,
      rootField: layout.offsetSized('RegionHeader', 'root', 4),
    });
    this.entities = new EntityViews(engine.abi.heap, state.base, this.world);
  }

  /**
   * Makes the world in the engine's state region (its root) with its entity pool, and returns the game
   * bound to it. InvalidArgumentError when the region has a root already (one game per engine; bind to
   * an existing one with Game.open).
   */
  static create(engine: Engine, options: GameOptions = {}): Game {
    if (engine.destroyed) throw new EngineDestroyedError();
    const capacity = options.entityCapacity ?? 4096;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > 1 << 20) {
      throw new InvalidArgumentError(`Game.create: entityCapacity must be a whole number from 1 to 1,048,576, got ${capacity}`);
    }
    const abi: GameAbi = engine.abi.raw;
    const ctx = contextOf(engine);
    checkLayout(engine);
    const state = engine.regions.state;
    if (abi.oc_region_root(state.id) >>> 0 !== 0) {
      throw new InvalidArgumentError('Game.create: the state region has a root already (a game or another program): use Game.open(engine)');
    }
    const world = abi.oc_game_create(state.id, engine.slab.id, capacity) >>> 0;
    if (world === 0) throw ctx.error(ctx.lastStatus(), `Game.create(entityCapacity ${capacity})`, 'pool');
    const game = new Game(engine);
    game.describePool();
    return game;
  }

  /** The game of a state region that holds one already (after a restore into a fresh engine); CorruptStateError if none. */
  static open(engine: Engine): Game {
    if (engine.destroyed) throw new EngineDestroyedError();
    checkLayout(engine);
    const abi: GameAbi = engine.abi.raw;
    if (abi.oc_game_world(engine.regions.state.id) >>> 0 === 0) {
      const status = engine.abi.raw.oc_last_status();
      throw contextOf(engine).error(status === 0 ? Status.CorruptState : status, 'Game.open: the state region holds no game world');
    }
    const game = new Game(engine);
    game.describePool();
    return game;
  }

  /** True while a level is loaded (the world's status is not Empty). */
  get loaded(): boolean {
    return this.world.status !== WorldStatus.Empty;
  }

  /**
   * Loads a level from a .WWD file as stored (its body inflated here when compressed) or from its rebuilt
   * image. A loaded level is replaced; when the new one fails (FormatError for a corrupt file, the
   * core's error otherwise) the running level is left exactly as it was.
   */
  async loadLevel(wwd: Uint8Array): Promise<LevelSummary> {
    this.live();
    const formats = this.decoders();
    const header = formats.wwdHeader(wwd);
    const compressed = (header.flags & WWD_COMPRESSED) !== 0 && wwd.length !== header.planesOffset + header.mainBlockLength;
    const image = compressed ? await formats.inflateWwd(wwd) : wwd;
    return this.loadLevelImage(image);
  }

  /** loadLevel() of a rebuilt (inflated) image, synchronously. */
  loadLevelImage(image: Uint8Array): LevelSummary {
    this.live();
    if (!(image instanceof Uint8Array) || image.length === 0) throw new InvalidArgumentError('loadLevelImage needs the bytes of a WWD image');
    // The core loads all or nothing into an empty world; replacing a level means unloading first, so
    // the running level is kept as a snapshot to put back if the new one fails.
    const before = this.loaded ? this.engine.capture() : null;
    if (before !== null) this.unloadLevel();
    const tracker = this.engine.tracker;
    const status = tracker.withIds(tracker.tagId(LOAD_TAG), tracker.siteId(LOAD_SITE), () => {
      const ptr = this.ctx.scratch.reserve(image.length);
      new Uint8Array(this.ctx.heap.current, ptr, image.length).set(image);
      return this.abi.oc_game_load_level(this.region, ptr, image.length);
    });
    if (status !== 0) {
      if (before !== null) this.engine.restore(before);
      throw this.loadError(status, `game: loadLevel (${image.length} bytes)`);
    }
    const w = this.world;
    return {
      spawned: w.spawned, ignored: w.ignored, tilesX: w.tilesX, tilesY: w.tilesY, tileW: w.tileW, tileH: w.tileH,
      entities: this.liveEntities(),
    };
  }

  /** Frees every entity and level block (the state's live bytes return to their pre-load figure). No-op without a level. */
  unloadLevel(): void {
    this.live();
    const tracker = this.engine.tracker;
    const status = tracker.withIds(null, tracker.siteId(UNLOAD_SITE), () => this.abi.oc_game_unload_level(this.region));
    this.ctx.check(status, 'game: unloadLevel');
  }

  /** One fixed 60 Hz step with this frame's Input bits, then engine.endFrame() (frame counter, rewind ring, tracker frame). */
  step(input: number): void {
    if (this.gone) this.live();
    const status = this.abi.oc_game_tick(this.region, input);
    if (status !== 0) throw this.stepError(status, input);
    this.engine.endFrame();
  }

  /** step() for each input in turn. */
  stepMany(inputs: ArrayLike<number>): void {
    for (let i = 0; i < inputs.length; i++) this.step(inputs[i]!);
  }

  /**
   * Runs the simulation alone for every input in one wasm call (oc_game_tick_many): no frame counter, no
   * rewind ring, no tracker frame. For benchmarks and fast-forwarding; a game loop uses step().
   */
  simulate(inputs: Uint32Array): void {
    this.live();
    if (inputs.length === 0) return;
    const ptr = this.ctx.scratch.reserve(inputs.length * 4);
    new Uint32Array(this.ctx.heap.current, ptr, inputs.length).set(inputs);
    this.ctx.check(this.abi.oc_game_tick_many(this.region, ptr, inputs.length), `game: simulate(${inputs.length} frames)`);
  }

  /** The main plane's tile id at a cell (-1: empty, or outside the level). */
  tileAt(tx: number, ty: number): number {
    if (!this.ctx.alive) this.ctx.ensureAlive();
    const w = this.world;
    const tilesX = w.tilesX;
    const offset = w.tilesOffset;
    if (offset === 0 || !(tx >= 0 && ty >= 0 && tx < tilesX && ty < w.tilesY)) return -1;
    const at = this.engine.regions.state.base + offset + ((ty | 0) * tilesX + (tx | 0)) * 4;
    return this.ctx.heap.view.getInt32(at, true);
  }

  /** The state region's per-frame checksum (engine.checksum()). */
  checksum(): bigint {
    return this.engine.checksum();
  }

  /** The world's invariants (the core's Game::check): CorruptStateError (or the status's error) when one is broken. */
  check(): void {
    this.live();
    this.ctx.check(this.abi.oc_game_check(this.region), 'game: check');
  }

  /**
   * The world's entity pool as a Pool named 'entities' (for the overlay and tests), or null when the
   * state holds no game. The same object while the core keeps the pool; a new one after a restore that
   * changed it.
   */
  entityPool(): Pool<'entities'> | null {
    this.live();
    const id = this.abi.oc_game_entity_pool(this.region) >>> 0;
    if (id === 0) return (this.pool = null);
    if (this.pool !== null && this.pool.id === id && this.pool.matchesCore()) return this.pool;
    this.pool = new Pool<'entities'>(this.ctx, POOL_NAME, this.engine.regions.state, id, this.engine.tracker, POOL_NAME);
    this.engine.adoptPool(this.pool);
    return this.pool;
  }

  /**
   * Unloads the level (when the engine is still alive) and frees what this object holds; the world
   * itself stays in the state region (Game.open binds to it again). Idempotent; other calls then throw.
   */
  destroy(): void {
    if (this.gone) return;
    this.gone = true;
    try {
      if (!this.engine.destroyed && this.loaded) this.abi.oc_game_unload_level(this.region);
    } finally {
      this.formats?.dispose();
      this.formats = null;
      this.pool = null;
    }
  }

  private liveEntities(): number {
    const n = this.entities.count;
    let live = 0;
    for (let i = 0; i < n; i++) if (this.entities.kind(i) !== EntityKind.None) live++;
    return live;
  }

  private describePool(): void {
    const id = this.abi.oc_game_entity_pool(this.region) >>> 0;
    if (id !== 0) this.engine.tracker.describeAllocator(id, POOL_NAME, POOL_NAME);
    this.entityPool(); // lists it in engine.pools(), so the overlay's allocator panel shows it
  }

  private decoders(): Formats {
    return (this.formats ??= Formats.fromAbi(this.engine.abi));
  }

  private loadError(status: number, message: string): OpenClawError {
    return FORMAT_STATUSES.has(status) ? formatError(status, 'wwd', message) : this.ctx.error(status, message, 'pool');
  }

  private stepError(status: number, input: number): OpenClawError {
    this.live();
    if (status === Status.InvalidArgument && !this.loaded) return new InvalidArgumentError('game: step without a level (loadLevel first)');
    return this.ctx.error(status, `game: step(input 0x${(input >>> 0).toString(16)})`);
  }

  private live(): void {
    if (this.gone) throw new InvalidArgumentError('the game was destroyed');
    this.ctx.ensureAlive();
  }
}

function contextOf(engine: Engine): EngineContext {
  if (!(engine instanceof Engine)) throw new WasmLoadError('Game: not an engine made by createEngine()');
  return engine.context;
}

// views.ts reads World and Entity at fixed offsets: compare them with the core's layout table, when the
// core lists those types, so that a change of a struct in C++ fails here rather than misreading.
function checkLayout(engine: Engine): void {
  const layout = engine.tracker.layout;
  const types: [string, Readonly<Record<string, number>>, number][] = [['World', WORLD_LAYOUT, WORLD_BYTES], ['Entity', ENTITY_LAYOUT, ENTITY_BYTES]];
  for (const [type, fields, size] of types) {
    if (!layout.has(type, 'kind') && !layout.has(type, 'magic')) continue;
    const mismatch: string[] = [];
    if (layout.sizeOf(type) !== size) mismatch.push(`sizeof ${layout.sizeOf(type)} (engine: ${size})`);
    for (const [field, offset] of Object.entries(fields)) {
      if (!layout.has(type, field)) mismatch.push(`${field} missing`);
      else if (layout.offset(type, field) !== offset) mismatch.push(`${field} at ${layout.offset(type, field)} (engine: ${offset})`);
    }
    if (mismatch.length > 0) throw new WasmLoadError(`the core's ${type} differs from engine/game/views.ts: ${mismatch.join(', ')}`);
  }
}
