// The persist worker: seals, checksums, compresses and writes snapshots to IndexedDB off the main
// thread, with its own instance of the wasm core. The page talks to it through comlink
// (store/worker-client.ts); the work itself is store/service.ts.
import { expose } from 'comlink';
import { createPersistWorkerApi } from './store/worker-api.js';

expose(createPersistWorkerApi());
