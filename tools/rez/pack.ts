// claw-rez pack: a REZ of a directory, planned by the core (Formats.planRez: sizes only) and streamed
// to a temporary file next to OUT (the header, each file copied at its offset, then the directory
// blocks), renamed to OUT only once complete, so a failed pack leaves no partial archive behind.
import { randomBytes } from 'node:crypto';
import { open, rename, rm, type FileHandle } from 'node:fs/promises';
import { resolve } from 'node:path';

import { expectPositionals, parseCommand } from '../shared/args.js';
import { EXIT_OK, InvalidInputError, UsageError } from '../shared/errors.js';
import type { RezContext } from './context.js';
import { sourceFiles, type SourceFile } from './pack-source.js';
import { ProgressLine } from './progress.js';
import { PACK_USAGE } from './usage.js';

const CHUNK = 1 << 20;

async function writeAll(out: FileHandle, bytes: Uint8Array, position: number): Promise<void> {
  let done = 0;
  while (done < bytes.length) {
    const { bytesWritten } = await out.write(bytes, done, bytes.length - done, position + done);
    done += bytesWritten;
  }
}

/** Copies `file` to `position` of `out`; a file whose size changed since it was planned fails the pack. */
async function copyFile(out: FileHandle, file: SourceFile, position: number, buffer: Uint8Array): Promise<void> {
  let input: FileHandle;
  try {
    input = await open(file.file, 'r');
  } catch (err) {
    throw new UsageError(`cannot read ${file.file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  try {
    let done = 0;
    while (done < file.size) {
      const { bytesRead } = await input.read(buffer, 0, Math.min(buffer.length, file.size - done), done);
      if (bytesRead === 0) break; // shrunk since it was planned: reported below
      await writeAll(out, buffer.subarray(0, bytesRead), position + done);
      done += bytesRead;
    }
    const now = await input.stat();
    if (done !== file.size || now.size !== file.size) {
      throw new InvalidInputError('SourceChangedError', `${file.path} changed while it was packed (${file.size} bytes planned, ${now.size} now)`);
    }
  } finally {
    await input.close();
  }
}

export async function packCommand(argv: readonly string[], ctx: RezContext): Promise<number> {
  const parsed = parseCommand(argv, { output: { type: 'string', short: 'o' } });
  if (parsed.help) return ctx.help(PACK_USAGE);
  const [srcDir] = expectPositionals(parsed, ['SRCDIR']);
  const target = parsed.strings.output;
  if (target === undefined || target === '' || target === '-') throw new UsageError('-o OUT.rez is required (a file, not stdout)');
  const files = await sourceFiles(srcDir!, resolve(target));
  const plan = (await ctx.formats()).planRez(files.map((f) => ({ path: f.path, size: f.size, dateTime: f.dateTime, fileId: f.fileId })));

  // A name of our own, created exclusively: a user's OUT.tmp, or another pack to the same OUT, is never
  // overwritten or removed.
  const temp = `${target}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  let out: FileHandle;
  try {
    out = await open(temp, 'wx');
  } catch (err) {
    throw new UsageError(`cannot write ${temp}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  let complete = false;
  const progress = new ProgressLine(files.length, plan.totalSize);
  try {
    await writeAll(out, plan.head, 0);
    const buffer = new Uint8Array(CHUNK);
    let bytes = plan.head.length;
    for (let i = 0; i < files.length; i++) {
      await copyFile(out, files[i]!, plan.dataOffsets[i]!, buffer);
      bytes += files[i]!.size;
      progress.update(i + 1, bytes);
    }
    await writeAll(out, plan.blocks, plan.blocksOffset);
    await out.truncate(plan.totalSize);
    await out.close();
    await rename(temp, target);
    complete = true;
  } catch (err) {
    // A system error (ENOSPC, EACCES ...) while writing is about where the archive goes: exit 2.
    const code = (err as NodeJS.ErrnoException | null)?.code;
    if (typeof code === 'string' && /^E[A-Z]+$/.test(code)) throw new UsageError(`cannot write ${temp}: ${code}`);
    throw err;
  } finally {
    progress.done();
    if (!complete) {
      await out.close().catch(() => undefined);
      await rm(temp, { force: true });
    }
  }
  return EXIT_OK;
}
