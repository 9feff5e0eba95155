// `npm run bench -- tracking`: issue 4's figures. The pool and slab workloads with a tracker attached,
// off vs counters-only vs full records, natively and in wasm (each mode interleaved with the others in
// one process, so the ratios compare like with like), the tracker's bytes per live allocation, and the
// debug overlay's cost per frame in Chromium, open and closed.
// Prints a table and writes build/bench/tracking.json.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

import type { AreaContext } from '../main.js';
import { finishArea, logBuild, requireBuildOutputs, shown } from '../area.js';
import { buildReport } from '../report.js';
import { runNative } from '../memory/native.js';
import { repLabel } from '../memory/schedule.js';
import { runWasm } from '../memory/wasm.js';
import { measureOverlay } from './overlay.js';
import { TRACKING_WORKLOADS, trackingResults, type OverlaySamples } from './results.js';

const NATIVE_WARMUP = 1;
const WASM_WARMUP = 2;

export async function runTrackingBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const nativeDir = resolve(root, process.env.OC_NATIVE_BUILD_DIR ?? 'build/native');
  const wasmDir = resolve(root, process.env.OC_WASM_BUILD_DIR ?? 'build/wasm');
  const nativeBin = join(nativeDir, 'oc-bench-memory');
  const inputs = [nativeBin, join(wasmDir, 'openclaw_bench.mjs'), join(wasmDir, 'openclaw_bench.wasm')];
  await requireBuildOutputs(root, inputs);

  const workloads = [...TRACKING_WORKLOADS];
  progress.log(`tracking: native, tracker off / counters / full (${shown(root, nativeBin)}), ${reps} reps each after ${NATIVE_WARMUP} warm-up`);
  const native = await runNative(nativeBin, {
    reps, warmup: NATIVE_WARMUP, workloads,
    onRun: (run) => progress.update(`tracking: native ${run.workload} ${repLabel(run.rep, reps, NATIVE_WARMUP)}`),
  });
  logBuild(progress, 'tracking', 'native', native);
  progress.log(`tracking: wasm, tracker off / counters / full (${shown(root, wasmDir)}/openclaw_bench.mjs), ${reps} reps each after ${WASM_WARMUP} warm-up`);
  const wasm = await runWasm(wasmDir, {
    reps, warmup: WASM_WARMUP, workloads,
    onRun: (run) => progress.update(`tracking: wasm ${run.workload} ${repLabel(run.rep, reps, WASM_WARMUP)}`),
  });
  logBuild(progress, 'tracking', 'wasm', wasm);

  progress.log('tracking: Chromium, the debug overlay\'s main-thread work per frame, open and closed (full mode, ~16k live records)');
  let overlay: OverlaySamples;
  try {
    overlay = await measureOverlay({
      root, onStep: (what) => progress.update(`tracking: ${what}`),
      ...(process.env.OC_WASM_BUILD_DIR !== undefined ? { wasmDir: wasmDir } : {}),
    });
  } catch (err) {
    overlay = { openMs: [], closedMs: [], error: (err as Error).message };
  }
  if (overlay.error !== undefined) progress.log(`tracking: overlay: ${overlay.error}`);

  const results = trackingResults({ native, wasm, overlay });
  const report = buildReport('tracking', {
    cpus: cpus().length,
    node: process.version,
    emcc: wasm.info?.emcc ?? null,
    cxx: native.info?.cxx ?? null,
  }, results);
  return finishArea(root, report, reps, progress);
}
