// Typed failures of the asset streamer. Each says what the caller can do about it: a network error is
// worth retrying, a missing or corrupt file is not, a crashed worker is retried on a fresh one, and a
// cancelled or closed request is the caller's own doing. BudgetExceededError (memory/errors.ts) is the
// back-pressure answer to a request that asked not to wait.
import { OpenClawError } from '../memory/errors.js';
import type { FormatError } from './formats/errors.js';

/** The bytes could not be fetched: a network failure, a broken body or an HTTP error other than 404. */
export class AssetNetworkError extends OpenClawError {
  /** The URL that failed. */
  readonly url: string;
  /** The HTTP status of the refused response, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(message: string, url: string, httpStatus?: number, options?: ErrorOptions) {
    super(message, -1, 'AssetNetwork', options);
    this.url = url;
    this.httpStatus = httpStatus;
  }
}

/** No such file: HTTP 404/410, or no such entry (or a directory) in the archive. Not retried. */
export class AssetNotFoundError extends OpenClawError {
  /** The URL, or "<archive URL>#<path>" for an archive entry. */
  readonly key: string;

  constructor(message: string, key: string, options?: ErrorOptions) {
    super(message, -1, 'AssetNotFound', options);
    this.key = key;
  }
}

/** The file's bytes were rejected by the legacy-format reader (truncated files included). Not retried. */
export class AssetCorruptError extends OpenClawError {
  /** The reader's typed rejection (TruncatedFormatError, FormatBadMagicError, ...); also `cause`. */
  readonly formatError: FormatError;

  constructor(message: string, formatError: FormatError) {
    super(message, formatError.status, 'AssetCorrupt', { cause: formatError });
    this.formatError = formatError;
  }
}

/** The decode worker died (or could not be reached) while it held the request. Retried on a fresh worker. */
export class WorkerCrashedError extends OpenClawError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, -1, 'WorkerCrashed', options);
  }
}

/** The request's AbortSignal fired (or its bundle's). */
export class AssetCancelledError extends OpenClawError {
  constructor(message = 'the asset request was cancelled', options?: ErrorOptions) {
    super(message, -1, 'AssetCancelled', options);
  }
}

/** close() was called: queued and running requests reject with this, later ones too. */
export class StreamerClosedError extends OpenClawError {
  constructor(message = 'the asset streamer is closed') {
    super(message, -1, 'StreamerClosed');
  }
}
