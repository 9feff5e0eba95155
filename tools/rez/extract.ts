// claw-rez extract: one file (to a file or stdout), or a directory's subtree into a directory.
import { mkdir, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';

import type { RezArchive, RezEntry } from '@openclaw/memory-sdk';

import { expectPositionals, parseCommand } from '../shared/args.js';
import { EXIT_OK, InvalidInputError, UsageError } from '../shared/errors.js';
import { baseName, isUrl, type RezContext } from './context.js';
import { ProgressLine } from './progress.js';
import { EXTRACT_USAGE } from './usage.js';

/** An entry's name as a file name on disk; names that could leave the output directory are refused. */
export function safeName(entry: RezEntry): string {
  const name = baseName(entry.path);
  if (name === '' || name === '.' || name === '..' || name.includes('/') || name.includes('\0')) {
    throw new InvalidInputError('UnsafeNameError', `the entry ${JSON.stringify(entry.path)} has a name that cannot be written safely`);
  }
  return name;
}

async function write(path: string, data: Uint8Array): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (err) {
    throw new UsageError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

async function makeDir(path: string): Promise<void> {
  try {
    await mkdir(path, { recursive: true });
  } catch (err) {
    throw new UsageError(`cannot create the directory ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

/** Every file under `dir` with the disk path (below `out`) it goes to; directories made on the way. */
async function plan(rez: RezArchive, dir: string, out: string, into: Array<{ entry: RezEntry; to: string }>): Promise<void> {
  await makeDir(out);
  for (const entry of rez.list(dir)) {
    const to = join(out, safeName(entry));
    if (entry.isDirectory) await plan(rez, entry.path, to, into);
    else into.push({ entry, to });
  }
}

/** The default directory for the root: the archive's name without its extension. */
function archiveStem(archive: string): string {
  const name = isUrl(archive) ? decodeURIComponent(new URL(archive).pathname.split('/').pop() ?? '') : basename(archive);
  const stem = name.slice(0, name.length - extname(name).length);
  return stem === '' || stem === '.' || stem === '..' ? 'rez' : stem;
}

export async function extractCommand(argv: readonly string[], ctx: RezContext): Promise<number> {
  const parsed = parseCommand(argv, { output: { type: 'string', short: 'o' } });
  if (parsed.help) return ctx.help(EXTRACT_USAGE);
  const [archive, path] = expectPositionals(parsed, ['ARCHIVE', 'PATH']);
  const rez = await ctx.open(archive!);
  const entry = rez.stat(path!);
  const output = parsed.strings.output;
  if (!entry.isDirectory) {
    const bytes = await rez.read(entry.path);
    if (output === '-') process.stdout.write(bytes);
    else await write(output ?? safeName(entry), bytes);
    return EXIT_OK;
  }
  if (output === '-') throw new UsageError(`${entry.path} is a directory: it cannot go to stdout`);
  const files: Array<{ entry: RezEntry; to: string }> = [];
  await plan(rez, entry.path, output ?? (entry.path === '/' ? archiveStem(archive!) : safeName(entry)), files);
  const totalBytes = files.reduce((n, f) => n + f.entry.size, 0);
  const progress = new ProgressLine(files.length, totalBytes);
  let done = 0;
  let bytes = 0;
  try {
    for (const file of files) {
      await write(file.to, await rez.read(file.entry.path));
      done++;
      bytes += file.entry.size;
      progress.update(done, bytes);
    }
  } finally {
    progress.done();
  }
  return EXIT_OK;
}
