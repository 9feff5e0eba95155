// Shared set-up of the claw-stats tests: the real command as a child process (tests/tools/support/cli.ts),
// in a temporary directory; claw-stats reads stdin, and --watch keeps it running (Watching).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';

import { ToolCli, type Run } from '../support/cli.js';

export { put, root, type Run } from '../support/cli.js';

const tool = new ToolCli('claw-stats', 'stats');

/** Runs claw-stats with `args` in `cwd`, with `stdin` as its input; never throws for a non-zero exit. */
export const stats = (args: readonly string[], cwd: string, stdin?: string | Uint8Array): Promise<Run> =>
  tool.run(args, cwd, stdin === undefined ? {} : { stdin });
export const workDir = (): string => tool.workDir();
export const json = <T>(run: Run): T => tool.json<T>(run);

/** A running claw-stats (--watch), with its output collected as it comes. */
export class Watching {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], cwd: string) {
    this.child = tool.spawn(args, cwd);
    this.child.stdout.setEncoding('utf8').on('data', (t: string) => (this.stdout += t));
    this.child.stderr.setEncoding('utf8').on('data', (t: string) => (this.stderr += t));
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  /** Waits until `test` holds for the output so far (polling), or fails after `ms`. */
  async until(test: (w: Watching) => boolean, what: string, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!test(this)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Complete stdout lines so far. */
  lines(): string[] {
    const all = this.stdout.split('\n');
    return all.slice(0, -1);
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}
