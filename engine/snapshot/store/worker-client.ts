// The page's side of the persist worker. Every call races the worker's death: an uncaught error in
// the worker ('error' event), a message that cannot be read ('messageerror') or a terminate() rejects
// every pending call with PersistWorkerError, and the next call starts a fresh worker (which opens
// the same database: whatever the dead one committed is there, whatever it had not is not).
import { transfer, wrap, type Remote } from 'comlink';
import { PersistWorkerError, StoreClosedError, type ExpectedVersion } from '../store-errors.js';
import { decodeError } from './error-transport.js';
import type { HistoryResult, LoadResult, SaveCall, ServiceConfig, StoreServiceLike } from './service.js';
import type { SlotInfo, StoreDescription } from './types.js';
import type { Outcome, PersistWorkerApi } from './worker-api.js';

interface LiveWorker {
  worker: Worker;
  api: Remote<PersistWorkerApi>;
  /** Rejects when the worker dies; never resolves. */
  dead: Promise<never>;
  die(err: Error): void;
  opened: Promise<void>;
}

export class PersistWorkerClient implements StoreServiceLike {
  private live: LiveWorker | undefined;
  private closed = false;
  private readonly pending = new Set<Promise<unknown>>();
  private current: StoreDescription = { backend: 'indexeddb', persistent: false, reason: 'not opened yet' };

  private constructor(
    private readonly spawn: () => Worker,
    private readonly config: ServiceConfig,
  ) {}

  /** Starts the worker and opens the store in it; rejects with the worker's error (e.g. WasmLoadError). */
  static async open(spawn: () => Worker, config: ServiceConfig): Promise<PersistWorkerClient> {
    const client = new PersistWorkerClient(spawn, config);
    await client.ensure().opened;
    return client;
  }

  private spare: ArrayBuffer | undefined;

  get description(): StoreDescription {
    return this.current;
  }

  save(call: SaveCall): Promise<SlotInfo> {
    // The only copy of the snapshot moves to the worker: transferred, not cloned. A Blob (an imported
    // file) is cloned cheaply (a reference to the same data) and read by the worker.
    const buffer = call.bytes instanceof Uint8Array ? call.bytes.buffer : undefined;
    return this.call(async (api) => {
      const outcome = await api.save(buffer instanceof ArrayBuffer ? transfer(call, [buffer]) : call);
      if (outcome.spare !== undefined) this.spare = outcome.spare;
      return outcome;
    });
  }

  takeSpare(): ArrayBuffer | undefined {
    const spare = this.spare;
    this.spare = undefined;
    return spare;
  }

  load(slot: string, version?: number): Promise<LoadResult> {
    return this.call((api) => api.load(slot, version));
  }

  list(): Promise<SlotInfo[]> {
    return this.call((api) => api.list());
  }

  history(slot: string): Promise<HistoryResult> {
    return this.call((api) => api.history(slot));
  }

  remove(slot: string, expected: ExpectedVersion): Promise<number> {
    return this.call((api) => api.remove(slot, expected));
  }

  /** Terminates the worker: pending calls reject with PersistWorkerError; the next call starts a fresh one. */
  restart(reason = 'the persist worker was terminated'): void {
    if (this.live) this.kill(this.live, new PersistWorkerError(reason));
  }

  /** Lets pending calls finish (a save in flight commits or fails on its own), then closes the database and ends the worker. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.allSettled([...this.pending]);
    const live = this.live;
    if (!live) return;
    try {
      await Promise.race([live.api.close(), live.dead]);
    } catch {
      // Closing a dead worker: nothing left to close.
    }
    this.kill(live, new StoreClosedError());
  }

  private call<T>(work: (api: Remote<PersistWorkerApi>) => Promise<Outcome<T>>): Promise<T> {
    if (this.closed) return Promise.reject(new StoreClosedError());
    const pending = this.send(work);
    this.pending.add(pending);
    const forget = (): void => void this.pending.delete(pending);
    pending.then(forget, forget);
    return pending;
  }

  private async send<T>(work: (api: Remote<PersistWorkerApi>) => Promise<Outcome<T>>): Promise<T> {
    const live = this.ensure();
    await Promise.race([live.opened, live.dead]);
    const outcome = await Promise.race([work(live.api), live.dead]);
    if (!outcome.ok) throw decodeError(outcome.error);
    return outcome.value;
  }

  private ensure(): LiveWorker {
    if (this.live) return this.live;
    let worker: Worker;
    try {
      worker = this.spawn();
    } catch (err) {
      throw new PersistWorkerError(`could not start the persist worker: ${String(err)}`, { cause: err });
    }
    let die: (err: Error) => void = () => undefined;
    const dead = new Promise<never>((_, reject) => {
      die = reject;
    });
    dead.catch(() => undefined); // observed through the races; never an unhandled rejection
    const api = wrap<PersistWorkerApi>(worker);
    const live: LiveWorker = { worker, api, dead, die, opened: Promise.resolve() };
    worker.addEventListener('error', (ev: ErrorEvent) => {
      ev.preventDefault();
      this.kill(live, new PersistWorkerError(`the persist worker crashed: ${ev.message || 'uncaught error'}`));
    });
    worker.addEventListener('messageerror', () => {
      this.kill(live, new PersistWorkerError('the persist worker sent a message that could not be read'));
    });
    live.opened = Promise.race([api.open(this.config), dead]).then((outcome) => {
      if (!outcome.ok) throw decodeError(outcome.error);
      this.current = outcome.value;
    });
    // A worker that cannot open the store is of no use: the next call starts another one.
    live.opened.catch((err: unknown) => this.kill(live, err instanceof Error ? err : new PersistWorkerError(String(err))));
    this.live = live;
    return live;
  }

  private kill(live: LiveWorker, err: Error): void {
    if (this.live === live) this.live = undefined;
    live.worker.terminate();
    live.die(err);
  }
}
