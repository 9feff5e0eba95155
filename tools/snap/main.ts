// claw-snap: the command-line tool for .clawsnap files (docs/claw-snap.md). bin/claw-snap.mjs runs
// main() from the compiled build/tools/snap/main.js; the engine comes from the built package
// (@openclaw/memory-sdk -> build/dist), exactly as a user's program would get it.
import { CommandContext } from './context.js';
import { diffCommand } from './diff.js';
import { EXIT_INVALID, EXIT_USAGE, InvalidInputError, UsageError } from './errors.js';
import { exportCommand } from './export.js';
import { importCommand } from './import.js';
import { infoCommand } from './info.js';
import { MAIN_USAGE } from './usage.js';
import { verifyCommand } from './verify.js';

type Command = (argv: readonly string[], ctx: CommandContext) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  info: infoCommand,
  verify: verifyCommand,
  diff: diffCommand,
  export: exportCommand,
  import: importCommand,
};

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && topic in COMMANDS) return main([topic, '--help']);
    if (name === undefined) {
      process.stderr.write(`claw-snap: expected a command\n\n${MAIN_USAGE}\n`);
      return EXIT_USAGE;
    }
    process.stdout.write(`${MAIN_USAGE}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`claw-snap: unknown command '${name}'\n\n${MAIN_USAGE}\n`);
    return EXIT_USAGE;
  }
  const ctx = new CommandContext();
  try {
    return await command(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`claw-snap ${name}: ${err.message}\n(claw-snap ${name} --help shows the usage)\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InvalidInputError) {
      process.stderr.write(`claw-snap ${name}: ${err.describe()}\n`);
      return EXIT_INVALID;
    }
    throw err;
  } finally {
    ctx.dispose();
  }
}
