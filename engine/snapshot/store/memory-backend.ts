// The memory backend: a Map per page (or per worker). Used where IndexedDB is unavailable or failed
// to open, and in tests. Each step is synchronous, hence atomic; nothing survives a reload.
import { StorageError, type ExpectedVersion } from '../store-errors.js';
import type { SlotBackend } from './backend.js';
import { applyDelete, applySave } from './records.js';
import type { CommitRequest, SlotRecord, StoreDescription, StoredSave } from './types.js';

export class MemoryBackend implements SlotBackend {
  readonly description: StoreDescription;
  private readonly slots = new Map<string, SlotRecord>();
  private readonly blobs = new Map<string, Uint8Array>();

  constructor(reason?: string) {
    this.description = { backend: 'memory', persistent: false, reason };
  }

  commit(request: CommitRequest, data: Uint8Array): Promise<StoredSave> {
    try {
      const { record, save, dropped } = applySave(this.slots.get(request.slot), request);
      this.blobs.set(key(request.slot, save.version), data);
      for (const v of dropped) this.blobs.delete(key(request.slot, v));
      this.slots.set(request.slot, record);
      return Promise.resolve(save);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  remove(slot: string, expected: ExpectedVersion): Promise<number> {
    try {
      const { record, dropped } = applyDelete(this.slots.get(slot), slot, expected);
      for (const v of dropped) this.blobs.delete(key(slot, v));
      this.slots.set(slot, record);
      return Promise.resolve(record.version);
    } catch (err) {
      return Promise.reject(err);
    }
  }

  record(slot: string): Promise<SlotRecord | undefined> {
    const record = this.slots.get(slot);
    return Promise.resolve(record === undefined ? undefined : structuredClone(record));
  }

  records(): Promise<SlotRecord[]> {
    return Promise.resolve([...this.slots.values()].map((r) => structuredClone(r)).sort((a, b) => (a.slot < b.slot ? -1 : a.slot > b.slot ? 1 : 0)));
  }

  data(slot: string, version: number): Promise<Uint8Array> {
    const bytes = this.blobs.get(key(slot, version));
    if (bytes === undefined) return Promise.reject(new StorageError(`slot "${slot}" version ${version}: its data is missing`));
    return Promise.resolve(bytes.slice());
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}

function key(slot: string, version: number): string {
  return `${slot}\u0000${version}`;
}
