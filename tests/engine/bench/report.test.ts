// The benchmark runner's pure logic: how `met` is judged, the JSON shape of BENCH.md, the table, and
// how the memory area turns result lines into results. No timings are measured here.
import { describe, expect, it } from 'vitest';

import {
  buildReport,
  formatTable,
  isMet,
  makeResult,
  median,
  missed,
  renderReport,
  type BenchResult,
} from '../../../tools/bench/report.js';
import { parseLine, type BuildRuns, type RunLine } from '../../../tools/bench/memory/lines.js';
import { memoryResults, TARGETS, type MemoryMeasurements } from '../../../tools/bench/memory/results.js';
import { plan } from '../../../tools/bench/memory/schedule.js';

const machine = { cpus: 2, node: 'v20.20.2', emcc: '3.1.6', cxx: 'g++ 12.2.0' };

describe('isMet', () => {
  it('compares in the direction of `better`, equal counting as met', () => {
    expect(isMet(4.5, 4, 'higher')).toBe(true);
    expect(isMet(4, 4, 'higher')).toBe(true);
    expect(isMet(3.9, 4, 'higher')).toBe(false);
    expect(isMet(0.9, 1, 'lower')).toBe(true);
    expect(isMet(1, 1, 'lower')).toBe(true);
    expect(isMet(1.1, 1, 'lower')).toBe(false);
  });

  it('is null without a target and false when a targeted value is missing', () => {
    expect(isMet(123, null, 'lower')).toBeNull();
    expect(isMet(null, null, 'lower')).toBeNull();
    expect(isMet(null, 2, 'higher')).toBe(false);
    expect(isMet(Number.NaN, 2, 'higher')).toBe(false);
    expect(isMet(Number.POSITIVE_INFINITY, 2, 'lower')).toBe(false);
  });
});

describe('makeResult', () => {
  it('fills met and turns non-finite values into null', () => {
    const r = makeResult({ id: 'x', what: 'w', metric: 'speedup', value: Number.NaN, target: 2, better: 'higher' });
    expect(r.value).toBeNull();
    expect(r.met).toBe(false);
    expect(r.detail).toEqual({});
    const ok = makeResult({ id: 'y', what: 'w', metric: 'speedup', value: 2.5, target: 2, better: 'higher', detail: { reps: 7 } });
    expect(ok.met).toBe(true);
    expect(ok.detail).toEqual({ reps: 7 });
  });
});

describe('median', () => {
  it('takes the middle value, or the mean of the two middle ones, without reordering the input', () => {
    const xs = [5, 1, 3];
    expect(median(xs)).toBe(3);
    expect(xs).toEqual([5, 1, 3]);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([7])).toBe(7);
    expect(() => median([])).toThrow(RangeError);
  });
});

describe('the report JSON', () => {
  const results: BenchResult[] = [
    makeResult({ id: 'a', what: 'A', metric: 'speedup', value: 9.4, target: 8, better: 'higher', detail: { reps: 7 } }),
    makeResult({ id: 'b', what: 'B', metric: 'bytes', value: 1000, target: null, better: 'lower' }),
  ];

  it('has BENCH.md\'s keys in BENCH.md\'s order and a timestamp to the second', () => {
    const report = buildReport('memory', machine, results, new Date('2026-11-21T10:00:00.123Z'));
    const text = renderReport(report);
    expect(text.endsWith('\n')).toBe(true);
    const parsed = JSON.parse(text) as Record<string, unknown>;
    expect(Object.keys(parsed)).toEqual(['area', 'when', 'machine', 'results']);
    expect(parsed.when).toBe('2026-11-21T10:00:00Z');
    expect(Object.keys(parsed.machine as object)).toEqual(['cpus', 'node', 'emcc', 'cxx']);
    const [first, second] = parsed.results as Record<string, unknown>[];
    expect(Object.keys(first!)).toEqual(['id', 'what', 'metric', 'value', 'target', 'better', 'met', 'detail']);
    expect(first).toMatchObject({ id: 'a', value: 9.4, target: 8, better: 'higher', met: true, detail: { reps: 7 } });
    expect(second).toMatchObject({ id: 'b', target: null, met: null });
  });

  it('recomputes met rather than trusting a stale one', () => {
    const stale = { ...results[0]!, value: 3, met: true };
    const parsed = JSON.parse(renderReport(buildReport('memory', machine, [stale]))) as { results: BenchResult[] };
    expect(parsed.results[0]!.met).toBe(false);
  });

  it('refuses duplicate ids', () => {
    expect(() => buildReport('memory', machine, [results[0]!, results[0]!])).toThrow(/duplicate result id a/);
  });
});

describe('formatTable', () => {
  it('says which targets were met, missed, or could not be measured', () => {
    const rows = [
      makeResult({ id: 'met-one', what: 'w', metric: 'speedup', value: 5, target: 4, better: 'higher' }),
      makeResult({ id: 'missed-one', what: 'w', metric: 'ratio', value: 1.2, target: 1, better: 'lower' }),
      makeResult({ id: 'failed-one', what: 'w', metric: 'speedup', value: null, target: 2, better: 'higher' }),
      makeResult({ id: 'info-one', what: 'w', metric: 'bytes', value: 12345, target: null, better: 'lower' }),
    ];
    const lines = formatTable(rows).split('\n');
    expect(lines[0]).toMatch(/^id\s+what\s+value\s+target\s+met$/);
    expect(lines.find((l) => l.startsWith('met-one'))).toMatch(/5\.00x\s+>= 4\.00x\s+yes$/);
    expect(lines.find((l) => l.startsWith('missed-one'))).toMatch(/1\.20\s+<= 1\.00\s+MISSED$/);
    expect(lines.find((l) => l.startsWith('failed-one'))).toMatch(/FAILED$/);
    expect(lines.find((l) => l.startsWith('info-one'))).toMatch(/12,345 B\s+—$/);
    expect(missed(rows).map((r) => r.id)).toEqual(['missed-one', 'failed-one']);
  });
});

describe('the memory area', () => {
  const run = (workload: string, rep: number, values: Record<string, number>, error?: string): RunLine => ({
    workload,
    rep,
    values,
    ...(error !== undefined ? { error } : {}),
  });
  // Per-rep ns/op for each timed workload; a warm-up pass (rep 0) with absurd numbers must be ignored.
  const build = (ns: Record<string, number[]>, reserved: Record<string, number>): BuildRuns => {
    const runs: RunLine[] = [run('slab-reserved', 1, reserved)];
    for (const [w, values] of Object.entries(ns)) {
      runs.push(run(w, 0, { ns_per_op: 1000, ops: 30000 }));
      values.forEach((v, i) => runs.push(run(w, i + 1, { ns_per_op: v, ops: 30000 })));
    }
    return { info: null, runs };
  };
  const measurements = (): MemoryMeasurements => ({
    wasm: build(
      {
        'pool-malloc': [40, 41, 39],
        'pool-fixed': [8, 10, 9],
        'pool-freelist': [5, 5, 5],
        'slab-malloc': [60, 60, 60],
        'slab-calloc': [90, 90, 90],
        'slab-oc': [40, 45, 50],
        'slab-oc-raw': [40, 20, 30],
      },
      { malloc_reserved_bytes: 1000, slab_reserved_bytes: 900, requested_bytes: 800, live_blocks: 10 },
    ),
    native: build(
      {
        'pool-malloc': [20, 20, 20],
        'pool-fixed': [5, 5, 5],
        'pool-freelist': [2, 2, 2],
        'slab-malloc': [30, 30, 30],
        'slab-calloc': [40, 40, 40],
        'slab-oc': [32, 32, 32],
        'slab-oc-raw': [10, 10, 10],
      },
      { malloc_reserved_bytes: 1000, slab_reserved_bytes: 1100 },
    ),
    ts: { perCall: [30, 20, 25], many: [3, 4, 5], raw: [10, 12, 11], handlesPerRep: 1000 },
    size: { file: 'build/wasm/openclaw_core.wasm', raw: 50000, gzip: 20000 },
  });
  const byId = (results: BenchResult[]) => new Map(results.map((r) => [r.id, r]));

  it('publishes the stable ids, in order', () => {
    expect(memoryResults(measurements()).map((r) => r.id)).toEqual([
      'pool-vs-dlmalloc-wasm',
      'slab-vs-dlmalloc-wasm',
      'slab-zeroed-vs-calloc-wasm',
      'slab-reserved-vs-dlmalloc-wasm',
      'pool-vs-glibc-native',
      'slab-vs-glibc-native',
      'slab-zeroed-vs-calloc-native',
      'slab-reserved-vs-glibc-native',
      'pool-wasm-vs-native',
      'ts-alloc-per-call',
      'ts-alloc-many',
      'ts-raw-export',
      'wasm-size-raw',
      'wasm-size-gzip',
    ]);
  });

  it('computes ratios of medians of the measured reps, judged against the issue\'s targets', () => {
    const r = byId(memoryResults(measurements()));
    const pool = r.get('pool-vs-dlmalloc-wasm')!;
    expect(pool.value).toBeCloseTo(40 / 9, 3);
    expect(pool.target).toBe(TARGETS.poolVsDlmalloc);
    expect(pool.met).toBe(true);
    expect(pool.detail).toMatchObject({ allocator_ns_per_op: 9, baseline_ns_per_op: 40, reps: 3, bare_freelist_speedup: 8 });
    // Like against like: alloc_raw against malloc, zeroing alloc against calloc.
    const slab = r.get('slab-vs-dlmalloc-wasm')!;
    expect(slab.value).toBe(2);
    expect(slab.met).toBe(true);
    expect(slab.detail).toMatchObject({ allocator_ns_per_op: 30, baseline_ns_per_op: 60 });
    expect(slab.what).toMatch(/alloc_raw\+free vs dlmalloc malloc\+free/);
    const zeroed = r.get('slab-zeroed-vs-calloc-wasm')!;
    expect(zeroed).toMatchObject({ value: 2, target: TARGETS.slabZeroedVsDlmallocCalloc, met: true });
    expect(zeroed.detail).toMatchObject({ allocator_ns_per_op: 45, baseline_ns_per_op: 90, raw_ns_per_op: 30, zeroing_ns_per_op: 15 });
    expect(zeroed.what).toMatch(/alloc\+free \(zeroes\) vs dlmalloc calloc\+free/);
    expect(r.get('slab-reserved-vs-dlmalloc-wasm')).toMatchObject({ value: 0.9, target: 1, better: 'lower', met: true });
    expect(r.get('pool-vs-glibc-native')).toMatchObject({ value: 4, target: 5, met: false });
    expect(String(r.get('pool-vs-glibc-native')!.detail.note)).toMatch(/needs <= 4 ns\/op/);
    expect(r.get('slab-vs-glibc-native')).toMatchObject({ value: 3, target: TARGETS.slabVsGlibc, met: true });
    const zeroedNative = r.get('slab-zeroed-vs-calloc-native')!;
    expect(zeroedNative).toMatchObject({ value: 1.25, target: TARGETS.slabZeroedVsGlibcCalloc, met: false });
    expect(String(zeroedNative.detail.note)).toMatch(/slab-oc takes 32 ns\/op against 40 ns\/op for slab-calloc; 1.5x needs <= 26.7 ns\/op \(zeroing adds 22 ns\/op/);
    expect(r.get('slab-reserved-vs-glibc-native')).toMatchObject({ value: 1.1, target: null, met: null });
    expect(r.get('pool-wasm-vs-native')).toMatchObject({ value: 1.8, target: 2.5, better: 'lower', met: true });
    expect(r.get('ts-alloc-per-call')).toMatchObject({ value: 25, metric: 'ns_per_handle', target: null, met: null });
    expect(r.get('ts-alloc-many')!.value).toBe(4);
    expect(r.get('ts-raw-export')!.value).toBe(11);
    expect(r.get('wasm-size-raw')).toMatchObject({ value: 50000, metric: 'bytes', met: null });
    expect(r.get('wasm-size-gzip')!.value).toBe(20000);
  });

  it('reports a workload that failed as not measured, never as met', () => {
    const m = measurements();
    m.wasm.runs.push(run('slab-oc-raw', 2, {}, 'slab alloc or free failed'));
    m.native = { info: null, runs: [], error: 'could not start oc-bench-memory' };
    m.ts = { perCall: [], many: [], raw: [], handlesPerRep: 0, error: 'no engine' };
    const r = byId(memoryResults(m));
    expect(r.get('slab-vs-dlmalloc-wasm')).toMatchObject({ value: null, met: false });
    expect(String(r.get('slab-vs-dlmalloc-wasm')!.detail.error)).toMatch(/slab alloc or free failed/);
    expect(r.get('pool-vs-dlmalloc-wasm')!.met).toBe(true);
    expect(r.get('slab-zeroed-vs-calloc-wasm')!.met).toBe(true); // slab-oc itself did not fail
    for (const id of ['pool-vs-glibc-native', 'slab-vs-glibc-native', 'slab-zeroed-vs-calloc-native', 'pool-wasm-vs-native']) {
      expect(r.get(id)).toMatchObject({ value: null, met: false });
    }
    expect(r.get('slab-reserved-vs-glibc-native')).toMatchObject({ value: null, met: null });
    expect(r.get('ts-raw-export')).toMatchObject({ value: null, detail: { error: 'no engine' } });
  });
});

describe('the bench line protocol and schedule', () => {
  it('parses info and run lines and rejects anything else', () => {
    expect(parseLine('{"info":{"target":"native","cxx":"g++ 12.2.0","malloc":"glibc"}}')).toEqual({
      kind: 'info',
      info: { target: 'native', cxx: 'g++ 12.2.0', malloc: 'glibc' },
    });
    expect(parseLine('{"workload":"pool-fixed","rep":2,"ns_per_op":3.5,"ops":30000,"error":"boom"}')).toEqual({
      kind: 'run',
      run: { workload: 'pool-fixed', rep: 2, error: 'boom', values: { ns_per_op: 3.5, ops: 30000 } },
    });
    expect(() => parseLine('Segmentation fault')).toThrow(/not JSON/);
    expect(() => parseLine('{"rep":1}')).toThrow(/no workload/);
  });

  it('runs once-workloads first, then interleaved warm-up and measured passes', () => {
    const steps = plan(
      [
        { index: 0, name: 'reserved', once: true },
        { index: 1, name: 'a', once: false },
        { index: 2, name: 'b', once: false },
      ],
      2,
      1,
    ).map((s) => `${s.workload.name}@${s.rep}`);
    expect(steps).toEqual(['reserved@1', 'a@0', 'b@0', 'a@1', 'b@1', 'a@2', 'b@2']);
  });
});
