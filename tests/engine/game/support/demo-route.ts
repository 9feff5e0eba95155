// A scripted play of the demo level (assets/README.md) that any target can run: the Node tests drive a
// Game, the browser test drives the page's window.__game through page.evaluate. The route decides by
// reading positions, never by counting frames: it walks right from the start, breaks the first crate
// with the sword, walks on until its treasure is picked up (the score rises), jumps the pit at columns
// 21-23 and walks into the crab beyond it until the player is hurt (health falls). Every milestone
// records the tick it happened at; a milestone not reached within the frame budget throws a RouteError
// with the last state read.
import { EntityFlag, EntityKind, Input, WorldStatus } from '../../../../engine/game/constants.js';

/** One entity as the route sees it (positions in whole pixels, the hitbox centre). */
export interface RouteEntity {
  index: number;
  kind: number;
  x: number;
  y: number;
  flags: number;
  state: number;
}

/** What the route reads after each step. */
export interface RouteState {
  tick: number;
  status: number;
  score: number;
  health: number;
  lives: number;
  cratesBroken: number;
  treasureTaken: number;
  damageTaken: number;
  /** The player (null when the level has none). */
  player: RouteEntity | null;
  /** Every live entity (the player included). */
  entities: RouteEntity[];
}

/** What the route drives: the game itself, or a page running it. */
export interface RouteTarget {
  /** Runs `frames` simulation steps with the same input bits. */
  step(frames: number, input: number): void | Promise<void>;
  read(): RouteState | Promise<RouteState>;
}

export interface RouteMilestone {
  tick: number;
  state: RouteState;
}

export interface RouteResult {
  start: RouteState;
  /** The player has moved right of the start by a tile. */
  moved: RouteMilestone;
  crateBroken: RouteMilestone;
  treasure: RouteMilestone;
  /** Health fell with an enemy within reach. */
  hurt: RouteMilestone & { enemyDistance: number };
  end: RouteState;
  /** Frames the route stepped. */
  frames: number;
}

export interface RouteOptions {
  /** Frames the whole route may take (default 4000). */
  maxFrames?: number;
  /** Frames per step when nothing close needs watching (default 4). */
  chunk?: number;
  /** Progress lines (milestones, jumps, respawns). */
  log?: (line: string) => void;
}

export class RouteError extends Error {
  constructor(message: string, readonly state: RouteState) {
    super(`${message} (tick ${state.tick}, status ${state.status}, player ${state.player === null ? 'none' : `${state.player.x},${state.player.y}`}, ` +
      `score ${state.score}, health ${state.health}, lives ${state.lives})`);
    this.name = 'RouteError';
  }
}

// Demo level geometry (assets/README.md, the map): the pit of the ground row between x 1344 and 1536.
const PITS: readonly (readonly [number, number])[] = [[1344, 1536]];
const SWORD_RANGE = 60; // px from the player's centre to a crate's centre that the swing surely reaches
const ENEMY_NEAR = 120; // px: an enemy this close is the one that hurt the player
const ENEMIES: readonly number[] = [EntityKind.Crab, EntityKind.RatGuard];

class Runner {
  frames = 0;

  constructor(
    private readonly target: RouteTarget,
    private readonly budget: number,
    private readonly chunk: number,
    readonly log: (line: string) => void,
  ) {}

  async read(): Promise<RouteState> {
    return this.target.read();
  }

  async step(frames: number, input: number, last: RouteState): Promise<void> {
    if (this.frames + frames > this.budget) throw new RouteError(`the route ran out of its ${this.budget} frames`, last);
    this.frames += frames;
    await this.target.step(frames, input);
  }

  /** Walks right (breaking crates in the way, jumping pits) until `done`. */
  async advance(what: string, done: (s: RouteState) => boolean): Promise<RouteState> {
    for (;;) {
      const s = await this.read();
      if (done(s)) return s;
      if (s.status === WorldStatus.GameOver || s.status === WorldStatus.Complete || s.status === WorldStatus.Empty) {
        throw new RouteError(`${what}: the level ended first`, s);
      }
      const p = s.player;
      if (s.status === WorldStatus.Respawning || p === null) {
        await this.step(this.chunk, 0, s);
        continue;
      }
      const crate = crateAhead(s, p);
      if (crate !== null) {
        await this.swing(s);
        continue;
      }
      const pit = PITS.find(([left, right]) => p.x >= left - 40 && p.x < right);
      if (pit !== undefined && (p.flags & EntityFlag.OnGround) !== 0) {
        if (p.x >= pit[0] - 2) await this.jump(s, pit[1]);
        else await this.step(1, Input.Right, s);
        continue;
      }
      await this.step(this.chunk, Input.Right, s);
    }
  }

  /** One sword swing: the attack fires on the press edge, so press for a frame and let go. */
  async swing(s: RouteState): Promise<void> {
    await this.step(1, Input.Attack, s);
    await this.step(3, 0, s);
  }

  /** Jumps right, holding jump for the full height, until the player stands again. */
  private async jump(s: RouteState, landAfter: number): Promise<void> {
    this.log(`jump at x ${s.player!.x} (tick ${s.tick})`);
    let last = s;
    await this.step(1, Input.Right | Input.Jump, last);
    for (let i = 0; i < 180; i++) {
      last = await this.read();
      const p = last.player;
      if (p === null || last.status !== WorldStatus.Playing) return;
      if ((p.flags & EntityFlag.OnGround) !== 0 && i > 2) {
        this.log(`landed at x ${p.x} (${p.x >= landAfter ? 'across' : 'short'}, tick ${last.tick})`);
        return;
      }
      await this.step(1, Input.Right | Input.Jump, last);
    }
  }
}

function crateAhead(s: RouteState, p: RouteEntity): RouteEntity | null {
  for (const e of s.entities) {
    if (e.kind !== EntityKind.Crate || (e.flags & (EntityFlag.Dying | EntityFlag.Hidden)) !== 0) continue;
    const dx = e.x - p.x;
    if (dx > 0 && dx <= SWORD_RANGE && Math.abs(e.y - p.y) < 48) return e;
  }
  return null;
}

function nearestEnemy(s: RouteState): number {
  const p = s.player;
  if (p === null) return Infinity;
  let best = Infinity;
  for (const e of s.entities) if (ENEMIES.includes(e.kind)) best = Math.min(best, Math.hypot(e.x - p.x, e.y - p.y));
  return best;
}

/** Plays the route on `target` from the level's start; resolves with its milestones. */
export async function playDemoRoute(target: RouteTarget, options: RouteOptions = {}): Promise<RouteResult> {
  const run = new Runner(target, options.maxFrames ?? 4000, options.chunk ?? 4, options.log ?? (() => {}));
  const start = await run.read();
  if (start.player === null || start.status !== WorldStatus.Playing) throw new RouteError('the demo level is not being played', start);
  const startX = start.player.x;
  const milestone = (s: RouteState, name: string): RouteMilestone => {
    run.log(`${name} at tick ${s.tick}`);
    return { tick: s.tick, state: s };
  };

  const moved = milestone(await run.advance('move', (s) => s.player !== null && s.player.x >= startX + 64), 'moved');
  const crateBroken = milestone(await run.advance('break a crate', (s) => s.cratesBroken > start.cratesBroken), 'crate broken');
  const treasure = milestone(await run.advance('pick up treasure', (s) => s.score > crateBroken.state.score), 'treasure');
  // Hurt by an enemy: health below what it was, with an enemy close (not a fall into the spikes).
  let lastHealth = treasure.state.health;
  let lastLives = treasure.state.lives;
  const hurtState = await run.advance('be hurt by an enemy', (s) => {
    const hurt = s.lives === lastLives && s.health < lastHealth && nearestEnemy(s) <= ENEMY_NEAR;
    lastHealth = s.health;
    lastLives = s.lives;
    return hurt;
  });
  const hurt = { ...milestone(hurtState, 'hurt'), enemyDistance: nearestEnemy(hurtState) };
  return { start, moved, crateBroken, treasure, hurt, end: await run.read(), frames: run.frames };
}
