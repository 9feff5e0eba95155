// Loads the wasm bench module (openclaw_bench.mjs + .wasm, built from the same native-legacy/bench
// sources as the native program) in this Node process and runs the schedule through its exports.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { parseLine, type BuildRuns, type RunLine } from './lines.js';
import { plan, type WorkloadRef } from './schedule.js';

/** The exports of native-legacy/bench/wasm_exports.cpp, as Emscripten 3.1.6 puts them on the module. */
interface BenchModule {
  HEAPU8: Uint8Array;
  _ocb_workload_count(): number;
  _ocb_workload_name(index: number): number;
  _ocb_workload_once(index: number): number;
  _ocb_run(index: number, rounds: number, rep: number): number;
  _ocb_info(): number;
}

type BenchFactory = (options: { wasmBinary: Uint8Array }) => Promise<BenchModule>;

const decoder = new TextDecoder();

function readCString(module: BenchModule, ptr: number): string {
  if (ptr === 0) throw new Error('bench module returned a null string');
  // Re-read HEAPU8 each time: it is replaced when the module's memory grows.
  const heap = module.HEAPU8;
  const end = heap.indexOf(0, ptr);
  return decoder.decode(heap.subarray(ptr, end < 0 ? heap.length : end));
}

export async function loadBenchModule(dir: string): Promise<BenchModule> {
  const glue = (await import(pathToFileURL(join(dir, 'openclaw_bench.mjs')).href)) as { default: BenchFactory };
  const wasmBinary = await readFile(join(dir, 'openclaw_bench.wasm'));
  const module = await glue.default({ wasmBinary });
  for (const name of ['_ocb_workload_count', '_ocb_workload_name', '_ocb_workload_once', '_ocb_run', '_ocb_info'] as const) {
    if (typeof module[name] !== 'function') throw new Error(`openclaw_bench.mjs has no export ${name}: rebuild it`);
  }
  return module;
}

export interface WasmOptions {
  reps: number;
  warmup: number;
  onRun?: (run: RunLine) => void;
  /** Run only these workloads (default: every workload the module has). */
  workloads?: readonly string[];
}

export async function runWasm(dir: string, options: WasmOptions): Promise<BuildRuns> {
  const result: BuildRuns = { info: null, runs: [] };
  let module: BenchModule;
  try {
    module = await loadBenchModule(dir);
  } catch (err) {
    return { ...result, error: `could not load the wasm bench module from ${dir}: ${(err as Error).message}` };
  }
  try {
    const info = parseLine(`{"info":${readCString(module, module._ocb_info())}}`);
    if (info.kind === 'info') result.info = info.info;
    const workloads: WorkloadRef[] = [];
    const count = module._ocb_workload_count();
    for (let i = 0; i < count; i++) {
      const name = readCString(module, module._ocb_workload_name(i));
      if (options.workloads !== undefined && !options.workloads.includes(name)) continue;
      workloads.push({ index: i, name, once: module._ocb_workload_once(i) !== 0 });
    }
    for (const step of plan(workloads, options.reps, options.warmup)) {
      const parsed = parseLine(readCString(module, module._ocb_run(step.workload.index, 0, step.rep)));
      if (parsed.kind !== 'run') throw new Error('bench module returned an info line for a run');
      result.runs.push(parsed.run);
      options.onRun?.(parsed.run);
      // Let the progress line reach the terminal between runs.
      await new Promise((r) => setImmediate(r));
    }
  } catch (err) {
    return { ...result, error: `wasm bench failed: ${(err as Error).message}` };
  }
  return result;
}
