// The formats' side of one wasm instance: scratch buffers in linear memory (taken once, grown when a
// call needs more), copying bytes in and out, and turning statuses into typed errors. Internal: the
// public classes (Formats, RezArchive) share one FormatCore.
import type { CoreAbi } from '../../wasm/abi.js';
import { Scratch } from '../../wasm/scratch.js';
import { InvalidArgumentError } from '../../memory/errors.js';
import { Status } from '../../memory/status.js';
import { formatError, type FormatKind } from './errors.js';

export class FormatCore {
  /** The input file's bytes. */
  readonly input: Scratch;
  /** Decoded pixels, encoded files, rows of records. */
  readonly output: Scratch;
  /** Small records (info words, palettes, paths). */
  readonly aux: Scratch;
  private disposed = false;

  constructor(readonly abi: CoreAbi) {
    this.input = new Scratch(abi.raw, abi.heap);
    this.output = new Scratch(abi.raw, abi.heap);
    this.aux = new Scratch(abi.raw, abi.heap);
  }

  /** Throws once dispose() ran: the scratch pointers are gone. */
  check(): void {
    if (this.disposed) throw new InvalidArgumentError('the Formats instance was disposed');
  }

  /** Copies `bytes` into the input scratch; returns its address. */
  copyIn(bytes: Uint8Array): number {
    this.check();
    const ptr = this.input.reserve(Math.max(bytes.length, 1));
    this.abi.heap.u8.set(bytes, ptr); // views re-read after reserve(), which may grow memory
    return ptr;
  }

  /** Copies `bytes` into the aux scratch at `at` bytes from its start (after reserving enough). */
  auxIn(bytes: Uint8Array, at = 0): number {
    const ptr = this.aux.reserve(at + Math.max(bytes.length, 1));
    this.abi.heap.u8.set(bytes, ptr + at);
    return ptr + at;
  }

  /** A copy of `length` bytes of linear memory at `ptr`. */
  copyOut(ptr: number, length: number): Uint8Array {
    return this.abi.heap.u8.slice(ptr, ptr + length);
  }

  /** A copy of `count` u32 words at `ptr`. */
  words(ptr: number, count: number): Uint32Array {
    return new Uint32Array(this.abi.heap.current.slice(ptr, ptr + count * 4));
  }

  /** Throws the typed error for a status that is not Ok. */
  ok(status: number, format: FormatKind, what: string, path?: string): void {
    if (status !== Status.Ok) throw formatError(status, format, what, path);
  }

  /** The status of the last call (for exports that return a count or an id). */
  lastStatus(): number {
    return this.abi.oc_last_status();
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.input.release();
    this.output.release();
    this.aux.release();
  }
}

/** Bytes of a file's text as latin1 (every byte is one character, so decoding never fails). */
export function latin1(bytes: Uint8Array, offset = 0, length = bytes.length - offset): string {
  let text = '';
  const end = offset + length;
  for (let at = offset; at < end; at += 8192) {
    text += String.fromCharCode(...bytes.subarray(at, Math.min(at + 8192, end)));
  }
  return text;
}

/** A path as latin1 bytes, or null when it has a character latin1 cannot hold (no entry can match). */
export function latin1Bytes(text: string): Uint8Array | null {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return null;
    out[i] = code;
  }
  return out;
}
