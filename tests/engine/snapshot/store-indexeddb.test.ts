// The IndexedDB backend's transaction logic in Node, over fake-indexeddb (an implementation of the
// IndexedDB spec in JavaScript). What only a browser can show (quota, durability on disk, reloads,
// two tabs) is tested in Chromium: tests/e2e/snapshot-store.spec.ts.
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import { createStore, entries, get, keys } from 'idb-keyval';
import { afterEach, beforeEach, expect, test, vi } from 'vitest';
import { SaveConflictError, StorageError } from '../../../engine/snapshot/store-errors.js';
import { busyEngine, store } from './store-support.js';
import { expectSameBytes } from '../support/engine.js';

type Globals = { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange };
const g = globalThis as Globals;

beforeEach(() => {
  g.indexedDB = new IDBFactory(); // a fresh, empty "browser profile" per test
  g.IDBKeyRange = IDBKeyRange;
});

afterEach(() => {
  vi.restoreAllMocks();
  delete g.indexedDB;
  delete g.IDBKeyRange;
});

const raw = () => createStore('openclaw-snapshots', 'snapshots');

async function dataKeys(): Promise<string[]> {
  return (await keys<IDBValidKey[]>(raw())).filter((k) => k[0] === 'data').map((k) => k.slice(1).join('@')).sort();
}

test('opens IndexedDB (no fallback) and round-trips saves', async () => {
  const s = await store({ backend: 'indexeddb' });
  expect(s.backend).toBe('indexeddb');
  expect(s.persistent).toBe(true);
  expect(s.reason).toBeUndefined();
  const engine = await busyEngine(1);
  const info = await s.save('one', engine, { meta: { a: [1, 2] } });
  expect(info).toMatchObject({ version: 1, frame: 1001n, meta: { a: [1, 2] } });
  expectSameBytes((await s.load('one')).bytes, engine.snapshot());
  // What is stored: the record under ['index', slot], the compressed bytes under ['data', slot, version].
  const record = await get<{ version: number; saves: { storedBytes: number }[] }>(['index', 'one'], raw());
  expect(record?.version).toBe(1);
  const stored = await get<Uint8Array>(['data', 'one', 1], raw());
  expect(stored).toBeInstanceOf(Uint8Array);
  expect(stored?.length).toBe(record?.saves[0]?.storedBytes);
});

test('every write is one readwrite transaction with durability "strict"', async () => {
  const s = await store({ backend: 'indexeddb' });
  const db = await new Promise<IDBDatabase>((resolve, reject) => {
    const r = g.indexedDB!.open('openclaw-snapshots');
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
  const proto = Object.getPrototypeOf(db) as IDBDatabase;
  db.close();
  const spy = vi.spyOn(proto, 'transaction');
  await s.save('d', await busyEngine(2));
  await s.delete('d');
  const writes = spy.mock.calls.filter((c) => c[1] === 'readwrite');
  expect(writes).toHaveLength(2);
  for (const call of writes) expect(call[2]).toEqual({ durability: 'strict' });
});

test('a conflict aborts the transaction: no data record is left behind', async () => {
  const s = await store({ backend: 'indexeddb' });
  const e = await busyEngine(3);
  await s.save('c', e);
  await expect(s.save('c', e, { expectedVersion: 'absent' })).rejects.toBeInstanceOf(SaveConflictError);
  await expect(s.save('c', e, { expectedVersion: 7 })).rejects.toBeInstanceOf(SaveConflictError);
  expect(await dataKeys()).toEqual(['c@1']);
});

test('history pruning and delete remove the data records in the same transaction', async () => {
  const s = await store({ backend: 'indexeddb', history: 2 });
  for (let i = 0; i < 4; i++) await s.save('h', await busyEngine(10 + i));
  expect(await dataKeys()).toEqual(['h@3', 'h@4']);
  await s.save('other', await busyEngine(20));
  await s.delete('h');
  expect(await dataKeys()).toEqual(['other@1']);
  const tombstone = await get<{ version: number; saves: unknown[] }>(['index', 'h'], raw());
  expect(tombstone).toMatchObject({ version: 5, saves: [] });
  expect((await s.list()).map((i) => i.slot)).toEqual(['other']);
});

test('two stores (two tabs) saving one slot at once: one wins, the other conflicts', async () => {
  const a = await store({ backend: 'indexeddb' });
  const b = await store({ backend: 'indexeddb' });
  const ea = await busyEngine(30);
  const eb = await busyEngine(31);
  for (let round = 1; round <= 4; round++) {
    await Promise.all([a.list(), b.list()]);
    const results = await Promise.allSettled([a.save('race', ea), b.save('race', eb)]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const lost = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    expect(lost?.reason).toBeInstanceOf(SaveConflictError);
    expect((await a.load('race')).info.version).toBe(round);
  }
  expect((await dataKeys()).length).toBe(3);
});

test('a damaged index record is a StorageError, not a crash or a silent skip', async () => {
  const s = await store({ backend: 'indexeddb' });
  await s.save('ok', await busyEngine(40));
  const all = await entries(raw());
  expect(all.length).toBe(2);
  const { set } = await import('idb-keyval');
  await set(['index', 'ok'], { format: 1, slot: 'ok', version: 'one', saves: [] }, raw());
  await expect(s.load('ok')).rejects.toBeInstanceOf(StorageError);
  await expect(s.save('ok', await busyEngine(41), { expectedVersion: 'any' })).rejects.toBeInstanceOf(StorageError);
});
