// A fixed number of decode workers, each serving up to `perWorker` jobs at once (pipelining: a worker
// fetches its next file while the page reserves and copies the previous one). Every call to a worker
// races its death: an uncaught error, an exit or an unreadable message rejects every call in flight on
// it with WorkerCrashedError, the slot is emptied, and the next job that needs a worker starts a
// replacement there (lazily, so a script that dies at start-up fails the jobs that need it instead of
// respawning in a loop). Calls in flight are kept in a set rejected on death rather than raced against
// a never-settling promise, which would keep one reaction per call alive for the worker's lifetime.
import { wrap, type Remote } from 'comlink';
import { WorkerCrashedError } from './errors.js';
import type { DecodeWorkerApi, DecodeWorkerConfig, Outcome, SpawnedWorker, WorkerSpawner } from './worker-api.js';
import { decodeAssetError } from './worker-errors.js';

export interface PoolWorker {
  readonly index: number;
  readonly api: Remote<DecodeWorkerApi>;
  /** Resolves when init() succeeded; rejects with its error or the worker's death. */
  ready: Promise<void>;
  /** init() succeeded: a job need not wait for `ready`. */
  initialised: boolean;
  /** Jobs running on this worker now. */
  jobs: number;
  /** Buffers of the copying path given back after their copy, for the worker's next decodes (at most perWorker). */
  readonly spares: ArrayBuffer[];
  alive: boolean;
}

interface Live extends PoolWorker {
  spawned: SpawnedWorker;
  /** Settles once the worker no longer runs (after kill()). */
  gone: Promise<void>;
  /** Rejecters of the calls in flight; all called with the error of the worker's death. */
  pending: Set<(err: Error) => void>;
  /** Set once dead. */
  death: Error | undefined;
}

export class WorkerPool {
  private readonly slots: (Live | undefined)[];
  private spawnedCount = 0;
  private crashCount = 0;
  private closed = false;

  constructor(
    size: number,
    private readonly spawn: WorkerSpawner,
    private readonly config: DecodeWorkerConfig,
    /** Jobs one worker serves at once. */
    private readonly perWorker: number,
    /** Called when a worker dies or becomes idle: queued work may run now. */
    private readonly onChange: () => void,
  ) {
    this.slots = Array.from({ length: size }, () => undefined);
  }

  get size(): number {
    return this.slots.length;
  }

  /** Workers started so far, replacements included. */
  get spawned(): number {
    return this.spawnedCount;
  }

  /** Workers that died on their own (not terminated by the pool). */
  get crashes(): number {
    return this.crashCount;
  }

  /** Workers with at least one job. */
  get busy(): number {
    let n = 0;
    for (const w of this.slots) if (w !== undefined && w.jobs > 0) n++;
    return n;
  }

  /** Starts every slot's worker and waits for their decoders (create() fails early on a bad wasm or script). */
  async warmUp(): Promise<void> {
    const workers = this.slots.map((_, i) => this.slots[i] ?? this.start(i));
    await Promise.all(workers.map((w) => w.ready));
  }

  /**
   * A worker with room for one more job, its count taken (started if its slot is empty), or undefined
   * when every worker serves `perWorker` jobs. An idle worker first, then an empty slot, then the least
   * loaded: the jobs spread over the workers before any worker takes a second one.
   */
  take(): PoolWorker | undefined {
    if (this.closed) return undefined;
    let best: Live | undefined;
    let free = -1;
    for (let i = 0; i < this.slots.length; i++) {
      const w = this.slots[i];
      if (w === undefined) {
        if (free < 0) free = i;
      } else if (w.jobs === 0) {
        best = w;
        break;
      } else if (w.jobs < this.perWorker && (best === undefined || w.jobs < best.jobs)) {
        best = w;
      }
    }
    const w = best?.jobs === 0 || free < 0 ? best : this.start(free);
    if (w !== undefined) w.jobs++;
    return w;
  }

  /** Gives a job's share of a worker back (a dead worker is simply forgotten). */
  give(worker: PoolWorker): void {
    worker.jobs--;
    if (worker.alive) this.onChange();
  }

  /** Runs `work` against the worker, racing its death; an error Outcome is thrown as its typed error. */
  call<T>(worker: PoolWorker, work: (api: Remote<DecodeWorkerApi>) => Promise<Outcome<T>>): Promise<T> {
    const live = worker as Live;
    if (live.death !== undefined) return Promise.reject(live.death);
    return new Promise<T>((resolve, reject) => {
      live.pending.add(reject);
      work(live.api).then((outcome) => {
        live.pending.delete(reject);
        if (outcome.ok) resolve(outcome.value);
        else reject(decodeAssetError(outcome.error));
      }, (err: unknown) => {
        live.pending.delete(reject);
        reject(err);
      });
    });
  }

  /** Removes and returns a spare buffer of the worker of at least `size` bytes (the smallest such), if any. */
  takeSpare(worker: PoolWorker, size: number): ArrayBuffer | undefined {
    const spares = worker.spares;
    let best = -1;
    for (let i = 0; i < spares.length; i++) {
      const n = spares[i]!.byteLength;
      if (n >= size && (best < 0 || n < spares[best]!.byteLength)) best = i;
    }
    return best < 0 ? undefined : spares.splice(best, 1)[0];
  }

  /** Keeps a copied-out buffer for the worker's next decode (the largest ones, up to one per job it may run). */
  recycle(worker: PoolWorker, buffer: ArrayBuffer): void {
    if (!worker.alive) return;
    const spares = worker.spares;
    if (spares.length < this.perWorker) spares.push(buffer);
    else {
      let smallest = 0;
      for (let i = 1; i < spares.length; i++) if (spares[i]!.byteLength < spares[smallest]!.byteLength) smallest = i;
      if (spares[smallest]!.byteLength < buffer.byteLength) spares[smallest] = buffer;
    }
  }

  /** Tells the worker to cancel a job, without waiting; a dead worker has nothing to cancel. */
  cancel(worker: PoolWorker, jobId: number): void {
    if (!worker.alive) return;
    void (worker as Live).api.cancel(jobId).catch(() => undefined);
  }

  /** Settles once a dead worker's thread no longer runs (it may still have been writing when it was declared dead). */
  stopped(worker: PoolWorker): Promise<void> {
    return (worker as Live).gone;
  }

  /** Terminates every worker; calls in flight reject with `reason`. Resolves once they stopped. */
  async close(reason: Error): Promise<void> {
    this.closed = true;
    const live = this.slots.filter((w): w is Live => w !== undefined);
    for (const w of live) this.kill(w, reason, false);
    await Promise.all(live.map((w) => w.gone));
  }

  private start(index: number): Live {
    const number = this.spawnedCount++;
    let spawned: SpawnedWorker;
    try {
      spawned = this.spawn(number);
    } catch (err) {
      const death = new WorkerCrashedError(`could not start decode worker ${number}: ${String(err)}`, { cause: err });
      const failed = Promise.reject(death);
      failed.catch(() => undefined);
      // A slot that cannot start stays empty; its job fails with the reason.
      return { index, api: undefined as unknown as Remote<DecodeWorkerApi>, ready: failed, initialised: false, jobs: 0, spares: [], alive: false,
        spawned: { endpoint: undefined as never, onDeath: () => undefined, terminate: () => undefined },
        pending: new Set(), death, gone: Promise.resolve() };
    }
    const api = wrap<DecodeWorkerApi>(spawned.endpoint);
    const live: Live = {
      index, api, ready: Promise.resolve(), initialised: false, jobs: 0, spares: [], alive: true, spawned, pending: new Set(), death: undefined,
      gone: Promise.resolve(),
    };
    spawned.onDeath((reason) => this.kill(live, new WorkerCrashedError(`decode worker ${number}: ${reason}`), true));
    live.ready = this.call(live, (a) => a.init(this.config)).then(() => {
      live.initialised = true;
    });
    // A worker whose decoders cannot load is of no use: the next job starts another.
    live.ready.catch((err: unknown) => this.kill(live, err instanceof Error ? err : new WorkerCrashedError(String(err)), false));
    this.slots[index] = live;
    return live;
  }

  private kill(live: Live, err: Error, crashed: boolean): void {
    if (!live.alive) return;
    live.alive = false;
    if (this.slots[live.index] === live) this.slots[live.index] = undefined;
    if (crashed && !this.closed) this.crashCount++;
    live.death = err;
    live.spares.length = 0;
    const pending = [...live.pending];
    live.pending.clear();
    for (const reject of pending) reject(err);
    let stopping: void | Promise<unknown>;
    try {
      stopping = live.spawned.terminate();
    } catch {
      stopping = undefined;
    }
    live.gone = Promise.resolve(stopping).then(() => undefined, () => undefined);
    if (!this.closed) this.onChange();
  }
}
