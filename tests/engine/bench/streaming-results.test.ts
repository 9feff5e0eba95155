// The streaming area's pure logic: from timed passes to the published results. No timings here.
import { describe, expect, it } from 'vitest';

import { streamingResults, TARGETS, type Pass, type Series } from '../../../tools/bench/streaming/results.js';

const MiB = 1024 * 1024;
const pass = (wallMs: number, mainMs: number): Pass => ({ wallMs, mainMs });
const series = (label: string, workers: number, passes: Pass[], zeroCopy = false): Series => ({ label, workers, zeroCopy, passes });

describe('streamingResults', () => {
  it('reports MB/s and main-thread ms per MB as ratios against the main-thread baseline', () => {
    // 10 MiB per pass. Baseline: 100 ms wall (100 MB/s), 80 ms busy (8 ms/MB).
    const main = series('main', 0, [pass(100, 80), pass(90, 70), pass(110, 90)]);
    const one = series('1-worker', 1, [pass(125, 20), pass(125, 20), pass(125, 20)]); // 80 MB/s, 2 ms/MB
    const two = series('2-workers', 2, [pass(50, 10), pass(50, 10), pass(50, 10)]); // 200 MB/s, 1 ms/MB
    const n = series('n-workers', 4, [pass(40, 30), pass(40, 30), pass(40, 30)]); // 250 MB/s, 3 ms/MB
    const zc = series('zero-copy', 4, [pass(40, 15), pass(40, 15), pass(40, 15)]); // 1.5 ms/MB
    const byId = new Map(streamingResults({ bytes: 10 * MiB, files: 40, main, workers: [one, two, n], zeroCopy: zc }).map((r) => [r.id, r]));

    expect(byId.get('streaming-main-thread-decode')!.value).toBe(100);
    expect(byId.get('streaming-main-thread-decode')!.detail.main_ms_per_mb).toBe(8);
    const r1 = byId.get('streaming-throughput-1-worker-vs-main')!;
    expect(r1.value).toBeCloseTo(0.8, 3);
    expect(r1.target).toBe(TARGETS.oneWorker);
    expect(r1.met).toBe(true);
    expect(byId.get('streaming-throughput-2-workers-vs-main')!.value).toBeCloseTo(2, 3);
    const rn = byId.get('streaming-throughput-n-workers-vs-main')!;
    expect(rn.value).toBeCloseTo(2.5, 3);
    expect(rn.detail.workers).toBe(4);
    const share = byId.get('streaming-main-thread-ms-per-mb-vs-main-decode')!;
    expect(share.value).toBeCloseTo(3 / 8, 3);
    expect(share.better).toBe('lower');
    expect(share.met).toBe(false);
    expect(String(share.detail.note)).toContain('lower is better');
    const z = byId.get('streaming-main-thread-ms-per-mb-zero-copy-vs-copy')!;
    expect(z.value).toBeCloseTo(0.5, 3);
    expect(z.met).toBe(true);
    expect(byId.size).toBe(6);
  });

  it('reports a failed series as not measured, and leaves the zero-copy figure out when there is no shared core', () => {
    const main = series('main', 0, [pass(100, 80)]);
    const broken: Series = { label: '2-workers', workers: 2, zeroCopy: false, passes: [], error: 'worker failed to start' };
    const results = streamingResults({ bytes: MiB, files: 4, main, workers: [broken], zeroCopy: null });
    const r = results.find((x) => x.id === 'streaming-throughput-2-workers-vs-main')!;
    expect(r.value).toBeNull();
    expect(r.met).toBe(false);
    expect(r.detail.error).toBe('worker failed to start');
    expect(results.some((x) => x.id.includes('zero-copy'))).toBe(false);
  });
});
