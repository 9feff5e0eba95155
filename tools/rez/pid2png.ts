// claw-rez pid2png: a PID image (an archive entry or a loose file) as an RGBA PNG, with the palette
// given, embedded, or the archive's level palette.
import { PNG } from 'pngjs';

import type { Formats, Palette, RezArchive } from '@openclaw/memory-sdk';

import { parseCommand } from '../shared/args.js';
import { EXIT_OK, InvalidInputError, UsageError } from '../shared/errors.js';
import { readInput, writeOutput } from '../snap/files.js';
import type { RezContext } from './context.js';
import { loadTarget, type Loaded } from './target.js';
import { PID2PNG_USAGE } from './usage.js';

/** The level's PALETTES/MAIN.PAL for a PID under /LEVELn/, else the first /LEVEL*\/PALETTES/*.PAL. */
function archivePalette(rez: RezArchive, pidPath: string): string | null {
  const level = /^\/(LEVEL[^/]*)\//i.exec(pidPath);
  if (level !== null) {
    const own = `/${level[1]}/PALETTES/MAIN.PAL`;
    if (rez.has(own)) return rez.stat(own).path;
  }
  for (const entry of rez.files()) {
    if (/^\/LEVEL[^/]*\/PALETTES\/[^/]*\.PAL$/i.test(entry.path)) return entry.path;
  }
  return null;
}

async function choosePalette(ctx: RezContext, formats: Formats, target: Loaded, given: string | undefined): Promise<Palette> {
  if (given !== undefined) {
    if (target.rez !== null && target.rez.has(given)) return formats.readPalette(await target.rez.read(given));
    return formats.readPalette(await readInput(given));
  }
  const info = formats.pidInfo(target.bytes);
  if (info.hasPalette) return formats.pidPalette(target.bytes);
  const found = target.rez === null ? null : archivePalette(target.rez, target.path);
  if (found === null || target.rez === null) {
    throw new InvalidInputError('NoPaletteError', `${target.path} has no embedded palette${target.rez === null ? '' : ' and the archive no /LEVEL*/PALETTES/*.PAL'}: give one with --palette`);
  }
  ctx.note(`note: ${target.path} has no embedded palette: decoded with ${found}`);
  return formats.readPalette(await target.rez.read(found));
}

export async function pid2pngCommand(argv: readonly string[], ctx: RezContext): Promise<number> {
  const parsed = parseCommand(argv, { output: { type: 'string', short: 'o' }, palette: { type: 'string' } });
  if (parsed.help) return ctx.help(PID2PNG_USAGE);
  const output = parsed.strings.output;
  if (output === undefined) throw new UsageError('-o OUT.png is required');
  const target = await loadTarget(ctx, parsed.positionals, 'FILE.PID');
  const formats = await ctx.formats();
  const palette = await choosePalette(ctx, formats, target, parsed.strings.palette);
  const image = formats.decodePid(target.bytes, palette);
  if (image.width === 0 || image.height === 0) {
    throw new InvalidInputError('EmptyImageError', `${target.path} is ${image.width}x${image.height}: a PNG needs at least one pixel`);
  }
  const png = new PNG({ width: image.width, height: image.height });
  png.data.set(image.rgba);
  const bytes = PNG.sync.write(png, { colorType: 6 });
  if (output === '-') process.stdout.write(bytes);
  else await writeOutput(output, bytes);
  return EXIT_OK;
}
