// The default decode workers of a browser: module Web Workers running decode-worker. A worker that throws
// an uncaught error or sends an unreadable message is reported dead (the pool replaces it).
import type { SpawnedWorker, WorkerSpawner } from './worker-api.js';
import { deathNotice } from './worker-death.js';

/** Wraps a started Web Worker for the pool. */
export function spawnedWebWorker(worker: Worker): SpawnedWorker {
  const { die, onDeath } = deathNotice();
  worker.addEventListener('error', (ev: ErrorEvent) => {
    ev.preventDefault();
    die(`the decode worker crashed: ${ev.message || 'uncaught error'}`);
  });
  worker.addEventListener('messageerror', () => die('the decode worker sent a message that could not be read'));
  return {
    endpoint: worker,
    onDeath,
    terminate: () => worker.terminate(),
  };
}

/**
 * Module workers of engine/streaming/decode-worker. Bundlers that need the `new Worker(new URL(...))`
 * expression in application code pass `start` instead.
 */
export function browserWorkerSpawner(start?: (index: number) => Worker): WorkerSpawner {
  return (index) => spawnedWebWorker(start ? start(index) : new Worker(new URL('./decode-worker.js', import.meta.url), {
    type: 'module', name: `openclaw-decode-${index}`,
  }));
}
