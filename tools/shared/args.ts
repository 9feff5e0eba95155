// Command-line parsing for one command: node:util's parseArgs in strict mode, with its errors
// turned into UsageError (exit 2).
import { parseArgs } from 'node:util';

import { UsageError } from './errors.js';

export interface OptionSpec {
  type: 'string' | 'boolean';
  short?: string;
}

export interface Parsed {
  positionals: string[];
  flags: Record<string, boolean>;
  strings: Record<string, string>;
  help: boolean;
}

export function parseCommand(argv: readonly string[], options: Record<string, OptionSpec>): Parsed {
  let result: ReturnType<typeof parseArgs>;
  try {
    result = parseArgs({
      args: [...argv],
      options: { ...options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (err) {
    // Node's messages name the option ("Unknown option '--jsn'"); keep that, drop the advice about '--'.
    const message = (err as Error).message.replace(/\. To specify a positional argument[\s\S]*$/, '');
    throw new UsageError(message);
  }
  const flags: Record<string, boolean> = {};
  const strings: Record<string, string> = {};
  for (const [name, value] of Object.entries(result.values)) {
    if (typeof value === 'boolean') flags[name] = value;
    else if (typeof value === 'string') strings[name] = value;
  }
  return { positionals: result.positionals, flags, strings, help: flags.help === true };
}

/** Exactly `count` positional arguments (named in `what` for the message). */
export function expectPositionals(parsed: Parsed, what: readonly string[]): string[] {
  if (parsed.positionals.length !== what.length) {
    const got = parsed.positionals.length;
    throw new UsageError(`expected ${what.join(' ')}, got ${got === 0 ? 'nothing' : `${got} argument${got === 1 ? '' : 's'}`}`);
  }
  return parsed.positionals;
}
