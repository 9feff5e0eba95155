// Turns the engine's typed snapshot errors into the tool's messages, with the detail a person needs
// to act: which chunk's checksum failed, which layout id was expected, how many bytes were missing.
// The core decides validity; this file only explains its verdict.
import { SnapshotError, type Engine, type SnapshotInfo } from '@openclaw/memory-sdk';

import { InvalidInputError } from '../shared/errors.js';
import { checksums } from './staged.js';
import { hex64 } from './text.js';

// format.h: SnapshotHeader is 128 bytes, whole_checksum sits at byte 72, each ChunkEntry is 32 bytes.
const HEADER_BYTES = 128;
const WHOLE_CHECKSUM_AT = 72;
const ENTRY_BYTES = 32;
const LAYOUT_ID_AT = 16;
const TOTAL_SIZE_AT = 48;

/** A header field read straight from the bytes, for files the core refuses to parse. */
function rawU64(bytes: Uint8Array, at: number): bigint | null {
  return bytes.length >= at + 8 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getBigUint64(at, true) : null;
}
function rawU32(bytes: Uint8Array, at: number): number | null {
  return bytes.length >= at + 4 ? new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(at, true) : null;
}

function tryInspect(engine: Engine, bytes: Uint8Array): SnapshotInfo | null {
  try {
    return engine.inspectSnapshot(bytes);
  } catch {
    return null;
  }
}

/** Which checksum failed: the chunks whose payload hash differs, else the header/table, else the image. */
function checksumDetail(engine: Engine, bytes: Uint8Array): string {
  const info = tryInspect(engine, bytes);
  if (info === null) return 'checksum mismatch';
  const computed = checksums(engine, bytes, info.chunks);
  const bad = info.chunks
    .map((c, i) => ({ c, i, got: computed[i]! }))
    .filter(({ c, got }) => c.checksum !== got)
    .map(({ c, i, got }) => `chunk ${i} (${c.kind}${c.kind === 'ALOC' ? ` ${c.id}` : ''}): stored ${hex64(c.checksum)}, computed ${hex64(got)}`);
  if (bad.length > 0) return bad.join('; ');
  const tableEnd = HEADER_BYTES + info.chunks.length * ENTRY_BYTES;
  const headerAndTable = bytes.slice(0, tableEnd);
  headerAndTable.fill(0, WHOLE_CHECKSUM_AT, WHOLE_CHECKSUM_AT + 8);
  const [whole] = checksums(engine, headerAndTable, [{ offset: 0, size: tableEnd }]);
  if (whole !== info.wholeChecksum) {
    return `header or chunk table: whole-file checksum stored ${hex64(info.wholeChecksum)}, computed ${hex64(whole!)}`;
  }
  return `image hash: the decoded image does not hash to the stored ${hex64(info.imageHash)}`;
}

/**
 * The InvalidInputError for a failure of a snapshot operation on `bytes` (a SnapshotError or any
 * other OpenClawError such as CorruptStateError); rethrows anything that is not about the input.
 */
export async function explain(err: unknown, engine: Engine, bytes: Uint8Array, buildLayoutId: () => Promise<bigint>): Promise<InvalidInputError> {
  if (err instanceof InvalidInputError) return err;
  if (!(err instanceof SnapshotError)) {
    const e = err as Error;
    // Errors of the core about the bytes (a restore's allocator check) are typed too; anything
    // else is a bug of the tool or the environment and must not be dressed up as bad input.
    if (e !== null && typeof e === 'object' && 'status' in e && typeof e.status === 'number' && e.status > 0) {
      return new InvalidInputError(e.name, e.message);
    }
    throw err;
  }
  const info = tryInspect(engine, bytes);
  switch (err.name) {
    case 'ChecksumMismatchError':
      return new InvalidInputError(err.name, checksumDetail(engine, bytes));
    case 'LayoutMismatchError': {
      const theirs = info?.layoutId ?? rawU64(bytes, LAYOUT_ID_AT);
      return new InvalidInputError(
        err.name,
        `made by a build with layout id ${theirs === null ? '(unreadable)' : hex64(theirs)}; this build's is ${hex64(await buildLayoutId())} (region types differ)`,
      );
    }
    case 'TruncatedSnapshotError': {
      const total = rawU32(bytes, TOTAL_SIZE_AT);
      return new InvalidInputError(err.name, total !== null && total > bytes.length
        ? `the header says ${total} bytes, the file has ${bytes.length}`
        : `${bytes.length} bytes are fewer than the header, chunk table or a chunk needs`);
    }
    case 'UnsealedSnapshotError':
      return new InvalidInputError(err.name, 'the checksums were never computed (an unsealed capture): seal it before it is stored');
    case 'BadMagicError':
      return new InvalidInputError(err.name, 'not a snapshot (the file does not start with "OCSN")');
    case 'VersionTooNewError':
    case 'VersionTooOldError':
      return new InvalidInputError(err.name, `${err.message}${info ? ` (file format ${info.version}, readable from ${info.minVersion})` : ''}`);
    case 'CorruptSnapshotError':
      return new InvalidInputError(err.name, `every checksum matches but the allocator metadata fails check(): ${err.message}`);
    default:
      return new InvalidInputError(err.name, err.message);
  }
}
