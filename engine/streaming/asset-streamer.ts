// The asset streamer: requests by priority, a pool of decode workers, and the engine's resource cache as
// the only place decoded bytes live. A load runs in two phases on one worker — probe (fetch + header:
// the decoded size), then decode — with the cache entry reserved in between, so the RAM budget is taken
// before a decoded byte enters the engine's memory and a full budget holds loads back (back-pressure)
// instead of exceeding it. Decoded bytes arrive either written by the worker straight into the shared
// engine memory (zero-copy) or as a transferred buffer that the main thread copies once into the entry;
// on that copying path, with room under the budget, the probe decodes at once (decodeAhead: one round
// trip per load) and the buffers travel back to the workers for reuse. Each worker serves `pipeline`
// jobs at once, dispatched in priority order.
import { transfer } from 'comlink';
import type { Engine } from '../memory/engine.js';
import { BudgetExceededError, InvalidArgumentError, OutOfSpaceError } from '../memory/errors.js';
import { Asset } from './asset.js';
import { browserWorkerSpawner } from './browser-workers.js';
import type { CachePin, ResourceCache } from './cache.js';
import { AssetCancelledError, StreamerClosedError } from './errors.js';
import { BundleScope, LoadJob, unlessStopped, type Requester } from './load-job.js';
import { BundleProgressTracker } from './progress.js';
import { isPriority, PriorityQueue, type Priority } from './queue.js';
import { resourceId } from './resource-id.js';
import { retryDelay, retryPolicy, shouldRetry, type RetryPolicy } from './retry.js';
import {
  checkOptions, checkSource, postable, type AssetRequest, type BundleOptions, type StreamerOptions, type StreamerStats,
} from './streamer-types.js';
import type { ProbeResult, WorkerSpawner } from './worker-api.js';
import { WorkerPool, type PoolWorker } from './worker-pool.js';

export type { AssetRequest, BundleOptions, StreamerOptions, StreamerStats } from './streamer-types.js';
export type { AssetSource } from './worker-api.js';
export type { BundleProgress } from './progress.js';
export type { Priority } from './queue.js';

type Counter = 'loaded' | 'hits' | 'deduped' | 'failed' | 'retried' | 'cancelled' | 'zeroCopyLoads' | 'copiedLoads' | 'mainThreadCopyBytes';

const isNode = typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node === 'string';

export class AssetStreamer {
  /** Whether workers write decoded bytes straight into the engine's shared memory. */
  readonly zeroCopy: boolean;
  private readonly queue = new PriorityQueue<LoadJob>();
  private readonly loads = new Map<bigint, LoadJob>();
  private readonly roomWaiters = new Set<() => void>();
  /** Ids whose entry a load of this streamer reserved and has not delivered or removed yet. */
  private readonly writing = new Set<bigint>();
  private readonly counters: Record<Counter, number> = {
    loaded: 0, hits: 0, deduped: 0, failed: 0, retried: 0, cancelled: 0, zeroCopyLoads: 0, copiedLoads: 0, mainThreadCopyBytes: 0,
  };
  private waiting = 0;
  private nextJobId = 0;
  private closed = false;
  private readonly pool: WorkerPool;
  private readonly decodeAhead: boolean;
  private readonly unsubscribe: () => void;

  private constructor(
    private readonly cache: ResourceCache,
    private readonly retry: RetryPolicy,
    zeroCopy: boolean,
    workers: number,
    spawn: WorkerSpawner,
    options: StreamerOptions,
    pipeline: number,
    fetchTimeoutMs: number,
  ) {
    this.zeroCopy = zeroCopy;
    this.decodeAhead = options.decodeAhead ?? true;
    this.pool = new WorkerPool(workers, spawn, {
      ...(options.wasm === undefined ? {} : { wasm: postable(options.wasm)! }),
      ...(zeroCopy ? { memory: cache.memory } : {}),
      ...(options.archives === undefined ? {} : { archives: options.archives }),
      fetchTimeoutMs,
    }, pipeline, () => this.pump());
    this.unsubscribe = cache.onRelease(() => {
      const waiters = [...this.roomWaiters];
      this.roomWaiters.clear();
      for (const wake of waiters) wake();
    });
  }

  /** Starts the workers and waits for their decoders; needs createEngine({ assets }) (engine.cache). */
  static async create(engine: Engine, options: StreamerOptions = {}): Promise<AssetStreamer> {
    const cache = engine.cache;
    const { mode, workers, pipeline, fetchTimeoutMs } = checkOptions(options, cache.shared);
    const policy = retryPolicy(options.retry);
    const spawn = options.spawn ?? (isNode ? await (await import('./node-workers.js')).nodeWorkerSpawner() : browserWorkerSpawner());
    const streamer = new AssetStreamer(cache, policy, mode !== 'never' && cache.shared, workers, spawn, options, pipeline, fetchTimeoutMs);
    try {
      await streamer.pool.warmUp();
    } catch (err) {
      await streamer.close();
      throw err;
    }
    return streamer;
  }

  /** Loads one asset: a cache hit resolves at once with a new pin; otherwise a worker fetches and decodes it. */
  load(request: AssetRequest): Promise<Asset> {
    return this.request(request, undefined, undefined);
  }

  /**
   * Loads every request (in parallel, by priority); resolves with the assets in request order. A failure
   * rejects the bundle: the other items are cancelled and the assets already loaded released.
   */
  async loadBundle(requests: AssetRequest[], options: BundleOptions = {}): Promise<Asset[]> {
    if (!Array.isArray(requests)) throw new InvalidArgumentError('loadBundle needs an array of requests');
    const tracker = new BundleProgressTracker(requests.length, options.onProgress ? (p) => options.onProgress!(p) : undefined);
    tracker.start();
    const scope = new BundleScope(options.signal);
    const items = requests.map((r, i) => this.request(r, options.priority, scope, (bytes) => tracker.fetched(i, bytes))
      .then((asset) => {
        tracker.done(i);
        return asset;
      }));
    try {
      return await Promise.all(items);
    } catch (err) {
      scope.abort(err);
      for (const result of await Promise.allSettled(items)) if (result.status === 'fulfilled') result.value.release();
      throw err;
    } finally {
      scope.dispose();
    }
  }

  stats(): StreamerStats {
    let items = 0;
    let bytes = 0;
    for (const job of this.loads.values()) {
      if (job.state !== 'running') continue;
      items++;
      bytes += job.entryBytes;
    }
    const q = this.queue;
    return {
      queued: { frame: q.count('frame'), area: q.count('area'), background: q.count('background'), total: q.size },
      inFlight: { items, bytes },
      ...this.counters,
      crashes: this.pool.crashes,
      waitingForBudget: this.waiting,
      workers: { size: this.pool.size, busy: this.pool.busy, spawned: this.pool.spawned },
    };
  }

  /** Rejects every queued and running request with StreamerClosedError and terminates the workers. Idempotent. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const err = new StreamerClosedError();
    for (const job of this.queue.drain()) this.end(job, err);
    for (const job of [...this.loads.values()]) {
      if (job.state === 'delayed') this.end(job, err);
      else job.rejectAll(err);
      job.abort.abort(err);
    }
    await this.pool.close(err);
    this.unsubscribe();
  }

  private request(
    request: AssetRequest, defaultPriority: Priority | undefined, bundle: BundleScope | undefined,
    onFetched?: (fileBytes: number) => void,
  ): Promise<Asset> {
    try {
      if (this.closed) throw new StreamerClosedError();
      if (request === null || typeof request !== 'object') throw new InvalidArgumentError('load() needs a request object');
      const source = checkSource(request.source, 'request.source');
      const palette = request.palette === undefined ? undefined : checkSource(request.palette, 'request.palette');
      const priority = request.priority ?? defaultPriority ?? 'area';
      if (!isPriority(priority)) throw new InvalidArgumentError(`priority must be 'frame', 'area' or 'background', not ${String(priority)}`);
      const key = 'url' in source ? source.url : source.path;
      const decode = request.decode ?? (/\.pid$/i.test(key) ? 'image' : 'raw');
      if (decode !== 'raw' && decode !== 'image') throw new InvalidArgumentError(`decode must be 'raw' or 'image', not ${String(decode)}`);
      const signal = request.signal;
      if (signal?.aborted) throw new AssetCancelledError(`${key}: cancelled`, { cause: signal.reason });
      if (bundle?.cancelled) throw new AssetCancelledError(`${key}: cancelled`, { cause: bundle.reason });
      const id = resourceId(key);

      let job = this.loads.get(id);
      // A load whose requesters all left is still cleaning up: a new request starts a load of its own.
      if (job?.abort.signal.aborted) job = undefined;
      if (job === undefined) {
        // A load in flight owns its entry (reserved, not yet written): only a settled entry is a hit.
        const pin = this.cache.acquire(id);
        if (pin !== null) return Promise.resolve(this.hit(pin, key, decode, request.decode !== undefined));
        job = new LoadJob(id, key, source, decode, palette, priority);
        this.loads.set(id, job);
        this.queue.push(job);
        queueMicrotask(() => this.pump());
      } else {
        if (job.decode !== decode) {
          throw new InvalidArgumentError(`${key} is being loaded as ${job.decode}, not ${decode}`);
        }
        this.counters.deduped++;
        this.queue.raise(job, priority);
      }
      return this.attach(job, request.wait ?? true, signal, bundle, onFetched);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  private hit(pin: CachePin, key: string, decode: 'raw' | 'image', explicit: boolean): Asset {
    let asset: Asset;
    try {
      asset = new Asset(pin, key);
      if (explicit && asset.kind !== decode) throw new InvalidArgumentError(`${key} is cached as ${asset.kind}, not ${decode}`);
    } catch (err) {
      pin.release();
      throw err;
    }
    this.counters.hits++;
    return asset;
  }

  /** Joins a requester to the load: its own signal (if any) and its bundle (if any) can cancel it. */
  private attach(
    job: LoadJob, wait: boolean, signal: AbortSignal | undefined, bundle: BundleScope | undefined, onFetched?: (n: number) => void,
  ): Promise<Asset> {
    return new Promise<Asset>((resolve, reject) => {
      const cancel = (reason: unknown): void => {
        if (r.settled) return;
        this.counters.cancelled++;
        if (job.drop(r, new AssetCancelledError(`${job.key}: cancelled`, reason === undefined ? undefined : { cause: reason }))) {
          this.cancel(job);
        }
      };
      const onAbort = signal === undefined ? undefined : (): void => cancel(signal.reason);
      const leave = bundle?.join(cancel);
      const r: Requester = {
        wait, onFetched, settled: false, resolve, reject,
        detach: () => {
          if (onAbort !== undefined) signal!.removeEventListener('abort', onAbort);
          leave?.();
        },
      };
      if (onAbort !== undefined) signal!.addEventListener('abort', onAbort, { once: true });
      job.join(r);
    });
  }

  /** Every requester left: a queued or delayed load is forgotten, a running one is told to stop. */
  private cancel(job: LoadJob): void {
    if (job.state === 'queued') {
      this.queue.remove(job);
      this.end(job, new AssetCancelledError());
    } else if (job.state === 'delayed') {
      this.end(job, new AssetCancelledError());
    } else if (job.state === 'running') {
      job.abort.abort(new AssetCancelledError(`${job.key}: cancelled`));
    }
  }

  private end(job: LoadJob, err: Error): void {
    if (job.timer !== undefined) clearTimeout(job.timer);
    job.state = 'done';
    job.rejectAll(err);
    if (this.loads.get(job.id) === job) this.loads.delete(job.id);
  }

  private pump(): void {
    while (!this.closed && this.queue.size > 0) {
      const worker = this.pool.take();
      if (worker === undefined) return;
      const job = this.queue.shift()!;
      void this.run(job, worker);
    }
  }

  private async run(job: LoadJob, worker: PoolWorker): Promise<void> {
    job.state = 'running';
    job.attempt++;
    job.worker = worker;
    const jobId = job.jobId = ++this.nextJobId;
    let pin: CachePin | null = null;
    let inserted = false;
    let decoding = false;
    try {
      if (!worker.initialised) await unlessStopped(job, worker.ready);
      const probe = await unlessStopped(job, this.probe(job, worker, jobId));
      if (probe.spare !== undefined) this.pool.recycle(worker, probe.spare);
      job.entryBytes = probe.size;
      job.fetched(probe.fileBytes);
      ({ pin, inserted } = await this.reserve(job, probe.size));
      if (inserted) {
        // Not raced against cancellation: a worker writing into the shared memory must finish before
        // the entry can be given back (its bytes would land in whatever the cache puts there next).
        decoding = true;
        if (this.zeroCopy) {
          await this.pool.call(worker, (api) => api.decode(jobId, { offset: pin!.offset() }));
          this.counters.zeroCopyLoads++;
        } else {
          // A buffer of an earlier copy goes back to the worker to be filled again: no allocation per
          // load in the worker and no garbage on this thread (collecting transferred buffers was about
          // half of this thread's time on the copying path).
          let result = probe.decoded;
          if (result === undefined) {
            const reuse = this.pool.takeSpare(worker, probe.size);
            result = await this.pool.call(worker, (api) => api.decode(jobId, reuse === undefined ? null : transfer({ reuse }, [reuse])));
          }
          if (result.buffer === undefined || result.written !== probe.size || result.buffer.byteLength < probe.size) {
            throw new InvalidArgumentError(`${job.key}: the worker returned ${result.buffer?.byteLength ?? 0} of ${probe.size} bytes`);
          }
          pin.bytes().set(new Uint8Array(result.buffer, 0, probe.size));
          this.pool.recycle(worker, result.buffer);
          this.counters.copiedLoads++;
          this.counters.mainThreadCopyBytes += probe.size;
        }
        decoding = false;
        job.abort.signal.throwIfAborted();
      } else {
        // Someone else's entry: drop the fetched bytes (or keep the eagerly decoded buffer for later).
        if (probe.decoded?.buffer !== undefined) this.pool.recycle(worker, probe.decoded.buffer);
        else this.pool.cancel(worker, jobId);
      }
      this.deliver(job, pin, inserted);
      pin = null;
    } catch (err) {
      this.pool.cancel(worker, jobId);
      // A dead worker's thread may still be writing into the shared memory (this job's decode, or —
      // pipelined — another job's on the same worker): nothing of it is given back before it is gone.
      if ((decoding || inserted) && !worker.alive) await this.pool.stopped(worker);
      if (inserted) this.writing.delete(job.id);
      if (pin !== null && !pin.released) pin.release();
      if (inserted && this.cache.info(job.id)?.pins === 0) this.cache.remove(job.id);
      this.failed(job, err instanceof Error ? err : new Error(String(err)));
    } finally {
      job.entryBytes = 0;
      job.worker = undefined;
      this.pool.give(worker);
    }
  }

  /**
   * The first phase on the worker. On the copying path with room under the budget the worker decodes
   * at once into a buffer (one round trip instead of two: each costs this thread a message in and out);
   * the room asked for is what the budget holds free now, so a full budget still holds decoded bytes
   * back in the worker until the entry is reserved.
   */
  private probe(job: LoadJob, worker: PoolWorker, jobId: number): Promise<ProbeResult> {
    const base = { jobId, source: job.source, decode: job.decode, ...(job.palette === undefined ? {} : { palette: job.palette }) };
    if (this.zeroCopy || !this.decodeAhead) return this.pool.call(worker, (api) => api.probe(base));
    const { ramBudget, ramBytes } = this.cache.stats();
    const maxBytes = ramBudget - ramBytes;
    if (maxBytes <= 0) return this.pool.call(worker, (api) => api.probe(base));
    const reuse = this.pool.takeSpare(worker, 0);
    const eager = reuse === undefined ? { maxBytes } : { maxBytes, reuse };
    const job2 = { ...base, eager };
    return this.pool.call(worker, (api) => api.probe(reuse === undefined ? job2 : transfer(job2, [reuse])));
  }

  /** Reserves the entry, waiting for room while a requester is willing to; or pins an entry someone else made. */
  private async reserve(job: LoadJob, size: number): Promise<{ pin: CachePin; inserted: boolean }> {
    for (;;) {
      job.abort.signal.throwIfAborted();
      let full: Error;
      if (this.writing.has(job.id)) {
        // A cancelled load of the same id still owns its entry: wait for it to give the entry back.
        await this.nextRelease(job);
        continue;
      }
      try {
        const pin = this.cache.insert(job.id, size);
        this.writing.add(job.id);
        return { pin, inserted: true };
      } catch (err) {
        if (err instanceof InvalidArgumentError && this.cache.has(job.id)) {
          const pin = this.cache.acquire(job.id);
          if (pin !== null) return { pin, inserted: false };
        }
        if (!(err instanceof BudgetExceededError || err instanceof OutOfSpaceError)) throw err;
        full = err;
      }
      for (const r of [...job.requesters]) {
        if (r.wait) continue;
        this.counters.failed++;
        job.drop(r, full);
      }
      if (job.requesters.size === 0) throw new AssetCancelledError(`${job.key}: no requester waits for room`);
      // Only a release can make room; with nothing pinned no release will come.
      if (this.cache.stats().pinned === 0) throw full;
      this.waiting++;
      try {
        await this.nextRelease(job);
      } finally {
        this.waiting--;
      }
    }
  }

  /** Resolves after the cache's next release, eviction or removal; rejects when the load must stop. */
  private nextRelease(job: LoadJob): Promise<void> {
    return unlessStopped(job, new Promise<void>((wake) => this.roomWaiters.add(wake)));
  }

  private deliver(job: LoadJob, pin: CachePin, inserted: boolean): void {
    const requesters = [...job.requesters];
    if (requesters.length === 0) throw new AssetCancelledError(`${job.key}: every requester left`);
    const assets: Asset[] = [];
    try {
      for (let i = 0; i < requesters.length; i++) {
        // The first requester takes the load's pin; each other one pins the entry again.
        const p = i === 0 ? pin : this.cache.acquire(job.id);
        if (p === null) throw new InvalidArgumentError(`${job.key}: the entry vanished while pinned`);
        assets.push(new Asset(p, job.key));
      }
    } catch (err) {
      for (const a of assets) a.release();
      if (assets.length === 0) pin.release();
      throw err; // run() removes the entry it inserted
    }
    if (inserted) this.writing.delete(job.id);
    job.state = 'done';
    if (this.loads.get(job.id) === job) this.loads.delete(job.id);
    job.requesters.clear();
    requesters.forEach((r, i) => {
      r.settled = true;
      r.detach();
      this.counters.loaded++;
      r.resolve(assets[i]!);
    });
  }

  private failed(job: LoadJob, err: Error): void {
    if (job.abort.signal.aborted || this.closed) {
      // Cancelled (requesters already rejected) or closed (close() rejected them).
      this.end(job, this.closed ? new StreamerClosedError() : err);
      return;
    }
    if (job.requesters.size > 0 && shouldRetry(this.retry, job.attempt, err)) {
      this.counters.retried++;
      job.state = 'delayed';
      job.timer = setTimeout(() => {
        job.timer = undefined;
        if (job.state !== 'delayed' || this.closed) return;
        job.state = 'queued';
        this.queue.push(job);
        this.pump();
      }, retryDelay(this.retry, job.attempt));
      return;
    }
    this.counters.failed += job.requesters.size;
    this.end(job, err);
  }
}

