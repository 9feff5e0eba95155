// `npm run bench -- memory`: the allocators against malloc in both builds, wasm against native, the
// TypeScript call path and the module's size (issue 2's acceptance list). Prints a table and writes
// build/bench/memory.json.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

import type { AreaContext } from '../main.js';
import { finishArea, logBuild, requireBuildOutputs, shown } from '../area.js';
import { buildReport } from '../report.js';
import type { RunLine } from './lines.js';
import { runNative } from './native.js';

import { memoryResults } from './results.js';
import { repLabel } from './schedule.js';
import { measureWasmSize } from './size.js';
import { measureTsPath } from './ts-path.js';
import { runWasm } from './wasm.js';

// The program also holds other areas' workloads (snapshot-16mib, track-*): run only this area's.
const MEMORY_WORKLOADS = [
  'slab-reserved', 'pool-malloc', 'pool-fixed', 'pool-freelist', 'slab-malloc', 'slab-calloc', 'slab-oc', 'slab-oc-raw',
] as const;

const NATIVE_WARMUP = 1;
// V8 runs a wasm function's first calls in its baseline compiler and swaps in optimised code for
// later calls; two passes make sure every workload is measured optimised.
const WASM_WARMUP = 2;
const TS_WARMUP = 2;

export async function runMemoryBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const nativeDir = resolve(root, process.env.OC_NATIVE_BUILD_DIR ?? 'build/native');
  const wasmDir = resolve(root, process.env.OC_WASM_BUILD_DIR ?? 'build/wasm');
  const nativeBin = join(nativeDir, 'oc-bench-memory');
  const coreWasm = join(wasmDir, 'openclaw_core.wasm');
  const inputs = [nativeBin, join(wasmDir, 'openclaw_bench.mjs'), join(wasmDir, 'openclaw_bench.wasm'), coreWasm];
  await requireBuildOutputs(root, inputs);

  const show = (build: string) => (run: RunLine) =>
    progress.update(`memory: ${build} ${run.workload} ${repLabel(run.rep, reps, build === 'native' ? NATIVE_WARMUP : WASM_WARMUP)}`);
  progress.log(`memory: native workloads (${shown(root, nativeBin)}), ${reps} reps each after ${NATIVE_WARMUP} warm-up`);
  const native = await runNative(nativeBin, { reps, warmup: NATIVE_WARMUP, onRun: show('native'), workloads: [...MEMORY_WORKLOADS] });
  logBuild(progress, 'memory', 'native', native);
  progress.log(`memory: wasm workloads (${shown(root, wasmDir)}/openclaw_bench.mjs), ${reps} reps each after ${WASM_WARMUP} warm-up`);
  const wasm = await runWasm(wasmDir, { reps, warmup: WASM_WARMUP, onRun: show('wasm'), workloads: MEMORY_WORKLOADS });
  logBuild(progress, 'memory', 'wasm', wasm);
  progress.log(`memory: TypeScript call path (engine/index.ts on package.json's #core, build/wasm), ${reps} reps`);
  const ts = await measureTsPath({
    reps,
    warmup: TS_WARMUP,
    onStep: (what, rep) => progress.update(`memory: ts ${what} ${repLabel(rep, reps, TS_WARMUP)}`),
  });
  if (ts.error !== undefined) progress.log(`memory: ts call path: ${ts.error}`);
  const size = await measureWasmSize(coreWasm).catch((err: Error) => ({ file: coreWasm, error: err.message }));

  const results = memoryResults({ native, wasm, ts, size: { ...size, file: shown(root, size.file) } });
  const report = buildReport('memory', {
    cpus: cpus().length,
    node: process.version,
    emcc: wasm.info?.emcc ?? null,
    cxx: native.info?.cxx ?? null,
  }, results);
  return finishArea(root, report, reps, progress);
}
