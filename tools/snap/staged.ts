// Bytes copied into an engine's linear memory for raw ABI calls (engine.abi), freed afterwards.
// The engine's own methods stage their inputs themselves; the tool needs this only for the calls
// the engine does not wrap (a checksum of an arbitrary range, a slab walk).
import type { Engine } from '@openclaw/memory-sdk';

export function withMalloc<T>(engine: Engine, size: number, use: (ptr: number) => T): T {
  const ptr = engine.abi.malloc(Math.max(size, 8));
  if (ptr === 0) throw new Error(`the wasm core could not allocate ${size} bytes of scratch memory`);
  try {
    return use(ptr);
  } finally {
    engine.abi.free(ptr);
  }
}

/** XXH3-64 (seed 0), as the snapshot format defines its checksums, of each [offset, offset + size) of `bytes`. */
export function checksums(engine: Engine, bytes: Uint8Array, ranges: ReadonlyArray<{ offset: number; size: number }>): bigint[] {
  return withMalloc(engine, bytes.length + 16, (ptr) => {
    const out = ptr + Math.ceil(bytes.length / 8) * 8;
    engine.abi.heap.u8.set(bytes, ptr);
    return ranges.map(({ offset, size }) => {
      const status = engine.abi.oc_checksum64(ptr + offset, size, out);
      if (status !== 0) throw new Error(`oc_checksum64 failed: ${engine.abi.statusName(status)}`);
      return engine.abi.heap.view.getBigUint64(out, true);
    });
  });
}
