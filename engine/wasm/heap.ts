// Views over the whole linear memory that follow its growth. With ALLOW_MEMORY_GROWTH every view is
// detached when memory grows (TOOLCHAIN.md), so a getter compares the cached view's buffer with the
// memory's current one and re-derives the views when they differ. Callers read a view right before use
// and never keep one across a call into wasm that can allocate.

export class Heap {
  private buffer: ArrayBuffer;
  private u8View: Uint8Array;
  private u32View: Uint32Array;
  private dataView: DataView;

  constructor(readonly memory: WebAssembly.Memory) {
    this.buffer = memory.buffer;
    this.u8View = new Uint8Array(this.buffer);
    this.u32View = new Uint32Array(this.buffer);
    this.dataView = new DataView(this.buffer);
  }

  /** True when memory grew since the views were made (and refreshes them). */
  refresh(): boolean {
    const current = this.memory.buffer;
    if (current === this.buffer) return false;
    this.buffer = current;
    this.u8View = new Uint8Array(current);
    this.u32View = new Uint32Array(current);
    this.dataView = new DataView(current);
    return true;
  }

  get u8(): Uint8Array {
    this.refresh();
    return this.u8View;
  }

  get u32(): Uint32Array {
    this.refresh();
    return this.u32View;
  }

  get view(): DataView {
    this.refresh();
    return this.dataView;
  }

  /** The current ArrayBuffer of the memory (replaced on growth). */
  get current(): ArrayBuffer {
    this.refresh();
    return this.buffer;
  }

  /** Reads a NUL-terminated ASCII/UTF-8 string at an address. */
  cString(ptr: number, max = 4096): string {
    const u8 = this.u8;
    let end = ptr;
    while (end < u8.length && end - ptr < max && u8[end] !== 0) end++;
    // slice, not subarray: browsers refuse TextDecoder.decode on a view of a shared memory.
    return new TextDecoder().decode(u8.slice(ptr, end));
  }
}
