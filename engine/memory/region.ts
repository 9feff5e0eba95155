// Region: a block of linear memory with a header at offset 0, from which allocators carve their
// metadata and storage. Offsets are relative to `base`; bytes() is a fresh view (never cache it).
import type { EngineContext } from './context.js';

export class Region {
  /** @internal Use createEngine(): an engine creates its regions. */
  constructor(
    private readonly ctx: EngineContext,
    readonly name: string,
    /** The ABI's region id. */
    readonly id: number,
    /** Total bytes, header included (the requested size rounded up to 4 KiB). */
    readonly size: number,
    /** Address of offset 0 in linear memory (regions never move, memory growth keeps addresses). */
    readonly base: number,
  ) {}

  /** Bytes carved so far by the allocators of this region. */
  get used(): number {
    this.ctx.ensureAlive();
    return this.ctx.abi.oc_region_used(this.id);
  }

  /** A fresh zero-copy view of the whole region. Re-read it after any call that can allocate. */
  bytes(): Uint8Array {
    this.ctx.ensureAlive();
    return new Uint8Array(this.ctx.heap.current, this.base, this.size);
  }

  /** A fresh zero-copy view of [offset, offset + length) of the region. */
  slice(offset: number, length: number): Uint8Array {
    this.ctx.ensureAlive();
    if (!Number.isInteger(offset) || !Number.isInteger(length) || offset < 0 || length < 0 || offset + length > this.size) {
      throw new RangeError(`region ${this.name}: [${offset}, ${offset + length}) is outside its ${this.size} bytes`);
    }
    return new Uint8Array(this.ctx.heap.current, this.base + offset, length);
  }

  /** FNV-1a 64 of every byte (the cross-build comparison hash, not a snapshot checksum). */
  hash(): bigint {
    this.ctx.ensureAlive();
    const ptr = this.ctx.scratch.reserve(8);
    this.ctx.check(this.ctx.abi.oc_region_hash(this.id, ptr), `region ${this.name}: hash`);
    return this.ctx.readU64(ptr);
  }

  /** Validates the region header and every allocator in it; throws CorruptStateError (or the status's error). */
  check(): void {
    this.ctx.ensureAlive();
    this.ctx.check(this.ctx.abi.oc_region_check(this.id), `region ${this.name}: check`);
  }
}
