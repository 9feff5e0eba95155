// Zero-copy typed views over a pool's slot storage that stay valid when wasm memory grows: each getter
// checks whether the memory's buffer was replaced and re-derives its view if so. Index 0 of every view
// is the first byte of slot 0; slot i starts at byte i * stride (element i * stride / BYTES_PER_ELEMENT).
import type { Heap } from '../wasm/heap.js';

type ViewCtor<V> = new (buffer: ArrayBuffer, byteOffset: number, length: number) => V;

export class SlotViews {
  private buffer: ArrayBuffer | null = null;
  private u8View: Uint8Array | null = null;
  private u32View: Uint32Array | null = null;
  private i32View: Int32Array | null = null;
  private f32View: Float32Array | null = null;
  private f64View: Float64Array | null = null;

  /**
   * @param base address of slot 0 in linear memory
   * @param stride bytes per slot
   * @param byteLength bytes of slot storage (capacity * stride)
   */
  constructor(
    private readonly heap: Heap,
    readonly base: number,
    readonly stride: number,
    readonly byteLength: number,
  ) {}

  get u8(): Uint8Array {
    this.sync();
    return (this.u8View ??= this.make(Uint8Array, 1));
  }
  get u32(): Uint32Array {
    this.sync();
    return (this.u32View ??= this.make(Uint32Array, 4));
  }
  get i32(): Int32Array {
    this.sync();
    return (this.i32View ??= this.make(Int32Array, 4));
  }
  get f32(): Float32Array {
    this.sync();
    return (this.f32View ??= this.make(Float32Array, 4));
  }
  get f64(): Float64Array {
    this.sync();
    return (this.f64View ??= this.make(Float64Array, 8));
  }

  // Views are made lazily and dropped together when the memory's buffer changes.
  private sync(): void {
    const current = this.heap.current;
    if (current === this.buffer) return;
    this.buffer = current;
    this.u8View = this.u32View = this.i32View = this.f32View = this.f64View = null;
  }

  private make<V>(ctor: ViewCtor<V>, bytesPerElement: number): V {
    if (this.base % bytesPerElement !== 0) {
      throw new RangeError(`slot storage at ${this.base} is not ${bytesPerElement}-byte aligned: use a pool align of ${bytesPerElement} or more`);
    }
    return new ctor(this.heap.current, this.base, Math.floor(this.byteLength / bytesPerElement));
  }
}
