// What both streaming pages share: the wasm URLs the build fingerprints, absolute URLs for the workers
// (a worker resolves a relative URL against its own script, not the page), the decode workers started
// the way Vite bundles them, and the status element the specs wait on.
import coreWasmUrl from '../../build/wasm/openclaw_core.wasm?url';
import sharedWasmUrl from '../../build/wasm/openclaw_core_shared.wasm?url';
import { browserWorkerSpawner } from '../../engine/streaming/browser-workers.js';
import type { WorkerSpawner } from '../../engine/streaming/worker-api.js';

/** The absolute URL of `path` relative to this page. */
export function absolute(path: string): string {
  return new URL(path, document.baseURI).href;
}

/** The absolute URL of a public file (build/assets/web/, served at the site's root, one level above the pages). */
export function publicUrl(name: string): string {
  return absolute(`../${name}`);
}

/** The plain core (workers decode with it; engines without shared memory run it). */
export const coreWasm = absolute(coreWasmUrl);
/** The shared-memory core (engines with sharedMemory: true). */
export const sharedWasm = absolute(sharedWasmUrl);

/** Module workers of the decode worker, written so that Vite bundles the worker with the page. */
export function decodeWorkers(): WorkerSpawner {
  return browserWorkerSpawner(
    (index) => new Worker(new URL('../../engine/streaming/decode-worker.ts', import.meta.url), { type: 'module', name: `openclaw-decode-${index}` }),
  );
}

/** Workers that leave one core to the main thread (the frame loop) on small machines. */
export function workerCount(): number {
  const cores = navigator.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(8, cores - 1));
}

export function setStatus(state: 'loading' | 'ready' | 'running' | 'done' | 'failed', text: string): void {
  const node = document.querySelector<HTMLElement>('[data-testid="page-status"]');
  if (node === null) return;
  node.dataset.state = state;
  node.textContent = text;
}

export function describeError(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}
