// The decode worker: fetches asset files and archive entries and decodes them with its own instance of
// the wasm core. The page drives it through comlink (worker-pool.ts); the work itself is decode-service.ts.
import { expose } from 'comlink';
import { createDecodeWorkerApi } from './worker-api.js';
import { workerEndpoint } from './worker-endpoint.js';

expose(createDecodeWorkerApi(), await workerEndpoint());
