// RewindRing: the last frames of a region as an undo log of page pre-images in the core
// (native-legacy/snapshot/rewind_ring.h). push() once per frame; rewind(n) goes back n frames.
// Its memory is the caller's budget plus one shadow copy of the region's used bytes.
import { isU32, u64Words, type EngineContext } from '../memory/context.js';
import { InvalidArgumentError } from '../memory/errors.js';
import type { Region } from '../memory/region.js';
import { REWIND_STATS_WORDS } from '../wasm/exports.js';
import { snapshotError } from './errors.js';

export interface RewindStats {
  /** Frames that rewind() can go back. */
  framesHeld: number;
  /** Bytes of undo records held (never above budgetBytes). */
  bytesUsed: number;
  budgetBytes: number;
  /** Oldest frames dropped to stay within the budget. */
  framesDropped: number;
  oldestFrame: number;
  newestFrame: number;
  /** The shadow copy of the region (outside the budget). */
  shadowBytes: number;
  /** Pages that changed at the last push. */
  lastPushPages: number;
}

export class RewindRing {
  private ringId: number;

  /** @internal Use engine.enableRewind(). */
  constructor(private readonly ctx: EngineContext, readonly region: Region, readonly budgetBytes: number) {
    if (!isU32(budgetBytes) || budgetBytes === 0) throw new InvalidArgumentError(`rewind: budgetBytes must be a whole number > 0, got ${budgetBytes}`);
    this.ringId = ctx.abi.oc_rewind_create(region.id, budgetBytes);
    if (this.ringId === 0) throw snapshotError(ctx.lastStatus(), `rewind: create(${budgetBytes} bytes)`);
  }

  get destroyed(): boolean {
    return this.ringId === 0;
  }

  /** Records the frame: the pages that changed since the last push, with their previous bytes. */
  push(): void {
    this.live();
    const status = this.ctx.abi.oc_rewind_push(this.ringId);
    if (status !== 0) throw snapshotError(status, 'rewind: push');
  }

  /** Goes back `frames` pushes (1 = the state at the previous push). Throws and changes nothing if fewer are held. */
  rewind(frames: number): void {
    this.live();
    if (!isU32(frames)) throw new InvalidArgumentError(`rewind: frames must be a whole number >= 0, got ${frames}`);
    const status = this.ctx.abi.oc_rewind_rewind(this.ringId, frames);
    if (status !== 0) throw snapshotError(status, `rewind ${frames} frames (${this.stats().framesHeld} held)`);
  }

  stats(): RewindStats {
    this.live();
    const w = this.ctx.scratch.words(REWIND_STATS_WORDS);
    const status = this.ctx.abi.oc_rewind_stats(this.ringId, w.byteOffset);
    if (status !== 0) throw snapshotError(status, 'rewind: stats');
    const v = Array.from(w); // the call does not allocate: the view is still over the current buffer
    return {
      framesHeld: v[0]!, bytesUsed: v[1]!, budgetBytes: v[2]!, framesDropped: v[3]!,
      oldestFrame: u64Words(v[4]!, v[5]!), newestFrame: u64Words(v[6]!, v[7]!), shadowBytes: v[8]!, lastPushPages: v[9]!,
    };
  }

  destroy(): void {
    if (this.ringId === 0) return;
    if (this.ctx.alive) this.ctx.abi.oc_rewind_destroy(this.ringId);
    this.ringId = 0;
  }

  private live(): void {
    this.ctx.ensureAlive();
    if (this.ringId === 0) throw new InvalidArgumentError('rewind: the ring was destroyed (engine.disableRewind())');
  }
}
