// Typed errors of the legacy formats: archives and asset files are untrusted input, so each rejection
// the core reports has its own class (all of them FormatError, which names the format and, for an
// archive entry, its path). Failures of the byte source itself (network, disk) are SourceErrors, and
// misuse of an archive's tree (a missing path, a directory read as a file) has its own classes too.
import { OpenClawError } from '../../memory/errors.js';
import { Status, statusName } from '../../memory/status.js';

/** The legacy formats the core reads. */
export type FormatKind = 'rez' | 'pal' | 'pid' | 'ani' | 'wwd';

/** Any rejection of a legacy file's bytes by the core. */
export class FormatError extends OpenClawError {
  /** Which reader rejected the bytes. */
  readonly format: FormatKind;
  /** The archive entry (or file name) the bytes came from, when known. */
  readonly path: string | undefined;

  constructor(message: string, status: number, format: FormatKind, path?: string) {
    super(message, status);
    this.format = format;
    this.path = path;
  }
}

/** Shorter than its header or its own fields say (status Truncated, 18). */
export class TruncatedFormatError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.Truncated, format, path); }
}
/** An offset, count or size pointing outside the file (status OutOfRange, 20). */
export class FormatOutOfRangeError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.OutOfRange, format, path); }
}
/** Not a file of this format: its signature is wrong (status BadMagic, 14). */
export class FormatBadMagicError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.BadMagic, format, path); }
}
/** A size or count above what the reader accepts (status Oversized, 26). */
export class OversizedFormatError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.Oversized, format, path); }
}
/** A directory that contains itself or one of its ancestors (status SelfReference, 27). */
export class SelfReferenceError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.SelfReference, format, path); }
}
/** Two directory blocks or entries sharing bytes (status Overlap, 28). */
export class OverlapError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.Overlap, format, path); }
}
/** Fields that contradict each other or the format's rules (status Malformed, 29). */
export class MalformedFormatError extends FormatError {
  constructor(message: string, format: FormatKind, path?: string) { super(message, Status.Malformed, format, path); }
}

/** The typed error for a status a format reader returned; statuses without a class give a FormatError. */
export function formatError(status: number, format: FormatKind, message: string, path?: string): FormatError {
  const text = `${message}${path === undefined ? '' : ` (${path})`}: ${statusName(status)}`;
  switch (status) {
    case Status.Truncated: return new TruncatedFormatError(text, format, path);
    case Status.OutOfRange: return new FormatOutOfRangeError(text, format, path);
    case Status.BadMagic: return new FormatBadMagicError(text, format, path);
    case Status.Oversized: return new OversizedFormatError(text, format, path);
    case Status.SelfReference: return new SelfReferenceError(text, format, path);
    case Status.Overlap: return new OverlapError(text, format, path);
    case Status.Malformed: return new MalformedFormatError(text, format, path);
    default: return new FormatError(text, status, format, path);
  }
}

/** What a SourceError carries besides its message. */
export interface SourceErrorOptions {
  /** The HTTP status of the response that was refused, for URL sources. */
  httpStatus?: number;
  /** The underlying failure (a fetch TypeError, a NotReadableError of a File, ...). */
  cause?: unknown;
}

/** The bytes could not be obtained: a network or disk failure, an HTTP error, a short or mislabelled body. */
export class SourceError extends OpenClawError {
  /** The source's name: the URL, the file name or "bytes". */
  readonly url: string;
  readonly httpStatus: number | undefined;
  override readonly cause: unknown;

  constructor(message: string, url: string, options: SourceErrorOptions = {}) {
    super(message, -1, 'Source', options.cause === undefined ? undefined : { cause: options.cause });
    this.url = url;
    this.httpStatus = options.httpStatus;
    this.cause = options.cause;
  }
}

/** No entry has this path in the archive (lookups ignore case). */
export class EntryNotFoundError extends OpenClawError {
  readonly path: string;
  constructor(path: string, message = `no entry ${JSON.stringify(path)} in the archive`) {
    super(message, -1, 'EntryNotFound');
    this.path = path;
  }
}
/** read() of a directory. */
export class NotAFileError extends OpenClawError {
  readonly path: string;
  constructor(path: string, message = `${JSON.stringify(path)} is a directory, not a file`) {
    super(message, -1, 'NotAFile');
    this.path = path;
  }
}
/** list() of a file. */
export class NotADirectoryError extends OpenClawError {
  readonly path: string;
  constructor(path: string, message = `${JSON.stringify(path)} is a file, not a directory`) {
    super(message, -1, 'NotADirectory');
    this.path = path;
  }
}
