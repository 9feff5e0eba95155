// A recorded play session over the demo level, as tests/engine/game/cross-build.test.ts makes its
// 10,000-frame stream: the scripted demo route (a crate, its treasure, the pit, the crab), then
// pseudo-random runs of held keys (seed 99: two deaths and respawns, still playing at frame 10,000).
// Played in wasm with createEngine() defaults + Game.create (what openclaw-desktop mirrors), with the
// checksums-file line of every step, so that a native run of the same stream can be compared line by line.
import { Input } from '../../../../engine/game/constants.js';
import { Game } from '../../../../engine/game/game.js';
import { createEngine, type Engine } from '../../../../engine/memory/engine.js';
import { playDemoRoute } from '../../game/support/demo-route.js';
import { gameTarget } from '../../game/support/game-target.js';

export interface Session {
  inputs: Uint8Array;
  /** Line i: "<frame counter> <16 hex digits>" after step i + 1 (the --checksums format). */
  lines: string[];
  levelHash: bigint;
  routeFrames: number;
}

export function checksumLine(engine: Engine): string {
  return `${engine.frameNumber} ${engine.checksum().toString(16).padStart(16, '0')}`;
}

/** `count` input bytes of held keys (1-40 frames each) from a xorshift32 stream. */
export function heldKeyInputs(count: number, seed: number): Uint8Array {
  const choices = [
    Input.Right, Input.Right | Input.Jump, Input.Right | Input.Attack, Input.Attack, Input.Jump, Input.Left,
    Input.Left | Input.Jump, Input.Up, Input.Down, 0, Input.Left | Input.Attack, Input.Up | Input.Jump,
  ];
  const out = new Uint8Array(count);
  let x = seed >>> 0 || 1;
  const next = (): number => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>>= 0);
  };
  for (let i = 0; i < count;) {
    const bits = choices[next() % choices.length]!;
    const hold = 1 + (next() % 40);
    for (let k = 0; k < hold && i < count; k++) out[i++] = bits;
  }
  return out;
}

/** Plays the route and then held keys up to `frames` steps on a fresh engine (destroyed before return). */
export async function recordSession(levelImage: Uint8Array, frames: number, seed = 99): Promise<Session> {
  const engine = await createEngine();
  try {
    const game = Game.create(engine);
    game.loadLevelImage(levelImage);
    const inputs = new Uint8Array(frames);
    const lines: string[] = [];
    const after = (input: number): void => {
      inputs[lines.length] = input;
      lines.push(checksumLine(engine));
    };
    const route = await playDemoRoute(gameTarget(game, after));
    if (route.frames !== lines.length || route.frames >= frames) {
      throw new Error(`the demo route took ${route.frames} frames (${lines.length} recorded), the session has ${frames}`);
    }
    for (const input of heldKeyInputs(frames - lines.length, seed)) {
      game.step(input);
      after(input);
    }
    return { inputs, lines, levelHash: game.world.levelHash, routeFrames: route.frames };
  } finally {
    engine.destroy();
  }
}
