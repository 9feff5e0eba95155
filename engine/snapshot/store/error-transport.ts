// Typed errors across the persist worker's message channel. Structured cloning keeps only an Error's
// name and message (and bundlers minify class names differently in the page and the worker), so the
// worker sends a stable tag and the fields each class needs, and the page rebuilds the same class.
import {
  BadAlignmentError, BadMarkerError, CorruptStateError, DoubleFreeError, EngineDestroyedError, ForeignHandleError,
  InvalidArgumentError, InvalidOffsetError, OpenClawError, OutOfMemoryError, OutOfSpaceError, PoolExhaustedError,
  SizeTooLargeError, StaleHandleError, TooManyAllocatorsError, WasmLoadError, WrongSizeClassError,
} from '../../memory/errors.js';
import {
  BadMagicError, BaseMismatchError, ChecksumMismatchError, CorruptSnapshotError, LayoutMismatchError, SizeMismatchError,
  SnapshotOutOfRangeError, TruncatedSnapshotError, UnsealedSnapshotError, VersionTooNewError, VersionTooOldError,
} from '../errors.js';
import {
  PersistWorkerError, SaveConflictError, SlotNotFoundError, StorageError, StorageQuotaError, StoreClosedError,
  type ExpectedVersion, type FoundVersion,
} from '../store-errors.js';

export interface EncodedError {
  tag: string;
  message: string;
  slot?: string;
  expected?: ExpectedVersion;
  found?: FoundVersion;
  version?: number;
  /** The platform error behind a StorageError (a DOMException's name and message). */
  cause?: { name: string; message: string };
}

type MessageOnly = new (message: string) => Error;

// Subclasses before their parents: the first instanceof match wins.
const BY_MESSAGE: readonly (readonly [string, MessageOnly])[] = [
  ['BadMagic', BadMagicError], ['VersionTooNew', VersionTooNewError], ['VersionTooOld', VersionTooOldError],
  ['LayoutMismatch', LayoutMismatchError], ['Truncated', TruncatedSnapshotError], ['ChecksumMismatch', ChecksumMismatchError],
  ['OutOfRange', SnapshotOutOfRangeError], ['SizeMismatch', SizeMismatchError], ['Unsealed', UnsealedSnapshotError],
  ['BaseMismatch', BaseMismatchError], ['CorruptSnapshot', CorruptSnapshotError],
  ['InvalidArgument', InvalidArgumentError], ['SizeTooLarge', SizeTooLargeError], ['BadAlignment', BadAlignmentError],
  ['PoolExhausted', PoolExhaustedError], ['OutOfSpace', OutOfSpaceError], ['StaleHandle', StaleHandleError],
  ['DoubleFree', DoubleFreeError], ['ForeignHandle', ForeignHandleError], ['InvalidOffset', InvalidOffsetError],
  ['WrongSizeClass', WrongSizeClassError], ['CorruptState', CorruptStateError], ['OutOfMemory', OutOfMemoryError],
  ['TooManyAllocators', TooManyAllocatorsError], ['BadMarker', BadMarkerError], ['WasmLoad', WasmLoadError],
  ['EngineDestroyed', EngineDestroyedError],
  ['StorageQuota', StorageQuotaError], ['Storage', StorageError], ['PersistWorker', PersistWorkerError],
  ['StoreClosed', StoreClosedError],
];

function causeOf(err: Error): EncodedError['cause'] {
  const cause = (err as { cause?: unknown }).cause;
  if (cause === null || typeof cause !== 'object') return undefined;
  const { name, message } = cause as { name?: unknown; message?: unknown };
  return { name: String(name ?? 'Error'), message: String(message ?? '') };
}

export function encodeError(err: unknown): EncodedError {
  if (err instanceof SaveConflictError) {
    return { tag: 'SaveConflict', message: err.message, slot: err.slot, expected: err.expected, found: err.found };
  }
  if (err instanceof SlotNotFoundError) {
    return { tag: 'SlotNotFound', message: err.message, slot: err.slot, ...(err.version === undefined ? {} : { version: err.version }) };
  }
  if (err instanceof Error) {
    for (const [tag, cls] of BY_MESSAGE) {
      if (err instanceof cls) return { tag, message: err.message, cause: causeOf(err) };
    }
    if (err instanceof OpenClawError) return { tag: `status:${err.status}`, message: err.message };
    return { tag: 'Error', message: `${err.name}: ${err.message}` };
  }
  return { tag: 'Error', message: String(err) };
}

export function decodeError(e: EncodedError): Error {
  if (e.tag === 'SaveConflict') return new SaveConflictError(e.slot ?? '', e.expected ?? 'any', e.found ?? 'absent');
  if (e.tag === 'SlotNotFound') return new SlotNotFoundError(e.slot ?? '', e.version);
  const cause = e.cause === undefined ? undefined : Object.assign(new Error(e.cause.message), { name: e.cause.name });
  const options = cause === undefined ? undefined : { cause };
  if (e.tag === 'StorageQuota') return new StorageQuotaError(e.message, options);
  if (e.tag === 'Storage') return new StorageError(e.message, options);
  if (e.tag === 'PersistWorker') return new PersistWorkerError(e.message, options);
  if (e.tag === 'WasmLoad') return new WasmLoadError(e.message, options);
  const cls = BY_MESSAGE.find(([tag]) => tag === e.tag)?.[1];
  if (cls) return new cls(e.message);
  const status = /^status:(-?\d+)$/.exec(e.tag);
  if (status) return new OpenClawError(e.message, Number(status[1]));
  return new Error(e.message);
}
