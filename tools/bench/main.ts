// The benchmark runner: `npm run bench` runs every area, `npm run bench -- <area>` one of them.
// Each area prints a table and writes build/bench/<area>.json (shape: report.ts, BENCH.md).
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { runDesktopBench } from './desktop/index.js';
import { runFormatsBench } from './formats/index.js';
import { runGameBench } from './game/index.js';
import { runMemoryBench } from './memory/index.js';
import { runSnapshotBench } from './snapshot/index.js';
import { runStreamingBench } from './streaming/index.js';
import { runTrackingBench } from './tracking/index.js';
import { Progress } from './progress.js';

export interface AreaContext {
  root: string;
  reps: number;
  progress: Progress;
}

/** An area returns false when a measurement failed (missed targets alone are not failures). */
type Area = (ctx: AreaContext) => Promise<boolean>;

const AREAS: Record<string, Area> = {
  memory: runMemoryBench,
  snapshot: runSnapshotBench,
  tracking: runTrackingBench,
  formats: runFormatsBench,
  streaming: runStreamingBench,
  game: runGameBench,
  desktop: runDesktopBench,
};

const DEFAULT_REPS = 15;
const MIN_REPS = 5;

const USAGE = `usage: npm run bench [-- [--reps N] [area ...]]
  areas: ${Object.keys(AREAS).join(', ')} (default: all)
  --reps N   measured repetitions per workload (>= ${MIN_REPS}, default ${DEFAULT_REPS}); the median is reported
  env OC_NATIVE_BUILD_DIR, OC_WASM_BUILD_DIR: the native and wasm build directories (default build/native, build/wasm)`;

export async function main(argv: string[]): Promise<number> {
  const areas: string[] = [];
  let reps = DEFAULT_REPS;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      return 0;
    } else if (arg === '--reps') {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < MIN_REPS || n > 1000) {
        console.error(`bench: --reps wants an integer from ${MIN_REPS} to 1000\n${USAGE}`);
        return 2;
      }
      reps = n;
    } else if (arg.startsWith('-')) {
      console.error(`bench: unknown option ${arg}\n${USAGE}`);
      return 2;
    } else if (!(arg in AREAS)) {
      console.error(`bench: unknown area '${arg}'; known areas: ${Object.keys(AREAS).join(', ')}`);
      return 2;
    } else if (!areas.includes(arg)) {
      areas.push(arg);
    }
  }
  if (areas.length === 0) areas.push(...Object.keys(AREAS));

  const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
  const progress = new Progress();
  let ok = true;
  for (const area of areas) {
    try {
      ok = (await AREAS[area]!({ root, reps, progress })) && ok;
    } catch (err) {
      progress.log(`${area}: ${(err as Error).message}`);
      ok = false;
    }
  }
  return ok ? 0 : 1;
}
