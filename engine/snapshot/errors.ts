// Typed errors for snapshots: each rejection of untrusted snapshot bytes has its own class, all of
// them SnapshotError, so a caller can catch "this file is unusable" in one place and still tell a
// newer save format from a corrupted file.
import { errorForStatus, OpenClawError } from '../memory/errors.js';
import { Status, statusName } from '../memory/status.js';

/** Any rejection of snapshot bytes. The running state is untouched when one is thrown. */
export class SnapshotError extends OpenClawError {}

/** Not a snapshot (the first bytes are not "OCSN"). */
export class BadMagicError extends SnapshotError {
  constructor(message: string) { super(message, Status.BadMagic); }
}
/** Written by a newer format than this build reads. */
export class VersionTooNewError extends SnapshotError {
  constructor(message: string) { super(message, Status.VersionTooNew); }
}
/** Older than the oldest format this build still reads. */
export class VersionTooOldError extends SnapshotError {
  constructor(message: string) { super(message, Status.VersionTooOld); }
}
/** Made by a build whose region types differ (another layout id). */
export class LayoutMismatchError extends SnapshotError {
  constructor(message: string) { super(message, Status.LayoutMismatch); }
}
/** Shorter than its header, table or chunks say. */
export class TruncatedSnapshotError extends SnapshotError {
  constructor(message: string) { super(message, Status.Truncated); }
}
/** A chunk's checksum, the image hash or the whole file's checksum differs: the bytes were damaged. */
export class ChecksumMismatchError extends SnapshotError {
  constructor(message: string) { super(message, Status.ChecksumMismatch); }
}
/** A size, count or offset that points outside the file or the region. */
export class SnapshotOutOfRangeError extends SnapshotError {
  constructor(message: string) { super(message, Status.OutOfRange); }
}
/** The snapshot's region size differs from the region it is restored into. */
export class SizeMismatchError extends SnapshotError {
  constructor(message: string) { super(message, Status.SizeMismatch); }
}
/** Checksums not computed yet: seal the snapshot first. */
export class UnsealedSnapshotError extends SnapshotError {
  constructor(message: string) { super(message, Status.Unsealed); }
}
/** A delta applied to another base than the one it was made against. */
export class BaseMismatchError extends SnapshotError {
  constructor(message: string) { super(message, Status.BaseMismatch); }
}
/** Every checksum matched but the decoded allocator metadata fails check(): written by a broken build. */
export class CorruptSnapshotError extends SnapshotError {
  constructor(message: string) { super(message, Status.CorruptState); }
}

/** The typed error for a status returned by a snapshot call. */
export function snapshotError(status: number, message: string): OpenClawError {
  const text = `${message}: ${statusName(status)}`;
  switch (status) {
    case Status.BadMagic: return new BadMagicError(text);
    case Status.VersionTooNew: return new VersionTooNewError(text);
    case Status.VersionTooOld: return new VersionTooOldError(text);
    case Status.LayoutMismatch: return new LayoutMismatchError(text);
    case Status.Truncated: return new TruncatedSnapshotError(text);
    case Status.ChecksumMismatch: return new ChecksumMismatchError(text);
    case Status.OutOfRange: return new SnapshotOutOfRangeError(text);
    case Status.SizeMismatch: return new SizeMismatchError(text);
    case Status.Unsealed: return new UnsealedSnapshotError(text);
    case Status.BaseMismatch: return new BaseMismatchError(text);
    case Status.CorruptState: return new CorruptSnapshotError(text);
    default: return errorForStatus(status, message);
  }
}
