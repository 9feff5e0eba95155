// Writes the stress level's archive (stress-rez.ts) for the `game` benchmark and the page:
//   npx tsx tools/assets/levels/main.ts [--out FILE] [--entities N] [--quiet]
// (default FILE, from the working directory: build/assets/web/stress-level.rez; N default 2000).
// Written through a temporary name, so a page never reads half an archive. Exit 0 done, 1 a failure
// (the message says which), 2 a bad command line.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Formats } from '@openclaw/memory-sdk';

import { parseCommand } from '../../shared/args.js';
import { UsageError } from '../../shared/errors.js';

import type { PackingFormats } from './demo-source.js';
import { STRESS_ENTITIES, STRESS_MAX_ENTITIES } from './stress-level.js';
import { makeStressRez, STRESS_REZ } from './stress-rez.js';

const USAGE = 'usage: main.ts [--out FILE] [--entities N] [--quiet]';

interface Args {
  out: string;
  entities: number;
  quiet: boolean;
}

function parseLevelArgs(argv: readonly string[], cwd: string): Args {
  const parsed = parseCommand(argv, { out: { type: 'string' }, entities: { type: 'string' }, quiet: { type: 'boolean' } });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${parsed.positionals[0]}`);
  const entities = parsed.strings.entities === undefined ? STRESS_ENTITIES : Number(parsed.strings.entities);
  if (!Number.isInteger(entities) || entities < 1 || entities > STRESS_MAX_ENTITIES) {
    throw new UsageError(`--entities takes a whole number from 1 to ${STRESS_MAX_ENTITIES}, not ${parsed.strings.entities}`);
  }
  return { out: resolve(cwd, parsed.strings.out ?? STRESS_REZ), entities, quiet: parsed.flags.quiet === true };
}

export interface MainOptions {
  cwd?: string;
  /** Default Formats.load() of the package (tests pass the engine sources' instance; it is not disposed). */
  loadFormats?: () => Promise<PackingFormats>;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  let args: Args;
  try {
    args = parseLevelArgs(argv, options.cwd ?? process.cwd());
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`stress-level: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  let owned: Formats | null = null;
  const tmp = `${args.out}.partial`;
  try {
    const formats = options.loadFormats !== undefined ? await options.loadFormats() : (owned = await Formats.load());
    const rez = makeStressRez(formats, { entities: args.entities });
    mkdirSync(dirname(args.out), { recursive: true });
    writeFileSync(tmp, rez);
    renameSync(tmp, args.out);
    if (!args.quiet) process.stdout.write(`stress-level: ${args.entities} objects, ${rez.length} bytes -> ${args.out}\n`);
    return 0;
  } catch (err) {
    rmSync(tmp, { force: true });
    process.stderr.write(`stress-level: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  } finally {
    owned?.dispose();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
