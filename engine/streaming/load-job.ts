// One load of one resource id and the requests that share it. Duplicate requests join the load (the most
// urgent priority wins); each requester keeps its own promise and its own AbortSignal, so one caller's
// cancellation rejects only that caller — the load itself stops only when every requester has left.
import { AssetCancelledError } from './errors.js';
import type { Asset } from './asset.js';
import type { Priority, Queued } from './queue.js';
import type { ResourceId } from './resource-id.js';
import type { AssetSource } from './worker-api.js';
import type { PoolWorker } from './worker-pool.js';

export interface Requester {
  readonly wait: boolean;
  readonly onFetched: ((fileBytes: number) => void) | undefined;
  resolve(asset: Asset): void;
  reject(err: Error): void;
  settled: boolean;
  /** Detaches the requester's abort listener. */
  detach(): void;
}

export type JobState = 'queued' | 'running' | 'delayed' | 'done';

export class LoadJob implements Queued {
  priority: Priority;
  state: JobState = 'queued';
  readonly requesters = new Set<Requester>();
  /** Attempts started (1-based once running). */
  attempt = 0;
  /** Fires when the load must stop: every requester left, or the streamer closed. */
  readonly abort = new AbortController();
  /** Set by the running attempt. */
  worker: PoolWorker | undefined;
  jobId = 0;
  /** File bytes fetched by the probe (progress); undefined before. */
  fileBytes: number | undefined;
  /** Entry bytes the running attempt reserved or will reserve (stats: bytes in flight). */
  entryBytes = 0;
  timer: ReturnType<typeof setTimeout> | undefined;
  private stop: Promise<never> | undefined;

  constructor(
    readonly id: ResourceId,
    /** What the id was hashed from (Asset.key). */
    readonly key: string,
    readonly source: AssetSource,
    readonly decode: 'raw' | 'image',
    readonly palette: AssetSource | undefined,
    priority: Priority,
  ) {
    this.priority = priority;
  }

  /** Adds a requester; it hears of the fetched size at once when the probe already ran. */
  join(r: Requester): void {
    this.requesters.add(r);
    if (this.fileBytes !== undefined) r.onFetched?.(this.fileBytes);
  }

  fetched(fileBytes: number): void {
    this.fileBytes = fileBytes;
    for (const r of this.requesters) r.onFetched?.(fileBytes);
  }

  /** Rejects one requester and removes it; returns whether the load is left without requesters. */
  drop(r: Requester, err: Error): boolean {
    if (this.requesters.delete(r)) settle(r, err);
    return this.requesters.size === 0;
  }

  /** Rejects every requester with `err`. */
  rejectAll(err: Error): void {
    for (const r of this.requesters) settle(r, err);
    this.requesters.clear();
  }

  /**
   * A promise that rejects (AssetCancelledError, or the abort reason) once the load must stop. One per
   * load, made on first use: every wait of every attempt races the same promise, so the load's signal
   * carries one listener, not one per wait.
   */
  stopped(): Promise<never> {
    if (this.stop === undefined) {
      const signal = this.abort.signal;
      this.stop = new Promise<never>((_, reject) => {
        const fail = (): void => reject(signal.reason instanceof Error ? signal.reason : new AssetCancelledError());
        if (signal.aborted) fail();
        else signal.addEventListener('abort', fail, { once: true });
      });
      this.stop.catch(() => undefined);
    }
    return this.stop;
  }
}

/**
 * The cancellation of a bundle's items: one listener on the bundle's signal (and none at all without
 * one) whatever the number of items, instead of a listener per item, which made Node warn of a leak
 * (MaxListenersExceededWarning) past ten items.
 */
export class BundleScope {
  private readonly members = new Set<(reason: unknown) => void>();
  private aborted = false;
  private abortReason: unknown;
  private readonly onAbort = (): void => this.abort(this.signal!.reason);

  constructor(private readonly signal: AbortSignal | undefined) {
    if (signal?.aborted) this.abort(signal.reason);
    else signal?.addEventListener('abort', this.onAbort, { once: true });
  }

  /** Whether the bundle was cancelled (or failed); `reason` says why. */
  get cancelled(): boolean {
    return this.aborted;
  }

  get reason(): unknown {
    return this.abortReason;
  }

  /** Calls `cancel` when the bundle is cancelled; returns the function that forgets it. */
  join(cancel: (reason: unknown) => void): () => void {
    this.members.add(cancel);
    return () => void this.members.delete(cancel);
  }

  /** Cancels every member still joined, with `reason`. */
  abort(reason: unknown): void {
    if (this.aborted) return;
    this.aborted = true;
    this.abortReason = reason;
    const members = [...this.members];
    this.members.clear();
    for (const cancel of members) cancel(reason);
  }

  /** Removes the listener from the bundle's signal. */
  dispose(): void {
    this.signal?.removeEventListener('abort', this.onAbort);
  }
}

function settle(r: Requester, err: Error): void {
  if (r.settled) return;
  r.settled = true;
  r.detach();
  r.reject(err);
}

/** Races `work` against the load's stop, without leaving an unhandled rejection behind. */
export function unlessStopped<T>(job: LoadJob, work: Promise<T>): Promise<T> {
  return Promise.race([work, job.stopped()]);
}
