// The channel of the code running inside a decode worker: the global scope of a Web Worker, or the
// parent port of a Node worker thread (through comlink's Node adapter). Node's module is imported by a
// computed name so that browser bundlers leave it alone.
import type { Endpoint } from 'comlink';
import nodeEndpoint from 'comlink/dist/esm/node-adapter.mjs';

interface NodeWorkerThreads {
  parentPort: Parameters<typeof nodeEndpoint>[0] | null;
}

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

export async function workerEndpoint(): Promise<Endpoint> {
  if (isNode) {
    const name = 'node:worker_threads';
    const { parentPort } = (await import(/* @vite-ignore */ name)) as NodeWorkerThreads;
    if (parentPort === null) throw new Error('workerEndpoint(): not running in a worker thread');
    return nodeEndpoint(parentPort);
  }
  return globalThis as unknown as Endpoint;
}
