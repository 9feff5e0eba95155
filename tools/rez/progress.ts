// The progress line of a long extraction: rewritten in place on a terminal's stderr, and nothing at
// all when stderr is not a terminal (a pipe or a log file gets no carriage-return noise).
import { bytesText } from '../snap/text.js';

/** Extractions of at least this many bytes show progress. */
export const PROGRESS_THRESHOLD = 4 * 1024 * 1024;
const REDRAW_MS = 100;

export class ProgressLine {
  private readonly enabled: boolean;
  private last = 0;
  private shown = false;

  constructor(private readonly totalFiles: number, private readonly totalBytes: number) {
    this.enabled = process.stderr.isTTY === true && totalBytes >= PROGRESS_THRESHOLD;
  }

  update(files: number, bytes: number): void {
    if (!this.enabled) return;
    const now = performance.now();
    if (now - this.last < REDRAW_MS && files < this.totalFiles) return;
    this.last = now;
    this.shown = true;
    process.stderr.write(`\rclaw-rez: ${files}/${this.totalFiles} files, ${bytesText(bytes)} of ${bytesText(this.totalBytes)}\x1b[K`);
  }

  done(): void {
    if (this.shown) process.stderr.write('\n');
  }
}
