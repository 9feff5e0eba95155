// From raw measurements to the formats area's results (ids are published: keep them stable).
// Pure: tests/engine/bench/formats-results.test.ts feeds it synthetic lines.
import { makeResult, median, roundSig, type BenchResult } from '../report.js';
import { measured, type BuildRuns } from '../memory/lines.js';

export const FORMATS_WORKLOADS = ['fmt-pid-compressed', 'fmt-pid-raw', 'fmt-rgba-copy'] as const;

/** The decoders are one source compiled twice: wasm should keep at least half of native's speed. */
export const WASM_TARGET = 0.5;

type Build = 'native' | 'wasm';
type Encoding = 'compressed' | 'raw';

const WHAT: Record<Encoding, string> = {
  compressed: 'PID decode to RGBA, compressed encoding (48 sprites of 96x96, transparent margins)',
  raw: 'PID decode to RGBA, uncompressed encoding (48 tiles of 64x64, runs and single pixels)',
};

function medianOf(build: BuildRuns, workload: string): { value: number; reps: number } | { error: string } {
  const m = measured(build, workload, 'mb_per_s');
  if (m.error !== undefined) return { error: m.error };
  if (m.values.length === 0) return { error: `${workload} did not run` };
  return { value: median(m.values), reps: m.values.length };
}

function throughput(name: Build, build: BuildRuns, encoding: Encoding): BenchResult {
  const m = medianOf(build, `fmt-pid-${encoding}`);
  const copy = medianOf(build, 'fmt-rgba-copy');
  return makeResult({
    id: `formats-pid-decode-${encoding}-${name}`,
    what: `${WHAT[encoding]}, ${name}`,
    metric: 'MB/s',
    value: 'value' in m ? roundSig(m.value) : null,
    target: null,
    better: 'higher',
    detail: 'value' in m
      ? {
          reps: m.reps,
          // The same RGBA volume copied with memcpy in the same run: the ceiling a decoder could reach.
          copy_mb_per_s: 'value' in copy ? roundSig(copy.value) : null,
          share_of_copy: 'value' in copy ? roundSig(m.value / copy.value, 3) : null,
        }
      : { error: m.error },
  });
}

function ratio(native: BuildRuns, wasm: BuildRuns, encoding: Encoding): BenchResult {
  const n = medianOf(native, `fmt-pid-${encoding}`);
  const w = medianOf(wasm, `fmt-pid-${encoding}`);
  const value = 'value' in n && 'value' in w ? roundSig(w.value / n.value, 3) : null;
  const result = makeResult({
    id: `formats-pid-decode-${encoding}-wasm-vs-native`,
    what: `${WHAT[encoding]}: wasm throughput over native throughput, same source, same run`,
    metric: 'ratio',
    value,
    target: WASM_TARGET,
    better: 'higher',
    detail: 'value' in n && 'value' in w
      ? { native_mb_per_s: roundSig(n.value), wasm_mb_per_s: roundSig(w.value), reps: Math.min(n.reps, w.reps) }
      : { error: 'error' in n ? n.error : 'error' in w ? w.error : 'not measured' },
  });
  if (result.met === false) {
    result.detail.note = value === null ? `not measured: ${String(result.detail.error)}` : `wasm decodes at ${value}x native`;
  }
  return result;
}

export function formatsResults(m: { native: BuildRuns; wasm: BuildRuns }): BenchResult[] {
  const out: BenchResult[] = [];
  for (const encoding of ['compressed', 'raw'] as const) {
    out.push(throughput('native', m.native, encoding), throughput('wasm', m.wasm, encoding), ratio(m.native, m.wasm, encoding));
  }
  return out;
}
