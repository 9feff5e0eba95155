// Loading and unloading the demo level 50 times under the tracker's full mode: no leak since each
// load's mark, and the state region's live bytes (slab + entity pool) back at their baseline every time.
import { describe, expect, it } from 'vitest';

import { Input } from '../../../engine/game/constants.js';
import { Game } from '../../../engine/game/game.js';
import { freshEngine } from '../support/engine.js';
import { useDemoLevel } from './support/game.js';

const demo = useDemoLevel();

describe('level load/unload', () => {
  it('50 cycles: no leaks, live bytes back to the baseline, the level blocks named by tag and site', async () => {
    const engine = await freshEngine({ regions: { state: 2 << 20 }, tracking: { mode: 'full', leakReport: false } });
    const game = Game.create(engine);
    const pool = game.entityPool()!;
    const live = (): [number, number, number] => {
      const s = engine.slab.stats();
      return [s.liveBytes, s.liveBlocks, pool.occupancy().live];
    };
    const baseline = live();
    const running = new Uint32Array(60).fill(Input.Right | Input.Attack);

    // While loaded, the level's blocks show up under the load's tag and site.
    const mark = engine.tracker.mark();
    await game.loadLevel(demo().raw);
    const groups = engine.tracker.leaksSince(mark);
    expect(groups.some((g) => g.tag === 'level' && g.site === 'game.loadLevel')).toBe(true);
    expect(groups.some((g) => g.tag === 'entities' && g.site === 'game.loadLevel')).toBe(true);
    game.unloadLevel();
    expect(engine.tracker.leaksSince(mark)).toEqual([]);

    for (let i = 0; i < 50; i++) {
      const m = engine.tracker.mark();
      game.loadLevelImage(demo().image);
      expect(live()[2]).toBe(48 + 11 + 1);
      game.stepMany(running);
      game.unloadLevel();
      const leaks = engine.tracker.leaksSince(m);
      if (leaks.length > 0) throw new Error(`cycle ${i}: ${engine.tracker.leakReport(m)}`);
      expect(live()).toEqual(baseline);
    }
    game.check();
    engine.check();
  });
});
