// Input recordings (.clawinput v1): the input bits of every frame of a play session, so that a session
// played in one build replays in the other (the simulation is a pure function of the state region and
// these bits). The header binds a recording to the level it was made on and to the frame it starts
// from (0 for a fresh level load, else the frame of the snapshot it continues), and a checksum catches
// damaged files. Layout (little-endian), shared with native-legacy/desktop:
//   u32 magic "OCIN", u16 version 1, u16 header size 32, u32 frame count, u32 level hash lo, u32 level
//   hash hi, u32 start frame lo, u32 start frame hi, u32 checksum (low 32 bits of XXH3-64 of the frames)
//   then one byte per frame, input bits 0..5 only.
// Recordings are untrusted input: readInputRecording checks every field and throws a typed error.
import { InvalidArgumentError, OpenClawError } from '../memory/errors.js';
import { Status } from '../memory/status.js';
import { INPUT_MASK } from './constants.js';
import { xxh3 } from './xxh3.js';

export const INPUT_MAGIC = 0x4e49434f;
export const INPUT_VERSION = 1;
export const INPUT_HEADER_BYTES = 32;
const MAX_FRAMES = 0xffff_ffff;
const U64_MAX = (1n << 64n) - 1n;

/** Any rejection of .clawinput bytes. */
export class InputRecordingError extends OpenClawError {}
/** Not an input recording (the first bytes are not "OCIN"). */
export class InputBadMagicError extends InputRecordingError {
  constructor(message: string) { super(message, Status.BadMagic); }
}
/** Written by a newer format than this build reads. */
export class InputVersionTooNewError extends InputRecordingError {
  constructor(message: string) { super(message, Status.VersionTooNew); }
}
/** Version 0: no build ever wrote it. */
export class InputVersionTooOldError extends InputRecordingError {
  constructor(message: string) { super(message, Status.VersionTooOld); }
}
/** Shorter than its header or than its frame count says. */
export class TruncatedInputError extends InputRecordingError {
  constructor(message: string) { super(message, Status.Truncated); }
}
/** A header size other than 32, or bytes after the last frame. */
export class InputSizeMismatchError extends InputRecordingError {
  constructor(message: string) { super(message, Status.SizeMismatch); }
}
/** The frames' checksum differs from the header's: the bytes were damaged. */
export class InputChecksumMismatchError extends InputRecordingError {
  constructor(message: string) { super(message, Status.ChecksumMismatch); }
}
/** A frame byte with bit 6 or 7 set (no input has those bits). */
export class MalformedInputError extends InputRecordingError {
  constructor(message: string) { super(message, Status.Malformed); }
}

/** What a recording is bound to. */
export interface InputRecordingInfo {
  /** World.levelHash of the level recorded (game.world.levelHash); 0n: not bound to a level. */
  levelHash?: bigint;
  /** The state region's frame counter when recording began (engine.frameNumber); 0n for a fresh level load. */
  startFrame?: bigint;
}

/** A decoded recording. */
export interface InputRecording {
  levelHash: bigint;
  startFrame: bigint;
  /** One byte of input bits per frame (a copy: the caller may keep it). */
  inputs: Uint8Array;
  /** The header's checksum (low 32 bits of XXH3-64 of `inputs`). */
  checksum: number;
}

/** The checksum a .clawinput header stores for these frame bytes. */
export function inputChecksum(inputs: Uint8Array): number {
  return Number(xxh3(inputs) & 0xffff_ffffn);
}

/** The .clawinput bytes of `inputs` (one byte of input bits per frame). InvalidArgumentError for a bad field. */
export function encodeInputRecording(inputs: Uint8Array, info: InputRecordingInfo = {}): Uint8Array {
  const levelHash = u64(info.levelHash ?? 0n, 'levelHash');
  const startFrame = u64(info.startFrame ?? 0n, 'startFrame');
  if (!(inputs instanceof Uint8Array)) throw new InvalidArgumentError('encodeInputRecording needs a Uint8Array of input bits');
  if (inputs.length > MAX_FRAMES) throw new InvalidArgumentError(`encodeInputRecording: ${inputs.length} frames is more than a u32 counts`);
  const bad = firstMalformed(inputs);
  if (bad >= 0) throw new InvalidArgumentError(`encodeInputRecording: frame ${bad} has input 0x${inputs[bad]!.toString(16)} (bits 0..5 only)`);
  const out = new Uint8Array(INPUT_HEADER_BYTES + inputs.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, INPUT_MAGIC, true);
  v.setUint16(4, INPUT_VERSION, true);
  v.setUint16(6, INPUT_HEADER_BYTES, true);
  v.setUint32(8, inputs.length, true);
  v.setBigUint64(12, levelHash, true);
  v.setBigUint64(20, startFrame, true);
  v.setUint32(28, inputChecksum(inputs), true);
  out.set(inputs, INPUT_HEADER_BYTES);
  return out;
}

/** Decodes and validates .clawinput bytes; an InputRecordingError names what is wrong. */
export function readInputRecording(bytes: Uint8Array): InputRecording {
  if (!(bytes instanceof Uint8Array)) throw new InvalidArgumentError('readInputRecording needs a Uint8Array');
  if (bytes.length < 8) throw new TruncatedInputError(`input recording: ${bytes.length} bytes, shorter than its header (${INPUT_HEADER_BYTES})`);
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = v.getUint32(0, true);
  if (magic !== INPUT_MAGIC) throw new InputBadMagicError(`input recording: magic 0x${magic.toString(16).padStart(8, '0')}, not "OCIN"`);
  const version = v.getUint16(4, true);
  if (version > INPUT_VERSION) throw new InputVersionTooNewError(`input recording: version ${version}, this build reads up to ${INPUT_VERSION}`);
  if (version === 0) throw new InputVersionTooOldError('input recording: version 0');
  const headerSize = v.getUint16(6, true);
  if (headerSize !== INPUT_HEADER_BYTES) throw new InputSizeMismatchError(`input recording: header size ${headerSize}, expected ${INPUT_HEADER_BYTES}`);
  if (bytes.length < INPUT_HEADER_BYTES) throw new TruncatedInputError(`input recording: ${bytes.length} bytes, shorter than its header (${INPUT_HEADER_BYTES})`);
  const count = v.getUint32(8, true);
  const expected = INPUT_HEADER_BYTES + count;
  if (bytes.length < expected) throw new TruncatedInputError(`input recording: ${bytes.length} bytes for ${count} frames (expected ${expected})`);
  if (bytes.length > expected) throw new InputSizeMismatchError(`input recording: ${bytes.length} bytes for ${count} frames (expected ${expected})`);
  const inputs = bytes.slice(INPUT_HEADER_BYTES);
  const stored = v.getUint32(28, true);
  const actual = inputChecksum(inputs);
  if (stored !== actual) {
    throw new InputChecksumMismatchError(`input recording: checksum 0x${hex32(actual)} of the frames, the header says 0x${hex32(stored)}`);
  }
  // Checked after the checksum so that a damaged file reports the damage, not its symptom.
  const bad = firstMalformed(inputs);
  if (bad >= 0) throw new MalformedInputError(`input recording: frame ${bad} has input 0x${inputs[bad]!.toString(16)} (bits 0..5 only)`);
  return { levelHash: v.getBigUint64(12, true), startFrame: v.getBigUint64(20, true), inputs, checksum: stored };
}

/**
 * Collects the input bits of each frame as a game is played (call record() beside every game.step()),
 * and writes them as a .clawinput file. Amortised O(1) per frame, one byte of memory per frame.
 */
export class InputRecorder {
  private buffer: Uint8Array;
  private count = 0;

  constructor(options: { capacity?: number } = {}) {
    const capacity = options.capacity ?? 3600;
    if (!Number.isInteger(capacity) || capacity < 1 || capacity > MAX_FRAMES) {
      throw new InvalidArgumentError(`InputRecorder: capacity must be a whole number from 1 to ${MAX_FRAMES}, got ${capacity}`);
    }
    this.buffer = new Uint8Array(capacity);
  }

  /** Frames recorded so far. */
  get frames(): number {
    return this.count;
  }

  /** Appends one frame's input bits (0..63; other bits are not input). */
  record(bits: number): void {
    if (!Number.isInteger(bits) || bits < 0 || (bits & ~INPUT_MASK) !== 0) {
      throw new InvalidArgumentError(`InputRecorder.record: input bits must be a whole number from 0 to ${INPUT_MASK}, got ${bits}`);
    }
    if (this.count === this.buffer.length) {
      if (this.count === MAX_FRAMES) throw new InvalidArgumentError(`InputRecorder.record: a recording holds at most ${MAX_FRAMES} frames`);
      const grown = new Uint8Array(Math.min(MAX_FRAMES, this.buffer.length * 2));
      grown.set(this.buffer);
      this.buffer = grown;
    }
    this.buffer[this.count++] = bits;
  }

  /** A copy of the recorded input bits, one byte per frame. */
  inputs(): Uint8Array {
    return this.buffer.slice(0, this.count);
  }

  /** Forgets every frame (to start a new recording, e.g. after a load). */
  clear(): void {
    this.count = 0;
  }

  /** The recording as .clawinput bytes bound to `info` (see InputRecordingInfo). */
  toBytes(info: InputRecordingInfo = {}): Uint8Array {
    return encodeInputRecording(this.buffer.subarray(0, this.count), info);
  }
}

function firstMalformed(inputs: Uint8Array): number {
  for (let i = 0; i < inputs.length; i++) if ((inputs[i]! & ~INPUT_MASK) !== 0) return i;
  return -1;
}

function u64(value: bigint, name: string): bigint {
  if (typeof value !== 'bigint' || value < 0n || value > U64_MAX) {
    throw new InvalidArgumentError(`encodeInputRecording: ${name} must be a u64 bigint, got ${String(value)}`);
  }
  return value;
}

function hex32(n: number): string {
  return (n >>> 0).toString(16).padStart(8, '0');
}
