// SnapshotStore behaviour shared by the memory and directory backends: round trips through a real
// engine, versions and conflicts, history, export/import with the core's validation, delete.
import { describe, expect, test } from 'vitest';
import { InvalidArgumentError } from '../../../engine/index.js';
import {
  BadMagicError, ChecksumMismatchError, CorruptSnapshotError, TruncatedSnapshotError, UnsealedSnapshotError,
} from '../../../engine/snapshot/errors.js';
import { SaveConflictError, SlotNotFoundError } from '../../../engine/snapshot/store-errors.js';
import type { SnapshotStore, SnapshotStoreOptions } from '../../../engine/snapshot/store.js';
import { busyEngine, emptyEngine, flipped, rejectsWith, store, tempDir } from './store-support.js';
import { expectSameBytes } from '../support/engine.js';

const backends: [string, () => Promise<SnapshotStoreOptions>][] = [
  ['memory', async () => ({ backend: 'memory' })],
  ['directory', async () => ({ backend: 'directory', directory: await tempDir() })],
  ['directory, uncompressed', async () => ({ backend: 'directory', directory: await tempDir(), compress: false })],
];

describe.each(backends)('%s backend', (_name, optionsFor) => {
  const open = async (extra: SnapshotStoreOptions = {}): Promise<SnapshotStore> => store({ ...(await optionsFor()), ...extra });

  test('save an engine, load it back, restore it into another engine: identical state', async () => {
    const s = await open();
    const source = await busyEngine(1);
    const before = source.checksum();
    const info = await s.save('slot 1', source, { meta: { level: 'harbour', lives: 3 } });
    expect(info).toMatchObject({ slot: 'slot 1', version: 1, frame: 1001n, meta: { level: 'harbour', lives: 3 } });
    expect(info.snapshotBytes).toBeGreaterThan(0);
    expect(info.storedBytes).toBeGreaterThan(0);
    expect(info.savedAt).toBeGreaterThan(Date.now() - 60_000);

    const { bytes, info: loaded } = await s.load('slot 1');
    expect(loaded).toEqual(info);
    expect(bytes.length).toBe(info.snapshotBytes);
    // What the store keeps is exactly the engine's own sealed snapshot.
    expectSameBytes(bytes, source.snapshot());

    const target = await emptyEngine();
    expect(target.checksum()).not.toBe(before);
    target.restore(bytes);
    expect(target.checksum()).toBe(before);
    target.check();
    expect(target.frameNumber).toBe(1001n);
  });

  test('versions: the default expectation is the last version seen; a stale or wrong one conflicts and writes nothing', async () => {
    const s = await open();
    const a = await busyEngine(2);
    const b = await busyEngine(3);
    expect((await s.save('main', a)).version).toBe(1);
    expect((await s.save('main', b)).version).toBe(2); // expected 1: the version this store saw

    const conflict = await rejectsWith(s.save('main', a, { expectedVersion: 1 }), SaveConflictError);
    expect(conflict).toMatchObject({ slot: 'main', expected: 1, found: 2, code: 'SaveConflict' });
    const absent = await rejectsWith(s.save('main', a, { expectedVersion: 'absent' }), SaveConflictError);
    expect(absent).toMatchObject({ expected: 'absent', found: 2 });
    const history = await s.history('main');
    expect(history.map((h) => h.version)).toEqual([2, 1]);
    expectSameBytes((await s.load('main')).bytes, b.snapshot());

    expect((await s.save('main', a, { expectedVersion: 'any' })).version).toBe(3);
    expect((await s.save('main', b, { expectedVersion: 3 })).version).toBe(4);
    await rejectsWith(s.save('fresh', a, { expectedVersion: 1 }), SaveConflictError);
    expect(await s.list()).toHaveLength(1);
  });

  test('history keeps the newest saves (3 by default, configurable); older versions are gone', async () => {
    const s = await open();
    const snaps: Uint8Array[] = [];
    for (let i = 0; i < 5; i++) {
      const engine = await busyEngine(10 + i);
      snaps.push(engine.snapshot());
      await s.save('h', engine);
    }
    const history = await s.history('h');
    expect(history.map((h) => h.version)).toEqual([5, 4, 3]);
    expect(history.map((h) => h.frame)).toEqual([1014n, 1013n, 1012n]);
    for (const v of [3, 4, 5]) expectSameBytes((await s.load('h', { version: v })).bytes, snaps[v - 1]!);
    const gone = await rejectsWith(s.load('h', { version: 2 }), SlotNotFoundError);
    expect(gone).toMatchObject({ slot: 'h', version: 2 });

    const one = await open({ history: 1 });
    await one.save('x', await busyEngine(20));
    await one.save('x', await busyEngine(21));
    expect((await one.history('x')).map((h) => h.version)).toEqual([2]);
  });

  test('list shows the latest save of each slot, by name', async () => {
    const s = await open();
    await s.save('beta', await busyEngine(30));
    await s.save('alpha', await busyEngine(31));
    await s.save('beta', await busyEngine(32));
    const list = await s.list();
    expect(list.map((i) => [i.slot, i.version, i.frame])).toEqual([['alpha', 1, 1031n], ['beta', 2, 1032n]]);
  });

  test('export gives the sealed snapshot; import verifies it through the core and stores it', async () => {
    const s = await open();
    const source = await busyEngine(40);
    await s.save('orig', source);
    const file = await s.exportSlot('orig');
    expectSameBytes(file, source.snapshot());

    const imported = await s.importFile('copy', new Blob([file as Uint8Array<ArrayBuffer>]), { meta: { from: 'file' } });
    expect(imported).toMatchObject({ slot: 'copy', version: 1, frame: 1040n, snapshotBytes: file.length, meta: { from: 'file' } });
    expectSameBytes((await s.load('copy')).bytes, file);
    // A Uint8Array given to save() is copied: changing it afterwards changes nothing stored.
    const raw = source.snapshot();
    await s.save('raw', raw);
    raw.fill(0);
    expectSameBytes((await s.load('raw')).bytes, file);
  });

  test('a damaged, truncated, unsealed or foreign file is refused with its typed error; the previous save stays', async () => {
    const s = await open();
    const first = await busyEngine(50);
    await s.save('keep', first);
    const good = first.snapshot();
    const second = (await busyEngine(51)).snapshot();

    await rejectsWith(s.importFile('keep', flipped(second, second.length - 1, 3)), ChecksumMismatchError);
    await rejectsWith(s.importFile('keep', flipped(second, 24, 0)), ChecksumMismatchError); // the frame field: only the whole-file checksum catches it
    await rejectsWith(s.importFile('keep', second.subarray(0, second.length - 8)), TruncatedSnapshotError);
    await rejectsWith(s.importFile('keep', (await busyEngine(52)).capture({ seal: false })), UnsealedSnapshotError);
    await rejectsWith(s.importFile('keep', new TextEncoder().encode('not a snapshot at all, just some text')), BadMagicError);
    await rejectsWith(s.save('keep', flipped(second, second.length - 1, 3)), ChecksumMismatchError);

    expect((await s.history('keep')).map((h) => h.version)).toEqual([1]);
    expectSameBytes((await s.load('keep')).bytes, good);
    expect((await s.list()).map((i) => i.slot)).toEqual(['keep']);

    // The same file, undamaged, is accepted over it.
    expect((await s.importFile('keep', second)).version).toBe(2);
  });

  test('a file whose checksums match but whose allocator metadata is broken is refused (full validation, not just verify)', async () => {
    const s = await open();
    const engine = await busyEngine(53);
    await s.save('keep', engine);
    const unsealed = engine.capture({ seal: false });
    const pool = engine.inspectSnapshot(unsealed).chunks.find((c) => c.kind === 'ALOC');
    if (!pool) throw new Error('the snapshot has no allocator chunk');
    // Garble the allocator's header, then seal: every checksum is right, the metadata is not.
    for (let i = 0; i < 16; i++) unsealed[pool.offset + i] = 0xa5;
    const forged = engine.sealSnapshot(unsealed);
    engine.verifySnapshot(forged); // checksums alone accept it
    await rejectsWith(s.importFile('keep', forged), CorruptSnapshotError);
    await rejectsWith(s.save('keep', forged), CorruptSnapshotError);
    expectSameBytes((await s.load('keep')).bytes, engine.snapshot());
    expect((await s.history('keep')).map((h) => h.version)).toEqual([1]);
  });

  test('save() of raw bytes accepts an unsealed capture and seals it', async () => {
    const s = await open();
    const engine = await busyEngine(55);
    const unsealed = engine.capture({ seal: false });
    await s.save('u', unsealed);
    expectSameBytes((await s.load('u')).bytes, engine.snapshot());
  });

  test('delete removes the slot and its history; its versions are never reused', async () => {
    const s = await open();
    await s.save('d', await busyEngine(60));
    await s.save('d', await busyEngine(61));
    await rejectsWith(s.delete('d', { expectedVersion: 1 }), SaveConflictError);
    await s.delete('d');
    expect(await s.list()).toEqual([]);
    expect(await s.history('d')).toEqual([]);
    await rejectsWith(s.load('d'), SlotNotFoundError);
    await rejectsWith(s.load('d', { version: 2 }), SlotNotFoundError);
    await rejectsWith(s.delete('d'), SlotNotFoundError);
    // Whoever still expects version 2 of the deleted slot conflicts; a new save starts after the tombstone.
    await rejectsWith(s.save('d', await busyEngine(62), { expectedVersion: 2 }), SaveConflictError);
    expect((await s.save('d', await busyEngine(63))).version).toBe(4);
  });

  test('bad arguments are InvalidArgumentError before anything is captured or written', async () => {
    const s = await open();
    const engine = await busyEngine(70);
    for (const name of ['', ' lead', '../up', 'a/b', 'x'.repeat(65), 'tab\there']) {
      await rejectsWith(s.save(name, engine), InvalidArgumentError);
    }
    await rejectsWith(s.save('ok', engine, { expectedVersion: 0 }), InvalidArgumentError);
    await rejectsWith(s.save('ok', engine, { meta: { f: () => 1 } as never }), InvalidArgumentError);
    await rejectsWith(s.save('ok', engine, { meta: { n: Number.NaN } }), InvalidArgumentError);
    await rejectsWith(s.save('ok', engine, { meta: { when: new Date() } as never }), InvalidArgumentError);
    await rejectsWith(s.save('ok', {} as never), InvalidArgumentError);
    await rejectsWith(s.save('ok', engine.capture({ base: engine.snapshot() })), InvalidArgumentError); // a delta
    await rejectsWith(store({ ...(await optionsFor()), history: 0 }), InvalidArgumentError);
    expect(await s.list()).toEqual([]);
  });
});

test('IndexedDB unavailable (Node has none): the store falls back to memory and says so', async () => {
  expect((globalThis as { indexedDB?: unknown }).indexedDB).toBeUndefined();
  const s = await store({ backend: 'indexeddb' });
  expect(s.backend).toBe('memory');
  expect(s.persistent).toBe(false);
  expect(s.reason).toMatch(/IndexedDB is not available/);
  expect(s.persisted).toBeUndefined();
  const engine = await busyEngine(80);
  await s.save('m', engine);
  expectSameBytes((await s.load('m')).bytes, engine.snapshot());
});

test('Node defaults to the directory backend', async () => {
  const dir = await tempDir();
  const s = await store({ directory: dir });
  expect(s.backend).toBe('directory');
  expect(s.persistent).toBe(true);
  expect(s.reason).toBeUndefined();
});

test('a closed store refuses every call', async () => {
  const s = await store({ backend: 'memory' });
  await s.close();
  const { StoreClosedError } = await import('../../../engine/snapshot/store-errors.js');
  await rejectsWith(s.list(), StoreClosedError);
  await rejectsWith(s.save('x', await busyEngine(90)), StoreClosedError);
});
