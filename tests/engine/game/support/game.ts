// Set-up of the game tests: an engine with a game, the demo level's WWD (as stored, and inflated).
import { beforeAll } from 'vitest';

import { Game, type GameOptions } from '../../../../engine/game/game.js';
import type { EngineOptions } from '../../../../engine/index.js';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import { freshEngine } from '../../support/engine.js';
import { openDemo } from './demo-rez.js';

export interface DemoLevel {
  /** WORLD.WWD as stored in demo.rez (compressed). */
  raw: Uint8Array;
  /** Its rebuilt image (what the core reads). */
  image: Uint8Array;
}

let cached: DemoLevel | null = null;

/** The demo level's bytes, read once per test file. */
export function useDemoLevel(): () => DemoLevel {
  beforeAll(async () => {
    if (cached !== null) return;
    const formats = await Formats.load();
    const demo = await openDemo(formats);
    try {
      const raw = await demo.archive.read('/LEVEL1/WORLDS/WORLD.WWD');
      cached = { raw, image: await formats.inflateWwd(raw) };
    } finally {
      demo.close();
      formats.dispose();
    }
  });
  return () => {
    if (cached === null) throw new Error('the demo level is read in beforeAll');
    return cached;
  };
}

/** A fresh engine (destroyed after the test) with a game on it. */
export async function freshGame(options: EngineOptions = {}, game: GameOptions = {}): Promise<Game> {
  const engine = await freshEngine({ regions: { state: 4 << 20 }, ...options });
  return Game.create(engine, game);
}

/** A fresh game with the demo level loaded from its image. */
export async function demoGame(level: DemoLevel, options: EngineOptions = {}): Promise<Game> {
  const game = await freshGame(options);
  game.loadLevelImage(level.image);
  return game;
}
