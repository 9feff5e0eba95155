// Shared set-up of the claw-rez tests: the real command as a child process (tests/tools/support/cli.ts),
// in a temporary directory that holds the trees, archives and files the tests make.
import { ToolCli, type Run } from '../support/cli.js';

export { put, type Run } from '../support/cli.js';

const tool = new ToolCli('claw-rez', 'rez');

/** Runs claw-rez with `args` in `cwd`; never throws for a non-zero exit. stdout as latin1 with `binary`. */
export const rez = (args: readonly string[], cwd: string, binary = false): Promise<Run> => tool.run(args, cwd, { binary });
export const workDir = (): string => tool.workDir();
export const json = <T>(run: Run): T => tool.json<T>(run);

/** Deterministic bytes (a xorshift stream), so a failure reproduces. */
export function pseudoRandom(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
