// claw-snap export FILE -o OUT.json [--base FILE]
import { expectPositionals, parseCommand } from '../shared/args.js';
import type { CommandContext } from './context.js';
import { describe } from './describe.js';
import { DESCRIPTION_FORMAT, DESCRIPTION_VERSION, IMAGE_PAGE, imagePages, type DescriptionJson } from './description.js';
import { EXIT_OK, InvalidInputError, UsageError } from '../shared/errors.js';
import { readInput, writeOutput } from './files.js';
import { decodeFile, inspectFile } from './image.js';
import { bytesText } from './text.js';
import { EXPORT_USAGE } from './usage.js';

/** The TRAK chunk's text (its checksum was verified by decodeFile), or undefined without one. */
function reportText(bytes: Uint8Array, chunks: ReadonlyArray<{ kind: string; offset: number; size: number }>): string | undefined {
  const chunk = chunks.find((c) => c.kind === 'TRAK');
  if (chunk === undefined) return undefined;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(chunk.offset, chunk.offset + chunk.size));
  } catch {
    throw new InvalidInputError('InvalidReportError', 'the TRAK chunk is not UTF-8 text');
  }
}

export async function exportCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(argv, { output: { type: 'string', short: 'o' }, base: { type: 'string' } });
  if (parsed.help) return ctx.help(EXPORT_USAGE);
  const [file] = expectPositionals(parsed, ['FILE']) as [string];
  const output = parsed.strings.output;
  if (output === undefined) throw new UsageError('missing -o OUT.json');
  const bytes = await readInput(file);
  const baseName = parsed.strings.base;
  const baseBytes = baseName === undefined ? undefined : await readInput(baseName);
  ctx.progress.consider(bytes.length);

  const loaded = await inspectFile(ctx.scratch, file, bytes);
  const base = baseName !== undefined && baseBytes !== undefined ? await inspectFile(ctx.scratch, baseName, baseBytes) : undefined;
  // An unsealed snapshot is decoded from a sealed copy; the description keeps `sealed: false`, so
  // import gives back the unsealed bytes.
  const decoded = await decodeFile(ctx.scratch, loaded, base, ctx.progress);
  ctx.progress.step(`encoding the non-zero pages of ${file}`, decoded.image.length);
  const d = describe(bytes, loaded.info);
  const json: DescriptionJson = {
    format: DESCRIPTION_FORMAT,
    formatVersion: DESCRIPTION_VERSION,
    source: file,
    header: d.header,
    chunks: d.chunks,
    allocators: decoded.model.allocators,
    image: { size: decoded.image.length, used: decoded.model.used, pageSize: IMAGE_PAGE, encoding: 'base64', pages: imagePages(decoded.image) },
  };
  const report = reportText(bytes, loaded.info.chunks);
  if (report !== undefined) json.report = report;
  // One page per line keeps a large description diffable and greppable.
  const text = JSON.stringify(json, null, 2)
    .replace(/\{\s+"index": (\d+),\s+"data": ("[^"]*")\s+\}/g, '{ "index": $1, "data": $2 }');
  ctx.progress.step(`writing ${output}`, text.length);
  await writeOutput(output, `${text}\n`);
  ctx.out(`wrote ${output}: ${json.image.pages.length} non-zero pages of a ${bytesText(json.image.size)} region, ` +
    `${decoded.model.allocators.length} allocators, from a ${loaded.info.delta ? 'delta' : 'full'} ${loaded.info.sealed ? 'sealed' : 'unsealed'} snapshot`);
  return EXIT_OK;
}
