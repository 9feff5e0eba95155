// `npm run bench -- memory`: the allocators against malloc in both builds, wasm against native, the
// TypeScript call path and the module's size (issue 2's acceptance list). Prints a table and writes
// build/bench/memory.json.
import { access } from 'node:fs/promises';
import { cpus } from 'node:os';
import { isAbsolute, join, relative, resolve } from 'node:path';

import type { AreaContext } from '../main.js';
import { buildReport, formatTable, missed, writeReport } from '../report.js';
import type { BuildRuns, RunLine } from './lines.js';
import { runNative } from './native.js';

// The program also holds other areas' workloads (snapshot-16mib): run only this area's.
const MEMORY_WORKLOADS = [
  'slab-reserved', 'pool-malloc', 'pool-fixed', 'pool-freelist', 'slab-malloc', 'slab-calloc', 'slab-oc', 'slab-oc-raw',
] as const;
import { memoryResults } from './results.js';
import { repLabel } from './schedule.js';
import { measureWasmSize } from './size.js';
import { measureTsPath } from './ts-path.js';
import { runWasm } from './wasm.js';

const NATIVE_WARMUP = 1;
// V8 runs a wasm function's first calls in its baseline compiler and swaps in optimised code for
// later calls; two passes make sure every workload is measured optimised.
const WASM_WARMUP = 2;
const TS_WARMUP = 2;

/** A path as the user would type it: relative to the repository when inside it, else absolute. */
function shown(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

export async function runMemoryBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const nativeDir = resolve(root, process.env.OC_NATIVE_BUILD_DIR ?? 'build/native');
  const wasmDir = resolve(root, process.env.OC_WASM_BUILD_DIR ?? 'build/wasm');
  const nativeBin = join(nativeDir, 'oc-bench-memory');
  const coreWasm = join(wasmDir, 'openclaw_core.wasm');
  const inputs = [nativeBin, join(wasmDir, 'openclaw_bench.mjs'), join(wasmDir, 'openclaw_bench.wasm'), coreWasm];
  const absent: string[] = [];
  for (const file of inputs) if (!(await exists(file))) absent.push(shown(root, file));
  if (absent.length > 0) {
    throw new Error(
      `missing build outputs: ${absent.join(', ')}. Build them first (\`npm run build\`), ` +
        'or point OC_NATIVE_BUILD_DIR / OC_WASM_BUILD_DIR at build directories that have them.',
    );
  }

  const show = (build: string) => (run: RunLine) =>
    progress.update(`memory: ${build} ${run.workload} ${repLabel(run.rep, reps, build === 'native' ? NATIVE_WARMUP : WASM_WARMUP)}`);
  progress.log(`memory: native workloads (${shown(root, nativeBin)}), ${reps} reps each after ${NATIVE_WARMUP} warm-up`);
  const native = await runNative(nativeBin, { reps, warmup: NATIVE_WARMUP, onRun: show('native'), workloads: [...MEMORY_WORKLOADS] });
  logBuild(progress, 'native', native);
  progress.log(`memory: wasm workloads (${shown(root, wasmDir)}/openclaw_bench.mjs), ${reps} reps each after ${WASM_WARMUP} warm-up`);
  const wasm = await runWasm(wasmDir, { reps, warmup: WASM_WARMUP, onRun: show('wasm'), workloads: MEMORY_WORKLOADS });
  logBuild(progress, 'wasm', wasm);
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
  const out = join(root, 'build/bench/memory.json');
  await writeReport(out, report);
  progress.log(`memory: done in ${progress.elapsedSeconds().toFixed(0)} s`);

  console.log(`\nmemory (medians of ${reps} reps; ratios measured side by side in this run)\n`);
  console.log(formatTable(report.results));
  const withTarget = report.results.filter((r) => r.target !== null);
  const misses = missed(report.results);
  console.log(`\n${withTarget.length - misses.length} of ${withTarget.length} targets met.`);
  for (const r of misses) console.log(`  ${r.met === false && r.value === null ? 'FAILED' : 'MISSED'} ${r.id}: ${String(r.detail.note ?? r.detail.error ?? '')}`);
  const broken = report.results.filter((r) => r.value === null);
  for (const r of broken.filter((b) => b.target === null)) console.log(`  FAILED ${r.id}: ${String(r.detail.error ?? '')}`);
  console.log(`\nwrote ${shown(root, out)}`);
  return broken.length === 0;
}

function logBuild(progress: AreaContext['progress'], name: string, build: BuildRuns): void {
  if (build.error !== undefined) progress.log(`memory: ${name} failed: ${build.error}`);
  const failed = build.runs.filter((r) => r.error !== undefined);
  const seen = new Set<string>();
  for (const r of failed) {
    if (seen.has(r.workload)) continue;
    seen.add(r.workload);
    progress.log(`memory: ${name} ${r.workload} failed: ${r.error}`);
  }
}
