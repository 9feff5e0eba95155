// From the `desktop` area's measurements to its published results (ids are stable: keep them). Pure, so
// that a test can feed it synthetic samples.
import { makeResult, median, roundSig, type BenchResult, type DetailValue } from '../report.js';

/** wasm (Node) time per simulated frame over the native build's, at most (issue 8). */
export const TARGET_RATIO = 2.0;

export interface SimSamples {
  /** 'demo' or 'stress-2000': part of the id (desktop-sim-ratio-<label>). */
  label: string;
  /** What the level is, for `what`. */
  level: string;
  /** ns per Game tick of each repetition, native (oc-bench-desktop). */
  nativeNs: number[];
  /** ns per Game tick of each repetition, wasm in Node (Game.simulate: every tick in one call). */
  wasmNs: number[];
  frames: number;
  /** The world's status and tick after a repetition, native and wasm: equal when both played the same frames. */
  nativeEnd: string;
  wasmEnd: string;
  error?: string;
}

export function desktopResults(series: readonly SimSamples[]): BenchResult[] {
  return series.map((s) => {
    const id = `desktop-sim-ratio-${s.label}`;
    const what = `wasm (Node) / native time per simulated frame, ${s.level}`;
    const base = { id, what, metric: 'ratio', target: TARGET_RATIO, better: 'lower' as const };
    if (s.error !== undefined || s.nativeNs.length === 0 || s.wasmNs.length === 0) {
      return makeResult({ ...base, value: null, detail: { error: s.error ?? 'no samples' } });
    }
    const native = median(s.nativeNs);
    const wasm = median(s.wasmNs);
    const detail: Record<string, DetailValue> = {
      native_ns_per_frame: roundSig(native),
      wasm_ns_per_frame: roundSig(wasm),
      native_reps: s.nativeNs.length,
      reps: s.wasmNs.length,
      frames: s.frames,
      end: s.wasmEnd,
    };
    if (s.nativeEnd !== s.wasmEnd) {
      return makeResult({ ...base, value: null, detail: { ...detail, error: `the builds ended differently: native ${s.nativeEnd}, wasm ${s.wasmEnd}` } });
    }
    const value = roundSig(wasm / native, 3);
    if (value > TARGET_RATIO) detail.note = `wasm ${roundSig(wasm / 1000, 3)} µs vs native ${roundSig(native / 1000, 3)} µs per frame`;
    return makeResult({ ...base, value, detail });
  });
}
