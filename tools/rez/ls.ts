// claw-rez ls: the entries of a directory, or of its whole subtree with -R.
import type { RezArchive, RezEntry } from '@openclaw/memory-sdk';

import { parseCommand } from '../shared/args.js';
import { EXIT_OK, UsageError } from '../shared/errors.js';
import { table } from '../snap/text.js';
import { baseName, type RezContext } from './context.js';
import { LS_USAGE } from './usage.js';

/** An entry's dateTime (seconds since 1970) as "YYYY-MM-DD HH:MM:SS" UTC. */
export function dateText(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** Depth first, each directory followed by its subtree. */
function walk(rez: RezArchive, dir: string, into: RezEntry[]): void {
  for (const entry of rez.list(dir)) {
    into.push(entry);
    if (entry.isDirectory) walk(rez, entry.path, into);
  }
}

export async function lsCommand(argv: readonly string[], ctx: RezContext): Promise<number> {
  const parsed = parseCommand(argv, {
    long: { type: 'boolean', short: 'l' },
    recursive: { type: 'boolean', short: 'R' },
    json: { type: 'boolean' },
  });
  if (parsed.help) return ctx.help(LS_USAGE);
  const [archive, dir, ...extra] = parsed.positionals;
  if (archive === undefined || extra.length > 0) {
    throw new UsageError(`expected ARCHIVE [DIR], got ${parsed.positionals.length === 0 ? 'nothing' : `${parsed.positionals.length} arguments`}`);
  }
  const rez = await ctx.open(archive);
  const recursive = parsed.flags.recursive === true;
  let entries: RezEntry[];
  if (recursive) {
    entries = [];
    rez.list(dir ?? '/'); // NotADirectoryError for a file, before walking
    walk(rez, dir ?? '/', entries);
  } else {
    entries = rez.list(dir ?? '/');
  }
  if (parsed.flags.json === true) {
    ctx.out(JSON.stringify(entries, null, 2));
    return EXIT_OK;
  }
  const label = (e: RezEntry): string => `${recursive ? e.path : baseName(e.path)}${e.isDirectory ? '/' : ''}`;
  if (parsed.flags.long !== true) {
    if (entries.length > 0) ctx.out(entries.map(label).join('\n'));
    return EXIT_OK;
  }
  if (entries.length > 0) {
    ctx.out(table(['size', 'offset', 'id', 'date (UTC)', 'name'], entries.map((e) => [
      e.isDirectory ? '-' : `${e.size}`, `${e.offset}`, e.isDirectory ? '-' : `${e.fileId}`, dateText(e.dateTime), label(e),
    ])));
  }
  return EXIT_OK;
}
