// Records an operation sequence in the replay format of native-legacy/memory/replay.h, to be run by
// engine.replay() (wasm) or the native `oc-replay` program; equal hashes show byte-identical builds.
// The recorder only encodes: keeping `n` indices valid (the live-list model) is the caller's job.

export const REPLAY_MAGIC = 0x5052434f; // "OCRP"
export const REPLAY_VERSION = 1;
export const REPLAY_HEADER_SIZE = 16;

export const ReplayOp = {
  CreatePool: 0x01,
  CreateSlab: 0x02,
  CreateArena: 0x03,
  PoolAlloc: 0x10,
  PoolFree: 0x11,
  PoolRefree: 0x12,
  SlabAlloc: 0x20,
  SlabFree: 0x21,
  SlabAllocRaw: 0x22,
  ArenaAlloc: 0x30,
  ArenaMark: 0x31,
  ArenaUnwind: 0x32,
  ArenaReset: 0x33,
  Write: 0x40,
} as const;

export class ReplayRecorder {
  private buf = new Uint8Array(1 << 16);
  private view = new DataView(this.buf.buffer);
  private len = REPLAY_HEADER_SIZE;
  private records = 0;
  private allocators = 0;

  constructor(readonly regionSize: number) {}

  get recordCount(): number {
    return this.records;
  }

  /** Each create returns the allocator's index (`a` in the other records). */
  createPool(slotSize: number, align: number, capacity: number): number {
    this.op(ReplayOp.CreatePool).u32(slotSize).u32(align).u32(capacity);
    return this.allocators++;
  }
  createSlab(arenaBytes: number, pageSize = 0, classSteps = 0): number {
    this.op(ReplayOp.CreateSlab).u32(arenaBytes).u32(pageSize).u32(classSteps);
    return this.allocators++;
  }
  createArena(bytes: number): number {
    this.op(ReplayOp.CreateArena).u32(bytes);
    return this.allocators++;
  }

  poolAlloc(a: number): this { return this.op(ReplayOp.PoolAlloc).u8(a); }
  poolFree(a: number, n: number): this { return this.op(ReplayOp.PoolFree).u8(a).u32(n); }
  poolRefree(a: number): this { return this.op(ReplayOp.PoolRefree).u8(a); }
  slabAlloc(a: number, size: number, align: number): this { return this.op(ReplayOp.SlabAlloc).u8(a).u32(size).u32(align); }
  slabFree(a: number, n: number, sized: boolean): this { return this.op(ReplayOp.SlabFree).u8(a).u32(n).u8(sized ? 1 : 0); }
  /** slab.allocRaw(): the block keeps the bytes its previous owner left (part of the hashed state). */
  slabAllocRaw(a: number, size: number, align: number): this { return this.op(ReplayOp.SlabAllocRaw).u8(a).u32(size).u32(align); }
  arenaAlloc(a: number, size: number, align: number): this { return this.op(ReplayOp.ArenaAlloc).u8(a).u32(size).u32(align); }
  arenaMark(a: number): this { return this.op(ReplayOp.ArenaMark).u8(a); }
  arenaUnwind(a: number, m: number): this { return this.op(ReplayOp.ArenaUnwind).u8(a).u32(m); }
  arenaReset(a: number): this { return this.op(ReplayOp.ArenaReset).u8(a); }
  /** Copies `bytes` (at most 65535) into live block n of allocator a, at byte `at` of the block. */
  write(a: number, n: number, at: number, bytes: Uint8Array): this {
    if (bytes.length > 0xffff) throw new RangeError('replay write: at most 65535 bytes per record');
    this.op(ReplayOp.Write).u8(a).u32(n).u32(at).u16(bytes.length);
    this.reserve(bytes.length);
    this.buf.set(bytes, this.len);
    this.len += bytes.length;
    return this;
  }

  /** The encoded sequence (header + records). */
  finish(): Uint8Array {
    const v = this.view;
    v.setUint32(0, REPLAY_MAGIC, true);
    v.setUint16(4, REPLAY_VERSION, true);
    v.setUint16(6, REPLAY_HEADER_SIZE, true);
    v.setUint32(8, this.regionSize, true);
    v.setUint32(12, this.records, true);
    return this.buf.slice(0, this.len);
  }

  private op(code: number): this {
    this.records++;
    return this.u8(code);
  }
  private reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let size = this.buf.length * 2;
    while (size < this.len + n) size *= 2;
    const next = new Uint8Array(size);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }
  private u8(x: number): this {
    this.reserve(1);
    this.view.setUint8(this.len, x);
    this.len += 1;
    return this;
  }
  private u16(x: number): this {
    this.reserve(2);
    this.view.setUint16(this.len, x, true);
    this.len += 2;
    return this;
  }
  private u32(x: number): this {
    this.reserve(4);
    this.view.setUint32(this.len, x, true);
    this.len += 4;
    return this;
  }
}
