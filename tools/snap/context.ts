// What every command gets from main: the scratch engines, progress on stderr, and output helpers
// (stdout for results, so tests and scripts can capture them).
import { EXIT_OK } from '../shared/errors.js';
import { Progress } from './progress.js';
import { Scratch } from './scratch.js';

export class CommandContext {
  readonly scratch = new Scratch();
  readonly progress = new Progress();

  out(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** Prints a command's help on stdout; asking for help succeeds. */
  help(usage: string): number {
    this.out(usage);
    return EXIT_OK;
  }

  dispose(): void {
    this.scratch.destroy();
  }
}
