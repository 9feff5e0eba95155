// The file pid2png and wwd2json convert: `ARCHIVE PATH` (an entry, read alone) or one loose `FILE`.
import type { RezArchive } from '@openclaw/memory-sdk';

import { UsageError } from '../shared/errors.js';
import { readInput } from '../snap/files.js';
import type { RezContext } from './context.js';

/** The file's bytes and, from an archive, the archive and the entry's path. */
export interface Loaded {
  bytes: Uint8Array;
  rez: RezArchive | null;
  path: string;
}

/** `ARCHIVE PATH` or `FILE` (the positionals of pid2png and wwd2json). */
export async function loadTarget(ctx: RezContext, positionals: readonly string[], what: string): Promise<Loaded> {
  if (positionals.length === 1) return { bytes: await readInput(positionals[0]!), rez: null, path: positionals[0]! };
  if (positionals.length === 2) {
    const rez = await ctx.open(positionals[0]!);
    const path = rez.stat(positionals[1]!).path;
    return { bytes: await rez.read(path), rez, path };
  }
  const got = positionals.length;
  throw new UsageError(`expected ARCHIVE PATH or ${what}, got ${got === 0 ? 'nothing' : `${got} arguments`}`);
}
