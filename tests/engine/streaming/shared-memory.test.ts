// The shared-memory core (createEngine({ sharedMemory: true })): its memory is a SharedArrayBuffer,
// and everything else behaves as on the plain core: pools, the resource cache, the layout table
// (read through a copy: browsers refuse TextDecoder on shared views), and snapshots, which restore
// across the two cores because their region layouts are the same.
import { describe, expect, it } from 'vitest';
import { resourceId } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';

describe('sharedMemory', () => {
  it('gives a SharedArrayBuffer memory with working pools and cache', async () => {
    const engine = await freshEngine({ sharedMemory: true, assets: { bytes: 2 << 20 } });
    expect(engine.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(engine.sharedMemory).toBe(true);
    expect(engine.cache.shared).toBe(true);
    expect(engine.abi.oc_abi_version()).toBe(6);

    const pool = engine.createPool({ name: 'things', slotSize: 16, capacity: 64 });
    const handles = Array.from({ length: 64 }, () => pool.alloc());
    for (const h of handles) pool.free(h);

    const id = resourceId('/shared/a.pid');
    const pin = engine.cache.insert(id, 4096);
    pin.bytes().fill(0xab);
    // A second view over the same SharedArrayBuffer (what a worker would hold) sees the bytes.
    const other = new Uint8Array(engine.memory.buffer as unknown as SharedArrayBuffer, pin.offset(), 4096);
    expect(other[0]).toBe(0xab);
    expect(other[4095]).toBe(0xab);
    pin.release();
    expect(engine.cache.acquire(id)!.bytes()[17]).toBe(0xab);

    // Growth keeps the memory shared and the cache's views valid once re-derived.
    const before = engine.memory.buffer.byteLength;
    const big = engine.abi.malloc(64 << 20);
    expect(big).not.toBe(0);
    expect(engine.memory.buffer.byteLength).toBeGreaterThan(before);
    expect(engine.memory.buffer).toBeInstanceOf(SharedArrayBuffer);
    expect(engine.cache.acquire(id)!.bytes()[4095]).toBe(0xab);
    engine.abi.free(big);
    engine.check();
  });

  it('reads the layout table, the same as the plain core', async () => {
    const shared = await freshEngine({ sharedMemory: true });
    const plain = await freshEngine();
    const table = shared.layoutTable();
    expect(table).toBe(plain.layoutTable());
    expect(table).toContain('CacheHeader sizeof 160\n');
    expect(table).toContain('AssetHeader sizeof 16\n');
    expect(table).toContain('CacheEntry.pins 24 4\n');
  });

  it('restores a snapshot of a shared engine into a plain one (same layout id), and back', async () => {
    const shared = await freshEngine({ sharedMemory: true });
    const plain = await freshEngine();
    for (const engine of [shared, plain]) engine.createPool({ name: 'p', slotSize: 8, capacity: 16 });
    const sp = shared.pool('p')!;
    const h = sp.alloc();
    sp.alloc();
    shared.frameNumber = 42n;
    const snapshot = shared.snapshot();
    expect(plain.inspectSnapshot(snapshot).layoutId).toBe(shared.inspectSnapshot(snapshot).layoutId);
    plain.restore(snapshot);
    expect(plain.frameNumber).toBe(42n);
    expect(plain.checksum()).toBe(shared.checksum());
    expect(plain.pool('p')!.stats().live).toBe(2);
    plain.pool('p')!.free(h);
    shared.restore(plain.snapshot());
    expect(shared.pool('p')!.stats().live).toBe(1);
    expect(shared.checksum()).toBe(plain.checksum());
  });
});
