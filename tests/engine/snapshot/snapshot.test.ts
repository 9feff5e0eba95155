// Capture and restore through the TypeScript API on the real wasm core: byte-identical round trips,
// the same per-frame checksums after a restore as without one, deltas, and rejection of bad bytes
// with the specific error and the running state untouched.
import { describe, expect, it } from 'vitest';
import {
  BadMagicError, BaseMismatchError, ChecksumMismatchError, LayoutMismatchError, SizeMismatchError, SnapshotError,
  TruncatedSnapshotError, UnsealedSnapshotError, VersionTooNewError, VersionTooOldError, openSnapshotStore, type Engine,
} from '../../../engine/index.js';
import { expectSameBytes, expectThrows, freshEngine } from '../support/engine.js';
import { runFrames, World } from '../support/world.js';

const MiB = 1024 * 1024;

async function worldEngine(seed = 7, state = 2 * MiB): Promise<{ engine: Engine; world: World }> {
  const engine = await freshEngine({ regions: { state } });
  return { engine, world: new World(engine, seed) };
}

function stateBytes(engine: Engine): Uint8Array {
  return engine.regions.state.bytes().slice();
}

describe('snapshot round trip', () => {
  it('capture -> mutate -> restore gives back byte-identical state, and the pools keep working', async () => {
    const { engine, world } = await worldEngine();
    runFrames(engine, world, 120);
    const before = stateBytes(engine);
    const frame = engine.frameNumber;
    const snap = engine.snapshot();
    runFrames(engine, world, 50);
    expect(Buffer.compare(stateBytes(engine), before)).not.toBe(0);

    engine.restore(snap);
    expectSameBytes(stateBytes(engine), before);
    expect(engine.frameNumber).toBe(frame);
    engine.check();
    expect(engine.pools().map((p) => p.name)).toEqual(['world.globals', 'world.entities']);
    runFrames(engine, world, 10); // allocations and frees go on against the restored metadata
    engine.check();
  });

  it('restore then continue gives the same per-frame checksums as never having saved (3,000 frames)', async () => {
    const { engine, world } = await worldEngine(11);
    runFrames(engine, world, 200);
    const snap = engine.snapshot();
    const reference = runFrames(engine, world, 3000, (f) => f * 7);
    engine.restore(snap);
    const again = runFrames(engine, world, 3000, (f) => f * 7);
    expect(again).toEqual(reference);
    expect(new Set(reference).size).toBeGreaterThan(2900); // the state really changes every frame
  });

  it('skips zero pages: a fresh 16 MiB state snapshots to under 1% of it (its allocator metadata)', async () => {
    const engine = await freshEngine();
    const snap = engine.snapshot();
    const info = engine.inspectSnapshot(snap);
    expect(info.regionSize).toBe(16 * MiB);
    expect(snap.length).toBeLessThan(info.regionSize / 100);
    expect(info.pagesPresent).toBeLessThan(info.pageCount);
    expect(info.chunks.map((c) => c.kind)).toEqual(['REGN', 'ALOC', 'PAGE']);
  });

  it('the image hash in the header equals the sync checksum of the state it was taken from', async () => {
    const { engine, world } = await worldEngine(3);
    runFrames(engine, world, 40);
    const info = engine.inspectSnapshot(engine.snapshot());
    expect(info.imageHash).toBe(engine.checksum());
    expect(info.frame).toBe(40n);
    expect(info.sealed).toBe(true);
  });

  it('an unsealed capture is refused until sealed, and sealing gives the sealed capture byte for byte', async () => {
    const { engine, world } = await worldEngine(5);
    runFrames(engine, world, 30);
    const unsealed = engine.capture({ seal: false });
    expect(engine.inspectSnapshot(unsealed).sealed).toBe(false);
    expectThrows(() => engine.restore(unsealed), UnsealedSnapshotError);
    expectSameBytes(engine.sealSnapshot(unsealed), engine.snapshot());
  });
});

describe('the save path of the store', () => {
  it('a snapshot built by another instance from engine.captureImage() is byte-identical to engine.snapshot()', async () => {
    const { engine, world } = await worldEngine(17);
    runFrames(engine, world, 80);
    const image = engine.captureImage();
    expect(image.bytes.length).toBe(engine.regions.state.used);
    expect(image.regionSize).toBe(engine.regions.state.size);
    const store = await openSnapshotStore({ backend: 'memory' }); // its own core instance builds the snapshot
    try {
      await store.save('image', engine);
      expectSameBytes((await store.load('image')).bytes, engine.snapshot());
    } finally {
      await store.close();
    }
  });
});

describe('deltas', () => {
  it('holds only the changed pages, and applies to its base or to the running state', async () => {
    const { engine, world } = await worldEngine(9, 4 * MiB);
    runFrames(engine, world, 300);
    const base = engine.snapshot();
    runFrames(engine, world, 1);
    const after = stateBytes(engine);
    const delta = engine.capture({ base });
    const info = engine.inspectSnapshot(delta);
    expect(info.delta).toBe(true);
    expect(delta.length).toBeLessThan(base.length / 4);

    engine.restore(base);
    engine.restore(delta); // the running state is the base now
    expectSameBytes(stateBytes(engine), after);

    runFrames(engine, world, 5);
    engine.restore(delta, { base }); // explicit base, whatever runs now
    expectSameBytes(stateBytes(engine), after);
  });

  it('refuses a delta whose base is not the running state, changing nothing', async () => {
    const { engine, world } = await worldEngine(4);
    runFrames(engine, world, 50);
    const base = engine.snapshot();
    runFrames(engine, world, 2);
    const delta = engine.capture({ base });
    runFrames(engine, world, 3);
    const before = stateBytes(engine);
    expectThrows(() => engine.restore(delta), BaseMismatchError);
    expectSameBytes(stateBytes(engine), before);
  });
});

describe('bad snapshots are rejected with their own error and the state untouched', () => {
  async function setup(): Promise<{ engine: Engine; snap: Uint8Array; before: Uint8Array }> {
    const { engine, world } = await worldEngine(13);
    runFrames(engine, world, 60);
    const snap = engine.snapshot();
    runFrames(engine, world, 5);
    return { engine, snap, before: stateBytes(engine) };
  }

  function mutated(snap: Uint8Array, edit: (b: Uint8Array, v: DataView) => void): Uint8Array {
    const b = snap.slice();
    edit(b, new DataView(b.buffer));
    return b;
  }

  it.each([
    ['bad magic', BadMagicError, (b: Uint8Array) => { b[0] = b[0]! ^ 0xff; }],
    ['version too new', VersionTooNewError, (_b: Uint8Array, v: DataView) => { v.setUint16(6, 999, true); }],
    ['version too old', VersionTooOldError, (_b: Uint8Array, v: DataView) => { v.setUint16(4, 0, true); }],
    ['layout id', LayoutMismatchError, (_b: Uint8Array, v: DataView) => { v.setUint32(16, v.getUint32(16, true) ^ 1, true); }],
    ['a flipped payload bit', ChecksumMismatchError, (b: Uint8Array) => { b[b.length - 100] = b[b.length - 100]! ^ 0x10; }],
  ] as const)('%s', async (_what, type, edit) => {
    const { engine, snap, before } = await setup();
    expectThrows(() => engine.restore(mutated(snap, edit)), type);
    expectSameBytes(stateBytes(engine), before);
    engine.check();
  });

  it('truncation at every chunk boundary and in the header', async () => {
    const { engine, snap, before } = await setup();
    const info = engine.inspectSnapshot(snap);
    const cuts = [0, 3, 64, 127, 128, 128 + 32 * info.chunks.length - 1, ...info.chunks.map((c) => c.offset + 1), snap.length - 1];
    for (const cut of cuts) {
      const err = expectThrows(() => engine.restore(snap.subarray(0, cut)), SnapshotError);
      expect(err instanceof TruncatedSnapshotError || err instanceof BadMagicError, `cut at ${cut}: ${err.constructor.name}`).toBe(true);
    }
    expectSameBytes(stateBytes(engine), before);
  });

  it('a snapshot of a region of another size', async () => {
    const { engine, before } = await setup();
    const other = await freshEngine({ regions: { state: 1 * MiB } });
    expectThrows(() => engine.restore(other.snapshot()), SizeMismatchError);
    expectSameBytes(stateBytes(engine), before);
  });

  it('random damage never gets through: 2,000 mutated snapshots, every one rejected with a SnapshotError', async () => {
    const { engine, snap, before } = await setup();
    let seed = 1234567;
    const rnd = (n: number): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed % n; };
    for (let i = 0; i < 2000; i++) {
      const b = snap.slice();
      const flips = 1 + rnd(4);
      for (let k = 0; k < flips; k++) { const at = rnd(b.length); b[at] = b[at]! ^ (1 << rnd(8)); }
      expectThrows(() => engine.restore(b), SnapshotError);
    }
    expectSameBytes(stateBytes(engine), before);
    engine.check();
  });
});
