// Progress while a benchmark runs: one status line that is rewritten in place on a terminal, and
// plain lines otherwise (CI logs), each stamped with the time since the start.
export class Progress {
  private readonly t0 = performance.now();
  private live = false;

  constructor(private readonly out: NodeJS.WriteStream = process.stderr) {}

  private stamp(): string {
    return `[bench ${((performance.now() - this.t0) / 1000).toFixed(1).padStart(5)} s]`;
  }

  /** A transient status ("wasm pool-fixed 3/9"): overwritten by the next one on a terminal. */
  update(text: string): void {
    const line = `${this.stamp()} ${text}`;
    if (this.out.isTTY) {
      this.out.write(`\r\x1b[2K${line}`);
      this.live = true;
    } else {
      this.out.write(`${line}\n`);
    }
  }

  /** A line that stays. */
  log(text: string): void {
    if (this.live) this.out.write('\r\x1b[2K');
    this.live = false;
    this.out.write(`${this.stamp()} ${text}\n`);
  }

  elapsedSeconds(): number {
    return (performance.now() - this.t0) / 1000;
  }
}
