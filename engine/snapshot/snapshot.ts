// Capture, restore and inspect snapshots of a region through the core (native-legacy/snapshot/).
// The core does every check; this layer moves bytes between JavaScript and linear memory and turns
// statuses into typed errors. Format: docs/snapshot.md.
import { isU32, type EngineContext } from '../memory/context.js';
import { InvalidArgumentError } from '../memory/errors.js';
import type { Region } from '../memory/region.js';
import { SNAPSHOT_CHUNK_WORDS, SNAPSHOT_INFO_WORDS, SNAPSHOT_UNSEALED } from '../wasm/exports.js';
import { snapshotError } from './errors.js';

export interface CaptureOptions {
  /** false: leave the checksums for a later seal (e.g. in a persist worker); default true. */
  seal?: boolean;
  /** A full, sealed snapshot of the same region: write only the pages that differ from it. */
  base?: Uint8Array;
  /**
   * A tracker report's JSON (engine.tracker.reportJson()) to embed in a last 'TRAK' chunk, checksummed
   * like every chunk (claw-stats reads it). Full snapshots only: not with `base`. The file then needs a
   * reader of format version 2 (docs/snapshot.md).
   */
  report?: string;
}

export interface RestoreOptions {
  /** For a delta: the full snapshot it was made against (default: the running state is the base). */
  base?: Uint8Array;
}

export type ChunkKind = 'REGN' | 'ALOC' | 'PAGE' | 'TRAK' | 'unknown';

export interface SnapshotChunk {
  kind: ChunkKind;
  /** ALOC: the allocator's id in the region (its handle tag); otherwise 0. */
  id: number;
  /** Payload position and size in the file. */
  offset: number;
  size: number;
  /** Where the bytes go in the region image (PAGE: 0 and the bytes it covers). */
  regionOffset: number;
  regionLength: number;
  checksum: bigint;
}

export interface SnapshotInfo {
  version: number;
  /** The oldest reader version that can load the file. */
  minVersion: number;
  delta: boolean;
  sealed: boolean;
  layoutId: bigint;
  frame: bigint;
  regionSize: number;
  regionUsed: number;
  pageSize: number;
  pageCount: number;
  pagesPresent: number;
  totalSize: number;
  imageHash: bigint;
  baseHash: bigint;
  wholeChecksum: bigint;
  chunks: SnapshotChunk[];
}

const FLAG_DELTA = 1;
const FLAG_UNSEALED = 2;
const KINDS: Record<number, ChunkKind> = { 0x4e474552: 'REGN', 0x434f4c41: 'ALOC', 0x45474150: 'PAGE', 0x4b415254: 'TRAK' };

function big(lo: number, hi: number): bigint {
  return (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0);
}

/** Copies `bytes` into linear memory (a scratch area at `at` bytes past the scratch start); returns its address. */
function stage(ctx: EngineContext, bytes: Uint8Array, extra = 0): number {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('snapshot bytes must be a Uint8Array');
  if (!isU32(bytes.length)) throw new InvalidArgumentError(`snapshot of ${bytes.length} bytes is too large`);
  const ptr = ctx.scratch.reserve(bytes.length + extra);
  new Uint8Array(ctx.heap.current, ptr, bytes.length).set(bytes);
  return ptr;
}

/** A snapshot of the region (sealed unless options.seal is false; a delta when options.base is given). */
export function capture(ctx: EngineContext, region: Region, options: CaptureOptions = {}): Uint8Array {
  ctx.ensureAlive();
  const flags = options.seal === false ? SNAPSHOT_UNSEALED : 0;
  if (options.report !== undefined) return captureWithReport(ctx, region, options.report, flags, options.base);
  const cap = ctx.abi.oc_snapshot_max_size(region.id);
  if (cap === 0) throw snapshotError(ctx.lastStatus(), `snapshot of region ${region.name}: max size`);
  let written: number;
  let outPtr: number;
  if (options.base === undefined) {
    outPtr = ctx.scratch.reserve(cap);
    written = ctx.abi.oc_snapshot_capture(region.id, outPtr, cap, flags);
  } else {
    const base = options.base;
    const baseAt = Math.ceil(base.length / 8) * 8;
    const ptr = stage(ctx, base, baseAt - base.length + cap);
    outPtr = ptr + baseAt;
    written = ctx.abi.oc_snapshot_capture_delta(region.id, ptr, base.length, outPtr, cap, flags);
  }
  if (written === 0) throw snapshotError(ctx.lastStatus(), `snapshot of region ${region.name}`);
  return new Uint8Array(ctx.heap.current, outPtr, written).slice();
}

function captureWithReport(ctx: EngineContext, region: Region, report: string, flags: number, base: Uint8Array | undefined): Uint8Array {
  if (typeof report !== 'string') throw new InvalidArgumentError('report must be a string (the tracker report\'s JSON)');
  if (base !== undefined) throw new InvalidArgumentError('a delta snapshot cannot carry a report: capture a full snapshot');
  const text = new TextEncoder().encode(report);
  if (text.length === 0) throw new InvalidArgumentError('report is empty');
  if (!isU32(text.length)) throw new InvalidArgumentError(`report of ${text.length} bytes is too large`);
  const cap = ctx.abi.oc_snapshot_max_size_report(region.id, text.length);
  if (cap === 0) throw snapshotError(ctx.lastStatus(), `snapshot of region ${region.name}: max size`);
  // The report first, then room for the snapshot from the next 8-byte boundary on.
  const outAt = Math.ceil(text.length / 8) * 8;
  const ptr = stage(ctx, text, outAt - text.length + cap);
  const written = ctx.abi.oc_snapshot_capture_report(region.id, ptr + outAt, cap, flags, ptr, text.length);
  if (written === 0) throw snapshotError(ctx.lastStatus(), `snapshot of region ${region.name}`);
  return new Uint8Array(ctx.heap.current, ptr + outAt, written).slice();
}

/** A plain copy of a region's used bytes: what the main thread hands a persist worker (see RegionImage). */
export interface RegionImage {
  /** The region's bytes [0, used). */
  bytes: Uint8Array;
  /** The region's total size: the image is these bytes followed by zeros up to it. */
  regionSize: number;
}

/**
 * The main thread's whole share of a save: one copy of the used bytes, nothing else. Into `into` when
 * it is large enough (a buffer the persist worker handed back: already-touched memory copies about
 * twice as fast as a fresh allocation, whose pages fault in on first write), else into a new buffer
 * of the region's size, so that it can be handed back and reused however the state grows.
 */
export function captureImage(ctx: EngineContext, region: Region, into?: ArrayBuffer): RegionImage {
  ctx.ensureAlive();
  const used = ctx.abi.oc_region_used(region.id);
  const buffer = into !== undefined && into.byteLength >= used ? into : new ArrayBuffer(region.size);
  const bytes = new Uint8Array(buffer, 0, used);
  bytes.set(new Uint8Array(ctx.heap.current, region.base, used));
  return { bytes, regionSize: region.size };
}

/** The snapshot of a region image (captureImage() of another instance), built by this instance's core. */
export function captureFromImage(ctx: EngineContext, image: RegionImage, options: { seal?: boolean } = {}): Uint8Array {
  ctx.ensureAlive();
  const { bytes, regionSize } = image;
  if (!isU32(regionSize) || regionSize < bytes.length || regionSize % 8 !== 0) {
    throw new InvalidArgumentError(`a region image of ${bytes.length} bytes cannot come from a region of ${regionSize}`);
  }
  // The image padded with zeros to the region's size, then room for the snapshot after it (a snapshot
  // is at most about the region's size; reserve() does not keep contents, so the image is copied after it).
  const place = (room: number): number => {
    const at = ctx.scratch.reserve(regionSize + room);
    const heapImage = new Uint8Array(ctx.heap.current, at, regionSize);
    heapImage.set(bytes);
    heapImage.fill(0, bytes.length);
    return at;
  };
  let room = regionSize + 64 * 1024;
  let ptr = place(room);
  const cap = ctx.abi.oc_snapshot_image_max_size(ptr, regionSize);
  if (cap === 0) throw snapshotError(ctx.lastStatus(), 'snapshot of a region image');
  if (cap > room) {
    room = cap;
    ptr = place(room);
  }
  const flags = options.seal === false ? SNAPSHOT_UNSEALED : 0;
  const written = ctx.abi.oc_snapshot_capture_image(ptr, regionSize, ptr + regionSize, cap, flags);
  if (written === 0) throw snapshotError(ctx.lastStatus(), 'snapshot of a region image');
  return new Uint8Array(ctx.heap.current, ptr + regionSize, written).slice();
}

/** Validates everything, then replaces the region's bytes; throws a SnapshotError and changes nothing on failure. */
export function restore(ctx: EngineContext, region: Region, bytes: Uint8Array, options: RestoreOptions = {}): void {
  ctx.ensureAlive();
  let status: number;
  if (options.base === undefined) {
    const ptr = stage(ctx, bytes);
    status = ctx.abi.oc_snapshot_restore(region.id, ptr, bytes.length, 0, 0);
  } else {
    const base = options.base;
    const baseAt = Math.ceil(bytes.length / 8) * 8;
    const ptr = stage(ctx, bytes, baseAt - bytes.length + base.length);
    new Uint8Array(ctx.heap.current, ptr + baseAt, base.length).set(base);
    status = ctx.abi.oc_snapshot_restore(region.id, ptr, bytes.length, ptr + baseAt, base.length);
  }
  if (status !== 0) throw snapshotError(status, `restore of region ${region.name}`);
}

/** Computes the checksums of an unsealed snapshot (in place on a copy); returns the sealed bytes. */
export function seal(ctx: EngineContext, bytes: Uint8Array): Uint8Array {
  ctx.ensureAlive();
  const ptr = stage(ctx, bytes);
  const status = ctx.abi.oc_snapshot_seal(ptr, bytes.length);
  if (status !== 0) throw snapshotError(status, 'seal');
  return new Uint8Array(ctx.heap.current, ptr, bytes.length).slice();
}

/** Header, versions, table, bounds and every checksum; throws the SnapshotError that applies. */
export function verify(ctx: EngineContext, bytes: Uint8Array): void {
  ctx.ensureAlive();
  const ptr = stage(ctx, bytes);
  const status = ctx.abi.oc_snapshot_verify(ptr, bytes.length);
  if (status !== 0) throw snapshotError(status, 'verify');
}

/** The header and chunk table, bounds-checked by the core (checksums are not verified: see verify()). */
export function inspect(ctx: EngineContext, bytes: Uint8Array): SnapshotInfo {
  ctx.ensureAlive();
  const infoAt = Math.ceil(bytes.length / 8) * 8;
  const ptr = stage(ctx, bytes, infoAt - bytes.length + (SNAPSHOT_INFO_WORDS + SNAPSHOT_CHUNK_WORDS) * 4);
  const status = ctx.abi.oc_snapshot_info(ptr, bytes.length, ptr + infoAt);
  if (status !== 0) throw snapshotError(status, 'inspect');
  const w = Array.from(new Uint32Array(ctx.heap.current, ptr + infoAt, SNAPSHOT_INFO_WORDS));
  const [version, minVersion, flags, , layoutLo, layoutHi, frameLo, frameHi, regionSize, regionUsed, pageSize,
    chunkCount, totalSize, pageCount, pagesPresent, imageLo, imageHi, baseLo, baseHi, wholeLo, wholeHi] = w as [
    number, number, number, number, number, number, number, number, number, number, number,
    number, number, number, number, number, number, number, number, number, number];
  const chunks: SnapshotChunk[] = [];
  const chunkAt = ptr + infoAt + SNAPSHOT_INFO_WORDS * 4;
  for (let i = 0; i < chunkCount; i++) {
    const st = ctx.abi.oc_snapshot_chunk(ptr, bytes.length, i, chunkAt);
    if (st !== 0) throw snapshotError(st, `inspect: chunk ${i}`);
    const c = new Uint32Array(ctx.heap.current, chunkAt, SNAPSHOT_CHUNK_WORDS);
    chunks.push({
      kind: KINDS[c[0]!] ?? 'unknown', id: c[1]!, offset: c[2]!, size: c[3]!,
      regionOffset: c[4]!, regionLength: c[5]!, checksum: big(c[6]!, c[7]!),
    });
  }
  return {
    version, minVersion, delta: (flags & FLAG_DELTA) !== 0, sealed: (flags & FLAG_UNSEALED) === 0,
    layoutId: big(layoutLo, layoutHi), frame: big(frameLo, frameHi), regionSize, regionUsed, pageSize,
    pageCount, pagesPresent, totalSize, imageHash: big(imageLo, imageHi), baseHash: big(baseLo, baseHi),
    wholeChecksum: big(wholeLo, wholeHi), chunks,
  };
}

/** XXH3-64 of the region's bytes [0, used): the per-frame sync checksum (equal to a snapshot's image hash). */
export function regionChecksum(ctx: EngineContext, region: Region): bigint {
  ctx.ensureAlive();
  const ptr = ctx.scratch.reserve(8);
  ctx.check(ctx.abi.oc_region_checksum(region.id, ptr), `region ${region.name}: checksum`);
  return ctx.readU64(ptr);
}

/** XXH3-64 (seed 0) of any bytes, as the snapshot format computes it. */
export function checksum64(ctx: EngineContext, bytes: Uint8Array): bigint {
  ctx.ensureAlive();
  const at = Math.ceil(bytes.length / 8) * 8;
  const ptr = stage(ctx, bytes, at - bytes.length + 8);
  ctx.check(ctx.abi.oc_checksum64(ptr, bytes.length, ptr + at), 'checksum64');
  return ctx.readU64(ptr + at);
}

/** The region's frame counter (stored in its header, so snapshots carry it). */
export function readFrame(ctx: EngineContext, region: Region): bigint {
  ctx.ensureAlive();
  const ptr = ctx.scratch.reserve(8);
  ctx.check(ctx.abi.oc_region_frame(region.id, ptr), `region ${region.name}: frame`);
  return ctx.readU64(ptr);
}

export function writeFrame(ctx: EngineContext, region: Region, frame: bigint | number): void {
  ctx.ensureAlive();
  const f = BigInt(frame);
  if (f < 0n || f > 0xffff_ffff_ffff_ffffn) throw new InvalidArgumentError(`frame ${frame} is not a u64`);
  ctx.check(ctx.abi.oc_region_set_frame(region.id, Number(f & 0xffff_ffffn), Number(f >> 32n)), `region ${region.name}: set frame`);
}

