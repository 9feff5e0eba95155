// claw-stats: prints the tracker report(s) of a program run (docs/claw-stats.md). bin/claw-stats.mjs
// runs main() from the compiled build/tools/stats/main.js. Stats lines and JSON files need no wasm;
// a .clawsnap is read through the engine's wasm core (a scratch engine, made only then).
import { parseCommand } from '../shared/args.js';
import { UsageError } from '../shared/errors.js';
import { Scratch } from '../snap/scratch.js';
import { EXIT_BAD_INPUT, EXIT_OK, InputError } from './errors.js';
import { readBytes, reportsIn, sourceName } from './input.js';
import { Output, type Format } from './output.js';
import { USAGE } from './usage.js';
import { watch } from './watch.js';

interface Options {
  path: string;
  format: Format;
  all: boolean;
  leaksOnly: boolean;
  watch: boolean;
  intervalMs: number;
}

function options(argv: readonly string[]): Options | null {
  const parsed = parseCommand(argv, {
    format: { type: 'string', short: 'f' },
    all: { type: 'boolean', short: 'a' },
    'leaks-only': { type: 'boolean', short: 'l' },
    watch: { type: 'boolean', short: 'w' },
    interval: { type: 'string' },
  });
  if (parsed.help) return null;
  const format = parsed.strings.format ?? 'table';
  if (format !== 'table' && format !== 'json') throw new UsageError(`--format must be table or json, got '${format}'`);
  const interval = parsed.strings.interval ?? '250';
  const intervalMs = /^[0-9]+$/.test(interval) ? Number(interval) : NaN;
  if (!(intervalMs >= 10 && intervalMs <= 60_000)) throw new UsageError(`--interval must be a number of milliseconds from 10 to 60000, got '${interval}'`);
  if (parsed.strings.interval !== undefined && parsed.flags.watch !== true) throw new UsageError('--interval goes with --watch');
  if (parsed.positionals.length !== 1) {
    const got = parsed.positionals.length;
    throw new UsageError(`expected one input (a file, or - for stdin), got ${got === 0 ? 'none' : got}`);
  }
  return {
    path: parsed.positionals[0]!,
    format,
    all: parsed.flags.all === true,
    leaksOnly: parsed.flags['leaks-only'] === true,
    watch: parsed.flags.watch === true,
    intervalMs,
  };
}

async function run(o: Options, scratch: Scratch): Promise<number> {
  const stream = o.all || o.watch;
  const out = new Output({ format: o.format, leaksOnly: o.leaksOnly, stream, clear: o.watch && o.format === 'table' && process.stdout.isTTY === true });
  if (o.watch) {
    return watch({ path: o.path, all: o.all, everyReport: o.format === 'json', intervalMs: o.intervalMs }, out, scratch);
  }
  const found = await reportsIn(await readBytes(o.path), sourceName(o.path), scratch);
  for (const f of o.all ? found : found.slice(-1)) out.show(f);
  return EXIT_OK;
}

export async function main(argv: readonly string[]): Promise<number> {
  let o: Options | null;
  try {
    o = options(argv);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`claw-stats: ${err.message}\n(claw-stats --help shows the usage)\n`);
    return EXIT_BAD_INPUT;
  }
  if (o === null) {
    process.stdout.write(`${USAGE}\n`);
    return EXIT_OK;
  }
  const scratch = new Scratch();
  try {
    return await run(o, scratch);
  } catch (err) {
    if (!(err instanceof InputError)) throw err;
    process.stderr.write(`claw-stats: ${err.describe()}\n`);
    return EXIT_BAD_INPUT;
  } finally {
    scratch.destroy();
  }
}
