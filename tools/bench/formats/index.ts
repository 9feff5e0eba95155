// `npm run bench -- formats`: issue 5's figures. PID decoding to RGBA in both encodings, natively and
// in wasm (the same C++ decoder: native-legacy/bench/formats_workload.cpp), in MB of RGBA per second,
// with the wasm/native ratio and a memcpy of the same bytes as the yardstick.
// Prints a table and writes build/bench/formats.json.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

import type { AreaContext } from '../main.js';
import { finishArea, logBuild, requireBuildOutputs, shown } from '../area.js';
import { buildReport } from '../report.js';
import { runNative } from '../memory/native.js';
import { repLabel } from '../memory/schedule.js';
import { runWasm } from '../memory/wasm.js';
import { FORMATS_WORKLOADS, formatsResults } from './results.js';

const NATIVE_WARMUP = 1;
const WASM_WARMUP = 2;

export async function runFormatsBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const nativeDir = resolve(root, process.env.OC_NATIVE_BUILD_DIR ?? 'build/native');
  const wasmDir = resolve(root, process.env.OC_WASM_BUILD_DIR ?? 'build/wasm');
  const nativeBin = join(nativeDir, 'oc-bench-memory');
  await requireBuildOutputs(root, [nativeBin, join(wasmDir, 'openclaw_bench.mjs'), join(wasmDir, 'openclaw_bench.wasm')]);

  const workloads = [...FORMATS_WORKLOADS];
  progress.log(`formats: native PID decoding (${shown(root, nativeBin)}), ${reps} reps each after ${NATIVE_WARMUP} warm-up`);
  const native = await runNative(nativeBin, {
    reps, warmup: NATIVE_WARMUP, workloads,
    onRun: (run) => progress.update(`formats: native ${run.workload} ${repLabel(run.rep, reps, NATIVE_WARMUP)}`),
  });
  logBuild(progress, 'formats', 'native', native);
  progress.log(`formats: wasm PID decoding (${shown(root, wasmDir)}/openclaw_bench.mjs), ${reps} reps each after ${WASM_WARMUP} warm-up`);
  const wasm = await runWasm(wasmDir, {
    reps, warmup: WASM_WARMUP, workloads,
    onRun: (run) => progress.update(`formats: wasm ${run.workload} ${repLabel(run.rep, reps, WASM_WARMUP)}`),
  });
  logBuild(progress, 'formats', 'wasm', wasm);

  const report = buildReport('formats', {
    cpus: cpus().length,
    node: process.version,
    emcc: wasm.info?.emcc ?? null,
    cxx: native.info?.cxx ?? null,
  }, formatsResults({ native, wasm }));
  return finishArea(root, report, reps, progress);
}
