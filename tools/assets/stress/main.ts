// Writes the streaming stress set (stress-set.ts) for the Chromium streaming test page:
//   main.js [--out DIR] [--count N] [--quiet]
// (default DIR, from the working directory: build/assets/web/stress, a folder Vite serves as public
// files; N default 256 = 64 MiB decoded). Files are written to a temporary folder first and swapped in,
// so a page never sees half a set. Exit 0 done, 1 a failure (the message says which), 2 a bad command line.
import { mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Formats } from '@openclaw/memory-sdk';

import { parseCommand } from '../../shared/args.js';
import { UsageError } from '../../shared/errors.js';

import { STRESS_COUNT, STRESS_MANIFEST, stressManifest, stressName, stressPid, type StressFile } from './stress-set.js';

const USAGE = 'usage: main.js [--out DIR] [--count N] [--quiet]';

interface Args {
  out: string;
  count: number;
  quiet: boolean;
}

function parseStressArgs(argv: readonly string[], cwd: string): Args {
  const parsed = parseCommand(argv, { out: { type: 'string' }, count: { type: 'string' }, quiet: { type: 'boolean' } });
  if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument ${parsed.positionals[0]}`);
  const count = parsed.strings.count === undefined ? STRESS_COUNT : Number(parsed.strings.count);
  if (!Number.isInteger(count) || count < 1 || count > 999) {
    throw new UsageError(`--count takes a whole number from 1 to 999, not ${parsed.strings.count}`);
  }
  return {
    out: resolve(cwd, parsed.strings.out ?? 'build/assets/web/stress'),
    count,
    quiet: parsed.flags.quiet === true,
  };
}

export interface MainOptions {
  cwd?: string;
  /** The decoders that encode the PIDs; default Formats.load() of the package (tests pass the source tree's). */
  loadFormats?: () => Promise<Pick<Formats, 'encodePid'>>;
}

export async function main(argv: readonly string[], options: MainOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  let args: Args;
  try {
    args = parseStressArgs(argv, cwd);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`stress: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  try {
    const formats = await (options.loadFormats ?? (() => Formats.load()))();
    const staging = `${args.out}.tmp-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    const files: StressFile[] = [];
    let total = 0;
    for (let n = 0; n < args.count; n++) {
      const bytes = stressPid(formats, n);
      const name = stressName(n);
      writeFileSync(join(staging, name), bytes);
      files.push({ name, bytes: bytes.length });
      total += bytes.length;
    }
    const manifest = stressManifest(files);
    writeFileSync(join(staging, STRESS_MANIFEST), `${JSON.stringify(manifest, null, 1)}\n`);
    mkdirSync(dirname(args.out), { recursive: true });
    rmSync(args.out, { recursive: true, force: true });
    renameSync(staging, args.out);
    if (!args.quiet) {
      const mib = (v: number) => (v / 1048576).toFixed(1);
      process.stdout.write(`stress: ${files.length} PIDs, ${mib(total)} MiB of files, ${mib(manifest.decodedBytes)} MiB decoded -> ${args.out}\n`);
    }
    return 0;
  } catch (err) {
    process.stderr.write(`stress: ${err instanceof Error ? err.message : String(err)}\n`);
    return 1;
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
