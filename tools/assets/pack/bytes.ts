// A growable little-endian byte buffer for the ANI and WWD writers: fields are put at absolute
// offsets (the formats are laid out as fixed records at known offsets), strings as latin1.
import { AssetError } from './errors.js';

export class ByteBuffer {
  private bytes = new Uint8Array(4096);
  private view = new DataView(this.bytes.buffer);
  /** The end of what has been written (the buffer's logical size). */
  length = 0;

  private ensure(end: number): void {
    if (end > this.bytes.length) {
      let size = this.bytes.length;
      while (size < end) size *= 2;
      const grown = new Uint8Array(size);
      grown.set(this.bytes);
      this.bytes = grown;
      this.view = new DataView(grown.buffer);
    }
    if (end > this.length) this.length = end;
  }

  /** Reserves `size` zero bytes at the end and returns their offset. */
  alloc(size: number): number {
    const at = this.length;
    this.ensure(at + size);
    return at;
  }

  u16(at: number, v: number): void {
    this.ensure(at + 2);
    this.view.setUint16(at, v, true);
  }

  u32(at: number, v: number): void {
    this.ensure(at + 4);
    this.view.setUint32(at, v >>> 0, true);
  }

  i32(at: number, v: number): void {
    this.ensure(at + 4);
    this.view.setInt32(at, v | 0, true);
  }

  /** `text` as latin1 at `at`; `field` bytes at most (it must leave room for a NUL when fixed). */
  text(at: number, text: string, field?: number): number {
    const raw = latin1(text);
    if (field !== undefined && raw.length >= field) {
      throw new AssetError('(writer)', `"${text}" does not fit a ${field}-byte field with its NUL`);
    }
    this.ensure(at + raw.length);
    this.bytes.set(raw, at);
    return raw.length;
  }

  /** Appends `text` and, unless `nul` is false, a NUL. */
  append(text: string, nul = true): void {
    const at = this.alloc(latin1(text).length + (nul ? 1 : 0));
    this.text(at, text);
  }

  result(): Uint8Array {
    return this.bytes.slice(0, this.length);
  }
}

export function latin1(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c > 0xff || c === 0) throw new AssetError('(writer)', `"${text}" is not latin1 text without NULs`);
    out[i] = c;
  }
  return out;
}
