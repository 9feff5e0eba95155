// A decode worker for the pipelining crash test: the real one (worker-api.ts), except that a probe of
// a URL containing "/crash-once" ends the thread when the marker file named by the URL's `marker`
// parameter does not exist yet (creating it first), so the first attempt crashes and the retry, on the
// replacement worker, succeeds.
import { existsSync, writeFileSync } from 'node:fs';
import { expose } from 'comlink';
import { createDecodeWorkerApi, type DecodeWorkerApi } from '../../../../engine/streaming/worker-api.js';
import { workerEndpoint } from '../../../../engine/streaming/worker-endpoint.js';

const real = createDecodeWorkerApi();

const api: DecodeWorkerApi = {
  ...real,
  probe: (job) => {
    const url = 'url' in job.source ? job.source.url : job.source.archive;
    if (url.includes('/crash-once')) {
      const marker = new URL(url).searchParams.get('marker')!;
      if (!existsSync(marker)) {
        writeFileSync(marker, 'crashed');
        process.exit(3);
      }
    }
    return real.probe(job);
  },
};

expose(api, await workerEndpoint());
