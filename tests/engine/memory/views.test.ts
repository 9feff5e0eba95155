import { describe, expect, it } from 'vitest';
import { freshEngine } from '../support/engine.js';

describe('SlotViews', () => {
  it('are over the slot storage: index 0 is slot 0, slot i starts at i * stride', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'v', slotSize: 32, align: 16, capacity: 64 });
    const views = pool.views;
    expect(views.stride).toBe(32);
    expect(views.base).toBe(engine.regions.state.base + pool.slotsOffset);
    expect(views.u8.length).toBe(64 * 32);
    expect(views.f64.length).toBe(64 * 4);
    const hs = pool.allocMany(10);
    for (const h of hs) {
      const i = pool.indexOf(h as never);
      views.f32[(i * 32) / 4] = i + 0.5;
      views.i32[(i * 32) / 4 + 1] = -(i + 1);
      views.f64[(i * 32) / 8 + 1] = i * 1e10;
    }
    for (const h of hs) {
      const off = pool.offsetOf(h as never);
      const dv = new DataView(engine.regions.state.bytes().buffer, engine.regions.state.base + off, 32);
      const i = pool.indexOf(h as never);
      expect(dv.getFloat32(0, true)).toBe(i + 0.5);
      expect(dv.getInt32(4, true)).toBe(-(i + 1));
      expect(dv.getFloat64(8, true)).toBe(i * 1e10);
      expect(views.u32[(i * 32) / 4 + 1]).toBe(-(i + 1) >>> 0);
    }
  });

  it('stay correct after wasm memory grows', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'g', slotSize: 16, capacity: 128 });
    const h = pool.alloc();
    const word = (pool.indexOf(h) * 16) / 4;
    pool.views.u32[word] = 0xdeadbeef;
    const oldView = pool.views.u32;
    const memoryBefore = engine.memory.buffer.byteLength;

    // A large region forces linear memory to grow: every old view is detached.
    const bigId = engine.abi.oc_region_create(256 * 1024 * 1024, 0);
    expect(bigId).not.toBe(0);
    expect(engine.memory.buffer.byteLength).toBeGreaterThan(memoryBefore);
    expect(oldView.length).toBe(0); // detached: the reason views must be re-derived

    expect(pool.views.u32[word]).toBe(0xdeadbeef);
    pool.views.u32[word + 1] = 7;
    expect(engine.regions.state.slice(pool.offsetOf(h) + 4, 4)).toEqual(new Uint8Array([7, 0, 0, 0]));
    // Batch calls after growth use fresh views of the scratch buffer too.
    const many = pool.allocMany(100);
    expect(new Set(many).size).toBe(100);
    pool.freeMany(many);
    expect(pool.stats().live).toBe(1);
    expect(engine.abi.oc_region_destroy(bigId)).toBe(0);
    pool.check();
    engine.check();
  });
});
