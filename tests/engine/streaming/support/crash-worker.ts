// A decode worker for the crash tests: the real one (worker-api.ts), except that a probe of a URL
// containing "/crash" ends the thread at once (process.exit in a worker thread ends only that thread),
// and a decode of a URL containing "/slow-decode" waits 300 ms first (a load that is cancelled while
// its entry is reserved).
import { expose } from 'comlink';
import { createDecodeWorkerApi, type DecodeWorkerApi } from '../../../../engine/streaming/worker-api.js';
import { workerEndpoint } from '../../../../engine/streaming/worker-endpoint.js';

const real = createDecodeWorkerApi();
const urls = new Map<number, string>();

const api: DecodeWorkerApi = {
  ...real,
  probe: (job) => {
    const url = 'url' in job.source ? job.source.url : job.source.archive;
    if (url.includes('/crash')) process.exit(3);
    urls.set(job.jobId, url);
    return real.probe(job);
  },
  decode: async (jobId, target) => {
    if (urls.get(jobId)?.includes('/slow-decode')) await new Promise((resolve) => setTimeout(resolve, 300));
    urls.delete(jobId);
    return real.decode(jobId, target);
  },
};

expose(api, await workerEndpoint());
