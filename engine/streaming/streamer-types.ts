// The streamer's public request, option and statistics types, and the checks of what callers pass in.
import { InvalidArgumentError } from '../memory/errors.js';
import type { WasmSource } from '../wasm/loader.js';
import type { BundleProgress } from './progress.js';
import type { Priority } from './queue.js';
import type { RetryPolicy } from './retry.js';
import type { AssetSource, WorkerSpawner } from './worker-api.js';

export interface AssetRequest {
  source: AssetSource;
  /** Default: 'image' for *.PID, else 'raw'. */
  decode?: 'raw' | 'image';
  /** For PIDs without an embedded palette: a .PAL (or a PID whose palette to use). */
  palette?: AssetSource;
  /** Default 'area'. */
  priority?: Priority;
  signal?: AbortSignal;
  /** Default true: wait for room under the budget; false: BudgetExceededError at once. */
  wait?: boolean;
}

export interface StreamerOptions {
  /** Decode workers (default navigator.hardwareConcurrency ?? 2, at most 8). */
  workers?: number;
  /** How to start a worker (default: module Web Workers in browsers, worker threads in Node). */
  spawn?: WorkerSpawner;
  /** Retry policy; missing fields take DEFAULT_RETRY's. */
  retry?: Partial<RetryPolicy>;
  /** 'auto' (default): zero-copy when the engine's memory is shared; 'require': InvalidArgumentError if it is not. */
  zeroCopy?: 'auto' | 'never' | 'require';
  /** The wasm core of the workers' decoders (as createEngine's `wasm`). */
  wasm?: WasmSource;
  /** Archives each worker keeps open (default 8). */
  archives?: number;
  /**
   * Jobs one worker serves at once (default 2, 1..16): its fetch of the next file overlaps the page's
   * reserve and copy of the previous one and its other job's decode. Dispatch stays in priority order.
   */
  pipeline?: number;
  /**
   * Copying path (no shared memory): with room under the budget, a worker decodes a file right after
   * fetching it, into a buffer of its own, and the page reserves the entry and copies once the bytes
   * are back — one round trip per load instead of two (default true). false: the entry is always
   * reserved before the worker decodes (no decoded byte exists outside the budget, at the cost of a
   * second round trip).
   */
  decodeAhead?: boolean;
  /** A fetch (whole file, archive index or entry) that takes longer fails with AssetNetworkError, retried (default 30,000). */
  fetchTimeoutMs?: number;
}

export const DEFAULT_PIPELINE = 2;
export const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

export interface BundleOptions {
  onProgress?(p: BundleProgress): void;
  signal?: AbortSignal;
  /** The priority of items that name none. */
  priority?: Priority;
}

export interface StreamerStats {
  queued: { frame: number; area: number; background: number; total: number };
  /** Loads running on a worker; bytes: the entry bytes of those whose size is known. */
  inFlight: { items: number; bytes: number };
  /** Requests resolved by a load (not by a cache hit). */
  loaded: number;
  /** Requests resolved from the cache without a worker. */
  hits: number;
  /** Requests that joined a load already queued or running. */
  deduped: number;
  /** Requests rejected with an error other than cancellation or close. */
  failed: number;
  /** Attempts started again after a retryable failure. */
  retried: number;
  /** Requests rejected by their AbortSignal. */
  cancelled: number;
  /** Workers that died on their own. */
  crashes: number;
  /** Loads waiting for room under the budget now. */
  waitingForBudget: number;
  zeroCopyLoads: number;
  copiedLoads: number;
  /** Bytes the main thread copied into the cache (0 on the zero-copy path). */
  mainThreadCopyBytes: number;
  workers: { size: number; busy: number; spawned: number };
}

/** The options create() needs checked, with their defaults filled in; InvalidArgumentError otherwise. */
export function checkOptions(options: StreamerOptions, shared: boolean): {
  mode: 'auto' | 'never' | 'require'; workers: number; pipeline: number; fetchTimeoutMs: number;
} {
  const mode = options.zeroCopy ?? 'auto';
  if (mode !== 'auto' && mode !== 'never' && mode !== 'require') throw new InvalidArgumentError(`zeroCopy must be 'auto', 'never' or 'require', not ${String(mode)}`);
  if (mode === 'require' && !shared) {
    throw new InvalidArgumentError("zeroCopy: 'require' needs a shared engine memory: createEngine({ sharedMemory: true, assets })");
  }
  const workers = options.workers ?? defaultWorkers();
  if (!Number.isInteger(workers) || workers < 1 || workers > 64) throw new InvalidArgumentError(`workers must be an integer from 1 to 64, not ${workers}`);
  const pipeline = options.pipeline ?? DEFAULT_PIPELINE;
  if (!Number.isInteger(pipeline) || pipeline < 1 || pipeline > 16) throw new InvalidArgumentError(`pipeline must be an integer from 1 to 16, not ${pipeline}`);
  const fetchTimeoutMs = options.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
  if (!(fetchTimeoutMs > 0) || !Number.isFinite(fetchTimeoutMs)) {
    throw new InvalidArgumentError(`fetchTimeoutMs must be a positive number of milliseconds, not ${fetchTimeoutMs}`);
  }
  if (options.decodeAhead !== undefined && typeof options.decodeAhead !== 'boolean') {
    throw new InvalidArgumentError(`decodeAhead must be a boolean, not ${String(options.decodeAhead)}`);
  }
  return { mode, workers, pipeline, fetchTimeoutMs };
}

export function defaultWorkers(): number {
  const n = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 2;
  return Math.max(1, Math.min(8, Math.floor(n)));
}

export function checkSource(s: unknown, what: string): AssetSource {
  const o = s as Partial<{ url: unknown; archive: unknown; path: unknown }> | null;
  if (o !== null && typeof o === 'object' && typeof o.url === 'string' && o.url !== '') return { url: o.url };
  if (o !== null && typeof o === 'object' && typeof o.archive === 'string' && typeof o.path === 'string' && o.path !== '') {
    return { archive: o.archive, path: o.path };
  }
  throw new InvalidArgumentError(`${what} must be { url } or { archive, path } with non-empty strings`);
}

/** A WasmSource that can be posted to a worker: URLs as absolute strings. */
export function postable(wasm: WasmSource | undefined): WasmSource | undefined {
  if (wasm instanceof URL) return wasm.href;
  if (typeof wasm === 'string') {
    const href = (globalThis as { location?: { href?: string } }).location?.href;
    return href === undefined ? wasm : new URL(wasm, href).href;
  }
  return wasm;
}
