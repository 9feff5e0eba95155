// Reading and writing the files a command names. A file that cannot be read is a usage error
// (exit 2): the command line pointed at nothing usable, which says nothing about any snapshot.
import { readFile, writeFile } from 'node:fs/promises';

import { UsageError } from '../shared/errors.js';

export async function readInput(path: string): Promise<Uint8Array> {
  try {
    const bytes = await readFile(path);
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  } catch (err) {
    throw new UsageError(`cannot read ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}

export async function readText(path: string): Promise<string> {
  return new TextDecoder().decode(await readInput(path));
}

export async function writeOutput(path: string, data: Uint8Array | string): Promise<void> {
  try {
    await writeFile(path, data);
  } catch (err) {
    throw new UsageError(`cannot write ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
}
