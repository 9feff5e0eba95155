// claw-snap: the command-line tool for .clawsnap files (docs/claw-snap.md). bin/claw-snap.mjs runs
// main() from the compiled build/tools/snap/main.js; the engine comes from the built package
// (@openclaw/memory-sdk -> build/dist), exactly as a user's program would get it.
import { dispatch, type Command } from '../shared/cli.js';
import { CommandContext } from './context.js';
import { diffCommand } from './diff.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { infoCommand } from './info.js';
import { MAIN_USAGE } from './usage.js';
import { verifyCommand } from './verify.js';

const COMMANDS: Record<string, Command<CommandContext>> = {
  info: infoCommand,
  verify: verifyCommand,
  diff: diffCommand,
  export: exportCommand,
  import: importCommand,
};

export function main(argv: readonly string[]): Promise<number> {
  return dispatch({ name: 'claw-snap', usage: MAIN_USAGE, commands: COMMANDS, context: () => new CommandContext() }, argv);
}
