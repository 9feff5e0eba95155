// Typed errors of the SnapshotStore. They are OpenClawErrors raised by the TypeScript layer alone
// (status -1) with a stable `code`, so callers catch exactly the failure they can handle: a conflict
// (reload and decide), a full disk or quota (free space), a missing slot, a dead persist worker.
//
// The quota error is named StorageQuotaError, not QuotaExceededError: the platform's DOMException of
// that name is what IndexedDB itself raises, and the two must not be confused in a catch or a log.
// Each class also sets `name` to a string literal: bundlers minify class names, and the lab shows it.
import { OpenClawError } from '../memory/errors.js';

/** What a save expected to replace: a version number, 'absent' (a new slot) or 'any' (overwrite). */
export type ExpectedVersion = number | 'absent' | 'any';

/** The slot's version when a save was attempted: its latest version, or 'absent' (never saved or deleted). */
export type FoundVersion = number | 'absent';

/** Any failure of the store. */
export class StoreError extends OpenClawError {
  constructor(message: string, code: string, options?: ErrorOptions) {
    super(message, -1, code, options);
    this.name = 'StoreError';
  }
}

/** The slot changed since this store last saw it: nothing was written. */
export class SaveConflictError extends StoreError {
  readonly slot: string;
  readonly expected: ExpectedVersion;
  readonly found: FoundVersion;

  constructor(slot: string, expected: ExpectedVersion, found: FoundVersion) {
    super(
      `slot "${slot}": the save expected to replace ${describe(expected)} but the slot holds ${describe(found)}; nothing was written`,
      'SaveConflict',
    );
    this.name = 'SaveConflictError';
    this.slot = slot;
    this.expected = expected;
    this.found = found;
  }
}

/** The browser's storage quota or the disk is full (IndexedDB QuotaExceededError, ENOSPC, EDQUOT). The previous save is intact. */
export class StorageQuotaError extends StoreError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'QuotaExceeded', options);
    this.name = 'StorageQuotaError';
  }
}

/** Any other failure of the storage (IndexedDB, file system), with the platform's error as `cause`. The previous save is intact. */
export class StorageError extends StoreError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'Storage', options);
    this.name = 'StorageError';
  }
}

/** The slot (or the requested version of it) does not exist. */
export class SlotNotFoundError extends StoreError {
  readonly slot: string;
  readonly version: number | undefined;

  constructor(slot: string, version?: number) {
    super(version === undefined ? `slot "${slot}" does not exist` : `slot "${slot}" has no save with version ${version}`, 'SlotNotFound');
    this.name = 'SlotNotFoundError';
    this.slot = slot;
    this.version = version;
  }
}

/**
 * The persist worker died (an uncaught error in it, or it was terminated) while a call was pending.
 * A fresh worker serves the next call. The pending call's outcome is unknown: a save may or may not
 * have been committed (it is never torn); list() tells.
 */
export class PersistWorkerError extends StoreError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 'PersistWorker', options);
    this.name = 'PersistWorkerError';
  }
}

/** The store was closed; open a new one. */
export class StoreClosedError extends StoreError {
  constructor(message = 'the snapshot store was closed') {
    super(message, 'StoreClosed');
    this.name = 'StoreClosedError';
  }
}

function describe(v: ExpectedVersion | FoundVersion): string {
  if (v === 'absent') return 'no save (absent)';
  if (v === 'any') return 'any version';
  return `version ${v}`;
}
