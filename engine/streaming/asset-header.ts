// The 16-byte AssetHeader at the start of every cache entry the streamer writes
// (native-legacy/resources/asset_header.h): u32 kind, u32 payload_bytes, u16 width, u16 height,
// i16 offset_x, i16 offset_y, little-endian. Plain functions over a byte view, so that decode workers
// can use them on a shared memory without the engine.
import { InvalidArgumentError } from '../memory/errors.js';

export const ASSET_HEADER_BYTES = 16;
export const ASSET_KIND_RAW = 1;
export const ASSET_KIND_IMAGE = 2;

export type AssetKind = 'raw' | 'image';

export interface AssetHeader {
  kind: AssetKind;
  /** Bytes after the header: the file's bytes (raw) or width * height * 4 (RGBA image). */
  payloadBytes: number;
  width: number;
  height: number;
  offsetX: number;
  offsetY: number;
}

/** Entry bytes needed for a payload: the header plus the payload. */
export function assetEntryBytes(payloadBytes: number): number {
  return ASSET_HEADER_BYTES + payloadBytes;
}

/** Checks the header's invariants (raw: no size; image: payload = width * height * 4, all in range). */
export function validateAssetHeader(h: AssetHeader): void {
  const u16 = (v: number): boolean => Number.isInteger(v) && v >= 0 && v <= 0xffff;
  const i16 = (v: number): boolean => Number.isInteger(v) && v >= -0x8000 && v <= 0x7fff;
  if (!Number.isInteger(h.payloadBytes) || h.payloadBytes < 0 || h.payloadBytes > 0xffff_ffff) {
    throw new InvalidArgumentError(`asset header: payloadBytes must be a u32, got ${h.payloadBytes}`);
  }
  if (!u16(h.width) || !u16(h.height) || !i16(h.offsetX) || !i16(h.offsetY)) {
    throw new InvalidArgumentError('asset header: width/height must be u16 and offsets i16');
  }
  if (h.kind === 'raw') {
    if (h.width !== 0 || h.height !== 0) throw new InvalidArgumentError('asset header: a raw asset has width = height = 0');
  } else if (h.kind === 'image') {
    if (h.payloadBytes !== h.width * h.height * 4) {
      throw new InvalidArgumentError(`asset header: an image's payload is width * height * 4 bytes, got ${h.payloadBytes}`);
    }
  } else {
    throw new InvalidArgumentError(`asset header: unknown kind ${String(h.kind)}`);
  }
}

/** Writes the header at bytes[0..16). */
export function writeAssetHeader(bytes: Uint8Array, h: AssetHeader): void {
  validateAssetHeader(h);
  if (bytes.length < ASSET_HEADER_BYTES) throw new InvalidArgumentError('asset header: fewer than 16 bytes to write into');
  const v = new DataView(bytes.buffer, bytes.byteOffset, ASSET_HEADER_BYTES);
  v.setUint32(0, h.kind === 'raw' ? ASSET_KIND_RAW : ASSET_KIND_IMAGE, true);
  v.setUint32(4, h.payloadBytes, true);
  v.setUint16(8, h.width, true);
  v.setUint16(10, h.height, true);
  v.setInt16(12, h.offsetX, true);
  v.setInt16(14, h.offsetY, true);
}

/** Reads the header at bytes[0..16); InvalidArgumentError when it is not a valid one. */
export function readAssetHeader(bytes: Uint8Array): AssetHeader {
  if (bytes.length < ASSET_HEADER_BYTES) throw new InvalidArgumentError('asset header: fewer than 16 bytes');
  const v = new DataView(bytes.buffer, bytes.byteOffset, ASSET_HEADER_BYTES);
  const code = v.getUint32(0, true);
  if (code !== ASSET_KIND_RAW && code !== ASSET_KIND_IMAGE) throw new InvalidArgumentError(`asset header: unknown kind ${code}`);
  const h: AssetHeader = {
    kind: code === ASSET_KIND_RAW ? 'raw' : 'image',
    payloadBytes: v.getUint32(4, true),
    width: v.getUint16(8, true),
    height: v.getUint16(10, true),
    offsetX: v.getInt16(12, true),
    offsetY: v.getInt16(14, true),
  };
  validateAssetHeader(h);
  if (bytes.length < ASSET_HEADER_BYTES + h.payloadBytes) {
    throw new InvalidArgumentError(`asset header: ${h.payloadBytes} payload bytes do not fit the entry's ${bytes.length - 16}`);
  }
  return h;
}
