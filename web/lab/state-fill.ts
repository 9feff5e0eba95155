// Makes the state region large: slab blocks of 64 KiB filled with random bytes (incompressible, so a
// save really writes that many bytes). Used to watch save times, and by the tests that close a page
// in the middle of a save or run out of quota.
import type { Engine } from './engine-types.js';

const BLOCK = 64 * 1024;

/** Fills about `kib` KiB of the state with random bytes; returns the bytes written. */
export function fillState(engine: Engine, kib: number): number {
  if (!Number.isInteger(kib) || kib <= 0) throw new RangeError(`fill: give a whole number of KiB > 0, got ${kib}`);
  const random = new Uint8Array(BLOCK);
  let written = 0;
  while (written < kib * 1024) {
    const size = Math.min(BLOCK, kib * 1024 - written);
    const offset = engine.slab.alloc(size);
    // getRandomValues takes at most 65,536 bytes per call, and never a view over wasm memory that may be shared.
    crypto.getRandomValues(random.subarray(0, size));
    engine.slab.bytes(offset, size).set(random.subarray(0, size));
    written += size;
  }
  return written;
}
