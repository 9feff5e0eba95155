// `npm run bench -- snapshot`: issue 3's snapshot figures, each against a baseline measured in the
// same run: capture, restore and the checksum vs a plain copy of the same 16 MiB (native and wasm),
// the per-frame checksum for 1, 4 and 16 MiB, the size of a 1% delta, and in Chromium the main-thread
// time of a SnapshotStore save vs an idb-keyval set. Prints a table, writes build/bench/snapshot.json.
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

import type { AreaContext } from '../main.js';
import { finishArea, requireBuildOutputs, shown } from '../area.js';
import { buildReport } from '../report.js';
import { repLabel } from '../memory/schedule.js';
import { measureChromium, type ChromiumSamples } from './chromium.js';
import { runNativeSnapshot } from './native.js';
import { snapshotResults } from './results.js';
import { measureWasm } from './wasm.js';

const NATIVE_WARMUP = 1;
const WASM_WARMUP = 2;
const CHROMIUM_WARMUP = 2;

export async function runSnapshotBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const nativeDir = resolve(root, process.env.OC_NATIVE_BUILD_DIR ?? 'build/native');
  const nativeBin = join(nativeDir, 'oc-bench-memory');
  await requireBuildOutputs(root, [nativeBin]);

  progress.log(`snapshot: native capture/restore/checksum vs memcpy (${shown(root, nativeBin)} snapshot-16mib), ${reps} reps after ${NATIVE_WARMUP} warm-up`);
  const native = await runNativeSnapshot(nativeBin, {
    reps, warmup: NATIVE_WARMUP,
    onRun: (run) => progress.update(`snapshot: native ${repLabel(run.rep, reps, NATIVE_WARMUP)}`),
  });
  if (native.error !== undefined) progress.log(`snapshot: native failed: ${native.error}`);

  progress.log(`snapshot: wasm through the engine (engine/index.ts on package.json's #core, build/wasm), ${reps} reps after ${WASM_WARMUP} warm-up`);
  const wasm = await measureWasm({
    reps, warmup: WASM_WARMUP,
    onStep: (what, rep) => progress.update(`snapshot: wasm ${what} ${repLabel(rep, reps, WASM_WARMUP)}`),
  });
  if (wasm.error !== undefined) progress.log(`snapshot: ${wasm.error}`);

  progress.log(`snapshot: Chromium, main-thread time of a 16 MiB save (SnapshotStore vs idb-keyval), ${reps} reps after ${CHROMIUM_WARMUP} warm-up`);
  let chromium: ChromiumSamples;
  try {
    chromium = await measureChromium({ root, reps, warmup: CHROMIUM_WARMUP, onStep: (what) => progress.update(`snapshot: chromium ${what}`) });
  } catch (err) {
    chromium = { storeMs: [], storeSyncMs: [], storeCallbacksMs: [], storeTotalMs: [], captureMs: [], idbMs: [], idbTotalMs: [], bytes: 0, error: (err as Error).message };
  }
  if (chromium.error !== undefined) progress.log(`snapshot: chromium: ${chromium.error}`);

  const results = snapshotResults({ native, wasm, chromium, reps });
  const report = buildReport('snapshot', {
    cpus: cpus().length,
    node: process.version,
    emcc: null,
    cxx: native.info?.cxx ?? null,
  }, results);
  return finishArea(root, report, reps, progress);
}
