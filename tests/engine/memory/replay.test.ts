import { describe, expect, it } from 'vitest';
import { InvalidArgumentError, REPLAY_MAGIC, ReplayRecorder } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

describe('ReplayRecorder and engine.replay', () => {
  it('encodes the header of replay.h', () => {
    const rec = new ReplayRecorder(65536);
    rec.createPool(16, 8, 4);
    rec.poolAlloc(0);
    const bytes = rec.finish();
    const v = new DataView(bytes.buffer);
    expect(v.getUint32(0, true)).toBe(REPLAY_MAGIC);
    expect(v.getUint16(4, true)).toBe(1);
    expect(v.getUint16(6, true)).toBe(16);
    expect(v.getUint32(8, true)).toBe(65536);
    expect(v.getUint32(12, true)).toBe(2);
    expect(bytes.length).toBe(16 + 13 + 2);
    expect(rec.recordCount).toBe(2);
  });

  it('hashes the same bytes as the same calls made through the ABI', async () => {
    const engine = await freshEngine();
    const size = 1 << 20;
    const rec = new ReplayRecorder(size);
    const p = rec.createPool(40, 8, 16);
    const s = rec.createSlab(256 * 1024);
    const a = rec.createArena(4096);
    rec.poolAlloc(p).poolAlloc(p).write(p, 1, 30, new Uint8Array([1, 2, 3])).poolFree(p, 0).poolRefree(p);
    rec.slabAlloc(s, 300, 16).slabAlloc(s, 5000, 128).write(s, 1, 4990, new Uint8Array([9, 9, 9, 9]));
    rec.write(s, 0, 10, new Uint8Array([4, 4])).slabFree(s, 0, true).slabAllocRaw(s, 290, 16); // keeps the 4s
    rec.arenaAlloc(a, 10, 4).arenaMark(a).arenaAlloc(a, 64, 64).write(a, 1, 0, new Uint8Array([5])).arenaUnwind(a, 0);
    rec.write(a, 0, 9, new Uint8Array([7]));
    const replayed = engine.replay(rec.finish());

    // The same calls, made one by one through the raw ABI in a region of the same size.
    const abi = engine.abi;
    const region = abi.oc_region_create(size, 0);
    const base = abi.oc_region_base(region);
    const u8 = () => abi.heap.u8;
    const pool = abi.oc_pool_create(region, 40, 8, 16);
    const slab = abi.oc_slab_create(region, 256 * 1024, 0, 0);
    const arena = abi.oc_arena_create(region, 4096);
    const h0 = abi.oc_pool_alloc(pool);
    const h1 = abi.oc_pool_alloc(pool);
    u8().set([1, 2, 3], base + abi.oc_pool_offset(pool, h1) + 30);
    expect(abi.oc_pool_free(pool, h0)).toBe(0);
    expect(abi.oc_pool_free(pool, h0)).not.toBe(0);
    const s0 = abi.oc_slab_alloc(slab, 300, 16);
    const s1 = abi.oc_slab_alloc(slab, 5000, 128);
    u8().set([9, 9, 9, 9], base + s1 + 4990);
    u8().set([4, 4], base + s0 + 10);
    expect(abi.oc_slab_free(slab, s0, 300)).toBe(0);
    expect(abi.oc_slab_alloc_raw(slab, 290, 16)).toBe(s0);
    expect([...u8().subarray(base + s0 + 10, base + s0 + 12)]).toEqual([4, 4]);
    const a0 = abi.oc_arena_alloc(arena, 10, 4);
    const m = abi.oc_arena_marker(arena);
    const a1 = abi.oc_arena_alloc(arena, 64, 64);
    u8()[base + a1] = 5;
    expect(abi.oc_arena_unwind(arena, m)).toBe(0);
    u8()[base + a0 + 9] = 7;
    const out = abi.malloc(8);
    expect(abi.oc_region_hash(region, out)).toBe(0);
    const direct = abi.heap.view.getBigUint64(out, true);
    abi.free(out);
    abi.oc_region_destroy(region);

    expect(replayed).toBe(direct);
  });

  it('refuses malformed sequences with InvalidArgumentError', async () => {
    const engine = await freshEngine();
    const good = new ReplayRecorder(65536);
    good.createPool(16, 8, 4);
    good.poolAlloc(0);
    const bytes = good.finish();
    engine.replay(bytes);
    expectThrows(() => engine.replay(bytes.subarray(0, bytes.length - 1)), InvalidArgumentError);
    expectThrows(() => engine.replay(new Uint8Array(0)), InvalidArgumentError);
    const bad = bytes.slice();
    bad[0] = 0;
    expectThrows(() => engine.replay(bad), InvalidArgumentError);
    const freeTooFar = new ReplayRecorder(65536);
    freeTooFar.createPool(16, 8, 4);
    freeTooFar.poolFree(0, 0);
    expectThrows(() => engine.replay(freeTooFar.finish()), InvalidArgumentError);
    engine.check();
  });
});
