// The decoders of the legacy formats: thin wrappers over the wasm core's readers (abi.h, "legacy
// formats"), so the browser, workers and Node decode with exactly the code the native build tests.
// Each call copies the file into a scratch buffer of linear memory, lets the core check and decode
// it, and copies the result out; nothing returned aliases wasm memory.
import { bindAbi, type CoreAbi } from '../../wasm/abi.js';
import { loadCore, type WasmSource } from '../../wasm/loader.js';
import {
  ANI_FRAME_WORDS, ANI_INFO_WORDS, PAL_RGBA_SIZE, PAL_SIZE, PID_INFO_WORDS, PID_PARAM_WORDS,
} from '../../wasm/exports.js';
import { InvalidArgumentError } from '../../memory/errors.js';
import { Status } from '../../memory/status.js';
import { FormatCore, latin1 } from './core.js';
import { FormatError } from './errors.js';
import type { ByteSource } from './sources.js';
import { openRez, RezArchive } from './rez-archive.js';
import { packRez, planRez } from './rez-pack.js';
import { inflateWwd, readWwd, wwdHeader } from './wwd.js';
import type {
  Ani, AniFrame, DecodedImage, Palette, PidInfo, PidSource, RezPackFile, RezPlan, RezPlanFile, WwdHeader, WwdLevel,
} from './types.js';

const ANI_NO_EVENT = 0xffffffff;
const PID_COMPRESSED = 0x20;
const PID_EMBEDDED_PALETTE = 0x80;
/** pid.h: kPidMaxSide. */
const PID_MAX_SIDE = 16384;

function pidInfo(w: Uint32Array): PidInfo {
  return {
    fileDesc: w[0]!, flags: w[1]!, width: w[2]!, height: w[3]!, offsetX: w[4]! | 0, offsetY: w[5]! | 0,
    unk0: w[6]!, unk1: w[7]!, pixelCount: w[8]!, pixelsOffset: w[9]!, pixelsSize: w[10]!, paletteOffset: w[11]!,
    hasPalette: w[11]! !== 0,
  };
}

/** The decoders of one wasm instance. Not thread-safe: use one per worker. */
export class Formats {
  private readonly core: FormatCore;

  private constructor(abi: CoreAbi) {
    this.core = new FormatCore(abi);
  }

  /** Loads an instance of the core of its own (a worker's decoders); `wasm` as for createEngine(). */
  static async load(wasm?: WasmSource): Promise<Formats> {
    return new Formats(bindAbi(await loadCore(wasm)));
  }

  /** Decoders over an existing instance of the core (an engine's), sharing its linear memory. */
  static fromAbi(abi: CoreAbi): Formats {
    return new Formats(abi);
  }

  /** A PAL file (768 bytes of RGB) and its RGBA table: index 0 transparent, every other alpha 255. */
  readPalette(pal: Uint8Array): Palette {
    const core = this.core;
    const inPtr = core.copyIn(pal);
    const out = core.output.reserve(PAL_RGBA_SIZE);
    core.ok(core.abi.oc_pal_read(inPtr, pal.length, out), 'pal', 'reading the palette');
    return { rgb: pal.slice(0, PAL_SIZE), rgba: core.copyOut(out, PAL_RGBA_SIZE) };
  }

  /** A PID's header and layout, without decoding a pixel. */
  pidInfo(pid: Uint8Array): PidInfo {
    return this.loadPid(pid).info;
  }

  /** Copies a PID into the input scratch and reads its info. */
  private loadPid(pid: Uint8Array): { inPtr: number; info: PidInfo } {
    const core = this.core;
    const inPtr = core.copyIn(pid);
    const out = core.aux.reserve(PID_INFO_WORDS * 4);
    core.ok(core.abi.oc_pid_info(inPtr, pid.length, out), 'pid', 'reading the PID header');
    return { inPtr, info: pidInfo(core.words(out, PID_INFO_WORDS)) };
  }

  /** Decodes to RGBA with `palette`, or with the file's embedded one when it is null or omitted. */
  decodePid(pid: Uint8Array, palette: Palette | null = null): DecodedImage {
    const { inPtr, info } = this.loadPid(pid);
    const rgba = new Uint8Array(info.pixelCount * 4);
    this.decodeRgba(inPtr, pid.length, palette, rgba, info);
    return { width: info.width, height: info.height, offsetX: info.offsetX, offsetY: info.offsetY, flags: info.flags, rgba };
  }

  /** decodePid into `out` (at least width * height * 4 bytes), allocating no result: for hot paths. */
  decodePidInto(pid: Uint8Array, palette: Palette | null, out: Uint8Array): PidInfo {
    const { inPtr, info } = this.loadPid(pid);
    if (out.length < info.pixelCount * 4) {
      throw new InvalidArgumentError(`decodePidInto: ${out.length} bytes cannot hold ${info.width}x${info.height} RGBA pixels`);
    }
    this.decodeRgba(inPtr, pid.length, palette, out, info);
    return info;
  }

  private decodeRgba(inPtr: number, length: number, palette: Palette | null, out: Uint8Array, info: PidInfo): void {
    const core = this.core;
    if (palette !== null && palette.rgb.length !== PAL_SIZE) throw new InvalidArgumentError('a palette has 768 RGB bytes');
    const size = info.pixelCount * 4;
    const outPtr = core.output.reserve(Math.max(size, 1));
    const palPtr = palette === null ? 0 : core.auxIn(palette.rgb);
    core.ok(core.abi.oc_pid_decode_rgba(inPtr, length, palPtr, outPtr, size), 'pid', 'decoding the PID');
    out.set(core.abi.heap.u8.subarray(outPtr, outPtr + size));
  }

  /** The palette indices of every pixel, row-major (skipped pixels are index 0). */
  decodePidIndices(pid: Uint8Array): { info: PidInfo; indices: Uint8Array } {
    const core = this.core;
    const { inPtr, info } = this.loadPid(pid);
    const outPtr = core.output.reserve(Math.max(info.pixelCount, 1));
    core.ok(core.abi.oc_pid_decode_indices(inPtr, pid.length, outPtr, info.pixelCount), 'pid', 'decoding the PID');
    return { info, indices: core.copyOut(outPtr, info.pixelCount) };
  }

  /** The PID's embedded palette (an InvalidArgument FormatError when it has none). */
  pidPalette(pid: Uint8Array): Palette {
    const core = this.core;
    const inPtr = core.copyIn(pid);
    const out = core.aux.reserve(PAL_SIZE);
    core.ok(core.abi.oc_pid_palette(inPtr, pid.length, out), 'pid', 'reading the embedded palette');
    return this.readPalette(core.copyOut(out, PAL_SIZE));
  }

  /** A PID file of `image` (the packer's and the tests' side of decodePid). */
  encodePid(image: PidSource): Uint8Array {
    const core = this.core;
    const { width, height, indices } = image;
    // Whole sides within the format's limit: a fractional width would be truncated by the Uint32 params.
    if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0 ||
        width > PID_MAX_SIDE || height > PID_MAX_SIDE) {
      throw new InvalidArgumentError(`encodePid: a PID's sides are whole numbers from 0 to ${PID_MAX_SIDE}, not ${width}x${height}`);
    }
    if (indices.length !== width * height) {
      throw new InvalidArgumentError(`encodePid: ${indices.length} indices for a ${width}x${height} image`);
    }
    let flags = (image.flags ?? 0) >>> 0;
    if (image.compressed !== undefined) flags = image.compressed ? flags | PID_COMPRESSED : flags & ~PID_COMPRESSED;
    const rgb = image.palette === undefined ? null : image.palette instanceof Uint8Array ? image.palette : image.palette.rgb;
    if (rgb !== null && rgb.length !== PAL_SIZE) throw new InvalidArgumentError('encodePid: a palette has 768 RGB bytes');
    flags = rgb === null ? flags & ~PID_EMBEDDED_PALETTE : flags | PID_EMBEDDED_PALETTE;
    const params = new Uint32Array([width, height, flags >>> 0, image.offsetX ?? 0, image.offsetY ?? 0,
      image.fileDesc ?? 0, image.unk0 ?? 0, image.unk1 ?? 0]);

    const inPtr = core.copyIn(indices);
    const aux = core.aux.reserve(PID_PARAM_WORDS * 4 + PAL_SIZE);
    core.abi.heap.u8.set(new Uint8Array(params.buffer), aux);
    const palPtr = rgb === null ? 0 : aux + PID_PARAM_WORDS * 4;
    if (rgb !== null) core.abi.heap.u8.set(rgb, palPtr);
    const size = core.abi.oc_pid_encoded_size(inPtr, aux, palPtr) >>> 0;
    if (size === 0) core.ok(core.lastStatus(), 'pid', 'encoding the PID');
    const outPtr = core.output.reserve(size);
    const written = core.abi.oc_pid_encode(inPtr, aux, palPtr, outPtr, size) >>> 0;
    if (written !== size) {
      core.ok(core.lastStatus(), 'pid', 'encoding the PID');
      throw new FormatError(`encodePid: the core announced ${size} bytes and wrote ${written}`, Status.CorruptState, 'pid');
    }
    return core.copyOut(outPtr, size);
  }

  /** An ANI animation: its image set, frames and their events. */
  readAni(ani: Uint8Array): Ani {
    const core = this.core;
    const inPtr = core.copyIn(ani);
    let out = core.aux.reserve(ANI_INFO_WORDS * 4);
    core.ok(core.abi.oc_ani_info(inPtr, ani.length, out), 'ani', 'reading the ANI header');
    const head = core.words(out, ANI_INFO_WORDS);
    const signature = head[0]!;
    const count = head[1]!;
    // The core bounded count by the file's size (Oversized) before this allocation.
    out = core.output.reserve(Math.max(count, 1) * ANI_FRAME_WORDS * 4);
    core.ok(core.abi.oc_ani_frames(inPtr, ani.length, out, count), 'ani', 'reading the ANI frames');
    const rows = core.words(out, count * ANI_FRAME_WORDS);
    const frames: AniFrame[] = [];
    for (let f = 0; f < count; f++) {
      const r = f * ANI_FRAME_WORDS;
      const eventOffset = rows[r + 3]!;
      frames.push({
        eventFlag: rows[r]!, imageId: rows[r + 1]!, durationMs: rows[r + 2]!,
        event: eventOffset === ANI_NO_EVENT ? null : latin1(ani, eventOffset, rows[r + 4]!),
      });
    }
    return { signature, imageSet: latin1(ani, head[2]!, head[3]!), frames };
  }

  /** The header of a raw .WWD file (its first 1,524 bytes suffice). */
  wwdHeader(raw: Uint8Array): WwdHeader {
    return wwdHeader(this.core, raw);
  }

  /** The rebuilt image of a raw .WWD: its header bytes and its body inflated (a copy when not compressed). */
  inflateWwd(raw: Uint8Array): Promise<Uint8Array> {
    return inflateWwd(this.core, raw);
  }

  /** A whole level from the raw file or its rebuilt image (a compressed file whose size is not the image's is inflated). */
  readWwd(rawOrImage: Uint8Array): Promise<WwdLevel> {
    return readWwd(this.core, rawOrImage);
  }

  /** Opens an archive reading only its header and directory blocks from `source`. */
  openRez(source: ByteSource, options?: { signal?: AbortSignal }): Promise<RezArchive> {
    return openRez(this.core, source, options?.signal);
  }

  /** The layout of an archive of these files, without their bytes (the streaming packer's plan). */
  planRez(files: RezPlanFile[]): RezPlan {
    return planRez(this.core, files);
  }

  /** A whole archive of these files, in memory. */
  packRez(files: RezPackFile[]): Uint8Array {
    return packRez(this.core, files);
  }

  /** Frees the scratch buffers; archives opened here must be closed before. */
  dispose(): void {
    this.core.dispose();
  }
}
