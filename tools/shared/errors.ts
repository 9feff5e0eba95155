// Exit codes and the two kinds of failure the tools' commands report: a usage error (the command line
// is wrong: exit 2) and invalid input (a snapshot, an archive or a JSON description that does not hold
// up: exit 1). A difference found by `claw-snap diff` also exits 1, without an error.

export const EXIT_OK = 0;
export const EXIT_INVALID = 1;
export const EXIT_USAGE = 2;

/** The command line cannot be carried out as written (unknown option, missing file, ...). */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Input that is not what it claims to be. `errorName` is the typed error's class name
 * (ChecksumMismatchError, CorruptSnapshotError, InvalidDescriptionError ...), printed first.
 */
export class InvalidInputError extends Error {
  constructor(readonly errorName: string, message: string) {
    super(message);
    this.name = 'InvalidInputError';
  }

  /** "ChecksumMismatchError: chunk 2 (PAGE) ..." */
  describe(): string {
    return `${this.errorName}: ${this.message}`;
  }
}
