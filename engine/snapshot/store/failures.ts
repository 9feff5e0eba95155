// Turns what a storage platform throws (a DOMException from IndexedDB, an errno error from the file
// system) into the store's typed errors, keeping the original as `cause`. Errors that are already
// the store's or the engine's own pass through unchanged.
import { OpenClawError } from '../../memory/errors.js';
import { StorageError, StorageQuotaError } from '../store-errors.js';

const QUOTA_CODES = new Set(['ENOSPC', 'EDQUOT']);

export function storageFailure(err: unknown, what: string): Error {
  if (err instanceof OpenClawError) return err;
  const name = (err as { name?: unknown } | null)?.name;
  const code = (err as { code?: unknown } | null)?.code;
  const detail = err instanceof Error || (err !== null && typeof err === 'object' && 'message' in err)
    ? `${String(name ?? 'Error')}: ${String((err as { message: unknown }).message)}`
    : String(err);
  if (name === 'QuotaExceededError' || (typeof code === 'string' && QUOTA_CODES.has(code))) {
    return new StorageQuotaError(`${what}: the storage quota or the disk is full (${detail}); the previous save is intact`, { cause: err });
  }
  return new StorageError(`${what}: ${detail}`, { cause: err });
}
