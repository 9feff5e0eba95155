// Playing the demo level on the real wasm core: the scripted route (support/demo-route.ts, shared with
// the browser test), determinism across engines and across a snapshot restore, and rewind.
import { describe, expect, it } from 'vitest';

import { EntityKind, Input } from '../../../engine/game/constants.js';
import type { Game } from '../../../engine/game/game.js';
import { Prng } from '../support/prng.js';
import { playDemoRoute } from './support/demo-route.js';
import { gameTarget } from './support/game-target.js';
import { demoGame, useDemoLevel } from './support/game.js';

const demo = useDemoLevel();
const SMALL = { regions: { state: 2 << 20 } };

/** Inputs a player might give: held directions, jumps and swings, changing every few frames. */
function wanderInputs(count: number, seed: number): Uint32Array {
  const rng = new Prng(seed);
  const out = new Uint32Array(count);
  let input: number = Input.Right;
  for (let i = 0; i < count; i++) {
    if (rng.chance(0.1)) input = [Input.Right, Input.Left, Input.Right | Input.Jump, 0, Input.Attack, Input.Right | Input.Attack][rng.below(6)]!;
    out[i] = input;
  }
  return out;
}

function stepAll(game: Game, inputs: Uint32Array): bigint[] {
  const sums: bigint[] = [];
  for (const input of inputs) {
    game.step(input);
    sums.push(game.checksum());
  }
  return sums;
}

describe('the demo route', () => {
  it('moves right, breaks a crate, picks up its treasure and is hurt by an enemy', async () => {
    const game = await demoGame(demo(), SMALL);
    const log: string[] = [];
    const result = await playDemoRoute(gameTarget(game), { log: (l) => log.push(l) });
    expect(result.moved.state.player!.x).toBeGreaterThan(result.start.player!.x);
    expect(result.crateBroken.state.cratesBroken).toBeGreaterThan(0);
    expect(result.treasure.state.score).toBeGreaterThan(result.start.score);
    expect(result.treasure.state.treasureTaken).toBeGreaterThan(0);
    expect(result.hurt.state.health).toBeLessThan(100);
    expect(result.hurt.enemyDistance).toBeLessThanOrEqual(120);
    expect(result.moved.tick).toBeLessThan(result.crateBroken.tick);
    expect(result.crateBroken.tick).toBeLessThan(result.treasure.tick);
    expect(result.treasure.tick).toBeLessThan(result.hurt.tick);
    expect(result.end.damageTaken).toBeGreaterThan(0);
    game.check();
  });
});

describe('determinism', () => {
  it('two engines given the same inputs have the same checksum every frame', async () => {
    const a = await demoGame(demo(), SMALL);
    const inputs: number[] = [];
    await playDemoRoute(gameTarget(a, (input) => inputs.push(input)));
    const b = await demoGame(demo(), SMALL);
    const recorded = Uint32Array.from(inputs);
    const tail = wanderInputs(300, 7);
    expect(a.checksum()).not.toBe(b.checksum());
    b.stepMany(recorded);
    expect(b.checksum()).toBe(a.checksum());
    expect(stepAll(b, tail)).toEqual(stepAll(a, tail));
  });

  it('after a snapshot restore the same inputs give the same 600 checksums', async () => {
    const game = await demoGame(demo(), SMALL);
    game.stepMany(wanderInputs(240, 1));
    const snapshot = game.engine.snapshot();
    const tick = game.world.tick;
    const inputs = wanderInputs(600, 2);
    const first = stepAll(game, inputs);
    expect(game.world.tick).toBe(tick + 600);
    game.engine.restore(snapshot);
    expect(game.world.tick).toBe(tick); // the views find the restored world without being told
    const second = stepAll(game, inputs);
    expect(second).toEqual(first);
    expect(new Set(first).size).toBeGreaterThan(500); // the world really changed every frame
    game.check();
  });

  it('a snapshot restored into another engine plays on identically (Game.open)', async () => {
    const a = await demoGame(demo(), SMALL);
    a.stepMany(wanderInputs(120, 3));
    const snapshot = a.engine.snapshot();
    const b = await demoGame(demo(), SMALL); // same layout: a game on an engine of the same options
    b.engine.restore(snapshot);
    expect(b.checksum()).toBe(a.checksum());
    const inputs = wanderInputs(200, 4);
    expect(stepAll(b, inputs)).toEqual(stepAll(a, inputs));
  });
});

describe('the shared-memory core', () => {
  it('plays the same frames as the plain core, with the views over a SharedArrayBuffer that grows', async () => {
    const plain = await demoGame(demo(), SMALL);
    const shared = await demoGame(demo(), { ...SMALL, sharedMemory: true });
    expect(shared.engine.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    const inputs = wanderInputs(300, 6);
    const sums = stepAll(shared, inputs.subarray(0, 150));
    const big = shared.engine.abi.malloc(32 << 20); // growth: a new SharedArrayBuffer, the old one still valid
    expect(big).not.toBe(0);
    sums.push(...stepAll(shared, inputs.subarray(150)));
    shared.engine.abi.free(big);
    expect(sums).toEqual(stepAll(plain, inputs));
    const p = shared.entities.find(EntityKind.Player);
    expect([shared.entities.x(p), shared.world.tick]).toEqual([plain.entities.x(plain.entities.find(EntityKind.Player)), 300]);
  });
});

describe('rewind', () => {
  it('rewind(n) returns to the checksum of n frames ago, and play continues from there', async () => {
    const game = await demoGame(demo(), SMALL);
    game.engine.enableRewind({ budgetBytes: 8 << 20 });
    const inputs = wanderInputs(180, 5);
    const sums = stepAll(game, inputs);
    const ticks = game.world.tick;
    game.engine.rewind(30);
    expect(game.checksum()).toBe(sums[sums.length - 1 - 30]);
    expect(game.world.tick).toBe(ticks - 30);
    game.engine.rewind(100);
    expect(game.checksum()).toBe(sums[sums.length - 1 - 130]);
    // Playing the same inputs again from there reaches the same frames.
    const again = stepAll(game, inputs.subarray(inputs.length - 130));
    expect(again).toEqual(sums.slice(sums.length - 130));
    expect(game.entities.find(EntityKind.Player)).toBeGreaterThanOrEqual(0);
    game.check();
  });
});
