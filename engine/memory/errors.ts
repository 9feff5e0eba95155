// Typed errors: the core returns status codes (it never throws across the wasm boundary) and the
// wrappers turn each code into its own class, so callers can catch exactly the misuse they expect.
import { Status, statusName } from './status.js';

export class OpenClawError extends Error {
  /** The core's status code (types.h), or -1 for errors raised by the TypeScript layer alone. */
  readonly status: number;
  /** The status's name ("StaleHandle", ...), or the error's own code for TypeScript-only errors. */
  readonly code: string;

  constructor(message: string, status: number, code: string = statusName(status), options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.status = status;
    this.code = code;
  }
}

export class InvalidArgumentError extends OpenClawError {
  constructor(message: string) { super(message, Status.InvalidArgument); }
}
export class SizeTooLargeError extends OpenClawError {
  constructor(message: string) { super(message, Status.SizeTooLarge); }
}
export class BadAlignmentError extends OpenClawError {
  constructor(message: string) { super(message, Status.BadAlignment); }
}
/** Exhausted on a pool: every slot is live. */
export class PoolExhaustedError extends OpenClawError {
  constructor(message: string) { super(message, Status.Exhausted); }
}
/** Exhausted on a slab, an arena or a region: not enough room left. */
export class OutOfSpaceError extends OpenClawError {
  constructor(message: string) { super(message, Status.Exhausted); }
}
export class StaleHandleError extends OpenClawError {
  constructor(message: string) { super(message, Status.StaleHandle); }
}
export class DoubleFreeError extends OpenClawError {
  constructor(message: string) { super(message, Status.DoubleFree); }
}
export class ForeignHandleError extends OpenClawError {
  constructor(message: string) { super(message, Status.ForeignHandle); }
}
export class InvalidOffsetError extends OpenClawError {
  constructor(message: string) { super(message, Status.InvalidOffset); }
}
export class WrongSizeClassError extends OpenClawError {
  constructor(message: string) { super(message, Status.WrongSizeClass); }
}
export class CorruptStateError extends OpenClawError {
  constructor(message: string) { super(message, Status.CorruptState); }
}
export class OutOfMemoryError extends OpenClawError {
  constructor(message: string) { super(message, Status.OutOfMemory); }
}
export class TooManyAllocatorsError extends OpenClawError {
  constructor(message: string) { super(message, Status.TooManyAllocators); }
}
export class BadMarkerError extends OpenClawError {
  constructor(message: string) { super(message, Status.BadMarker); }
}
/** leaksSince() of a mark never made, more than 64 marks old, or made before a restore or rewind resynced the tracker. */
export class UnknownMarkError extends OpenClawError {
  constructor(message: string) { super(message, Status.UnknownMark); }
}
/** A tracker query that needs full records (marks, leaks) while the tracker runs in another mode. */
export class NotTrackingError extends OpenClawError {
  constructor(message: string) { super(message, Status.NotTracking); }
}
/** A resource cache's budget (RAM or VRAM) is full of pinned entries: nothing could be evicted to make room. */
export class BudgetExceededError extends OpenClawError {
  constructor(message: string) { super(message, Status.BudgetExceeded); }
}
/** The resource cache holds no entry with that id (a miss, or one evicted or removed since). */
export class ResourceMissingError extends OpenClawError {
  constructor(message: string) { super(message, Status.Missing); }
}
/** The wasm core could not be fetched, compiled or instantiated, or is not this engine's core. */
export class WasmLoadError extends OpenClawError {
  constructor(message: string, options?: ErrorOptions) { super(message, -1, 'WasmLoad', options); }
}
/** A call on an engine (or on one of its regions or allocators) after engine.destroy(). */
export class EngineDestroyedError extends OpenClawError {
  constructor(message = 'the engine was destroyed') { super(message, -1, 'EngineDestroyed'); }
}

/** What Exhausted means depends on who says it: a full pool, or a slab/arena/region without room. */
export type ExhaustedKind = 'pool' | 'space';

/** The typed error for a non-Ok status. */
export function errorForStatus(status: number, message: string, exhausted: ExhaustedKind = 'space'): OpenClawError {
  const text = `${message}: ${statusName(status)}`;
  switch (status) {
    case Status.InvalidArgument: return new InvalidArgumentError(text);
    case Status.SizeTooLarge: return new SizeTooLargeError(text);
    case Status.BadAlignment: return new BadAlignmentError(text);
    case Status.Exhausted: return exhausted === 'pool' ? new PoolExhaustedError(text) : new OutOfSpaceError(text);
    case Status.StaleHandle: return new StaleHandleError(text);
    case Status.DoubleFree: return new DoubleFreeError(text);
    case Status.ForeignHandle: return new ForeignHandleError(text);
    case Status.InvalidOffset: return new InvalidOffsetError(text);
    case Status.WrongSizeClass: return new WrongSizeClassError(text);
    case Status.CorruptState: return new CorruptStateError(text);
    case Status.OutOfMemory: return new OutOfMemoryError(text);
    case Status.TooManyAllocators: return new TooManyAllocatorsError(text);
    case Status.BadMarker: return new BadMarkerError(text);
    case Status.UnknownMark: return new UnknownMarkError(text);
    case Status.NotTracking: return new NotTrackingError(text);
    case Status.BudgetExceeded: return new BudgetExceededError(text);
    case Status.Missing: return new ResourceMissingError(text);
    default: return new OpenClawError(text, status);
  }
}
