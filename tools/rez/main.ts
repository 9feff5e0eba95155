// claw-rez: the command-line tool for REZ archives and the files in them (docs/claw-rez.md).
// bin/claw-rez.mjs runs main() from the compiled build/tools/rez/main.js; the engine comes from the
// built package (@openclaw/memory-sdk -> build/dist), exactly as a user's program would get it.
import {
  EntryNotFoundError, FormatError, InvalidArgumentError, NotADirectoryError, NotAFileError, SourceError,
} from '@openclaw/memory-sdk';

import { EXIT_INVALID, EXIT_USAGE, InvalidInputError, UsageError } from '../snap/errors.js';
import { RezContext } from './context.js';
import { extractCommand } from './extract.js';
import { infoCommand } from './info.js';
import { lsCommand } from './ls.js';
import { packCommand } from './pack.js';
import { pid2pngCommand } from './pid2png.js';
import { MAIN_USAGE } from './usage.js';
import { wwd2jsonCommand } from './wwd2json.js';

type Command = (argv: readonly string[], ctx: RezContext) => Promise<number>;

const COMMANDS: Record<string, Command> = {
  info: infoCommand,
  ls: lsCommand,
  extract: extractCommand,
  pid2png: pid2pngCommand,
  wwd2json: wwd2jsonCommand,
  pack: packCommand,
};

/** The engine's errors about the bytes it was given (or could not get): invalid input, exit 1. */
function isInputError(err: unknown): err is Error {
  return err instanceof FormatError || err instanceof SourceError || err instanceof EntryNotFoundError ||
    err instanceof NotAFileError || err instanceof NotADirectoryError || err instanceof InvalidArgumentError;
}

export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (topic !== undefined && topic in COMMANDS) return main([topic, '--help']);
    if (name === undefined) {
      process.stderr.write(`claw-rez: expected a command\n\n${MAIN_USAGE}\n`);
      return EXIT_USAGE;
    }
    process.stdout.write(`${MAIN_USAGE}\n`);
    return 0;
  }
  const command = COMMANDS[name];
  if (command === undefined) {
    process.stderr.write(`claw-rez: unknown command '${name}'\n\n${MAIN_USAGE}\n`);
    return EXIT_USAGE;
  }
  const ctx = new RezContext();
  try {
    return await command(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`claw-rez ${name}: ${err.message}\n(claw-rez ${name} --help shows the usage)\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InvalidInputError) {
      process.stderr.write(`claw-rez ${name}: ${err.describe()}\n`);
      return EXIT_INVALID;
    }
    if (isInputError(err)) {
      process.stderr.write(`claw-rez ${name}: ${err.name}: ${err.message}\n`);
      return EXIT_INVALID;
    }
    throw err;
  } finally {
    ctx.dispose();
  }
}
