// The snapshot area's results (BENCH.md shape): each ratio from medians of the same repetitions, raw
// times and rates in detail. A measurement that failed gives value null and its error in detail.
import { measured, type BuildRuns } from '../memory/lines.js';
import { makeResult, roundSig, type BenchResult, type DetailValue } from '../report.js';
import type { ChromiumSamples } from './chromium.js';
import { NATIVE_WORKLOAD } from './native.js';
import { med, type WasmSamples } from './wasm.js';

const FRAME_MS = 1000 / 60;
const GB = 1e9;

export interface SnapshotInputs {
  native: BuildRuns;
  wasm: WasmSamples;
  chromium: ChromiumSamples;
  reps: number;
}

type Detail = Record<string, DetailValue>;

function gbPerS(bytes: number, ms: number): number {
  return roundSig(bytes / (ms / 1000) / GB, 3);
}

function failed(id: string, what: string, metric: string, target: number | null, better: 'higher' | 'lower', error: string): BenchResult {
  return makeResult({ id, what, metric, value: null, target, better, detail: { error } });
}

/** copy time / op time: the op's throughput as a fraction of the copy's, on the same bytes. */
function versusCopy(
  id: string, what: string, target: number | null, copyMs: number, opMs: number, bytes: number, detail: Detail,
): BenchResult {
  return makeResult({
    id, what, metric: 'speedup', value: roundSig(copyMs / opMs, 3), target, better: 'higher',
    detail: { op_ms: roundSig(opMs, 4), copy_ms: roundSig(copyMs, 4), op_gb_per_s: gbPerS(bytes, opMs), copy_gb_per_s: gbPerS(bytes, copyMs), bytes, ...detail },
  });
}

function nativeResults(native: BuildRuns, reps: number): BenchResult[] {
  const get = (key: string) => measured(native, NATIVE_WORKLOAD, key);
  const copy = get('copy_ns');
  const specs = [
    ['snapshot-capture-vs-copy-native', 'capture_sealed_ns', 0.5, 'native: sealed capture of a 16 MiB state region (every page non-zero) vs memcpy of its bytes to a preallocated buffer'],
    ['snapshot-capture-unsealed-vs-copy-native', 'capture_unsealed_ns', 0.5, 'native: unsealed capture (checksums left to a worker) of that region vs the same memcpy'],
    ['snapshot-restore-vs-copy-native', 'restore_ns', 0.25, 'native: restore with full validation (checksums, staging decode, every check()) vs the same memcpy'],
    ['snapshot-checksum-throughput-native', 'checksum_ns', null, 'native: XXH3-64 of the region alone (the sync checksum) vs the same memcpy'],
  ] as const;
  const first = native.runs.find((r) => r.workload === NATIVE_WORKLOAD && r.rep >= 1)?.values ?? {};
  return specs.map(([id, key, target, what]) => {
    const op = get(key);
    const error = copy.error ?? op.error;
    if (error !== undefined) return failed(id, what, 'speedup', target, 'higher', error);
    const bytes = first.bytes ?? 0;
    const detail: Detail = {
      reps, snapshot_bytes: first.snapshot_bytes ?? null, zero_pages: first.zero_pages ?? null, pages: first.pages ?? null,
      cxx: native.info?.cxx ?? null,
    };
    if (key === 'checksum_ns') detail.checksum_gb_per_s = gbPerS(bytes, med(op.values) / 1e6);
    return versusCopy(id, what, target, med(copy.values) / 1e6, med(op.values) / 1e6, bytes, detail);
  });
}

function wasmResults(w: WasmSamples, reps: number): BenchResult[] {
  const out: BenchResult[] = [];
  const bytes = w.fill?.used ?? 0;
  const base: Detail = {
    reps, snapshot_bytes: w.snapshotBytes ?? null, zero_pages: w.fill?.zeroPages ?? null, pages: w.fill?.pages ?? null,
  };
  const copy = med(w.copyMs);
  const vs = (id: string, what: string, target: number | null, samples: number[], detail: Detail = {}) => {
    if (w.error !== undefined || samples.length === 0) return failed(id, what, 'speedup', target, 'higher', w.error ?? 'no samples');
    return versusCopy(id, what, target, copy, med(samples), bytes, { ...base, ...detail });
  };
  out.push(vs('snapshot-capture-vs-copy-wasm',
    'wasm: engine.capture() sealed, into JS, of a 16 MiB state region (every page non-zero) vs a JS slice of its bytes',
    0.5, w.captureSealedMs, { core_only_ms: roundSig(med(w.coreCaptureSealedMs), 4), core_only_vs_copy: roundSig(copy / med(w.coreCaptureSealedMs), 3) }));
  out.push(vs('snapshot-capture-unsealed-vs-copy-wasm',
    'wasm: engine.capture({ seal: false }) (checksums left to the worker) of that region vs the same slice',
    0.5, w.captureUnsealedMs, { core_only_ms: roundSig(med(w.coreCaptureUnsealedMs), 4), core_only_vs_copy: roundSig(copy / med(w.coreCaptureUnsealedMs), 3) }));
  out.push(vs('snapshot-restore-vs-copy-wasm',
    'wasm: engine.restore() of that snapshot, full validation included, vs the same slice',
    0.25, w.restoreMs));
  const checksum = vs('snapshot-checksum-throughput-wasm',
    'wasm: engine.checksum() (XXH3-64, SIMD build) of the region alone vs the same slice',
    null, w.checksumMs);
  if (w.checksumMs.length > 0) checksum.detail.checksum_gb_per_s = gbPerS(bytes, med(w.checksumMs));
  out.push(checksum);

  for (const mib of [1, 4, 16]) {
    const id = `snapshot-frame-checksum-${mib}mib`;
    const what = `wasm: engine.checksum() of a ${mib} MiB state region, as a fraction of a 16.7 ms frame`;
    const samples = w.frameChecksumMs[mib] ?? [];
    if (w.error !== undefined || samples.length === 0) {
      out.push(failed(id, what, 'frame_fraction', null, 'lower', w.error ?? 'no samples'));
      continue;
    }
    const ms = med(samples);
    out.push(makeResult({
      id, what, metric: 'frame_fraction', value: roundSig(ms / FRAME_MS, 3), target: null, better: 'lower',
      detail: { ms_per_frame: roundSig(ms, 4), used_bytes: w.frameUsed[mib] ?? null, gb_per_s: gbPerS(w.frameUsed[mib] ?? 0, ms), reps },
    }));
  }

  const deltaWhat = 'wasm: delta snapshot size when 1% of the pages changed / full snapshot size';
  if (w.delta === undefined) {
    out.push(failed('snapshot-delta-1pct', deltaWhat, 'size_ratio', 0.05, 'lower', w.error ?? 'not measured'));
  } else {
    const d = w.delta;
    out.push(makeResult({
      id: 'snapshot-delta-1pct', what: deltaWhat, metric: 'size_ratio', value: roundSig(d.deltaBytes / d.fullBytes, 3),
      target: 0.05, better: 'lower',
      detail: { pages_changed: d.pagesChanged, pages: d.pages, delta_bytes: d.deltaBytes, full_bytes: d.fullBytes, reps: 1 },
    }));
  }
  return out;
}

function chromiumResult(c: ChromiumSamples, reps: number): BenchResult {
  const id = 'snapshot-save-main-thread-chromium';
  const what = 'Chromium main-thread time of store.save() of a 16 MiB state vs idb-keyval set() of its bytes: time until a ' +
    'MessageChannel task posted at the start runs, plus (save only) the callbacks after the worker reply';
  if (c.error !== undefined || c.storeMs.length === 0 || c.idbMs.length === 0) {
    return failed(id, what, 'time_ratio', 0.25, 'lower', c.error ?? 'no samples');
  }
  const store = med(c.storeMs);
  const idb = med(c.idbMs);
  return makeResult({
    id, what, metric: 'time_ratio', value: roundSig(store / idb, 3), target: 0.25, better: 'lower',
    detail: {
      store_main_ms: roundSig(store, 4), idb_set_main_ms: roundSig(idb, 4),
      store_until_task_ms: roundSig(med(c.storeSyncMs), 4), store_callbacks_ms: roundSig(med(c.storeCallbacksMs), 4),
      capture_unsealed_ms: roundSig(med(c.captureMs), 4),
      store_total_ms: roundSig(med(c.storeTotalMs), 4), idb_set_total_ms: roundSig(med(c.idbTotalMs), 4),
      bytes: c.bytes, chromium: c.browser ?? null, reps,
      note: "idb-keyval's completion callbacks are not timed (counted as 0, which can only favour the baseline); " +
        'capture_unsealed_ms is engine.capture({ seal: false }) alone, timed the same way',
    },
  });
}

export function snapshotResults(inputs: SnapshotInputs): BenchResult[] {
  return [
    ...wasmResults(inputs.wasm, inputs.reps),
    ...nativeResults(inputs.native, inputs.reps),
    chromiumResult(inputs.chromium, inputs.reps),
  ];
}
