// What every wrapper of one engine shares: the bound ABI, the heap views, the scratch buffer, and
// whether the engine is still alive. Internal to engine/memory.
import type { CoreAbi } from '../wasm/abi.js';
import type { CoreExports } from '../wasm/exports.js';
import type { Heap } from '../wasm/heap.js';
import { Scratch } from '../wasm/scratch.js';
import { EngineDestroyedError, errorForStatus, type ExhaustedKind, type OpenClawError } from './errors.js';

export class EngineContext {
  readonly raw: CoreExports;
  readonly heap: Heap;
  readonly scratch: Scratch;
  alive = true;

  constructor(readonly abi: CoreAbi) {
    this.raw = abi.raw;
    this.heap = abi.heap;
    this.scratch = new Scratch(abi.raw, abi.heap);
  }

  /** Throws EngineDestroyedError after destroy(). */
  ensureAlive(): void {
    if (!this.alive) throw new EngineDestroyedError();
  }

  /** The error for a failed call: EngineDestroyedError after destroy(), else the status's own class. */
  error(status: number, message: string, exhausted: ExhaustedKind = 'space'): OpenClawError {
    if (!this.alive) return new EngineDestroyedError();
    return errorForStatus(status, message, exhausted);
  }

  /** Throws the typed error of `status` unless it is Ok. */
  check(status: number, message: string, exhausted: ExhaustedKind = 'space'): void {
    if (status !== 0) throw this.error(status, message, exhausted);
  }

  /** The status of the last call (for calls that return 0 on failure). */
  lastStatus(): number {
    return this.raw.oc_last_status();
  }

  /** A u64 written by the core at `ptr` (little-endian lo, hi words). */
  readU64(ptr: number): bigint {
    return this.heap.view.getBigUint64(ptr, true);
  }
}

/** Whole-number argument check shared by the wrappers: an u32 the core can take. */
export function isU32(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 0xffff_ffff;
}

/** 64-bit totals arrive as (lo, hi) u32 words; they stay exact as numbers up to 2^53. */
export function u64Words(lo: number, hi: number): number {
  return hi * 0x1_0000_0000 + lo;
}
