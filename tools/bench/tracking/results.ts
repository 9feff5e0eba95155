// From raw measurements to the tracking area's results (ids are published: keep them stable).
// Pure: tests/engine/bench/tracking-results.test.ts feeds it synthetic lines.
import { makeResult, median, roundSig, type BenchResult, type DetailValue } from '../report.js';
import { measured, type BuildRuns } from '../memory/lines.js';

/** Issue 4's targets: a mode's cost over the untracked cost of the same workload, same run. */
export const TARGETS = { counters: 1.3, full: 4 } as const;

export const TRACKING_WORKLOADS = [
  'track-bytes',
  'track-pool-off', 'track-pool-counters', 'track-pool-full',
  'track-slab-off', 'track-slab-counters', 'track-slab-full',
] as const;

export interface OverlaySamples {
  /** ms per update() with the overlay open and closed, one sample per measured frame. */
  openMs: number[];
  closedMs: number[];
  /** Frame time without an overlay mounted at all (the baseline for "closed"). */
  frames?: number;
  error?: string;
}

export interface TrackingMeasurements {
  native: BuildRuns;
  wasm: BuildRuns;
  overlay?: OverlaySamples;
}

type Build = 'native' | 'wasm';
type Kind = 'pool' | 'slab';
type Mode = 'counters' | 'full';

const WHAT: Record<Kind, string> = {
  pool: 'pool alloc+free (64 B, 10k live)',
  slab: 'slab alloc+free (issue 2 trace, 8..2048 B, ~10k live)',
};

function medianNs(build: BuildRuns, workload: string): { value: number; reps: number } | { error: string } {
  const m = measured(build, workload, 'ns_per_op');
  if (m.error !== undefined) return { error: m.error };
  return { value: median(m.values), reps: m.values.length };
}

/** A mode against off on one build: value = mode ns/op / off ns/op (lower is better). */
function slowdown(buildName: Build, build: BuildRuns, kind: Kind, mode: Mode): BenchResult {
  const withMode = medianNs(build, `track-${kind}-${mode}`);
  const off = medianNs(build, `track-${kind}-off`);
  const error = 'error' in withMode ? withMode.error : 'error' in off ? off.error : undefined;
  const target = TARGETS[mode];
  const detail: Record<string, DetailValue> =
    error !== undefined || !('value' in withMode) || !('value' in off)
      ? { error: error ?? 'not measured' }
      : {
          [`${mode}_ns_per_op`]: roundSig(withMode.value),
          off_ns_per_op: roundSig(off.value),
          extra_ns_per_op: roundSig(withMode.value - off.value, 3),
          reps: Math.min(withMode.reps, off.reps),
        };
  const value = 'value' in withMode && 'value' in off ? roundSig(withMode.value / off.value) : null;
  const result = makeResult({
    id: `tracking-${kind}-${mode}-vs-off-${buildName}`,
    what: `${WHAT[kind]}, tracker in ${mode === 'full' ? 'full-records' : 'counters-only'} mode over tracker off, ${buildName}`,
    metric: 'slowdown',
    value,
    target,
    better: 'lower',
    detail,
  });
  if (result.met === false) {
    result.detail.note =
      value === null
        ? `not measured: ${String(detail.error)}`
        : `${mode} takes ${String(detail[`${mode}_ns_per_op`])} ns/op against ${String(detail.off_ns_per_op)} ns/op off; ` +
          `${target}x needs <= ${roundSig(('value' in off ? off.value : NaN) * target, 3)} ns/op`;
  }
  return result;
}

function bytesPerLive(buildName: Build, build: BuildRuns): BenchResult {
  const run = build.runs.find((r) => r.workload === 'track-bytes');
  const error = build.error ?? (run === undefined ? 'track-bytes did not run' : run.error);
  const v = run?.values ?? {};
  const bytes = v.bytes_per_live_allocation;
  const usable = error === undefined && bytes !== undefined;
  return makeResult({
    id: `tracking-bytes-per-live-allocation-${buildName}`,
    what: `tracker bytes per live allocation in full mode (record slots with their free-ring entries, and the index, per unit of capacity), ${buildName}`,
    metric: 'bytes',
    value: usable ? roundSig(bytes) : null,
    target: null,
    better: 'lower',
    detail: usable
      ? {
          record_bytes: v.record_bytes ?? null,
          free_ring_bytes_per_slot: v.free_ring_bytes_per_slot ?? null,
          record_slots: v.record_slots ?? null,
          index_bytes_per_record: v.index_bytes_per_record ?? null,
          pool_slot_map_bytes_per_slot: v.pool_slot_map_bytes_per_slot ?? null,
          tagmap_bytes_per_slab_granule: v.tagmap_bytes_per_slab_granule ?? null,
          records_capacity: v.records_capacity ?? null,
          reps: 1,
        }
      : { error: error ?? 'track-bytes reported nothing' },
  });
}

function overlay(samples: OverlaySamples | undefined): BenchResult[] {
  if (samples === undefined) return [];
  const rows: [string, string, number[], number | null][] = [
    ['tracking-overlay-open-ms-chromium', 'debug overlay open: ms of main-thread work per frame (update), Chromium', samples.openMs, 1],
    ['tracking-overlay-closed-ms-chromium', 'debug overlay closed: ms of main-thread work per frame (update), Chromium', samples.closedMs, null],
  ];
  return rows.map(([id, what, values, target]) => {
    const ok = samples.error === undefined && values.length > 0;
    const result = makeResult({
      id,
      what,
      metric: 'ms_per_frame',
      value: ok ? roundSig(median(values), 3) : null,
      target,
      better: 'lower',
      detail: ok
        ? { reps: values.length, p95_ms: roundSig(percentile(values, 0.95), 3), max_ms: roundSig(Math.max(...values), 3) }
        : { error: samples.error ?? 'no samples' },
    });
    if (result.met === false) result.detail.note = ok ? `median ${result.value} ms per frame` : `not measured: ${String(result.detail.error)}`;
    return result;
  });
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export function trackingResults(m: TrackingMeasurements): BenchResult[] {
  const out: BenchResult[] = [];
  for (const [name, build] of [['native', m.native], ['wasm', m.wasm]] as const) {
    for (const kind of ['pool', 'slab'] as const) {
      for (const mode of ['counters', 'full'] as const) out.push(slowdown(name, build, kind, mode));
    }
    out.push(bytesPerLive(name, build));
  }
  out.push(...overlay(m.overlay));
  return out;
}
