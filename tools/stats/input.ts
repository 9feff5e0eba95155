// Reading a whole input (a file, or stdin to its end) and finding its reports, whatever its form:
// a .clawsnap (by its magic), a JSON file holding one report, or JSON Lines mixed with other output.
import { readFile } from 'node:fs/promises';

import type { Scratch } from '../snap/scratch.js';
import { InputError } from './errors.js';
import { reportsInText, STATS_LINE, type FoundReport } from './parse.js';
import { isSnapshot, reportInSnapshot } from './snapshot.js';

export const STDIN = '-';

/** The name of the input in messages. */
export function sourceName(path: string): string {
  return path === STDIN ? '(stdin)' : path;
}

/** Why a file cannot be read, in words: "no such file" rather than a bare ENOENT. */
export function readFailure(path: string, err: unknown): InputError {
  const code = (err as NodeJS.ErrnoException).code;
  const why: Record<string, string> = {
    ENOENT: 'no such file',
    EISDIR: 'is a directory',
    EACCES: 'permission denied',
  };
  return new InputError(`cannot read it: ${(code !== undefined && why[code]) || code || (err as Error).message}`, path);
}

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

export async function readBytes(path: string): Promise<Uint8Array> {
  if (path === STDIN) return readStdin();
  try {
    return await readFile(path);
  } catch (err) {
    throw readFailure(path, err);
  }
}

const strict = new TextDecoder('utf-8', { fatal: true });

/**
 * One line's text, or null when it is not UTF-8 and not a report (program output that is not text is
 * ignored like any other line). A report line that is not UTF-8 is an InputError at `line`.
 */
export function lineText(bytes: Uint8Array, source: string, line: number): string | null {
  try {
    return strict.decode(bytes);
  } catch {
    if (STATS_LINE.test(Buffer.from(bytes).toString('utf8'))) {
      throw new InputError('a report line that is not UTF-8 text', source, { line, column: 1 });
    }
    return null;
  }
}

/** The text of a whole input; lines that are not UTF-8 come out empty (see lineText). */
export function textOf(bytes: Uint8Array, source: string): string {
  try {
    return strict.decode(bytes);
  } catch {
    // Some line is not text: decode line by line, so that the reports among them are still read.
  }
  const lines: string[] = [];
  let binary = 0;
  for (let start = 0, line = 1; start <= bytes.length; line++) {
    const nl = bytes.indexOf(0x0a, start);
    const end = nl === -1 ? bytes.length : nl;
    const text = lineText(bytes.subarray(start, end), source, line);
    if (text === null) binary++;
    lines.push(text ?? '');
    start = end + 1;
  }
  if (lines.every((l) => l.trim() === '') && binary > 0) {
    throw new InputError('neither a snapshot (no "OCSN" magic) nor UTF-8 text', source);
  }
  return lines.join('\n');
}

/** Every report of a complete input, oldest first (a snapshot or a JSON file: exactly one). */
export async function reportsIn(bytes: Uint8Array, source: string, scratch: Scratch): Promise<FoundReport[]> {
  if (bytes.length === 0) throw new InputError('empty input: no report', source);
  if (isSnapshot(bytes)) return [await reportInSnapshot(bytes, source, scratch)];
  return reportsInText(textOf(bytes, source), source);
}
