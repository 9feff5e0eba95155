// The work of one decode worker, free of any messaging so that it also runs (and is tested) in-process:
// its own instance of the wasm decoders, the archives it has opened (least recently used closed first),
// the palettes it has read, and the fetched bytes of each job between its two phases. Every fetch has a
// time limit (a stalled server is a network failure, retried, not a load that never ends). probe() fetches
// and reads the header; decode() writes the AssetHeader and the payload, either into the engine's shared
// memory at the offset the page reserved, or into a new buffer that the page copies once.
import { InvalidArgumentError } from '../memory/errors.js';
import { Formats } from './formats/formats.js';
import type { RezArchive } from './formats/rez-archive.js';
import { sourceFromUrl } from './formats/sources.js';
import type { Palette, PidInfo } from './formats/types.js';
import { ASSET_HEADER_BYTES, validateAssetHeader, writeAssetHeader, type AssetHeader } from './asset-header.js';
import { AssetCancelledError, AssetNetworkError, AssetNotFoundError } from './errors.js';
import type { AssetSource, DecodeResult, DecodeTarget, DecodeWorkerConfig, ProbeJob, ProbeResult } from './worker-api.js';
import { classify, isNotFoundStatus } from './worker-errors.js';

interface HeldJob {
  key: string;
  bytes: Uint8Array;
  info: PidInfo | null;
  palette: Palette | null;
  result: ProbeResult;
}

/** The key of a source in messages, errors and the palette cache: the URL, or "<archive>#<path>". */
export function sourceKey(source: AssetSource): string {
  return 'url' in source ? source.url : `${source.archive}#${source.path}`;
}

const DEFAULT_ARCHIVES = 8;
const DEFAULT_FETCH_TIMEOUT_MS = 30_000;

/** An archive of the worker: opening or open, and how many jobs are reading it now. */
interface HeldArchive {
  readonly archive: Promise<RezArchive>;
  opened: boolean;
  users: number;
}

export class DecodeService {
  /** Archives by URL, in least-recently-used order (a Map keeps insertion order; a use re-inserts). */
  private readonly archives = new Map<string, HeldArchive>();
  private readonly palettes = new Map<string, Promise<Palette>>();
  private readonly jobs = new Map<number, HeldJob>();
  private readonly aborts = new Map<number, AbortController>();

  private constructor(
    private readonly formats: Formats,
    private readonly memory: WebAssembly.Memory | undefined,
    private readonly maxArchives: number,
    private readonly fetchTimeoutMs: number,
  ) {}

  static async create(config: DecodeWorkerConfig = {}): Promise<DecodeService> {
    const max = config.archives ?? DEFAULT_ARCHIVES;
    if (!Number.isInteger(max) || max < 1) throw new InvalidArgumentError(`archives must be a positive integer, not ${max}`);
    const timeout = config.fetchTimeoutMs ?? DEFAULT_FETCH_TIMEOUT_MS;
    if (!(timeout > 0) || !Number.isFinite(timeout)) throw new InvalidArgumentError(`fetchTimeoutMs must be a positive number, not ${timeout}`);
    return new DecodeService(await Formats.load(config.wasm), config.memory, max, timeout);
  }

  async probe(job: ProbeJob): Promise<ProbeResult> {
    if (this.jobs.has(job.jobId) || this.aborts.has(job.jobId)) throw new InvalidArgumentError(`job ${job.jobId} is already running`);
    const abort = new AbortController();
    this.aborts.set(job.jobId, abort);
    try {
      const bytes = await this.fetchSource(job.source, abort.signal);
      let held: HeldJob;
      if (job.decode === 'image') {
        const info = this.formats.pidInfo(bytes);
        let palette: Palette | null = null;
        if (job.palette !== undefined) palette = await this.palette(job.palette, abort.signal);
        else if (!info.hasPalette) {
          throw new InvalidArgumentError(`${sourceKey(job.source)} has no embedded palette: give the request a palette`);
        }
        held = { key: sourceKey(job.source), bytes, info, palette, result: {
          size: ASSET_HEADER_BYTES + info.pixelCount * 4, fileBytes: bytes.length, kind: 'image',
          width: info.width, height: info.height, offsetX: info.offsetX, offsetY: info.offsetY,
        } };
      } else {
        held = { key: sourceKey(job.source), bytes, info: null, palette: null, result: {
          size: ASSET_HEADER_BYTES + bytes.length, fileBytes: bytes.length, kind: 'raw', width: 0, height: 0, offsetX: 0, offsetY: 0,
        } };
      }
      validateAssetHeader(headerOf(held.result));
      abort.signal.throwIfAborted();
      this.jobs.set(job.jobId, held);
      return held.result;
    } catch (err) {
      throw abort.signal.aborted ? new AssetCancelledError(`${sourceKey(job.source)}: cancelled`) : classify(err, sourceKey(job.source));
    } finally {
      this.aborts.delete(job.jobId);
    }
  }

  /** Writes the entry of a probed job (into the shared memory at target.offset, or a new buffer) and forgets the job. */
  decode(jobId: number, target: DecodeTarget): DecodeResult {
    const held = this.jobs.get(jobId);
    if (held === undefined) throw new InvalidArgumentError(`job ${jobId} was not probed (or was cancelled)`);
    this.jobs.delete(jobId);
    const { size } = held.result;
    let dest: Uint8Array;
    let buffer: ArrayBuffer | undefined;
    if (target === null || 'reuse' in target) {
      buffer = target !== null && target.reuse.byteLength >= size ? target.reuse : new ArrayBuffer(size);
      dest = new Uint8Array(buffer, 0, size);
    } else {
      if (this.memory === undefined) throw new InvalidArgumentError('this decode worker was given no shared memory');
      // The buffer is re-read here: the engine's memory may have grown since the page reserved the entry.
      dest = new Uint8Array(this.memory.buffer, target.offset, size);
    }
    writeAssetHeader(dest, headerOf(held.result));
    const payload = dest.subarray(ASSET_HEADER_BYTES);
    try {
      if (held.info === null) payload.set(held.bytes);
      else this.formats.decodePidInto(held.bytes, held.palette, payload);
    } catch (err) {
      throw classify(err, held.key);
    }
    return buffer === undefined ? { written: size } : { written: size, buffer };
  }

  cancel(jobId: number): void {
    this.aborts.get(jobId)?.abort();
    this.jobs.delete(jobId);
  }

  held(): { jobs: number; archives: number; palettes: number } {
    return { jobs: this.jobs.size, archives: this.archives.size, palettes: this.palettes.size };
  }

  dispose(): void {
    for (const abort of this.aborts.values()) abort.abort();
    this.jobs.clear();
    for (const held of this.archives.values()) held.archive.then((a) => a.close(), () => undefined);
    this.archives.clear();
    this.formats.dispose();
  }

  private async fetchSource(source: AssetSource, signal: AbortSignal): Promise<Uint8Array> {
    if ('url' in source) return fetchFile(source.url, signal, this.fetchTimeoutMs);
    const held = this.archive(source.archive);
    held.users++;
    try {
      const archive = await raceAbort(held.archive, signal);
      return await archive.read(source.path, { signal });
    } finally {
      held.users--;
      this.trimArchives();
    }
  }

  /** The archive at `url`, opened on first use; the caller counts itself among its users. */
  private archive(url: string): HeldArchive {
    const open = this.archives.get(url);
    if (open !== undefined) {
      this.archives.delete(url);
      this.archives.set(url, open);
      return open;
    }
    // Opened without a job's signal: the archive outlives the job that happened to open it.
    const archive = sourceFromUrl(url, { fetch: timedFetch(this.fetchTimeoutMs) }).then((source) => this.formats.openRez(source));
    const held: HeldArchive = { archive, opened: false, users: 0 };
    archive.then(() => {
      held.opened = true;
      this.trimArchives();
    }, () => {
      if (this.archives.get(url) === held) this.archives.delete(url);
    });
    this.archives.set(url, held);
    return held;
  }

  /**
   * Closes least recently used archives while more than the limit are held — only archives that have
   * finished opening and that no job is reading: closing one still opening, or one a job is reading,
   * would fail that job. The limit may so be exceeded for a while; the last user to finish trims.
   */
  private trimArchives(): void {
    if (this.archives.size <= this.maxArchives) return;
    for (const [url, held] of this.archives) {
      if (this.archives.size <= this.maxArchives) return;
      if (!held.opened || held.users > 0) continue;
      this.archives.delete(url);
      held.archive.then((a) => a.close(), () => undefined);
    }
  }

  private palette(source: AssetSource, signal: AbortSignal): Promise<Palette> {
    const key = sourceKey(source);
    let palette = this.palettes.get(key);
    if (palette === undefined) {
      // Fetched without the job's signal: other jobs may wait for the same palette; each races its own.
      palette = this.fetchSource(source, new AbortController().signal).then((bytes) =>
        (/\.pid$/i.test(key) ? this.formats.pidPalette(bytes) : this.formats.readPalette(bytes)));
      const failed = palette;
      failed.catch(() => {
        if (this.palettes.get(key) === failed) this.palettes.delete(key);
      });
      this.palettes.set(key, palette);
    }
    return raceAbort(palette, signal);
  }
}

function headerOf(r: ProbeResult): AssetHeader {
  return { kind: r.kind, payloadBytes: r.size - ASSET_HEADER_BYTES, width: r.width, height: r.height, offsetX: r.offsetX, offsetY: r.offsetY };
}

function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/** The reason a fetch is aborted with when it ran out of time: not an AbortError, so it is a network failure. */
class FetchTimeoutError extends Error {
  constructor(ms: number) {
    super(`no answer within ${ms} ms`);
    this.name = 'FetchTimeoutError';
  }
}

/**
 * A fetch with a time limit, for the archive's range requests: until the answer's headers arrive (its
 * body is read by the archive's source, which the limit does not cover: a range is small).
 */
function timedFetch(ms: number): typeof fetch {
  return async (input, init) => {
    const limit = new AbortController();
    const outer = init?.signal ?? undefined;
    const onAbort = (): void => limit.abort(outer!.reason);
    if (outer?.aborted) limit.abort(outer.reason);
    else outer?.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(() => limit.abort(new FetchTimeoutError(ms)), ms);
    try {
      return await fetch(input, { ...init, signal: limit.signal });
    } finally {
      clearTimeout(timer);
      outer?.removeEventListener('abort', onAbort);
    }
  };
}

/**
 * One GET of a whole file, answer and body within `timeoutMs`: 404/410 is AssetNotFoundError, another
 * refusal, a broken body or the time running out AssetNetworkError.
 */
async function fetchFile(url: string, signal: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const limit = new AbortController();
  const onAbort = (): void => limit.abort(signal.reason);
  signal.addEventListener('abort', onAbort, { once: true });
  const timer = setTimeout(() => limit.abort(new FetchTimeoutError(timeoutMs)), timeoutMs);
  try {
    return await fetchBody(url, signal, limit.signal, timeoutMs);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', onAbort);
  }
}

async function fetchBody(url: string, signal: AbortSignal, limit: AbortSignal, timeoutMs: number): Promise<Uint8Array> {
  const timedOut = (err: unknown): AssetNetworkError =>
    new AssetNetworkError(`${url}: no answer within ${timeoutMs} ms`, url, undefined, { cause: err });
  let response: Response;
  try {
    response = await fetch(url, { signal: limit });
  } catch (err) {
    if (signal.aborted) throw err;
    if (limit.aborted) throw timedOut(err);
    throw new AssetNetworkError(`${url}: the request failed: ${(err as Error).message ?? String(err)}`, url, undefined, { cause: err });
  }
  if (!response.ok) {
    await response.body?.cancel().catch(() => undefined);
    const text = `${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
    if (isNotFoundStatus(response.status)) throw new AssetNotFoundError(text, url);
    throw new AssetNetworkError(text, url, response.status);
  }
  try {
    return new Uint8Array(await response.arrayBuffer());
  } catch (err) {
    if (signal.aborted) throw err;
    if (limit.aborted) throw timedOut(err);
    throw new AssetNetworkError(`${url}: the body broke off: ${(err as Error).message ?? String(err)}`, url, response.status, { cause: err });
  }
}
