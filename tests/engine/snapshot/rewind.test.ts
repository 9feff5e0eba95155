// Rewind through the TypeScript API: the ring goes back exactly N frames, stays within its byte
// budget, and refuses to go further back than it holds without changing anything.
import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, SnapshotOutOfRangeError } from '../../../engine/index.js';
import { expectSameBytes, expectThrows, freshEngine } from '../support/engine.js';
import { runFrames, World } from '../support/world.js';

const MiB = 1024 * 1024;

describe('rewind', () => {
  it('rewind(n) restores the state of n frames ago, byte for byte, and play continues identically', async () => {
    const engine = await freshEngine({ regions: { state: 2 * MiB } });
    const world = new World(engine, 21);
    runFrames(engine, world, 30);
    engine.enableRewind({ budgetBytes: 4 * MiB });
    const states: Uint8Array[] = [];
    const sums: bigint[] = [];
    for (let f = 0; f < 120; f++) {
      world.step(f);
      states.push(engine.regions.state.bytes().slice());
      sums.push(engine.checksum());
    }
    engine.rewind(30);
    expectSameBytes(engine.regions.state.bytes(), states[119 - 30]!);
    engine.check();
    // the frames after the rewind point replay to the same checksums
    const again = runFrames(engine, world, 30, (f) => 90 + f);
    expect(again).toEqual(sums.slice(90, 120));
    engine.rewind(1);
    expectSameBytes(engine.regions.state.bytes(), states[118]!);
  });

  it('stays within its budget by dropping the oldest frames', async () => {
    const engine = await freshEngine({ regions: { state: 2 * MiB } });
    const world = new World(engine, 22);
    const budget = 512 * 1024;
    const ring = engine.enableRewind({ budgetBytes: budget });
    for (let f = 0; f < 400; f++) {
      world.step(f);
      expect(ring.stats().bytesUsed).toBeLessThanOrEqual(budget);
    }
    const stats = ring.stats();
    expect(stats.framesDropped).toBeGreaterThan(0);
    expect(stats.framesHeld).toBeGreaterThan(3);
    expect(stats.bytesUsed).toBeGreaterThan(budget / 2); // the budget is used, not just respected
    expect(stats.framesHeld + stats.framesDropped).toBe(400);
  });

  it('refuses to go back further than it holds, and changes nothing', async () => {
    const engine = await freshEngine({ regions: { state: 1 * MiB } });
    const world = new World(engine, 23);
    expectThrows(() => engine.rewind(1), InvalidArgumentError);
    engine.enableRewind({ budgetBytes: 1 * MiB });
    runFrames(engine, world, 10);
    const before = engine.regions.state.bytes().slice();
    const held = engine.rewindStats()?.framesHeld ?? 0;
    expectThrows(() => engine.rewind(held + 1), SnapshotOutOfRangeError);
    expectSameBytes(engine.regions.state.bytes(), before);
  });
});
