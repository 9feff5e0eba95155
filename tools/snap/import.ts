// claw-snap import IN.json -o OUT.clawsnap [--base FILE]: writes the described image into a scratch
// engine's region, has the core check it (region header and every allocator), round-trips it through
// a sealed snapshot and a restore (the full validation), and captures it in the described form.
import { expectPositionals, parseCommand } from '../shared/args.js';
import type { CommandContext } from './context.js';
import { parseDescription } from './description.js';
import { explain } from './diagnose.js';
import { EXIT_OK, InvalidInputError, UsageError } from '../shared/errors.js';
import { readInput, readText, writeOutput } from './files.js';
import { inspectFile } from './image.js';
import { bytesText, hex64 } from './text.js';
import { IMPORT_USAGE } from './usage.js';

export async function importCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(argv, { output: { type: 'string', short: 'o' }, base: { type: 'string' } });
  if (parsed.help) return ctx.help(IMPORT_USAGE);
  const [file] = expectPositionals(parsed, ['IN.json']) as [string];
  const output = parsed.strings.output;
  if (output === undefined) throw new UsageError('missing -o OUT.clawsnap');
  const text = await readText(file);
  const baseName = parsed.strings.base;
  const baseBytes = baseName === undefined ? undefined : await readInput(baseName);
  ctx.progress.consider(text.length);

  ctx.progress.step(`parsing ${file}`, text.length);
  const spec = parseDescription(text);
  if (spec.delta && baseBytes === undefined) {
    throw new UsageError(`${file} describes a delta snapshot: give the full snapshot it was made against with --base FILE`);
  }
  const layoutId = await ctx.scratch.layoutId();
  if (spec.layoutId !== layoutId) {
    throw new InvalidInputError('LayoutMismatchError', `${file} was exported by a build with layout id ${hex64(spec.layoutId)}; this build's is ${hex64(layoutId)}`);
  }
  if (baseName !== undefined && baseBytes !== undefined) await inspectFile(ctx.scratch, baseName, baseBytes);

  const engine = await ctx.scratch.engine(spec.size);
  ctx.progress.step('writing the image into a scratch region', spec.size);
  const region = engine.regions.state.bytes();
  region.fill(0);
  for (const page of spec.pages) region.set(page.bytes, page.index * 4096);
  try {
    engine.regions.state.check();
  } catch (err) {
    const e = err as Error;
    throw new InvalidInputError(e.name, `the described image fails the core's region check: ${e.message}`);
  }

  ctx.progress.step('capturing, restoring and capturing again', spec.size);
  let full: Uint8Array | undefined;
  try {
    full = engine.snapshot();
    // The restore validates everything and attaches the scratch engine to the allocators in the image.
    engine.restore(full);
  } catch (err) {
    throw await explain(err, engine, full ?? new Uint8Array(0), () => ctx.scratch.layoutId());
  }
  let out: Uint8Array;
  if (!spec.delta) {
    out = spec.sealed && spec.report === undefined ? full : engine.capture({ seal: spec.sealed, report: spec.report });
  } else {
    try {
      out = engine.capture({ seal: spec.sealed, base: baseBytes! });
    } catch (err) {
      const e = await explain(err, engine, baseBytes!, () => ctx.scratch.layoutId());
      throw new InvalidInputError(e.errorName, `--base ${baseName}: ${e.message}`);
    }
  }
  const info = engine.inspectSnapshot(out);
  await writeOutput(output, out);
  const edited = spec.sealed || spec.delta ? info.imageHash !== spec.imageHash : false;
  ctx.out(`wrote ${output}: ${out.length} bytes, ${info.delta ? 'delta' : 'full'}, ${info.sealed ? 'sealed' : 'unsealed'}, ` +
    `frame ${info.frame}, region ${bytesText(info.regionSize)}${edited ? ` (the image differs from the exported one: hash ${hex64(info.imageHash)}, was ${hex64(spec.imageHash)})` : ''}`);
  return EXIT_OK;
}
