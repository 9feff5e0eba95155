// Printing reports: as tables, or as JSON re-serialised from the validated report (pretty-printed for
// one report, one line per report for --all and --watch, so that the output is JSON Lines again).
import type { FoundReport } from './parse.js';
import { renderTable } from './render.js';

export type Format = 'table' | 'json';

export interface OutputOptions {
  format: Format;
  leaksOnly: boolean;
  /** Several reports may be printed (--all, --watch): JSON goes out one report per line. */
  stream: boolean;
  /** Clear the screen before each table (--watch on a terminal). */
  clear: boolean;
}

const CLEAR = '\x1b[H\x1b[2J';

export class Output {
  private printed = 0;

  constructor(private readonly options: OutputOptions, private readonly write: (text: string) => void = (t) => process.stdout.write(t)) {}

  show(found: FoundReport): void {
    const { format, leaksOnly, stream, clear } = this.options;
    const { report, where } = found;
    if (format === 'json') {
      // --leaks-only: the report's leak list with the frame it belongs to, not a report.
      const value = leaksOnly ? { frame: report.frame, leaks: report.leaks } : report;
      this.write(`${stream ? JSON.stringify(value) : JSON.stringify(value, null, 2)}\n`);
    } else {
      const separator = clear ? CLEAR : this.printed > 0 ? '\n' : '';
      this.write(separator + renderTable(report, `claw-stats: ${where}`, leaksOnly));
    }
    this.printed++;
  }

  get count(): number {
    return this.printed;
  }
}
