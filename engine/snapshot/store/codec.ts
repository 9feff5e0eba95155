// The store's own instance of the wasm core, used to seal and verify snapshot bytes where the store
// runs (the persist worker in browsers, the caller's thread in Node), never on the engine's instance.
// Each call stages the bytes once in linear memory and runs every step on that copy.
//
// Untrusted bytes (an imported file, a Uint8Array given to save()) are also restored into a scratch
// region of this instance: that runs the full validation of engine.restore() (check() of the region
// and of every allocator in it), so a file that the engine would refuse is refused before it is stored.
import { EngineContext, isU32 } from '../../memory/context.js';
import { InvalidArgumentError } from '../../memory/errors.js';
import { bindAbi } from '../../wasm/abi.js';
import { SNAPSHOT_INFO_WORDS } from '../../wasm/exports.js';
import { loadCore, type WasmSource } from '../../wasm/loader.js';
import { snapshotError } from '../errors.js';
import { captureFromImage } from '../snapshot.js';

const FLAG_DELTA = 1;
const FLAG_UNSEALED = 2;
// Word indices of oc_snapshot_info's output (abi.h).
const INFO_FLAGS = 2;
const INFO_FRAME_LO = 6;
const INFO_FRAME_HI = 7;
const INFO_REGION_SIZE = 8;

export interface CheckedSnapshot {
  /** The sealed snapshot (the input array, sealed in place when it was not). */
  bytes: Uint8Array;
  frame: bigint;
}

export interface CheckOptions {
  /** Seal an unsealed snapshot instead of refusing it (UnsealedSnapshotError). */
  seal: boolean;
  /** Also restore it into a scratch region (full validation, as engine.restore() does). */
  deep: boolean;
}

export class SnapshotCodec {
  private scratchRegion = { id: 0, size: 0 };

  private constructor(private readonly ctx: EngineContext) {}

  static async open(wasm?: WasmSource): Promise<SnapshotCodec> {
    return new SnapshotCodec(new EngineContext(bindAbi(await loadCore(wasm))));
  }

  /**
   * Checks snapshot bytes and returns them sealed, with their frame. Throws the snapshot's typed error
   * (BadMagicError, ChecksumMismatchError, ...) or InvalidArgumentError for a delta (it cannot load alone).
   */
  check(bytes: Uint8Array, options: CheckOptions): CheckedSnapshot {
    const { ctx } = this;
    if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('a snapshot must be a Uint8Array');
    if (!isU32(bytes.length) || bytes.length === 0) throw new InvalidArgumentError(`a snapshot of ${bytes.length} bytes`);
    const infoAt = 0;
    const dataAt = SNAPSHOT_INFO_WORDS * 4 + 8;
    const base = ctx.scratch.reserve(dataAt + bytes.length);
    const ptr = base + dataAt;
    new Uint8Array(ctx.heap.current, ptr, bytes.length).set(bytes);

    const infoStatus = ctx.abi.oc_snapshot_info(ptr, bytes.length, base + infoAt);
    if (infoStatus !== 0) throw snapshotError(infoStatus, 'snapshot header');
    const info = new Uint32Array(ctx.heap.current, base + infoAt, SNAPSHOT_INFO_WORDS).slice();
    const flags = info[INFO_FLAGS]!;
    if (flags & FLAG_DELTA) throw new InvalidArgumentError('a delta snapshot cannot be stored: it only loads on top of its base');

    if (flags & FLAG_UNSEALED && options.seal) {
      const sealStatus = ctx.abi.oc_snapshot_seal(ptr, bytes.length);
      if (sealStatus !== 0) throw snapshotError(sealStatus, 'seal');
      bytes.set(new Uint8Array(ctx.heap.current, ptr, bytes.length));
    }
    const verifyStatus = ctx.abi.oc_snapshot_verify(ptr, bytes.length);
    if (verifyStatus !== 0) throw snapshotError(verifyStatus, 'verify');
    if (options.deep) this.trialRestore(ptr, bytes.length, info[INFO_REGION_SIZE]!);
    const frame = (BigInt(info[INFO_FRAME_HI]!) << 32n) | BigInt(info[INFO_FRAME_LO]!);
    return { bytes, frame };
  }

  /** The sealed snapshot of a region image (engine.captureImage() of the engine's instance). */
  fromImage(image: Uint8Array, regionSize: number): Uint8Array {
    return captureFromImage(this.ctx, { bytes: image, regionSize });
  }

  /** Frees the scratch region and buffer; the instance itself goes with its last reference. */
  dispose(): void {
    if (this.scratchRegion.id !== 0) this.ctx.abi.oc_region_destroy(this.scratchRegion.id);
    this.scratchRegion = { id: 0, size: 0 };
    this.ctx.scratch.release();
  }

  /** Restores into a scratch region of the snapshot's size: the engine's own full validation. */
  private trialRestore(ptr: number, len: number, regionSize: number): void {
    const { abi } = this.ctx;
    if (this.scratchRegion.size !== regionSize) {
      if (this.scratchRegion.id !== 0) abi.oc_region_destroy(this.scratchRegion.id);
      this.scratchRegion = { id: 0, size: 0 };
      const id = abi.oc_region_create(regionSize, 0);
      if (id === 0) throw snapshotError(abi.oc_last_status(), `a scratch region of ${regionSize} bytes to validate the snapshot`);
      this.scratchRegion = { id, size: abi.oc_region_size(id) };
    }
    const status = abi.oc_snapshot_restore(this.scratchRegion.id, ptr, len, 0, 0);
    if (status !== 0) throw snapshotError(status, 'validation');
  }
}
