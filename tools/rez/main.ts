// claw-rez: the command-line tool for REZ archives and the files in them (docs/claw-rez.md).
// bin/claw-rez.mjs runs main() from the compiled build/tools/rez/main.js; the engine comes from the
// built package (@openclaw/memory-sdk -> build/dist), exactly as a user's program would get it.
import {
  EntryNotFoundError, FormatError, InvalidArgumentError, NotADirectoryError, NotAFileError, SourceError,
} from '@openclaw/memory-sdk';

import { dispatch, type Command } from '../shared/cli.js';
import { RezContext } from './context.js';
import { extractCommand } from './extract.js';
import { infoCommand } from './info.js';
import { lsCommand } from './ls.js';
import { packCommand } from './pack.js';
import { pid2pngCommand } from './pid2png.js';
import { MAIN_USAGE } from './usage.js';
import { wwd2jsonCommand } from './wwd2json.js';

const COMMANDS: Record<string, Command<RezContext>> = {
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

export function main(argv: readonly string[]): Promise<number> {
  return dispatch({ name: 'claw-rez', usage: MAIN_USAGE, commands: COMMANDS, context: () => new RezContext(), isInputError }, argv);
}
