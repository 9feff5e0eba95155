// claw-rez info: what an archive holds, from its header and directory alone.
import { expectPositionals, parseCommand } from '../shared/args.js';
import { EXIT_OK } from '../shared/errors.js';
import { bytesText, table } from '../snap/text.js';
import { baseName, extensionOf, type RezContext } from './context.js';
import { INFO_USAGE } from './usage.js';

export interface ArchiveInfo {
  archive: string;
  size: number;
  version: number;
  dirOffset: number;
  dirSize: number;
  files: number;
  directories: number;
  dataBytes: number;
  /** Files per upper-cased extension ("" for none), most first. */
  extensions: Record<string, number>;
  bytesReadToOpen: number;
}

export async function infoCommand(argv: readonly string[], ctx: RezContext): Promise<number> {
  const parsed = parseCommand(argv, { json: { type: 'boolean' } });
  if (parsed.help) return ctx.help(INFO_USAGE);
  const [path] = expectPositionals(parsed, ['ARCHIVE']);
  const rez = await ctx.open(path!);
  const bytesReadToOpen = rez.source.bytesRead;
  let files = 0;
  let dataBytes = 0;
  const byExt = new Map<string, number>();
  for (const entry of rez.files()) {
    files++;
    dataBytes += entry.size;
    const ext = extensionOf(baseName(entry.path));
    byExt.set(ext, (byExt.get(ext) ?? 0) + 1);
  }
  const sorted = [...byExt].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const info: ArchiveInfo = {
    archive: rez.source.name, size: rez.source.size, version: rez.version, dirOffset: rez.dirOffset, dirSize: rez.dirSize,
    files, directories: rez.entryCount - files, dataBytes, extensions: Object.fromEntries(sorted), bytesReadToOpen,
  };
  if (parsed.flags.json === true) {
    ctx.out(JSON.stringify(info, null, 2));
    return EXIT_OK;
  }
  ctx.out([
    `archive      ${info.archive} (${info.size} bytes, ${bytesText(info.size)})`,
    `version      ${info.version}`,
    `directory    ${info.dirSize} bytes at offset ${info.dirOffset}`,
    `entries      ${info.files} files, ${info.directories} directories`,
    `data         ${info.dataBytes} bytes (${bytesText(info.dataBytes)})`,
    `opened with  ${info.bytesReadToOpen} bytes read (the header and the directory blocks)`,
    '',
    table(['extension', 'files'], sorted.map(([ext, n]) => [ext === '' ? '(none)' : ext, `${n}`])),
  ].join('\n'));
  return EXIT_OK;
}
