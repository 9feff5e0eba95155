// What the player reads when a save, a load or an import fails: one sentence per error class that
// says what happened and what to do, never a stack or a status code. Matched with instanceof (the
// production build minifies class names). The state is untouched by every one of these failures.
import {
  BadMagicError, ChecksumMismatchError, CorruptSnapshotError, LayoutMismatchError, SizeMismatchError, SnapshotError,
  SnapshotOutOfRangeError, TruncatedSnapshotError, UnsealedSnapshotError, VersionTooNewError, VersionTooOldError,
} from '../../../engine/snapshot/errors.js';
import {
  PersistWorkerError, SaveConflictError, SlotNotFoundError, StorageError, StorageQuotaError, StoreClosedError,
} from '../../../engine/snapshot/store-errors.js';
import { InvalidArgumentError } from '../../../engine/memory/errors.js';

export type SaveAction = 'save' | 'load' | 'import' | 'export' | 'delete';

const failed: Record<SaveAction, string> = {
  save: 'Save failed',
  load: 'Load failed',
  import: 'Import failed',
  export: 'Export failed',
  delete: 'Delete failed',
};

/** One message for a failure of `action` on `slot`: "<what failed>: <why, and what to do>". */
export function saveErrorText(action: SaveAction, slot: string, err: unknown): string {
  return `${failed[action]} ("${slot}"): ${reason(action, err)}`;
}

function reason(action: SaveAction, err: unknown): string {
  if (err instanceof SaveConflictError) {
    return 'this slot was saved by another tab or window since this one last read it; nothing was written. Save again to overwrite it.';
  }
  if (err instanceof StorageQuotaError) {
    return 'the browser\'s storage is full (quota exceeded); nothing was written and the previous save is intact. Delete old saves or free disk space.';
  }
  if (err instanceof SlotNotFoundError) {
    return err.version === undefined ? 'there is no save in this slot.' : `this slot has no save with version ${err.version}.`;
  }
  if (err instanceof PersistWorkerError) {
    return 'the save worker stopped; the save may or may not have been written — the slot list shows which. Try again.';
  }
  if (err instanceof StoreClosedError) return 'the save store is closed; reload the page.';
  if (err instanceof StorageError) return `the browser's storage refused it (${err.message}). The previous save is intact.`;
  const file = action === 'import' ? 'this file' : 'this save';
  if (err instanceof VersionTooNewError) {
    return `${file} was made by a newer version of the game; update the game to load it. Nothing was changed.`;
  }
  if (err instanceof VersionTooOldError) return `${file} was made by a version of the game too old to read. Nothing was changed.`;
  if (err instanceof LayoutMismatchError) {
    return `${file} was made by a different build of the game (its memory layout differs). Nothing was changed.`;
  }
  if (err instanceof BadMagicError) return `${file} is not an OpenClaw snapshot (.clawsnap). Nothing was changed.`;
  if (err instanceof TruncatedSnapshotError) return `${file} is truncated (cut short). Nothing was changed.`;
  if (err instanceof ChecksumMismatchError) return `${file} is damaged (checksum mismatch). Nothing was changed.`;
  if (err instanceof UnsealedSnapshotError) return `${file} is incomplete (it was never sealed). Nothing was changed.`;
  if (err instanceof SizeMismatchError) return `${file} is for a game with another memory size. Nothing was changed.`;
  if (err instanceof SnapshotOutOfRangeError || err instanceof CorruptSnapshotError || err instanceof SnapshotError) {
    return `${file} is corrupt (${err.message}). Nothing was changed.`;
  }
  if (err instanceof InvalidArgumentError) return `${err.message}.`;
  return `${err instanceof Error ? err.message : String(err)}.`;
}
