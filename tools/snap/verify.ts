// claw-snap verify FILE... [--base FILE]
import { parseCommand } from '../shared/args.js';
import type { CommandContext } from './context.js';
import { EXIT_INVALID, EXIT_OK, InvalidInputError, UsageError } from '../shared/errors.js';
import { readInput } from './files.js';
import { decodeFile, inspectFile, verifyChecksums, type Loaded } from './image.js';
import { bytesText } from './text.js';
import { VERIFY_USAGE } from './usage.js';

export async function verifyCommand(argv: readonly string[], ctx: CommandContext): Promise<number> {
  const parsed = parseCommand(argv, { base: { type: 'string' } });
  if (parsed.help) return ctx.help(VERIFY_USAGE);
  if (parsed.positionals.length === 0) throw new UsageError('expected FILE..., got nothing');

  // Every file is read first: a missing one is a usage error before any verdict is printed.
  const inputs: Array<{ name: string; bytes: Uint8Array }> = [];
  for (const name of parsed.positionals) inputs.push({ name, bytes: await readInput(name) });
  const baseName = parsed.strings.base;
  const baseBytes = baseName === undefined ? undefined : await readInput(baseName);
  for (const { bytes } of inputs) ctx.progress.consider(bytes.length);

  let base: Loaded | undefined;
  if (baseName !== undefined && baseBytes !== undefined) {
    try {
      base = await inspectFile(ctx.scratch, baseName, baseBytes);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      ctx.out(`${baseName} (--base): ${err.describe()}`);
      return EXIT_INVALID;
    }
  }

  let failed = 0;
  for (const { name, bytes } of inputs) {
    try {
      ctx.out(`${name}: ${await verifyOne(ctx, name, bytes, base)}`);
    } catch (err) {
      if (!(err instanceof InvalidInputError)) throw err;
      failed++;
      ctx.out(`${name}: ${err.describe()}`);
    }
  }
  if (inputs.length > 1) ctx.out(failed === 0 ? `all ${inputs.length} valid` : `${failed} of ${inputs.length} invalid`);
  return failed === 0 ? EXIT_OK : EXIT_INVALID;
}

/** The "ok ..." verdict, or throws the InvalidInputError that applies. */
async function verifyOne(ctx: CommandContext, name: string, bytes: Uint8Array, base: Loaded | undefined): Promise<string> {
  const loaded = await inspectFile(ctx.scratch, name, bytes);
  const { info } = loaded;
  // Sealed and intact first: decodeFile would seal an unsealed capture, which a stored file must not be.
  await verifyChecksums(ctx.scratch, loaded, ctx.progress);
  const what = `${info.delta ? 'delta' : 'full'}, frame ${info.frame}, region ${bytesText(info.regionSize)}, ` +
    `${info.pagesPresent} of ${info.pageCount} pages present`;
  if (info.delta && base === undefined) {
    return `ok: checksums (${what}); allocators not checked: a delta needs its base (--base FILE)`;
  }
  const decoded = await decodeFile(ctx.scratch, loaded, base, ctx.progress);
  const n = decoded.model.allocators.length;
  return `ok (${what}; restored and checked ${n} allocator${n === 1 ? '' : 's'})`;
}
