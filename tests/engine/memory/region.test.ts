import { describe, expect, it } from 'vitest';
import { EngineDestroyedError, InvalidArgumentError, createEngine } from '../../../engine/index.js';
import { expectThrows, freshEngine } from '../support/engine.js';

// FNV-1a 64 computed in JS, to check the core's hash of a region's bytes independently.
function fnv1a64(bytes: Uint8Array): bigint {
  let h = 0xcbf29ce484222325n;
  for (const b of bytes) h = ((h ^ BigInt(b)) * 0x100000001b3n) & 0xffffffffffffffffn;
  return h;
}

describe('Region', () => {
  it('has a size rounded to pages, a 4 KiB-aligned base and a header at offset 0', async () => {
    const engine = await freshEngine({ regions: { state: 1_000_000, frame: 10_000 } });
    const { state, frame } = engine.regions;
    expect(state.name).toBe('state');
    expect(frame.name).toBe('frame');
    expect(state.size).toBe(Math.ceil(1_000_000 / 4096) * 4096);
    expect(frame.size).toBe(12_288);
    expect(state.base % 4096).toBe(0);
    expect(state.id).not.toBe(frame.id);
    const header = new DataView(state.bytes().buffer, state.base, 64);
    expect(header.getUint32(0, true)).toBe(0x4752434f); // "OCRG"
    expect(header.getUint32(8, true)).toBe(state.size);
    expect(header.getUint32(12, true)).toBe(state.used); // carve_top
    expect(state.bytes().length).toBe(state.size);
  });

  it('used grows as allocators carve, and the hash follows the bytes', async () => {
    const engine = await freshEngine({ regions: { state: 256 * 1024, frame: 8192 } });
    const state = engine.regions.state;
    const used = state.used;
    const h0 = state.hash();
    expect(h0).toBe(fnv1a64(state.bytes()));
    const pool = engine.createPool({ name: 'p', slotSize: 64, capacity: 100 });
    expect(state.used).toBeGreaterThanOrEqual(used + 6400);
    const h1 = state.hash();
    expect(h1).not.toBe(h0);
    const x = pool.alloc();
    state.slice(pool.offsetOf(x), 4).set([1, 2, 3, 4]);
    const h2 = state.hash();
    expect(h2).not.toBe(h1);
    expect(h2).toBe(fnv1a64(state.bytes()));
    state.check();
  });

  it('check() finds a corrupted header, and slice() refuses ranges outside the region', async () => {
    const engine = await freshEngine({ regions: { state: 64 * 1024, frame: 8192 } });
    const state = engine.regions.state;
    expect(() => state.slice(state.size - 4, 8)).toThrow(RangeError);
    expect(() => state.slice(-1, 1)).toThrow(RangeError);
    const bytes = state.bytes();
    bytes[0] = bytes[0]! ^ 0xff; // the magic
    expect(() => state.check()).toThrow(expect.objectContaining({ code: 'CorruptState' }));
    bytes[0] = bytes[0]! ^ 0xff;
    state.check();
  });

  it('rejects sizes that are not whole positive numbers', async () => {
    await expect(createEngine({ regions: { state: 0 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createEngine({ regions: { frame: -5 } })).rejects.toBeInstanceOf(InvalidArgumentError);
    await expect(createEngine({ regions: { state: 1.5 } })).rejects.toBeInstanceOf(InvalidArgumentError);
  });

  it('use after destroy: EngineDestroyedError', async () => {
    const engine = await freshEngine();
    const state = engine.regions.state;
    engine.destroy();
    expectThrows(() => state.used, EngineDestroyedError);
    expectThrows(() => state.bytes(), EngineDestroyedError);
    expectThrows(() => state.hash(), EngineDestroyedError);
    expectThrows(() => state.check(), EngineDestroyedError);
    expectThrows(() => engine.check(), EngineDestroyedError);
  });
});
