// The generated levels played by the real core (wasm, through engine/game): the 2,000-object stress
// level spawns every object (and the crates' drops) and runs a minute of scripted play with the world's
// invariants intact; the "REZ like the original" WWD spawns what the game knows by the original's logic
// names, ignores and counts the rest, and gives score-less treasures the game's default scores. Only
// the WWDs are needed (no PID encoding), so these run on the engine's own sources.
import { describe, expect, it } from 'vitest';

import { EntityFlag, EntityKind, Game, Input, TreasureVariant, WorldStatus } from '../../../engine/index.js';
import { readDemoSource } from '../../../tools/assets/levels/demo-source.js';
import { makeStressLevel, stressLevelSpec } from '../../../tools/assets/levels/stress-level.js';
import { originalLikeLevel, UNSUPPORTED_LOGICS } from '../../../tools/assets/original-like/level.js';
import { writeWwd } from '../../../tools/assets/pack/wwd-writer.js';
import { freshEngine } from '../support/engine.js';

const MiB = 1024 * 1024;

function scripted(frame: number): number {
  const t = frame % 240;
  return (t < 150 ? Input.Right : Input.Left) | (t % 40 < 6 ? Input.Jump : 0) | (t % 25 < 3 ? Input.Attack : 0);
}

describe('generated levels in the game', () => {
  it('the stress level spawns its 2,000 objects and the crates\' drops, and plays a minute', async () => {
    const spec = stressLevelSpec({ entities: 2000 });
    const objects = spec.planes.find((p) => (p.flags & 1) !== 0)!.objects;
    const drops = objects.filter((o) => o.logic === 'Crate' && o.powerup !== 0).length;
    const engine = await freshEngine({ regions: { state: 32 * MiB } });
    const game = Game.create(engine);
    const summary = await game.loadLevel(makeStressLevel({ entities: 2000 }));
    expect(summary).toMatchObject({ spawned: 2000, ignored: 0, tilesX: spec.planes[1]!.tilesX, tilesY: 24, entities: 2000 + drops + 1 });
    expect(game.world.status).toBe(WorldStatus.Playing);
    for (let f = 0; f < 3600; f++) game.step(scripted(f));
    game.check();
    expect(game.world.tick).toBeGreaterThanOrEqual(3600);
    game.destroy();
  });

  it('the original-like WWD spawns the known logic names, ignores the others, and scores treasure by kind', async () => {
    const demo = readDemoSource().level;
    const level = originalLikeLevel(demo);
    const engine = await freshEngine();
    const game = Game.create(engine);
    const summary = await game.loadLevel(writeWwd(level));
    const demoObjects = demo.planes.find((p) => (p.flags & 1) !== 0)!.objects.length;
    expect(summary.spawned).toBe(demoObjects);
    expect(summary.ignored).toBe(UNSUPPORTED_LOGICS.length);
    const e = game.entities;
    const seen = new Map<number, number>();
    const scores: Record<number, number> = { [TreasureVariant.Coin]: 100, [TreasureVariant.Gem]: 500, [TreasureVariant.Chalice]: 1000 };
    for (let i = 0; i < e.count; i++) {
      const kind = e.kind(i);
      seen.set(kind, (seen.get(kind) ?? 0) + 1);
      if (kind === EntityKind.Treasure && (e.flags(i) & EntityFlag.Hidden) === 0) expect(e.value(i), `treasure ${i}`).toBe(scores[e.variant(i)]);
    }
    // Soldiers and rats are the crab kind, officers the rat guard's; every kind of the game is there.
    for (const kind of [EntityKind.Player, EntityKind.Crate, EntityKind.Treasure, EntityKind.Crab, EntityKind.RatGuard, EntityKind.Checkpoint, EntityKind.LevelEnd]) {
      expect(seen.get(kind), `kind ${kind}`).toBeGreaterThan(0);
    }
    expect(seen.get(EntityKind.Crab)).toBe(4);
    expect(seen.get(EntityKind.RatGuard)).toBe(3);
    for (let f = 0; f < 600; f++) game.step(scripted(f));
    game.check();
    game.destroy();
  });
});
