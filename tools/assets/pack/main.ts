// The demo assets packer: assets/ -> build/assets/demo.rez (tools/setup/build.mjs runs it after the
// tools are compiled). Usage:
//   node build/tools/assets/pack/main.js [--assets DIR] [--out FILE] [--stage DIR] [--quiet]
// (defaults, from the working directory: assets/ and build/assets/demo.rez)
// --stage also writes every packed file loose under DIR at its REZ path, with the archive's dateTime
// as its mtime, so that `claw-rez pack DIR` makes the same archive byte for byte. Exit 0 done, 1 a source is wrong (the message names it), 2 a bad command line.
import { mkdirSync, renameSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { Formats } from '@openclaw/memory-sdk';

import { AssetError } from './errors.js';
import { buildFiles, packFiles } from './pack.js';

const USAGE = 'usage: main.js [--assets DIR] [--out FILE] [--stage DIR] [--quiet]';

interface Args {
  assets: string;
  out: string;
  stage: string | null;
  quiet: boolean;
}

class UsageError extends Error {}

function parseArgs(argv: readonly string[], cwd: string): Args {
  const args: Args = { assets: resolve(cwd, 'assets'), out: resolve(cwd, 'build/assets/demo.rez'), stage: null, quiet: false };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    if (flag === '--quiet') {
      args.quiet = true;
      continue;
    }
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    i++;
    if (flag === '--assets') args.assets = resolve(cwd, value);
    else if (flag === '--out') args.out = resolve(cwd, value);
    else if (flag === '--stage') args.stage = resolve(cwd, value);
    else throw new UsageError(`unknown option ${flag}`);
  }
  return args;
}

/** Writes `bytes` to `path` through a temporary name, so a failed run never leaves half a file. */
function writeAtomically(path: string, bytes: Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.partial`;
  try {
    writeFileSync(tmp, bytes);
    renameSync(tmp, path);
  } catch (err) {
    rmSync(tmp, { force: true });
    throw err;
  }
}

export async function main(argv: readonly string[], cwd = process.cwd()): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv, cwd);
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    process.stderr.write(`pack: ${err.message}\n${USAGE}\n`);
    return 2;
  }
  const log = (line: string) => {
    if (!args.quiet) process.stdout.write(`${line}\n`);
  };
  const formats = await Formats.load();
  try {
    const files = buildFiles(args.assets, formats, ({ done, total, path }) => log(`[${done}/${total}] ${path}`));
    const archive = packFiles(formats, files);
    writeAtomically(args.out, archive);
    if (args.stage !== null) {
      for (const f of files) {
        const path = join(args.stage, ...f.path.split('/').filter((p) => p !== ''));
        writeAtomically(path, f.bytes);
        // claw-rez pack takes a file's dateTime from its mtime: with these, it rebuilds demo.rez exactly.
        utimesSync(path, f.dateTime, f.dateTime);
      }
      log(`staged ${files.length} files in ${args.stage}`);
    }
    log(`wrote ${args.out}: ${files.length} files, ${archive.length} bytes`);
    return 0;
  } catch (err) {
    if (!(err instanceof AssetError)) throw err;
    process.stderr.write(`pack: ${err.message}\n`);
    return 1;
  } finally {
    formats.dispose();
  }
}

if (process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exitCode = await main(process.argv.slice(2));
}
