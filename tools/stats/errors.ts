// Exit codes and the input error of claw-stats. Anything wrong with what the command was given (the
// command line, a missing file, a malformed report, a snapshot without one) exits 2 with the reason
// and, for text, where it is: "stats.jsonl:3:41: /tags/0/liveBytes: expected an integer, ...".
// The shim (bin/claw-stats.mjs) turns anything else (the SDK missing, a bug) into exit 70.

export const EXIT_OK = 0;
export const EXIT_BAD_INPUT = 2;

/** Where in a text a problem is: 1-based line and column. */
export interface TextPosition {
  line: number;
  column: number;
}

/** Input that cannot be read as a report (or a command line that cannot be carried out). */
export class InputError extends Error {
  constructor(
    message: string,
    /** The file name, "-" for stdin, or e.g. "save.clawsnap (TRAK chunk)". */
    readonly source: string | null = null,
    readonly at: TextPosition | null = null,
  ) {
    super(message);
    this.name = 'InputError';
  }

  /** "source:line:column: message", with the parts that are known. */
  describe(): string {
    if (this.source === null) return this.message;
    if (this.at === null) return `${this.source}: ${this.message}`;
    return `${this.source}:${this.at.line}:${this.at.column}: ${this.message}`;
  }
}
