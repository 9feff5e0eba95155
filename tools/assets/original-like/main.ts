// Writes the synthetic "REZ like the original" (make.ts) to a file:
//   npx tsx tools/assets/original-like/main.ts OUT.rez
// Exit 0 done, 1 a failure (the message says which), 2 a bad command line.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { expectPositionals, parseCommand } from '../../shared/args.js';
import { UsageError } from '../../shared/errors.js';

import { makeOriginalLikeRez, type OriginalLikeOptions } from './make.js';

const USAGE = 'usage: main.ts OUT.rez [--quiet]';

export async function main(argv: readonly string[], options: OriginalLikeOptions & { cwd?: string } = {}): Promise<number> {
  let out: string;
  let quiet: boolean;
  try {
    const parsed = parseCommand(argv, { quiet: { type: 'boolean' } });
    out = resolve(options.cwd ?? process.cwd(), expectPositionals(parsed, ['OUT.rez'])[0]!);
    quiet = parsed.flags.quiet === true;
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`original-like: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  const tmp = `${out}.partial`;
  try {
    const rez = await makeOriginalLikeRez(options);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(tmp, rez);
    renameSync(tmp, out);
    if (!quiet) process.stdout.write(`original-like: ${rez.length} bytes -> ${out}\n`);
    return 0;
  } catch (err) {
    rmSync(tmp, { force: true });
    process.stderr.write(`original-like: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
