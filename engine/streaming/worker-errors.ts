// Typed failures across the decode worker's channel. Structured cloning keeps only an Error's name and
// message, so the worker classifies each failure once (network, not found, corrupt, cancelled, budget,
// anything else) and sends the fields its class needs; the page rebuilds the same class, including the
// FormatError subclass behind an AssetCorruptError.
import { BudgetExceededError, InvalidArgumentError, OpenClawError } from '../memory/errors.js';
import { Status } from '../memory/status.js';
import {
  EntryNotFoundError, FormatBadMagicError, FormatError, FormatOutOfRangeError, MalformedFormatError, NotAFileError,
  OverlapError, OversizedFormatError, SelfReferenceError, SourceError, TruncatedFormatError, type FormatKind,
} from './formats/errors.js';
import {
  AssetCancelledError, AssetCorruptError, AssetNetworkError, AssetNotFoundError, StreamerClosedError, WorkerCrashedError,
} from './errors.js';

export type EncodedAssetError =
  | { kind: 'network'; message: string; url: string; httpStatus?: number }
  | { kind: 'not-found'; message: string; key: string }
  | { kind: 'corrupt'; message: string; status: number; format: FormatKind; path?: string; formatMessage: string }
  | { kind: 'cancelled'; message: string }
  | { kind: 'crashed'; message: string }
  | { kind: 'closed'; message: string }
  | { kind: 'budget'; message: string }
  | { kind: 'invalid'; message: string }
  | { kind: 'other'; message: string; status: number; code: string };

/** 404 and 410 say the file is not there; every other refusal may be transient. */
export function isNotFoundStatus(status: number | undefined): boolean {
  return status === 404 || status === 410;
}

function isAbort(err: unknown): boolean {
  return err instanceof Error && (err.name === 'AbortError' || err.name === 'TimeoutError');
}

/** The streamer's class for a failure raised while fetching or reading `key` (a URL or archive#path). */
export function classify(err: unknown, key: string): Error {
  if (isAbort(err)) return new AssetCancelledError(`${key}: cancelled`);
  if (err instanceof Error && err.name === 'FetchTimeoutError') {
    // The worker's own time limit on a fetch (decode-service.ts): the server may answer next time.
    return new AssetNetworkError(`${key}: ${err.message}`, key, undefined, { cause: err });
  }
  if (err instanceof SourceError) {
    if (isNotFoundStatus(err.httpStatus)) return new AssetNotFoundError(`${key}: ${err.message}`, key, { cause: err });
    return new AssetNetworkError(`${key}: ${err.message}`, err.url, err.httpStatus, { cause: err });
  }
  if (err instanceof EntryNotFoundError || err instanceof NotAFileError) {
    return new AssetNotFoundError(`${key}: ${err.message}`, key, { cause: err });
  }
  if (err instanceof FormatError) return new AssetCorruptError(`${key}: ${err.message}`, err);
  if (err instanceof TypeError) {
    // fetch() rejects with a TypeError for a refused or reset connection.
    return new AssetNetworkError(`${key}: ${err.message}`, key, undefined, { cause: err });
  }
  return err instanceof Error ? err : new Error(String(err));
}

export function encodeAssetError(err: unknown): EncodedAssetError {
  if (err instanceof AssetNetworkError) {
    return { kind: 'network', message: err.message, url: err.url, ...(err.httpStatus === undefined ? {} : { httpStatus: err.httpStatus }) };
  }
  if (err instanceof AssetNotFoundError) return { kind: 'not-found', message: err.message, key: err.key };
  if (err instanceof AssetCorruptError) {
    const f = err.formatError;
    return { kind: 'corrupt', message: err.message, status: f.status, format: f.format, formatMessage: f.message,
      ...(f.path === undefined ? {} : { path: f.path }) };
  }
  if (err instanceof AssetCancelledError || isAbort(err)) return { kind: 'cancelled', message: (err as Error).message };
  if (err instanceof WorkerCrashedError) return { kind: 'crashed', message: err.message };
  if (err instanceof StreamerClosedError) return { kind: 'closed', message: err.message };
  if (err instanceof BudgetExceededError) return { kind: 'budget', message: err.message };
  if (err instanceof InvalidArgumentError) return { kind: 'invalid', message: err.message };
  if (err instanceof OpenClawError) return { kind: 'other', message: err.message, status: err.status, code: err.code };
  if (err instanceof Error) return { kind: 'other', message: `${err.name}: ${err.message}`, status: -1, code: err.name };
  return { kind: 'other', message: String(err), status: -1, code: 'Error' };
}

function formatErrorOf(e: Extract<EncodedAssetError, { kind: 'corrupt' }>): FormatError {
  const { formatMessage: m, format, path } = e;
  switch (e.status) {
    case Status.Truncated: return new TruncatedFormatError(m, format, path);
    case Status.OutOfRange: return new FormatOutOfRangeError(m, format, path);
    case Status.BadMagic: return new FormatBadMagicError(m, format, path);
    case Status.Oversized: return new OversizedFormatError(m, format, path);
    case Status.SelfReference: return new SelfReferenceError(m, format, path);
    case Status.Overlap: return new OverlapError(m, format, path);
    case Status.Malformed: return new MalformedFormatError(m, format, path);
    default: return new FormatError(m, e.status, format, path);
  }
}

export function decodeAssetError(e: EncodedAssetError): Error {
  switch (e.kind) {
    case 'network': return new AssetNetworkError(e.message, e.url, e.httpStatus);
    case 'not-found': return new AssetNotFoundError(e.message, e.key);
    case 'corrupt': return new AssetCorruptError(e.message, formatErrorOf(e));
    case 'cancelled': return new AssetCancelledError(e.message);
    case 'crashed': return new WorkerCrashedError(e.message);
    case 'closed': return new StreamerClosedError(e.message);
    case 'budget': return new BudgetExceededError(e.message);
    case 'invalid': return new InvalidArgumentError(e.message);
    case 'other': return new OpenClawError(e.message, e.status, e.code);
  }
}
