// The directory backend (Node): several stores (as several processes would) on one folder, the lock,
// what is on disk after saves, what crashed writers leave behind, and damaged files.
import { readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ChecksumMismatchError } from '../../../engine/snapshot/errors.js';
import { SaveConflictError, StorageError } from '../../../engine/snapshot/store-errors.js';
import { slotFolder } from '../../../engine/snapshot/store/directory-backend.js';
import { busyEngine, rejectsWith, store, tempDir } from './store-support.js';
import { expectSameBytes } from '../support/engine.js';

describe('two stores on one directory', () => {
  test('each expects the version it last saw: a stale writer conflicts until it looks again', async () => {
    const directory = await tempDir();
    const a = await store({ directory });
    const b = await store({ directory });
    const e1 = await busyEngine(1);
    const e2 = await busyEngine(2);
    await a.save('slot', e1);
    const conflict = await rejectsWith(b.save('slot', e2), SaveConflictError);
    expect(conflict).toMatchObject({ expected: 'absent', found: 1 });
    expect((await b.list()).map((i) => i.version)).toEqual([1]); // b has now seen version 1
    expect((await b.save('slot', e2)).version).toBe(2);
    await rejectsWith(a.save('slot', e1), SaveConflictError); // a still expects 1
    expectSameBytes((await a.load('slot')).bytes, e2.snapshot());
    expect((await a.save('slot', e1)).version).toBe(3); // a saw 2 when it loaded
  });

  test('concurrent saves of one slot: exactly one wins each round, the other gets SaveConflictError', async () => {
    const directory = await tempDir();
    const a = await store({ directory });
    const b = await store({ directory });
    const ea = await busyEngine(10);
    const eb = await busyEngine(11);
    for (let round = 0; round < 8; round++) {
      await Promise.all([a.list(), b.list()]); // both have seen the same version
      const results = await Promise.allSettled([a.save('race', ea), b.save('race', eb)]);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      expect(lost[0]!.reason).toBeInstanceOf(SaveConflictError);
      const winner = results[0]!.status === 'fulfilled' ? ea : eb;
      const loaded = await a.load('race');
      expect(loaded.info.version).toBe(round + 1);
      expectSameBytes(loaded.bytes, winner.snapshot());
    }
  });

  test('a second store opened later sees every save (the directory is the whole state)', async () => {
    const directory = await tempDir();
    const first = await store({ directory });
    const engine = await busyEngine(20);
    await first.save('kept', engine, { meta: { note: 'reopened' } });
    await first.close();
    const again = await store({ directory });
    const list = await again.list();
    expect(list).toMatchObject([{ slot: 'kept', version: 1, frame: 1020n, meta: { note: 'reopened' } }]);
    expectSameBytes((await again.load('kept')).bytes, engine.snapshot());
  });
});

describe('on disk', () => {
  test('one folder per slot with index.json and the kept saves only; no lock or temporary file left', async () => {
    const directory = await tempDir();
    const s = await store({ directory });
    for (let i = 0; i < 5; i++) await s.save('Slot A', await busyEngine(30 + i));
    await s.save('slot a', await busyEngine(40)); // differs only in case: another folder
    expect((await readdir(directory)).sort()).toEqual([slotFolder('Slot A'), slotFolder('slot a')].sort());
    expect(slotFolder('Slot A')).toBe('%53lot%20%41');
    const files = (await readdir(join(directory, slotFolder('Slot A')))).sort();
    expect(files).toEqual(['index.json', 'v3.snap', 'v4.snap', 'v5.snap']);
    const index = JSON.parse(await readFile(join(directory, slotFolder('Slot A'), 'index.json'), 'utf8')) as { version: number; saves: { version: number }[] };
    expect(index.version).toBe(5);
    expect(index.saves.map((x) => x.version)).toEqual([5, 4, 3]);
    expect((await s.list()).map((i) => i.slot)).toEqual(['Slot A', 'slot a']);
  });

  test('what a crashed writer leaves (stale lock, temporary file, unreferenced data file) never hides or breaks a save', async () => {
    const directory = await tempDir();
    const s = await store({ directory });
    const first = await busyEngine(50);
    await s.save('crash', first);
    const dir = join(directory, slotFolder('crash'));
    const old = new Date(Date.now() - 3600_000);
    // A writer died after renaming its data into place but before replacing index.json...
    await writeFile(join(dir, 'v2.snap'), 'half of a save');
    // ...another while writing its temporary file, and another while holding the lock.
    await writeFile(join(dir, '.tmp-dead'), 'partial');
    await utimes(join(dir, '.tmp-dead'), old, old);
    await writeFile(join(dir, '.lock'), '');
    await utimes(join(dir, '.lock'), old, old);

    expectSameBytes((await s.load('crash')).bytes, first.snapshot()); // the index names only complete saves
    const second = await busyEngine(51);
    expect((await s.save('crash', second)).version).toBe(2); // breaks the stale lock, replaces the orphan
    expectSameBytes((await s.load('crash')).bytes, second.snapshot());
    expect((await readdir(dir)).sort()).toEqual(['index.json', 'v1.snap', 'v2.snap']);
  });

  test('a live lock makes a writer wait, then fail with StorageError and write nothing', async () => {
    const directory = await tempDir();
    const s = await store({ directory, lockTimeoutMs: 150 });
    await s.save('locked', await busyEngine(60));
    const dir = join(directory, slotFolder('locked'));
    await writeFile(join(dir, '.lock'), '');
    const started = Date.now();
    const err = await rejectsWith(s.save('locked', await busyEngine(61)), StorageError);
    expect(err.message).toMatch(/held by another writer/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect((await s.history('locked')).map((h) => h.version)).toEqual([1]);
    expect((await readdir(dir)).sort()).toEqual(['.lock', 'index.json', 'v1.snap']); // its temporary file is gone too
  });

  test('damaged stored files are refused with a typed error', async () => {
    const directory = await tempDir();
    const zipped = await store({ directory, compress: true });
    await zipped.save('gz', await busyEngine(70));
    const gzFile = join(directory, slotFolder('gz'), 'v1.snap');
    const gz = await readFile(gzFile);
    gz[gz.length - 6] = gz[gz.length - 6]! ^ 0xff; // inside the gzip trailer's CRC
    await writeFile(gzFile, gz);
    await rejectsWith(zipped.load('gz'), StorageError);

    const plain = await store({ directory, compress: false });
    await plain.save('raw', await busyEngine(71));
    const rawFile = join(directory, slotFolder('raw'), 'v1.snap');
    const raw = await readFile(rawFile);
    raw[raw.length - 1] = raw[raw.length - 1]! ^ 0x10;
    await writeFile(rawFile, raw);
    await rejectsWith(plain.load('raw'), ChecksumMismatchError);

    await writeFile(join(directory, slotFolder('raw'), 'index.json'), '{"format":1,"slot":"raw","version":"x"');
    await rejectsWith(plain.load('raw'), StorageError);
    await rejectsWith(plain.list(), StorageError);
  });
});
