/// <reference types="vite/client" />
// The Chromium side of the `game` benchmark's simulation figures (tools/bench/game/sim.ts builds this
// page with Vite, serves it with demo.rez and stress-level.rez as public files, and calls
// window.runSimBench). A level is opened the way the game page opens it (RezArchive + openLevel), loaded
// into a Game, and stepped with a scripted input; each Game.step (the tick and engine.endFrame) is timed
// alone with performance.now() (the page is cross-origin isolated, so the clock is fine-grained). No
// renderer: this is the simulation's share of the 16.7 ms frame. A level that ends (game over, complete)
// is loaded again between steps, outside the timing, so every timed frame is a played one.
import wasmUrl from '../../../build/wasm/openclaw_core.wasm?url';
import {
  createEngine, Formats, Game, Input, openLevel, sourceFromBytes, WorldStatus, type Engine,
} from '../../../engine/index.js';

export interface SimBenchSamples {
  /** ms of each timed Game.step, in frame order (quantised to the clock's 5 µs under isolation). */
  stepMs: number[];
  /** ms per step over the whole timed run (one clock reading at each end: not quantised). */
  meanMs: number;
  /** The level's live entities after loading (objects, crates' drops, the player). */
  entities: number;
  spawned: number;
  ignored: number;
  /** Level reloads after a game over or completion during the timed frames. */
  reloads: number;
  /** The world's figures at the end, to show the script played (score, crates broken, ...). */
  end: Record<string, number>;
}

declare global {
  interface Window {
    runSimBench(level: string, frames: number, warmup: number): Promise<SimBenchSamples>;
    benchReady: boolean;
  }
}

const MiB = 1024 * 1024;
/** A 240-frame loop: run right with jumps and sword swings, then back left, so the player keeps meeting objects. */
export function scriptedInput(frame: number): number {
  const t = frame % 240;
  let bits = t < 150 ? Input.Right : Input.Left;
  if (t % 40 < 6) bits |= Input.Jump;
  if (t % 25 < 3) bits |= Input.Attack;
  return bits;
}

const status = document.getElementById('status')!;

async function levelImage(engine: Engine, url: string): Promise<Uint8Array> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const formats = Formats.fromAbi(engine.abi);
  const archive = await formats.openRez(sourceFromBytes(new Uint8Array(await response.arrayBuffer()), url));
  try {
    const level = await openLevel(archive, formats, 1);
    return await formats.inflateWwd(level.raw);
  } finally {
    archive.close();
  }
}

async function boot(): Promise<void> {
  window.runSimBench = async (level, frames, warmup) => {
    // A fresh engine per run: every level and repetition starts from the same state.
    const engine = await createEngine({ wasm: wasmUrl, regions: { state: 32 * MiB } });
    try {
      const image = await levelImage(engine, `./${level}.rez`);
      const game = Game.create(engine);
      const summary = game.loadLevelImage(image);
      const samples: SimBenchSamples = {
        stepMs: [], meanMs: 0, entities: summary.entities, spawned: summary.spawned, ignored: summary.ignored, reloads: 0, end: {},
      };
      let started = 0;
      for (let frame = -warmup; frame < frames; frame++) {
        if (frame === 0) started = performance.now();
        const input = scriptedInput(frame + warmup);
        const t0 = performance.now();
        game.step(input);
        const ms = performance.now() - t0;
        if (frame >= 0) samples.stepMs.push(ms);
        const s = game.world.status;
        if (s === WorldStatus.GameOver || s === WorldStatus.Complete) {
          game.loadLevelImage(image);
          if (frame >= 0) samples.reloads++;
        }
      }
      samples.meanMs = (performance.now() - started) / frames;
      const w = game.world;
      samples.end = {
        score: w.score, cratesBroken: w.cratesBroken, treasureTaken: w.treasureTaken, enemiesDefeated: w.enemiesDefeated,
        damageTaken: w.damageTaken, lives: w.lives, entityHigh: w.entityHigh,
      };
      game.destroy();
      status.textContent = `done: ${level}`;
      return samples;
    } finally {
      engine.destroy();
    }
  };
  window.benchReady = true;
  status.textContent = 'ready';
}

boot().catch((err: unknown) => {
  status.textContent = `failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  status.dataset.error = 'true';
});
