// Progress lines on stderr for long work only: a command on small snapshots prints nothing there,
// so scripts can treat any stderr output from them as a problem.
import { bytesText } from './text.js';

/** Input files at least this large make a command report its steps (a full 16 MiB snapshot does). */
export const PROGRESS_THRESHOLD = 4 * 1024 * 1024;

export class Progress {
  private enabled = false;
  private readonly t0 = performance.now();

  /** Turns progress on when an input file of `bytes` reaches the threshold. */
  consider(bytes: number): void {
    if (bytes >= PROGRESS_THRESHOLD) this.enabled = true;
  }

  step(text: string, bytes?: number): void {
    if (!this.enabled) return;
    const size = bytes === undefined ? '' : ` (${bytesText(bytes)})`;
    const t = ((performance.now() - this.t0) / 1000).toFixed(1);
    process.stderr.write(`claw-snap [${t} s] ${text}${size}\n`);
  }
}
