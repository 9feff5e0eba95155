// Scratch engines: each snapshot is decoded by restoring it into a fresh engine whose state region
// has the snapshot's size, so the core's own validation (checksums, layout id, every allocator's
// check()) vouches for what the tool then reads. One engine per region size, reused within a command.
import { createEngine, OpenClawError, type Engine } from '@openclaw/memory-sdk';

import { InvalidInputError } from '../shared/errors.js';

// The scratch engine's own slab and frame arena are overwritten by every restore; keep them small
// so that a small region still has room for them.
const SCRATCH_SLAB_BYTES = 16 * 1024;
const SCRATCH_FRAME_BYTES = 16 * 1024;
const SMALL_STATE = 256 * 1024;

export class Scratch {
  private readonly engines = new Map<number, Engine>();
  private buildLayoutId: bigint | null = null;

  /** An engine whose state region has exactly `stateSize` bytes. */
  async engine(stateSize: number): Promise<Engine> {
    const known = this.engines.get(stateSize);
    if (known !== undefined) return known;
    let engine: Engine;
    try {
      engine = await createEngine({
        regions: { state: stateSize, frame: SCRATCH_FRAME_BYTES },
        slab: { bytes: Math.min(SCRATCH_SLAB_BYTES, Math.floor(stateSize / 2)) },
      });
    } catch (err) {
      // A status from the core means this region size cannot be had (too small, too large); anything
      // else (the wasm build missing) is not about the input.
      if (!(err instanceof OpenClawError) || err.status <= 0) throw err;
      throw new InvalidInputError(err.name, `cannot make a scratch engine with a ${stateSize}-byte state region: ${err.message}`);
    }
    if (engine.regions.state.size !== stateSize) {
      engine.destroy();
      throw new InvalidInputError('SizeMismatchError', `a region of ${stateSize} bytes cannot be made (the core rounds it to ${engine.regions.state.size})`);
    }
    this.engines.set(stateSize, engine);
    return engine;
  }

  /** Any engine, for the calls that need an instance but no particular region (inspect, verify). */
  async any(): Promise<Engine> {
    const first = this.engines.values().next();
    return first.done === true ? this.engine(SMALL_STATE) : first.value;
  }

  /** The layout id of the core this tool runs (what its snapshots carry). */
  async layoutId(): Promise<bigint> {
    if (this.buildLayoutId === null) {
      const engine = await this.any();
      this.buildLayoutId = engine.inspectSnapshot(engine.capture({ seal: false })).layoutId;
    }
    return this.buildLayoutId;
  }

  destroy(): void {
    for (const engine of this.engines.values()) engine.destroy();
    this.engines.clear();
  }
}
