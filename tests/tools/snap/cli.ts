// Shared set-up of the claw-snap tests: the real command as a child process (tests/tools/support/cli.ts),
// in a temporary directory that holds the snapshots the tests make with the engine.
import { ToolCli, type Run } from '../support/cli.js';

export { put, type Run } from '../support/cli.js';

const tool = new ToolCli('claw-snap', 'snap');

/** Runs claw-snap with `args` in `cwd`; never throws for a non-zero exit. */
export const claw = (args: readonly string[], cwd: string): Promise<Run> => tool.run(args, cwd);
export const workDir = (): string => tool.workDir();
export const json = <T>(run: Run): T => tool.json<T>(run);
