// The class name of an engine error. Read through instanceof, not constructor.name, because the
// production build minifies class names.
import {
  BadAlignmentError,
  BadMarkerError,
  CorruptStateError,
  DoubleFreeError,
  EngineDestroyedError,
  ForeignHandleError,
  InvalidArgumentError,
  InvalidOffsetError,
  OpenClawError,
  OutOfMemoryError,
  OutOfSpaceError,
  PoolExhaustedError,
  SizeTooLargeError,
  StaleHandleError,
  TooManyAllocatorsError,
  WasmLoadError,
  WrongSizeClassError,
} from '../../engine/index.js';

type ErrorClass = abstract new (...args: never[]) => Error;

const known: readonly (readonly [ErrorClass, string])[] = [
  [InvalidArgumentError, 'InvalidArgumentError'],
  [SizeTooLargeError, 'SizeTooLargeError'],
  [BadAlignmentError, 'BadAlignmentError'],
  [PoolExhaustedError, 'PoolExhaustedError'],
  [OutOfSpaceError, 'OutOfSpaceError'],
  [StaleHandleError, 'StaleHandleError'],
  [DoubleFreeError, 'DoubleFreeError'],
  [ForeignHandleError, 'ForeignHandleError'],
  [InvalidOffsetError, 'InvalidOffsetError'],
  [WrongSizeClassError, 'WrongSizeClassError'],
  [CorruptStateError, 'CorruptStateError'],
  [OutOfMemoryError, 'OutOfMemoryError'],
  [TooManyAllocatorsError, 'TooManyAllocatorsError'],
  [BadMarkerError, 'BadMarkerError'],
  [WasmLoadError, 'WasmLoadError'],
  [EngineDestroyedError, 'EngineDestroyedError'],
];

export function errorClassName(err: unknown): string {
  for (const [cls, name] of known) if (err instanceof cls) return name;
  if (err instanceof OpenClawError) return 'OpenClawError';
  if (err instanceof Error) return err.name;
  return 'Error';
}

/** The Status name carried by engine errors ("StaleHandle"), or '' for other errors. */
export function errorCode(err: unknown): string {
  return err instanceof OpenClawError ? err.code : '';
}
