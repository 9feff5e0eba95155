// What every command gets from main: one instance of the formats decoders (the wasm core, loaded on
// first use), archives opened from a path or a URL (closed by dispose), and stdout for results.
import { openAsBlob } from 'node:fs';
import { stat } from 'node:fs/promises';

import { Formats, sourceFromBlob, sourceFromUrl, type ByteSource, type RezArchive } from '@openclaw/memory-sdk';

import { UsageError } from '../shared/errors.js';

export const EXIT_OK = 0;

/** True for an http: or https: URL (anything else is a path). */
export function isUrl(arg: string): boolean {
  return /^https?:\/\//i.test(arg);
}

/** A file-backed Blob of `path` (never read whole); an unreadable path is a usage error. */
export async function fileSource(path: string): Promise<ByteSource> {
  try {
    const info = await stat(path);
    if (!info.isFile()) throw new UsageError(`${path} is not a file`);
    return sourceFromBlob(await openAsBlob(path), path);
  } catch (err) {
    if (err instanceof UsageError) throw err;
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export class RezContext {
  private formatsInstance: Formats | null = null;
  private readonly archives: RezArchive[] = [];

  async formats(): Promise<Formats> {
    this.formatsInstance ??= await Formats.load();
    return this.formatsInstance;
  }

  /** Opens ARCHIVE (a path or an http(s) URL): its header and directory only. */
  async open(archive: string): Promise<RezArchive> {
    const source = isUrl(archive) ? await sourceFromUrl(archive) : await fileSource(archive);
    const opened = await (await this.formats()).openRez(source);
    this.archives.push(opened);
    return opened;
  }

  out(text: string): void {
    process.stdout.write(`${text}\n`);
  }

  /** Prints a command's help on stdout; asking for help succeeds. */
  help(usage: string): number {
    this.out(usage);
    return EXIT_OK;
  }

  note(text: string): void {
    process.stderr.write(`claw-rez: ${text}\n`);
  }

  dispose(): void {
    for (const archive of this.archives) archive.close();
    this.archives.length = 0;
    this.formatsInstance?.dispose();
    this.formatsInstance = null;
  }
}

/** The last component of an archive path ("/LEVEL1/TILES/001.PID" -> "001.PID"; "/" -> ""). */
export function baseName(path: string): string {
  const trimmed = path.replace(/[/\\]+$/, '');
  return trimmed.slice(Math.max(trimmed.lastIndexOf('/'), trimmed.lastIndexOf('\\')) + 1);
}

/** The extension of a name, upper-cased ("" when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot + 1).toUpperCase();
}
