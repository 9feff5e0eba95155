// The top level of a tool made of commands (claw-snap, claw-rez): help, a missing or unknown command
// (exit 2), and what a command throws turned into an exit code with one line on stderr. Anything not
// recognised here is rethrown for the bin/ shim, which reports it as "could not run" (exit 70).
import { EXIT_INVALID, EXIT_USAGE, InvalidInputError, UsageError } from './errors.js';

/** What every command's context offers main: released once the command is done, however it ends. */
export interface Disposable {
  dispose(): void;
}

export type Command<Context> = (argv: readonly string[], ctx: Context) => Promise<number>;

export interface Tool<Context extends Disposable> {
  /** The tool's name, the prefix of its messages ("claw-rez"). */
  name: string;
  /** The tool's help (its commands and what they do). */
  usage: string;
  commands: Readonly<Record<string, Command<Context>>>;
  /** A fresh context for one command. */
  context(): Context;
  /** Errors of the tool's domain that are about its input (exit 1, shown as "Name: message"). */
  isInputError?: (err: unknown) => err is Error;
}

/** Runs `argv` ("COMMAND [ARGS...]", "help [COMMAND]", "--help") against `tool`; the exit code. */
export async function dispatch<Context extends Disposable>(tool: Tool<Context>, argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  // Own keys only: "toString" or "constructor" are not commands.
  const known = (key: string | undefined): key is string => key !== undefined && Object.hasOwn(tool.commands, key);
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    const topic = name === 'help' ? rest[0] : undefined;
    if (known(topic)) return dispatch(tool, [topic, '--help']);
    if (name === undefined) {
      process.stderr.write(`${tool.name}: expected a command\n\n${tool.usage}\n`);
      return EXIT_USAGE;
    }
    process.stdout.write(`${tool.usage}\n`);
    return 0;
  }
  if (!known(name)) {
    process.stderr.write(`${tool.name}: unknown command '${name}'\n\n${tool.usage}\n`);
    return EXIT_USAGE;
  }
  const command = tool.commands[name]!;
  const ctx = tool.context();
  const prefix = `${tool.name} ${name}`;
  try {
    return await command(rest, ctx);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`${prefix}: ${err.message}\n(${prefix} --help shows the usage)\n`);
      return EXIT_USAGE;
    }
    if (err instanceof InvalidInputError) {
      process.stderr.write(`${prefix}: ${err.describe()}\n`);
      return EXIT_INVALID;
    }
    const isInputError = tool.isInputError;
    if (isInputError !== undefined && isInputError(err)) {
      process.stderr.write(`${prefix}: ${err.name}: ${err.message}\n`);
      return EXIT_INVALID;
    }
    throw err;
  } finally {
    ctx.dispose();
  }
}
