// Decode workers in Node: worker threads running decode-worker (or a script of the caller's), reached
// through comlink's Node adapter. From the TypeScript sources (tests, tsx) the worker registers tsx's
// loader before importing its script: Node 20 does not apply `--import tsx` from a worker's execArgv to
// the worker's entry module. A worker that throws, exits or sends an unreadable message is reported dead.
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';
import type { SpawnedWorker, WorkerSpawner } from './worker-api.js';
import { deathNotice } from './worker-death.js';

export interface NodeSpawnerOptions {
  /** The worker's module (default: decode-worker beside this module, .ts or .js as this module is). */
  script?: URL | string;
  /** Load the script through tsx (default: when the script is a .ts file). */
  tsx?: boolean;
  /** Extra options of each Worker (resourceLimits, env, ...). */
  workerOptions?: Record<string, unknown>;
}

interface NodeWorker {
  on(event: 'error', listener: (err: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  on(event: 'messageerror', listener: (err: Error) => void): void;
  terminate(): Promise<number>;
  postMessage(message: unknown, transfer?: unknown[]): void;
  off(type: string, listener: (...args: unknown[]) => void): void;
}
interface NodeWorkerThreads {
  Worker: new (script: string | URL, options: Record<string, unknown>) => NodeWorker;
}
interface NodeModule {
  createRequire(from: string): { resolve(id: string): string };
}
interface NodeUrl {
  pathToFileURL(path: string): URL;
}

async function nodeImport<T>(name: string): Promise<T> {
  return (await import(/* @vite-ignore */ name)) as T;
}

function defaultScript(): URL {
  const ts = import.meta.url.endsWith('.ts');
  return new URL(ts ? './decode-worker.ts' : './decode-worker.js', import.meta.url);
}

/** A spawner of worker threads; async because Node's modules are imported on first use. */
export async function nodeWorkerSpawner(options: NodeSpawnerOptions = {}): Promise<WorkerSpawner> {
  const { Worker } = await nodeImport<NodeWorkerThreads>('node:worker_threads');
  const script = options.script === undefined ? defaultScript()
    : options.script instanceof URL ? options.script
    : /^[a-z][a-z0-9+.-]+:/i.test(options.script) ? new URL(options.script)
    : (await nodeImport<NodeUrl>('node:url')).pathToFileURL(options.script);
  const useTsx = options.tsx ?? script.pathname.endsWith('.ts');
  let tsxApi = '';
  if (useTsx) {
    const { createRequire } = await nodeImport<NodeModule>('node:module');
    const { pathToFileURL } = await nodeImport<NodeUrl>('node:url');
    // Resolved here (from this package) so that the worker does not depend on its current directory.
    tsxApi = pathToFileURL(createRequire(import.meta.url).resolve('tsx/esm/api')).href.replace(/\.cjs$/, '.mjs');
  }

  // A worker inherits the process's execArgv, and Node refuses some of them in a worker: a process started
  // with `node --input-type=module -e ...` would see every decode worker die at start-up.
  const execArgv = (globalThis as { process?: { execArgv?: string[] } }).process?.execArgv?.filter((a) => !a.startsWith('--input-type')) ?? [];
  return (index) => {
    const name = `openclaw-decode-${index}`;
    const worker = useTsx
      ? new Worker(`import(${JSON.stringify(tsxApi)}).then((tsx) => { tsx.register(); return import(${JSON.stringify(script.href)}); });`,
        { execArgv, ...options.workerOptions, eval: true, name })
      : new Worker(script, { execArgv, ...options.workerOptions, name });
    return spawnedNodeWorker(worker);
  };
}

/** Wraps a started worker thread for the pool. */
export function spawnedNodeWorker(worker: NodeWorker): SpawnedWorker {
  const { die, onDeath } = deathNotice();
  worker.on('error', (err) => die(`the decode worker crashed: ${err.message}`));
  worker.on('messageerror', () => die('the decode worker sent a message that could not be read'));
  worker.on('exit', (code) => die(`the decode worker exited with code ${code}`));
  return {
    endpoint: nodeEndpoint(worker as unknown as Parameters<typeof nodeEndpoint>[0]),
    onDeath,
    terminate: () => {
      // Reported dead first: the exit that terminate() causes is not a crash.
      die('the decode worker was terminated');
      return worker.terminate();
    },
  };
}
