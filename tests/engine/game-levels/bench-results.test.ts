// The `game` benchmark area's pure part (tools/bench/game/results.ts): percentiles, the published ids,
// ratios against the frame budget, the heap figure's robustness to a one-off allocation, and failures
// reported as failures (never as a met target).
import { describe, expect, it } from 'vitest';

import { FRAME_MS, gameResults, percentile, TARGETS, type GameMeasurements } from '../../../tools/bench/game/results.js';

const steps = (ms: number, n = 100, spike = ms) => Array.from({ length: n }, (_, i) => (i % 20 === 19 ? spike : ms));

function measurements(over: Partial<GameMeasurements> = {}): GameMeasurements {
  return {
    sims: [
      { label: 'demo', level: 'demo', runs: [{ stepMs: steps(0.05, 100, 0.5), meanMs: 0.07, entities: 65, reloads: 0 }, { stepMs: steps(0.06, 100, 0.6), meanMs: 0.08, entities: 65, reloads: 1 }] },
      { label: 'stress-2000', level: 'stress', runs: [{ stepMs: steps(2), meanMs: 2, entities: 2376, reloads: 0 }] },
    ],
    heap: { usedBytes: [1_000_000, 1_000_100, 1_000_050, 1_200_000, 1_200_100, 1_200_000], every: 1000, frames: 5000 },
    firstFrame: { streamedBytes: 40_000, totalBytes: 140_000, plannedBytes: 38_000, source: 'hooks' },
    ...over,
  };
}

describe('game bench results', () => {
  it('takes nearest-rank percentiles', () => {
    const v = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(v, 50)).toBe(50);
    expect(percentile(v, 95)).toBe(95);
    expect(percentile([3, 1, 2], 100)).toBe(3);
    expect(percentile([7], 0)).toBe(7);
    expect(() => percentile([], 50)).toThrow(RangeError);
  });

  it('publishes the four ids, the sim figures as p95 over the frame budget (median of reps)', () => {
    const results = gameResults(measurements());
    expect(results.map((r) => r.id)).toEqual([
      'game-sim-frame-demo', 'game-sim-frame-stress-2000', 'game-heap-growth-10k-frames', 'game-first-frame-bytes',
    ]);
    const [demo, stress] = results;
    // 5% of the steps are spikes: p95 is the plain step, p96+ would be the spike.
    expect(demo!.detail.p95_ms).toBe(0.055);
    expect(demo!.value).toBe(Number((0.055 / FRAME_MS).toPrecision(3)));
    expect(demo).toMatchObject({ target: TARGETS.simDemo, better: 'lower', met: true });
    expect(demo!.detail).toMatchObject({ mean_ms: 0.075, reps: 2, reloads: 1, frames_per_rep: 100, entities: 65 });
    expect(stress!.value).toBe(Number((2 / FRAME_MS).toPrecision(3)));
    expect(stress!.met).toBe(true);
  });

  it('reports the median heap step, so a one-off allocation does not read as growth, and misses a steady leak', () => {
    const heap = gameResults(measurements())[2]!;
    expect(heap.value).toBe(100); // steps 100, -50, 199950, 100, -100
    expect(heap.met).toBe(true);
    expect(heap.detail).toMatchObject({ total_growth_bytes: 200_000, max_step_bytes: 199_950, samples: 6 });
    const leaking = gameResults(measurements({
      heap: { usedBytes: [0, 16_000, 32_000, 48_000], every: 1000, frames: 3000 },
    }))[2]!;
    expect(leaking.value).toBe(16_000);
    expect(leaking.met).toBe(false);
    expect(String(leaking.detail.note)).toContain('16000');
  });

  it('divides the streamed bytes by the level total and keeps the plan beside it', () => {
    const first = gameResults(measurements())[3]!;
    expect(first.value).toBe(Number((40_000 / 140_000).toPrecision(3)));
    expect(first.detail).toMatchObject({ measured_by: 'hooks', planned_first_frame_bytes: 38_000 });
    expect(first.met).toBe(true);
  });

  it('turns every failed measurement into a null value that misses its target', () => {
    const results = gameResults({
      sims: [{ label: 'demo', level: 'demo', runs: [], error: 'no chromium' }, { label: 'stress-2000', level: 'stress', runs: [{ stepMs: [], meanMs: 0, entities: 0, reloads: 0 }] }],
      heap: { usedBytes: [1, 2], every: 1000, frames: 1000 },
      firstFrame: { streamedBytes: 0, totalBytes: 0, plannedBytes: 0, source: 'none', error: 'page did not load' },
    });
    for (const r of results) {
      expect(r.value, r.id).toBeNull();
      expect(r.met, r.id).toBe(false);
      expect(typeof r.detail.error, r.id).toBe('string');
    }
    expect(results[0]!.detail.error).toBe('no chromium');
  });
});
