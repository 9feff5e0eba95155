/// <reference types="vite/client" />
// The Chromium side of `npm run bench -- snapshot`: how long the main thread is busy for a complete
// SnapshotStore save of a filled 16 MiB state, against an idb-keyval set() of the same bytes from the
// main thread. tools/bench/snapshot/chromium.ts builds this page with Vite, serves it and calls
// window.runSaveBench().
//
// Main-thread time of an operation = (time from starting it until a MessageChannel task, posted just
// before the start, runs: the synchronous part and the microtasks it queued) + (time from the last
// message of the persist worker until the save's promise has resolved: the completion callbacks).
// idb-keyval's completion is a promise resolved from the transaction's complete event; it is not
// instrumented and counted as zero, which can only favour the baseline.
import { set } from 'idb-keyval';
import { createEngine } from '../../../../engine/index.js';
import { openSnapshotStore } from '../../../../engine/snapshot/store.js';
import wasmUrl from '../../../../build/wasm/openclaw_core.wasm?url';
import { fillState } from '../fill.js';

export interface SaveBenchSamples {
  storeMs: number[];
  /** The two parts of storeMs: until the MessageChannel task ran, and the completion callbacks. */
  storeSyncMs: number[];
  storeCallbacksMs: number[];
  storeTotalMs: number[];
  /** engine.capture({ seal: false }) alone, the part of a save the main thread cannot avoid. */
  captureMs: number[];
  idbMs: number[];
  idbTotalMs: number[];
  bytes: number;
  backend: string;
}

declare global {
  interface Window {
    runSaveBench(reps: number, warmup: number): Promise<SaveBenchSamples>;
    benchReady: boolean;
    /** Present when Chromium runs with --js-flags=--expose-gc (the bench launches it so). */
    gc?: () => void;
  }
}

let lastWorkerMessage = 0;

/** The persist worker, with a listener (added before comlink's) that notes when each reply arrives. */
function spawnWorker(): Worker {
  const worker = new Worker(new URL('../../../../engine/snapshot/persist-worker.ts', import.meta.url), { type: 'module', name: 'openclaw-persist' });
  worker.addEventListener('message', () => {
    lastWorkerMessage = performance.now();
  });
  return worker;
}

function mainThreadFree(): Promise<number> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve(performance.now());
    };
    channel.port2.postMessage(null);
  });
}

interface Measured {
  sync: number;
  callbacks: number;
  main: number;
  total: number;
}

async function measure(start: () => Promise<unknown>, completedBy: 'worker' | 'none'): Promise<Measured> {
  // Collect first, untimed: each operation leaves 16 MiB of garbage that the next one must not pay for.
  window.gc?.();
  const free = mainThreadFree();
  const t0 = performance.now();
  const done = start().then(() => performance.now());
  const tFree = await free;
  const tDone = await done;
  const callbacks = completedBy === 'worker' && lastWorkerMessage > tFree ? tDone - lastWorkerMessage : 0;
  return { sync: tFree - t0, callbacks, main: tFree - t0 + callbacks, total: tDone - t0 };
}

const status = document.getElementById('status')!;
const MiB = 1024 * 1024;

async function boot(): Promise<void> {
  const engine = await createEngine({ wasm: wasmUrl, regions: { state: 16 * MiB, frame: 64 * 1024 } });
  fillState(engine);
  const store = await openSnapshotStore({ wasm: wasmUrl, worker: spawnWorker, database: 'openclaw-bench-snapshot', history: 1 });
  const bytes = engine.regions.state.bytes().slice(0, engine.regions.state.used);

  window.runSaveBench = async (reps, warmup) => {
    const samples: SaveBenchSamples = {
      storeMs: [], storeSyncMs: [], storeCallbacksMs: [], storeTotalMs: [], captureMs: [], idbMs: [], idbTotalMs: [],
      bytes: bytes.length, backend: store.backend,
    };
    for (let rep = 1 - warmup; rep <= reps; rep++) {
      status.textContent = `rep ${rep} of ${reps}`;
      const s = await measure(() => store.save('bench', engine, { expectedVersion: 'any' }), 'worker');
      const i = await measure(() => set('openclaw-bench-idb', bytes), 'none');
      const c = await measure(async () => engine.capture({ seal: false }), 'none');
      if (rep < 1) continue;
      samples.storeMs.push(s.main);
      samples.storeSyncMs.push(s.sync);
      samples.storeCallbacksMs.push(s.callbacks);
      samples.storeTotalMs.push(s.total);
      samples.captureMs.push(c.main);
      samples.idbMs.push(i.main);
      samples.idbTotalMs.push(i.total);
    }
    status.textContent = 'done';
    return samples;
  };
  window.benchReady = true;
  status.textContent = `ready (store backend: ${store.backend}${store.persistent ? '' : `, not persistent: ${store.reason ?? ''}`})`;
}

boot().catch((err: unknown) => {
  status.textContent = `failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  status.dataset.error = 'true';
});
