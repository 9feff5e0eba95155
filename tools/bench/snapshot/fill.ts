// A state region filled by allocator traffic until every page is non-zero: the snapshot benchmarks'
// scene in the wasm build (native-legacy/bench/snapshot_workload.cpp makes the same kind of scene
// natively). The pool takes what the slab leaves; every block is written with bytes that are never
// zero; a quarter of each is freed again (a release build leaves freed bytes as they were).
import type { Engine } from '../../../engine/index.js';

const SLOT = 64;

/** xorshift32 (Marsaglia 2003): the same choices every run. */
export class XorShift {
  constructor(private x = 0x9e3779b9) {}
  next(): number {
    let x = this.x;
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    this.x = x >>> 0;
    return this.x;
  }
  below(n: number): number {
    return Math.floor((this.next() / 0x1_0000_0000) * n);
  }
}

function write(engine: Engine, offset: number, length: number, rng: XorShift): void {
  const bytes = engine.regions.state.bytes(); // a fresh view: memory may have grown
  for (let i = 0; i < length; i++) bytes[offset + i] = (rng.next() & 0xff) | 1;
}

export interface FillReport {
  used: number;
  pages: number;
  zeroPages: number;
  poolSlots: number;
  slabBlocks: number;
  /** The pool's slot storage, for benchmarks that change "game state" pages. */
  slots: { offset: number; bytes: number };
}

export function fillState(engine: Engine): FillReport {
  const region = engine.regions.state;
  const rng = new XorShift();
  const capacity = Math.floor((region.size - region.used - 64 * 1024) / (SLOT + 8));
  const pool = engine.createPool({ name: 'bench.fill', slotSize: SLOT, align: 16, capacity });
  const handles = Array.from(pool.allocMany(capacity));
  for (const h of handles) write(engine, pool.offsetOf(h as Parameters<typeof pool.offsetOf>[0]), SLOT, rng);

  const blocks: Array<[number, number]> = [];
  for (let misses = 0; misses < 64;) {
    // One in eight above the largest slab class: the TLSF fallback, whose map is slab metadata.
    const size = rng.below(8) === 0 ? 4097 + rng.below(12288) : 16 + rng.below(4096 - 16);
    let offset: number;
    try {
      offset = engine.slab.alloc(size);
    } catch {
      misses++;
      continue;
    }
    write(engine, offset, size, rng);
    blocks.push([offset, size]);
  }
  for (let i = 0; i < handles.length / 4; i++) {
    const j = rng.below(handles.length);
    const h = handles[j];
    if (h !== 0 && h !== undefined) pool.free(h as Parameters<typeof pool.free>[0]);
    handles[j] = 0;
  }
  for (let i = 0; i < blocks.length / 4; i++) {
    const j = rng.below(blocks.length);
    const b = blocks[j]!;
    if (b[0] !== 0) engine.slab.free(b[0], b[1]);
    b[0] = 0;
  }

  const used = region.used;
  const bytes = region.bytes();
  const words = new Uint32Array(bytes.buffer, bytes.byteOffset, used >> 2);
  let zeroPages = 0;
  const pages = Math.ceil(used / 4096);
  for (let p = 0; p < pages; p++) {
    let zero = true;
    for (let w = p * 1024; w < Math.min((p + 1) * 1024, words.length) && zero; w++) zero = words[w] === 0;
    if (zero) zeroPages++;
  }
  return {
    used, pages, zeroPages, poolSlots: capacity, slabBlocks: blocks.length,
    slots: { offset: pool.slotsOffset, bytes: capacity * pool.slotSize },
  };
}
