// Class names of the errors the archive browser can meet: the format readers', the byte sources' and
// the archive tree's, then the engine's (error-names.ts). Read through instanceof, because the
// production build minifies class names; the tests compare these exact strings.
import {
  EntryNotFoundError, FormatBadMagicError, FormatError, FormatOutOfRangeError, MalformedFormatError, NotADirectoryError,
  NotAFileError, OverlapError, OversizedFormatError, SelfReferenceError, SourceError, TruncatedFormatError,
} from '../../engine/index.js';
import { errorClassName } from './error-names.js';

type ErrorClass = abstract new (...args: never[]) => Error;

const known: readonly (readonly [ErrorClass, string])[] = [
  [TruncatedFormatError, 'TruncatedFormatError'],
  [FormatOutOfRangeError, 'FormatOutOfRangeError'],
  [FormatBadMagicError, 'FormatBadMagicError'],
  [OversizedFormatError, 'OversizedFormatError'],
  [SelfReferenceError, 'SelfReferenceError'],
  [OverlapError, 'OverlapError'],
  [MalformedFormatError, 'MalformedFormatError'],
  [FormatError, 'FormatError'],
  [SourceError, 'SourceError'],
  [EntryNotFoundError, 'EntryNotFoundError'],
  [NotAFileError, 'NotAFileError'],
  [NotADirectoryError, 'NotADirectoryError'],
];

export function archiveErrorName(err: unknown): string {
  for (const [cls, name] of known) if (err instanceof cls) return name;
  return errorClassName(err);
}
