// Sync tests: a simulation whose state lives in the region passes; one that reads JavaScript state
// outside the region is caught at the exact first frame where it diverges.
import { describe, expect, it } from 'vitest';
import { DesyncError } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';
import { World } from '../support/world.js';

describe('sync test', () => {
  it('finds no mismatch in a deterministic simulation (600 frames, windows of 60)', async () => {
    const engine = await freshEngine({ regions: { state: 2 * 1024 * 1024 } });
    const world = new World(engine, 31);
    const tester = engine.createSyncTester({ window: 60, step: (input) => world.step(input) });
    let checked = 0;
    for (let f = 0; f < 600; f++) {
      const report = tester.advance(f & 7);
      if (report !== null) {
        expect(report.firstMismatch).toBeNull();
        checked += report.frames;
      }
    }
    expect(checked).toBe(600);
  });

  it('reports the first frame whose checksum differs when the step reads state outside the region', async () => {
    const engine = await freshEngine({ regions: { state: 2 * 1024 * 1024 } });
    const world = new World(engine, 32);
    let outside = 0; // a JavaScript variable: not restored by the snapshot
    const report = engine.syncTest({
      frames: 40,
      step: (input, frame) => {
        world.step(input);
        outside += 1;
        // from window frame 25 on, the first run and the re-run see different values of `outside`
        if (frame >= 25 && outside > 40) engine.frameNumber = engine.frameNumber + 1n;
      },
      input: (f) => f,
    });
    expect(report.frames).toBe(40);
    expect(report.firstMismatch?.frame).toBe(25);
    expect(report.firstMismatch?.expected).not.toBe(report.firstMismatch?.actual);
  });

  it('throws DesyncError when asked to', async () => {
    const engine = await freshEngine({ regions: { state: 1024 * 1024 } });
    let n = 0;
    const tester = engine.createSyncTester({
      window: 5, throwOnDesync: true,
      step: () => { n += 1; engine.frameNumber = BigInt(n); }, // the frame number comes from outside the region
    });
    for (let i = 0; i < 4; i++) expect(tester.advance()).toBeNull();
    expect(() => tester.advance()).toThrow(DesyncError);
  });
});
