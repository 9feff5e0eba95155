// The IndexedDB backend: one object store holding index records under ['index', slot] and stored
// saves under ['data', slot, version]. A save or a delete is one readwrite transaction (durability
// 'strict'): read the record, check the version, write the data and the record, delete the saves that
// fell out of the history. Nothing is visible until the transaction commits, and an abort (a conflict,
// a quota error, the page closing) leaves every key as it was: a slot is never torn.
import { get, promisifyRequest, type UseStore } from 'idb-keyval';
import { StorageError, type ExpectedVersion } from '../store-errors.js';
import type { SlotBackend } from './backend.js';
import { storageFailure } from './failures.js';
import { openDurableStore, type DurableStore } from './idb-store.js';
import { applyDelete, applySave, parseRecord } from './records.js';
import type { CommitRequest, SlotRecord, StoreDescription, StoredSave } from './types.js';

const STORE_NAME = 'snapshots';

const indexKey = (slot: string): IDBValidKey => ['index', slot];
const dataKey = (slot: string, version: number): IDBValidKey => ['data', slot, version];
// Every ['index', name] key: arrays sort after strings, so ['index', []] bounds all string names.
const ALL_INDEXES = (): IDBKeyRange => IDBKeyRange.bound(['index'], ['index', []]);

export class IndexedDbBackend implements SlotBackend {
  readonly description: StoreDescription = { backend: 'indexeddb', persistent: true, reason: undefined };

  private constructor(
    private readonly store: DurableStore,
    private readonly dbName: string,
  ) {}

  /** Opens the database; StorageError if IndexedDB is unavailable or refuses to open. */
  static async open(dbName: string): Promise<IndexedDbBackend> {
    return new IndexedDbBackend(await openDurableStore(dbName, STORE_NAME), dbName);
  }

  private get use(): UseStore {
    return this.store.use;
  }

  commit(request: CommitRequest, data: Uint8Array): Promise<StoredSave> {
    return this.step(`saving slot "${request.slot}"`, (store, prev) => {
      const { record, save, dropped } = applySave(prev, request);
      store.put(data, dataKey(request.slot, save.version));
      store.put(record, indexKey(request.slot));
      for (const v of dropped) store.delete(dataKey(request.slot, v));
      return save;
    }, request.slot);
  }

  remove(slot: string, expected: ExpectedVersion): Promise<number> {
    return this.step(`deleting slot "${slot}"`, (store, prev) => {
      const { record, dropped } = applyDelete(prev, slot, expected);
      store.put(record, indexKey(slot));
      for (const v of dropped) store.delete(dataKey(slot, v));
      return record.version;
    }, slot);
  }

  async record(slot: string): Promise<SlotRecord | undefined> {
    let value: unknown;
    try {
      value = await get(indexKey(slot), this.use);
    } catch (err) {
      throw storageFailure(err, `reading slot "${slot}"`);
    }
    return value === undefined ? undefined : parseRecord(value, slot);
  }

  async records(): Promise<SlotRecord[]> {
    let values: unknown[];
    try {
      values = await this.use('readonly', (store) => promisifyRequest(store.getAll(ALL_INDEXES())));
    } catch (err) {
      throw storageFailure(err, 'listing slots');
    }
    return values.map((v) => parseRecord(v, (v as { slot?: unknown } | null)?.slot as string));
  }

  async data(slot: string, version: number): Promise<Uint8Array> {
    let value: unknown;
    try {
      value = await get(dataKey(slot, version), this.use);
    } catch (err) {
      throw storageFailure(err, `reading slot "${slot}" version ${version}`);
    }
    if (!(value instanceof Uint8Array)) throw new StorageError(`slot "${slot}" version ${version}: its data is missing from database "${this.dbName}"`);
    return value;
  }

  close(): Promise<void> {
    this.store.close();
    return Promise.resolve();
  }

  /**
   * One readwrite transaction: get the slot's record, let `apply` queue its writes (or throw, which
   * aborts), and resolve with apply's result when the transaction completes. Written with request
   * events rather than awaits so that no promise scheduling can let the transaction end early.
   */
  private async step<T>(what: string, apply: (store: IDBObjectStore, prev: SlotRecord | undefined) => T, slot: string): Promise<T> {
    try {
      return await this.use('readwrite', (store) => new Promise<T>((resolve, reject) => {
        const tx = store.transaction;
        let result: { value: T } | undefined;
        let refusal: unknown;
        tx.oncomplete = () => (result ? resolve(result.value) : reject(new StorageError(`${what}: the transaction ended without a result`)));
        tx.onabort = () => reject(refusal ?? storageFailure(tx.error ?? new Error('transaction aborted'), what));
        const read = store.get(indexKey(slot));
        read.onsuccess = () => {
          try {
            const prev = read.result === undefined ? undefined : parseRecord(read.result, slot);
            result = { value: apply(store, prev) };
          } catch (err) {
            refusal = err;
            try {
              tx.abort();
            } catch {
              // Already finished: onabort or oncomplete reports it.
            }
          }
        };
      }));
    } catch (err) {
      throw storageFailure(err, what);
    }
  }
}
