import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CorruptStateError, WasmLoadError, createEngine, type Engine } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';

const wasmPath = createRequire(import.meta.url).resolve('#core-wasm');

async function smoke(engine: Engine): Promise<void> {
  try {
    const p = engine.createPool({ name: 'smoke', slotSize: 8, capacity: 2 });
    p.free(p.alloc());
    engine.check();
  } finally {
    engine.destroy();
  }
}

describe('createEngine', () => {
  it('sets up the default regions, slab and frame arena', async () => {
    const engine = await freshEngine();
    expect(engine.regions.state.size).toBe(16 << 20);
    expect(engine.regions.frame.size).toBe(1 << 20);
    expect(engine.slab.stats().arenaBytes).toBe(8 << 20);
    expect(engine.frame.stats().capacity).toBeGreaterThan((1 << 20) - 1024);
    expect(engine.abi.oc_abi_version()).toBe(6);
    expect(engine.abi.oc_allocator_kind(engine.slab.id)).toBe(0x42414c53); // 'SLAB'
    expect(engine.abi.oc_allocator_kind(engine.frame.id)).toBe(0x4e455241); // 'AREN'
    expect(engine.abi.oc_allocator_region(engine.slab.id)).toBe(engine.regions.state.id);
    expect(engine.memory).toBe(engine.abi.memory);
    // The hot path calls the instance's exports themselves, not JS wrappers of the glue.
    for (const fn of [engine.abi.raw.oc_pool_alloc, engine.abi.raw.oc_pool_free, engine.abi.raw.malloc]) {
      expect(Function.prototype.toString.call(fn)).toMatch(/\[native code\]/);
    }
    engine.check();
  });

  it('loads the wasm from bytes, an ArrayBuffer, a compiled Module, a file URL and a path', async () => {
    const bytes = await readFile(wasmPath);
    const arrayBuffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    const module = await WebAssembly.compile(bytes);
    for (const wasm of [new Uint8Array(bytes), arrayBuffer, module, pathToFileURL(wasmPath), pathToFileURL(wasmPath).href, wasmPath]) {
      await smoke(await createEngine({ wasm }));
    }
  });

  it('fails with WasmLoadError on a missing file, bytes that are not wasm, or a module that is not the core', async () => {
    await expect(createEngine({ wasm: '/nonexistent/openclaw_core.wasm' })).rejects.toBeInstanceOf(WasmLoadError);
    await expect(createEngine({ wasm: new Uint8Array([1, 2, 3, 4]) })).rejects.toBeInstanceOf(WasmLoadError);
    const empty = new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]);
    await expect(createEngine({ wasm: empty })).rejects.toBeInstanceOf(WasmLoadError);
  });

  it('gives each engine its own instance and memory', async () => {
    const a = await freshEngine();
    const b = await freshEngine();
    expect(a.memory).not.toBe(b.memory);
    const pa = a.createPool({ name: 'same', slotSize: 4, capacity: 4 });
    const pb = b.createPool({ name: 'same', slotSize: 4, capacity: 4 });
    pa.views.u32[0] = 123;
    pa.alloc();
    expect(pb.views.u32[0]).toBe(0);
    expect(pb.stats().live).toBe(0);
  });

  it('check() reports corruption of any allocator in its regions', async () => {
    const engine = await freshEngine();
    const pool = engine.createPool({ name: 'c', slotSize: 16, capacity: 8 });
    pool.alloc();
    engine.check();
    // Break the pool's live counter in its header (FixedPoolHeader.live at byte 48).
    const header = engine.abi.oc_allocator_header(pool.id);
    const view = new DataView(engine.regions.state.bytes().buffer, engine.regions.state.base + header, 80);
    view.setUint32(48, 5, true);
    expect(() => engine.check()).toThrow(CorruptStateError);
    expect(() => pool.check()).toThrow(CorruptStateError);
    view.setUint32(48, 1, true);
    engine.check();
  });

  it('returns the layout table of the wasm build', async () => {
    const engine = await freshEngine();
    const table = engine.layoutTable();
    expect(table).toMatch(/^RegionHeader\.magic 0 4$/m);
    expect(table).toMatch(/^FixedPoolHeader sizeof 80$/m);
    expect(table.endsWith('\n')).toBe(true);
  });
});

describe('engine.endFrame', () => {
  it('carries the frame counter from the low word into the high one, and refuses to pass the u64 maximum', async () => {
    const engine = await freshEngine();
    engine.frameNumber = 0xffff_fffen;
    engine.endFrame();
    expect(engine.frameNumber).toBe(0xffff_ffffn);
    engine.endFrame();
    expect(engine.frameNumber).toBe(0x1_0000_0000n);
    engine.endFrame();
    expect(engine.frameNumber).toBe(0x1_0000_0001n);
    engine.frameNumber = 0xffff_ffff_ffff_ffffn;
    expect(() => engine.endFrame()).toThrow(/u64 maximum/);
    expect(engine.frameNumber).toBe(0xffff_ffff_ffff_ffffn);
  });
});
