// Class names of the errors the save-slots panel can meet: the store's, the snapshot reader's, then
// the engine's (error-names.ts). Read through instanceof, because the production build minifies
// class names; the tests compare these exact strings.
import {
  BadMagicError, BaseMismatchError, ChecksumMismatchError, CorruptSnapshotError, LayoutMismatchError, SizeMismatchError,
  SnapshotOutOfRangeError, TruncatedSnapshotError, UnsealedSnapshotError, VersionTooNewError, VersionTooOldError,
} from '../../engine/snapshot/errors.js';
import {
  PersistWorkerError, SaveConflictError, SlotNotFoundError, StorageError, StorageQuotaError, StoreClosedError,
} from '../../engine/snapshot/store-errors.js';
import { errorClassName } from './error-names.js';

type ErrorClass = abstract new (...args: never[]) => Error;

const known: readonly (readonly [ErrorClass, string])[] = [
  [SaveConflictError, 'SaveConflictError'],
  [StorageQuotaError, 'StorageQuotaError'],
  [StorageError, 'StorageError'],
  [SlotNotFoundError, 'SlotNotFoundError'],
  [PersistWorkerError, 'PersistWorkerError'],
  [StoreClosedError, 'StoreClosedError'],
  [BadMagicError, 'BadMagicError'],
  [VersionTooNewError, 'VersionTooNewError'],
  [VersionTooOldError, 'VersionTooOldError'],
  [LayoutMismatchError, 'LayoutMismatchError'],
  [TruncatedSnapshotError, 'TruncatedSnapshotError'],
  [ChecksumMismatchError, 'ChecksumMismatchError'],
  [SnapshotOutOfRangeError, 'SnapshotOutOfRangeError'],
  [SizeMismatchError, 'SizeMismatchError'],
  [UnsealedSnapshotError, 'UnsealedSnapshotError'],
  [BaseMismatchError, 'BaseMismatchError'],
  [CorruptSnapshotError, 'CorruptSnapshotError'],
];

export function slotErrorName(err: unknown): string {
  for (const [cls, name] of known) if (err instanceof cls) return name;
  return errorClassName(err);
}
