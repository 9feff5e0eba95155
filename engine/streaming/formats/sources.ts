// Where archive bytes come from: memory, a Blob/File (sliced, never read whole) or a URL (HTTP range
// requests, or one full fetch when the server ignores ranges). A source hands out exactly the bytes
// asked for or a typed error, and counts what it fetched, so a test can prove that opening an archive
// reads only its header and directory.
import { SourceError } from './errors.js';

/** Random access to the bytes of one archive. */
export interface ByteSource {
  /** For messages: the URL, the file name, or "bytes". */
  readonly name: string;
  /** Total bytes (a REZ is below 4 GiB). */
  readonly size: number;
  /**
   * Exactly `length` bytes at `offset`, as a fresh Uint8Array the caller may keep. A range outside
   * [0, size) is a RangeError; an I/O failure a SourceError; an abort rejects with the signal's reason.
   */
  read(offset: number, length: number, options?: { signal?: AbortSignal }): Promise<Uint8Array>;
  /** Bytes this source has fetched or sliced so far. */
  readonly bytesRead: number;
}

/** How sourceFromUrl() obtains the bytes. */
export interface UrlSourceOptions {
  /** The fetch to use (default: the global one). */
  fetch?: typeof fetch;
  /** Extra request headers (authorisation, ...); Range is set by the source. */
  headers?: HeadersInit;
  /** Aborts the probe, the full-fetch fallback and every later read. */
  signal?: AbortSignal;
  /** Progress of the full-fetch fallback (total is 0 when the server sends no Content-Length). */
  onProgress?: (loaded: number, total: number) => void;
  /** Bytes asked for by the probe (default 139: a REZ header, so opening needs no second request). */
  headBytes?: number;
}

/** A URL source: 'range' reads with Range requests, 'full' holds the whole body read once. */
export type UrlByteSource = ByteSource & { readonly mode: 'range' | 'full' };

const REZ_HEAD_BYTES = 139;

function checkRange(source: ByteSource, offset: number, length: number): void {
  if (!Number.isSafeInteger(offset) || !Number.isSafeInteger(length) || offset < 0 || length < 0 ||
      offset + length > source.size) {
    throw new RangeError(`${source.name}: cannot read ${length} bytes at ${offset} of ${source.size}`);
  }
}

function throwIfAborted(...signals: (AbortSignal | undefined)[]): void {
  for (const signal of signals) signal?.throwIfAborted();
}

/** The bytes of an archive already in memory (read() copies, so callers may keep what it returns). */
export function sourceFromBytes(bytes: Uint8Array, name = 'bytes'): ByteSource {
  let bytesRead = 0;
  const source: ByteSource = {
    name,
    size: bytes.length,
    get bytesRead() { return bytesRead; },
    read(offset, length, options) {
      try {
        throwIfAborted(options?.signal);
        checkRange(source, offset, length);
      } catch (err) {
        return Promise.reject(err);
      }
      bytesRead += length;
      return Promise.resolve(bytes.slice(offset, offset + length));
    },
  };
  return source;
}

/** A Blob or a user's File, read by slices (a File that changed on disk since it was picked is a SourceError). */
export function sourceFromBlob(blob: Blob, name?: string): ByteSource {
  const fileName = (blob as { name?: unknown }).name;
  const label = name ?? (typeof fileName === 'string' && fileName !== '' ? fileName : 'blob');
  let bytesRead = 0;
  const source: ByteSource = {
    name: label,
    size: blob.size,
    get bytesRead() { return bytesRead; },
    async read(offset, length, options) {
      throwIfAborted(options?.signal);
      checkRange(source, offset, length);
      let buffer: ArrayBuffer;
      try {
        buffer = await blob.slice(offset, offset + length).arrayBuffer();
      } catch (err) {
        throw new SourceError(`${label}: reading ${length} bytes at ${offset} failed`, label, { cause: err });
      }
      throwIfAborted(options?.signal);
      if (buffer.byteLength !== length) {
        throw new SourceError(`${label}: got ${buffer.byteLength} of ${length} bytes at ${offset}`, label);
      }
      bytesRead += length;
      return new Uint8Array(buffer);
    },
  };
  return source;
}

function combine(a: AbortSignal | undefined, b: AbortSignal | undefined): AbortSignal | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return AbortSignal.any([a, b]);
}

/** (start, end inclusive, total) of "bytes start-end/total", or null. */
function parseContentRange(header: string | null): { start: number; end: number; total: number } | null {
  const match = header === null ? null : /^\s*bytes\s+(\d+)-(\d+)\/(\d+)\s*$/i.exec(header);
  if (!match) return null;
  return { start: Number(match[1]), end: Number(match[2]), total: Number(match[3]) };
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/**
 * A source over HTTP(S). Probes with one GET `Range: bytes=0-(headBytes-1)`: a 206 with a
 * Content-Range gives the size and later reads are Range GETs (mode 'range'; their first headBytes
 * are served from the probe); a 200 means the server ignores ranges, so the body is streamed once
 * (onProgress) and served from memory (mode 'full'). bytesRead counts body bytes received.
 */
export async function sourceFromUrl(url: string | URL, options: UrlSourceOptions = {}): Promise<UrlByteSource> {
  const href = url instanceof URL ? url.href : url;
  const doFetch = options.fetch ?? globalThis.fetch;
  const headBytes = options.headBytes ?? REZ_HEAD_BYTES;
  if (!Number.isSafeInteger(headBytes) || headBytes < 1) throw new RangeError(`headBytes must be a positive integer, not ${headBytes}`);
  let bytesRead = 0;

  const request = async (range: string, signal: AbortSignal | undefined): Promise<Response> => {
    const headers = new Headers(options.headers);
    headers.set('Range', range);
    try {
      return await doFetch(url, { headers, ...(signal ? { signal } : {}) });
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new SourceError(`${href}: request ${range} failed: ${(err as Error).message ?? String(err)}`, href, { cause: err });
    }
  };
  const body = async (response: Response, what: string): Promise<Uint8Array> => {
    try {
      return new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      if (isAbort(err)) throw err;
      throw new SourceError(`${href}: the body of ${what} broke off: ${(err as Error).message ?? String(err)}`, href, {
        cause: err, httpStatus: response.status,
      });
    }
  };

  const probe = await request(`bytes=0-${headBytes - 1}`, options.signal);
  if (probe.status === 206) {
    const range = parseContentRange(probe.headers.get('Content-Range'));
    const expectedEnd = range === null ? -1 : Math.min(headBytes, range.total) - 1;
    if (range === null || range.start !== 0 || range.end !== expectedEnd) {
      await probe.body?.cancel();
      throw new SourceError(`${href}: the probe got Content-Range ${JSON.stringify(probe.headers.get('Content-Range'))}` +
        ` for bytes=0-${headBytes - 1}`, href, { httpStatus: 206 });
    }
    const head = await body(probe, 'the probe');
    bytesRead += head.length;
    if (head.length !== range.end + 1) {
      throw new SourceError(`${href}: the probe's body has ${head.length} of ${range.end + 1} bytes`, href, { httpStatus: 206 });
    }
    return rangeSource(href, range.total, head, request, body, options.signal, () => bytesRead, (n) => { bytesRead += n; });
  }
  if (probe.status === 416) {
    // An empty file: no byte satisfies 0-138. Its size is in "bytes */0".
    const total = /^\s*bytes\s+\*\/(\d+)\s*$/i.exec(probe.headers.get('Content-Range') ?? '');
    await probe.body?.cancel();
    if (total?.[1] === '0') {
      return rangeSource(href, 0, new Uint8Array(0), request, body, options.signal, () => bytesRead, () => {});
    }
    throw new SourceError(`${href}: HTTP 416 for bytes=0-${headBytes - 1}`, href, { httpStatus: 416 });
  }
  if (probe.status === 200) {
    const all = await readWhole(href, probe, options.onProgress, (n) => { bytesRead += n; });
    const memory = sourceFromBytes(all, href);
    return {
      name: href,
      size: all.length,
      mode: 'full',
      get bytesRead() { return bytesRead; },
      read: (offset, length, readOptions) => memory.read(offset, length, { signal: combine(options.signal, readOptions?.signal) }),
    };
  }
  await probe.body?.cancel();
  throw new SourceError(`${href}: HTTP ${probe.status}${probe.statusText ? ` ${probe.statusText}` : ''}`, href, {
    httpStatus: probe.status,
  });
}

function rangeSource(
  href: string, size: number, head: Uint8Array,
  request: (range: string, signal: AbortSignal | undefined) => Promise<Response>,
  body: (response: Response, what: string) => Promise<Uint8Array>,
  baseSignal: AbortSignal | undefined, getRead: () => number, addRead: (n: number) => void,
): UrlByteSource {
  const source: UrlByteSource = {
    name: href,
    size,
    mode: 'range',
    get bytesRead() { return getRead(); },
    async read(offset, length, options) {
      const signal = combine(baseSignal, options?.signal);
      throwIfAborted(signal);
      checkRange(source, offset, length);
      // An empty read has no Range header to ask with; what the probe holds needs no request.
      if (length === 0 || offset + length <= head.length) return head.slice(offset, offset + length);
      const range = `bytes=${offset}-${offset + length - 1}`;
      const response = await request(range, signal);
      const got = response.headers.get('Content-Range');
      const parsed = parseContentRange(got);
      if (response.status !== 206 || parsed === null || parsed.start !== offset || parsed.end !== offset + length - 1 ||
          parsed.total !== size) {
        await response.body?.cancel();
        throw new SourceError(`${href}: ${range} answered HTTP ${response.status} with Content-Range ${JSON.stringify(got)}`,
          href, { httpStatus: response.status });
      }
      const bytes = await body(response, range);
      addRead(bytes.length);
      if (bytes.length !== length) {
        throw new SourceError(`${href}: ${range} sent ${bytes.length} of ${length} bytes`, href, { httpStatus: 206 });
      }
      return bytes;
    },
  };
  return source;
}

async function readWhole(
  href: string, response: Response, onProgress: ((loaded: number, total: number) => void) | undefined,
  addRead: (n: number) => void,
): Promise<Uint8Array> {
  const lengthHeader = response.headers.get('Content-Length');
  const declared = lengthHeader !== null && /^\d+$/.test(lengthHeader.trim()) ? Number(lengthHeader) : -1;
  const total = Math.max(declared, 0);
  if (!response.body) return new Uint8Array(0);
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      addRead(value.length);
      onProgress?.(loaded, total);
    }
  } catch (err) {
    if (isAbort(err)) throw err;
    throw new SourceError(`${href}: the body broke off after ${loaded} bytes: ${(err as Error).message ?? String(err)}`, href, {
      cause: err, httpStatus: response.status,
    });
  }
  if (declared >= 0 && loaded !== declared) {
    throw new SourceError(`${href}: the body has ${loaded} of ${declared} bytes`, href, { httpStatus: response.status });
  }
  const all = new Uint8Array(loaded);
  let at = 0;
  for (const chunk of chunks) {
    all.set(chunk, at);
    at += chunk.length;
  }
  return all;
}
