// One scratch buffer in linear memory for batch calls (allocMany, freeMany, walk, stats, hashes):
// taken from the module's malloc once and grown (freed and taken again, larger) only when a call
// needs more, so hot batch paths never allocate in wasm.
import type { CoreExports } from './exports.js';
import type { Heap } from './heap.js';

const MIN_BYTES = 4096;

export class Scratch {
  private ptr = 0;
  private bytes = 0;

  constructor(
    private readonly exports: CoreExports,
    private readonly heap: Heap,
  ) {}

  /** The address of at least `bytes` bytes, 8-byte aligned. Memory may grow here: re-read views after. */
  reserve(bytes: number): number {
    if (bytes <= this.bytes) return this.ptr;
    let size = Math.max(MIN_BYTES, this.bytes);
    while (size < bytes) size *= 2;
    if (this.ptr !== 0) this.exports.free(this.ptr);
    const ptr = this.exports.malloc(size) >>> 0;
    if (ptr === 0) {
      this.ptr = 0;
      this.bytes = 0;
      throw new RangeError(`scratch: the module's malloc refused ${size} bytes`);
    }
    this.ptr = ptr;
    this.bytes = size;
    return ptr;
  }

  /** A fresh Uint32Array over `words` words of the scratch (after reserve()). */
  words(words: number): Uint32Array {
    const ptr = this.reserve(words * 4); // first: it may grow memory and replace the buffer
    return new Uint32Array(this.heap.current, ptr, words);
  }

  /** Releases the buffer (engine.destroy()). */
  release(): void {
    if (this.ptr !== 0) this.exports.free(this.ptr);
    this.ptr = 0;
    this.bytes = 0;
  }
}
