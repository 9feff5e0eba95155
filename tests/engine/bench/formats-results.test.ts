// The formats area's pure logic: from result lines to the published results. No timings here.
import { describe, expect, it } from 'vitest';

import type { BuildRuns, RunLine } from '../../../tools/bench/memory/lines.js';
import { WASM_TARGET, formatsResults } from '../../../tools/bench/formats/results.js';

function runs(mbPerS: Record<string, number[]>, failing: RunLine[] = []): BuildRuns {
  const lines: RunLine[] = [];
  for (const [workload, values] of Object.entries(mbPerS)) {
    values.forEach((v, i) => lines.push({ workload, rep: i + 1, values: { mb_per_s: v } }));
    lines.push({ workload, rep: 0, values: { mb_per_s: 1 } }); // a warm-up pass: never counted
  }
  return { info: null, runs: [...lines, ...failing] };
}

describe('formatsResults', () => {
  it('reports throughput medians per build and the wasm/native ratio against its target', () => {
    const native = runs({ 'fmt-pid-compressed': [400, 500, 450], 'fmt-pid-raw': [300, 300, 310], 'fmt-rgba-copy': [9000, 9000, 9000] });
    const wasm = runs({ 'fmt-pid-compressed': [300, 310, 290], 'fmt-pid-raw': [100, 120, 110], 'fmt-rgba-copy': [5000, 5000, 5000] });
    const byId = new Map(formatsResults({ native, wasm }).map((r) => [r.id, r]));

    const nc = byId.get('formats-pid-decode-compressed-native')!;
    expect(nc.value).toBe(450);
    expect(nc.metric).toBe('MB/s');
    expect(nc.met).toBeNull();
    expect(nc.detail.share_of_copy).toBe(0.05);

    const rc = byId.get('formats-pid-decode-compressed-wasm-vs-native')!;
    expect(rc.value).toBeCloseTo(300 / 450, 3);
    expect(rc.target).toBe(WASM_TARGET);
    expect(rc.met).toBe(true);

    const rr = byId.get('formats-pid-decode-raw-wasm-vs-native')!;
    expect(rr.value).toBeCloseTo(110 / 300, 3);
    expect(rr.met).toBe(false);
    expect(String(rr.detail.note)).toContain('x native');
    expect(byId.size).toBe(6);
  });

  it('reports a failed build as not measured instead of a number', () => {
    const native = runs({ 'fmt-pid-compressed': [400], 'fmt-pid-raw': [300], 'fmt-rgba-copy': [9000] });
    const wasm: BuildRuns = { info: null, runs: [], error: 'could not load the wasm bench module' };
    const byId = new Map(formatsResults({ native, wasm }).map((r) => [r.id, r]));
    expect(byId.get('formats-pid-decode-raw-wasm')!.value).toBeNull();
    expect(String(byId.get('formats-pid-decode-raw-wasm')!.detail.error)).toContain('could not load');
    const ratio = byId.get('formats-pid-decode-raw-wasm-vs-native')!;
    expect(ratio.value).toBeNull();
    expect(ratio.met).toBe(false);
  });
});
