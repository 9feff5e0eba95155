// An idb-keyval UseStore whose readwrite transactions ask for durability 'strict' (idb-keyval's own
// createStore passes no options, and Chromium's default, 'relaxed', may report a transaction complete
// before its data reaches the disk). The database is opened up front, so that a failure to open is
// known when the store is opened (and the caller can fall back), not at the first save.
import { promisifyRequest, type UseStore } from 'idb-keyval';
import { StorageError } from '../store-errors.js';

export interface DurableStore {
  readonly use: UseStore;
  close(): void;
}

interface IdbGlobal {
  indexedDB?: IDBFactory;
}

function openDatabase(factory: IDBFactory, dbName: string, storeName: string): Promise<IDBDatabase> {
  const request = factory.open(dbName, 1);
  request.onupgradeneeded = () => {
    if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
  };
  return promisifyRequest(request);
}

/** Opens (creating if needed) `dbName` with one object store; StorageError (with the cause) if IndexedDB is unusable. */
export async function openDurableStore(dbName: string, storeName: string): Promise<DurableStore> {
  const factory = (globalThis as IdbGlobal).indexedDB;
  if (factory === undefined) throw new StorageError('IndexedDB is not available here');
  let dbp: Promise<IDBDatabase> | undefined;
  const connect = (): Promise<IDBDatabase> => {
    if (dbp) return dbp;
    const opening = openDatabase(factory, dbName, storeName);
    dbp = opening;
    opening.then(
      (db) => {
        // Another tab upgrading or deleting the database: let it, and reconnect on the next call.
        db.onversionchange = () => {
          db.close();
          if (dbp === opening) dbp = undefined;
        };
        // The browser closed the connection (storage cleared, disk error): reconnect on the next call.
        db.onclose = () => {
          if (dbp === opening) dbp = undefined;
        };
      },
      () => {
        if (dbp === opening) dbp = undefined;
      },
    );
    return opening;
  };
  try {
    await connect();
  } catch (err) {
    const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
    throw new StorageError(`IndexedDB could not open database "${dbName}" (${detail})`, { cause: err });
  }
  const use: UseStore = (txMode, callback) =>
    connect().then((db) =>
      callback(db.transaction(storeName, txMode, txMode === 'readwrite' ? { durability: 'strict' } : undefined).objectStore(storeName)),
    );
  return {
    use,
    close() {
      const current = dbp;
      dbp = undefined;
      void current?.then((db) => db.close(), () => undefined);
    },
  };
}
