// Status codes of the core (native-legacy/memory/types.h). The numbers are part of the ABI.
export const Status = {
  Ok: 0,
  InvalidArgument: 1,
  SizeTooLarge: 2,
  BadAlignment: 3,
  Exhausted: 4,
  StaleHandle: 5,
  DoubleFree: 6,
  ForeignHandle: 7,
  InvalidOffset: 8,
  WrongSizeClass: 9,
  CorruptState: 10,
  OutOfMemory: 11,
  TooManyAllocators: 12,
  BadMarker: 13,
  BadMagic: 14,
  VersionTooNew: 15,
  VersionTooOld: 16,
  LayoutMismatch: 17,
  Truncated: 18,
  ChecksumMismatch: 19,
  OutOfRange: 20,
  SizeMismatch: 21,
  Unsealed: 22,
  BaseMismatch: 23,
  UnknownMark: 24,
  NotTracking: 25,
  Oversized: 26,
  SelfReference: 27,
  Overlap: 28,
  Malformed: 29,
  BudgetExceeded: 30,
  Missing: 31,
} as const;

export type StatusName = keyof typeof Status;
export type StatusCode = (typeof Status)[StatusName];

const NAMES: readonly StatusName[] = Object.keys(Status) as StatusName[];

/** The name of a status code, or "Unknown" for a number the core never returns. */
export function statusName(status: number): StatusName | 'Unknown' {
  return NAMES[status] ?? 'Unknown';
}
