// What a storage backend does: keep slot records and the stored bytes of each save, and apply a save
// or a delete as one atomic step (records.ts decides what the step is; the backend makes it atomic).
// Bytes handed to a backend are its own; bytes it returns are the caller's.
import type { ExpectedVersion } from '../store-errors.js';
import type { CommitRequest, SlotRecord, StoreDescription, StoredSave } from './types.js';

export interface SlotBackend {
  readonly description: StoreDescription;
  /**
   * Atomically: read the slot's record, check the expected version (SaveConflictError, nothing
   * written), store `data` as the new save, update the record, delete the data of saves that fell
   * out of the history. Resolves once the step is durable as far as the backend can make it.
   */
  commit(request: CommitRequest, data: Uint8Array): Promise<StoredSave>;
  /** Atomically replaces the slot's record by a tombstone and deletes its data; resolves to the tombstone's version. */
  remove(slot: string, expected: ExpectedVersion): Promise<number>;
  /** The slot's record, or undefined if it never existed. */
  record(slot: string): Promise<SlotRecord | undefined>;
  /** Every slot record, tombstones included, ordered by slot name. */
  records(): Promise<SlotRecord[]>;
  /** The stored bytes of one save; StorageError if they are missing. */
  data(slot: string, version: number): Promise<Uint8Array>;
  close(): Promise<void>;
}
