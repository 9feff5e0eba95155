// The decode worker's side of the channel: a DecodeService behind comlink. Every method returns an
// Outcome instead of throwing, so that typed errors survive the trip (worker-errors.ts), and decoded
// bytes of the copying path leave the worker transferred, not cloned. The page drives each load in two
// phases — probe (fetch, read the header, learn the decoded size), then decode (into the entry the page
// reserved) — so that the budget is taken before any decoded byte enters the engine's memory. On the
// copying path, when the budget has room, the probe may decode at once into a buffer of the worker's
// (`eager`): one round trip per load instead of two; the page still reserves before it copies.
import { transfer, type Endpoint } from 'comlink';
import type { WasmSource } from '../wasm/loader.js';
import { DecodeService } from './decode-service.js';
import { encodeAssetError, type EncodedAssetError } from './worker-errors.js';

export type Outcome<T> = { ok: true; value: T } | { ok: false; error: EncodedAssetError };

/** Where the bytes of an asset come from: a URL, or an entry of a .REZ archive behind a URL. */
export type AssetSource = { url: string } | { archive: string; path: string };

export interface DecodeWorkerConfig {
  /** The wasm core for the worker's own decoders (as createEngine's `wasm`; URLs as absolute strings). */
  wasm?: WasmSource;
  /** The engine's shared memory: decode() may then write straight into an entry at an absolute offset. */
  memory?: WebAssembly.Memory;
  /** Archives kept open (least recently used closed first; default 8). */
  archives?: number;
  /** Milliseconds a fetch may take before it fails with AssetNetworkError (default 30,000). */
  fetchTimeoutMs?: number;
}

export interface ProbeJob {
  /** Chosen by the page, unique per worker; names the job in decode() and cancel(). */
  jobId: number;
  source: AssetSource;
  decode: 'raw' | 'image';
  palette?: AssetSource;
  /** Decode right after the probe (into a buffer) when the entry is at most this big. */
  eager?: EagerDecode;
}

export interface EagerDecode {
  maxBytes: number;
  /** A buffer to decode into when large enough (transferred); given back as `spare` when unused. */
  reuse?: ArrayBuffer;
}

/** What the page needs to reserve the entry: its size and the header fields the decode will write. */
export interface ProbeResult {
  /** Bytes of the cache entry: the 16-byte AssetHeader plus the payload. */
  size: number;
  /** Bytes of the file as fetched (progress). */
  fileBytes: number;
  kind: 'raw' | 'image';
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
  /** The eager decode's result (the job is then no longer held: no decode() follows). */
  decoded?: DecodeResult;
  /** The job's `eager.reuse` buffer, unused. */
  spare?: ArrayBuffer;
}

/**
 * null: decode into a new buffer and transfer it; `reuse`: the same, into this buffer (transferred back
 * by the page after its copy) when it is large enough, so that the copying path allocates nothing per
 * load and leaves no garbage behind; an offset: write the entry into the shared memory there.
 */
export type DecodeTarget = { offset: number } | { reuse: ArrayBuffer } | null;

export interface DecodeResult {
  /** Bytes written (the probe's size). */
  written: number;
  /** The entry's bytes, when decoded into a buffer (transferred): its first `written` bytes; it may be longer. */
  buffer?: ArrayBuffer;
}

export interface DecodeWorkerApi {
  init(config: DecodeWorkerConfig): Promise<Outcome<void>>;
  probe(job: ProbeJob): Promise<Outcome<ProbeResult>>;
  decode(jobId: number, target: DecodeTarget): Promise<Outcome<DecodeResult>>;
  /** Aborts the job's fetch (if any) and drops the bytes it holds; unknown ids are ignored. */
  cancel(jobId: number): void;
  /** Jobs holding bytes between probe and decode, archives open, palettes cached: for tests and stats. */
  held(): Promise<{ jobs: number; archives: number; palettes: number }>;
}

/** A worker as the pool sees it, whatever started it (a Web Worker, a worker thread, a test's script). */
export interface SpawnedWorker {
  readonly endpoint: Endpoint;
  /** Called once when the worker dies (an uncaught error, an exit, an unreadable message). */
  onDeath(listener: (reason: string) => void): void;
  /** Stops the worker; the promise (if any) settles once it no longer runs. */
  terminate(): void | Promise<unknown>;
}

/** Starts decode worker number `index` (0-based, counting replacements). */
export type WorkerSpawner = (index: number) => SpawnedWorker;

async function outcome<T>(work: () => Promise<T> | T): Promise<Outcome<T>> {
  try {
    return { ok: true, value: await work() };
  } catch (err) {
    return { ok: false, error: encodeAssetError(err) };
  }
}

export function createDecodeWorkerApi(): DecodeWorkerApi {
  let service: Promise<DecodeService> | undefined;
  const ready = (): Promise<DecodeService> => service ?? Promise.reject(new Error('the decode worker was not initialised'));
  return {
    init: (config) => outcome(async () => {
      service ??= DecodeService.create(config).catch((err: unknown) => {
        service = undefined;
        throw err;
      });
      await service;
    }),
    probe: async (job) => {
      const result = await outcome(async (): Promise<ProbeResult> => {
        const service = await ready();
        const probe = await service.probe(job);
        const eager = job.eager;
        if (eager === undefined) return probe;
        if (probe.size > eager.maxBytes) return eager.reuse === undefined ? probe : { ...probe, spare: eager.reuse };
        return { ...probe, decoded: service.decode(job.jobId, eager.reuse === undefined ? null : { reuse: eager.reuse }) };
      });
      if (!result.ok) return result;
      const moved = result.value.decoded?.buffer ?? result.value.spare;
      return moved === undefined ? result : transfer(result, [moved]);
    },
    decode: async (jobId, target) => {
      const result = await outcome(async () => (await ready()).decode(jobId, target));
      return result.ok && result.value.buffer !== undefined ? transfer(result, [result.value.buffer]) : result;
    },
    cancel: (jobId) => {
      void service?.then((s) => s.cancel(jobId), () => undefined);
    },
    held: async () => (await ready()).held(),
  };
}
