// The tracking area's pure logic: from result lines to the published results. No timings here.
import { describe, expect, it } from 'vitest';

import type { BuildRuns, RunLine } from '../../../tools/bench/memory/lines.js';
import { TARGETS, trackingResults } from '../../../tools/bench/tracking/results.js';

function runs(nsPerOp: Record<string, number[]>, extra: RunLine[] = []): BuildRuns {
  const lines: RunLine[] = [];
  for (const [workload, values] of Object.entries(nsPerOp)) {
    values.forEach((v, i) => lines.push({ workload, rep: i + 1, values: { ns_per_op: v } }));
    lines.push({ workload, rep: 0, values: { ns_per_op: 1000 } }); // a warm-up pass: never counted
  }
  return { info: null, runs: [...lines, ...extra] };
}

const bytesLine: RunLine = {
  workload: 'track-bytes', rep: 1,
  values: { bytes_per_live_allocation: 48, record_bytes: 32, index_bytes_per_record: 16, records_capacity: 65536 },
};

describe('trackingResults', () => {
  it('reports each mode over off as the ratio of medians, judged against the issue targets', () => {
    const native = runs({
      'track-pool-off': [2, 2.2, 1.8],
      'track-pool-counters': [2.2, 2.4, 2.0],
      'track-pool-full': [9, 10, 8],
      'track-slab-off': [20, 20, 20],
      'track-slab-counters': [30, 30, 30],
      'track-slab-full': [50, 50, 50],
    }, [bytesLine]);
    const results = trackingResults({ native, wasm: { info: null, runs: [], error: 'no module' } });
    const byId = new Map(results.map((r) => [r.id, r]));

    const poolCounters = byId.get('tracking-pool-counters-vs-off-native')!;
    expect(poolCounters.value).toBeCloseTo(2.2 / 2, 5);
    expect(poolCounters.target).toBe(TARGETS.counters);
    expect(poolCounters.met).toBe(true);
    expect(poolCounters.detail.reps).toBe(3);

    const poolFull = byId.get('tracking-pool-full-vs-off-native')!;
    expect(poolFull.value).toBeCloseTo(4.5, 5);
    expect(poolFull.met).toBe(false);
    expect(String(poolFull.detail.note)).toContain('<= 8 ns/op');

    expect(byId.get('tracking-slab-counters-vs-off-native')!.met).toBe(false);
    expect(byId.get('tracking-slab-full-vs-off-native')!.value).toBeCloseTo(2.5, 5);
    expect(byId.get('tracking-slab-full-vs-off-native')!.met).toBe(true);
    expect(byId.get('tracking-bytes-per-live-allocation-native')!.value).toBe(48);
  });

  it('makes a failed build a failed result, never a neutral one', () => {
    const results = trackingResults({ native: runs({}), wasm: { info: null, runs: [], error: 'could not load' } });
    const wasmFull = results.find((r) => r.id === 'tracking-pool-full-vs-off-wasm')!;
    expect(wasmFull.value).toBeNull();
    expect(wasmFull.met).toBe(false);
    expect(String(wasmFull.detail.error)).toContain('could not load');
    expect(results.find((r) => r.id === 'tracking-bytes-per-live-allocation-wasm')!.value).toBeNull();
  });

  it('passes on a workload error such as an overflowing record table', () => {
    const native = runs({ 'track-pool-off': [2, 2, 2] }, [
      { workload: 'track-pool-full', rep: 1, values: {}, error: 'the record table overflowed' },
    ]);
    const r = trackingResults({ native, wasm: runs({}) }).find((x) => x.id === 'tracking-pool-full-vs-off-native')!;
    expect(r.value).toBeNull();
    expect(String(r.detail.error)).toContain('overflowed');
  });

  it('keeps its published ids', () => {
    const ids = trackingResults({ native: runs({}), wasm: runs({}) }).map((r) => r.id);
    expect(ids).toEqual([
      'tracking-pool-counters-vs-off-native', 'tracking-pool-full-vs-off-native',
      'tracking-slab-counters-vs-off-native', 'tracking-slab-full-vs-off-native',
      'tracking-bytes-per-live-allocation-native',
      'tracking-pool-counters-vs-off-wasm', 'tracking-pool-full-vs-off-wasm',
      'tracking-slab-counters-vs-off-wasm', 'tracking-slab-full-vs-off-wasm',
      'tracking-bytes-per-live-allocation-wasm',
    ]);
  });
});
