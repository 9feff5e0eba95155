// claw-snap info FILE [--json]
import { expectPositionals, parseCommand } from '../shared/args.js';
import { describe } from './describe.js';
import { EXIT_OK } from '../shared/errors.js';
import { readInput } from './files.js';
import { inspectFile } from './image.js';
import type { CommandContext } from './context.js';
import { bytesText, runsText, table } from './text.js';
import { INFO_USAGE } from './usage.js';

export async function infoCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(argv, { json: { type: 'boolean' } });
  if (parsed.help) return ctx.help(INFO_USAGE);
  const [file] = expectPositionals(parsed, ['FILE']) as [string];
  const bytes = await readInput(file);
  ctx.progress.consider(bytes.length);
  ctx.progress.step(`inspecting ${file}`, bytes.length);
  const { info } = await inspectFile(ctx.scratch, file, bytes);
  const d = describe(bytes, info);

  const report = info.chunks.find((c) => c.kind === 'TRAK');
  if (parsed.flags.json === true) {
    ctx.out(JSON.stringify({ file, ...d, reportBytes: report?.size ?? null }, null, 2));
    return EXIT_OK;
  }
  const h = d.header;
  ctx.out(`${file}: OpenClaw snapshot, format ${h.version} (readable by readers of version ${h.minVersion} and later), ` +
    `${h.delta ? 'delta' : 'full'}, ${h.sealed ? 'sealed' : 'UNSEALED (no checksums yet)'}`);
  ctx.out(table(['  field', 'value'], [
    ['frame', h.frame],
    ['layout id', h.layoutId],
    ['region size', `${h.regionSize} (${bytesText(h.regionSize)})`],
    ['region used', `${h.regionUsed} (${bytesText(h.regionUsed)})`],
    ['page size', `${h.pageSize}`],
    ['pages', `${h.pagesPresent} of ${h.pageCount} present${h.delta ? ' (pages that differ from the base)' : ''}`],
    ['total size', `${h.totalSize} (${bytesText(h.totalSize)})`],
    ['image hash', h.imageHash],
    ['base hash', h.delta ? h.baseHash : `${h.baseHash} (full snapshot: none)`],
    ['whole checksum', h.wholeChecksum],
  ].map(([k, v]) => [`  ${k}`, v!])));
  ctx.out(`chunks (${d.chunks.length}; checksums not verified here, see claw-snap verify):`);
  ctx.out(table(
    ['  #', 'kind', 'id', 'offset', 'size', 'region offset', 'region length', 'checksum'],
    d.chunks.map((c) => [`  ${c.index}`, c.kind, `${c.id}`, `${c.offset}`, `${c.size}`, `${c.regionOffset}`, `${c.regionLength}`, c.checksum]),
  ));
  ctx.out(`pages present: ${runsText(d.pages)}`);
  if (report !== undefined) ctx.out(`tracker report: ${report.size} bytes of JSON in the TRAK chunk (claw-stats ${file} shows it)`);
  return EXIT_OK;
}
