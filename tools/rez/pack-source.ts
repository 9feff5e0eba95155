// The files `claw-rez pack` puts in an archive: every regular file under SRCDIR, sorted component by
// component, each checked against what a REZ can hold before anything is written.
import { readdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import { InvalidInputError, UsageError } from '../shared/errors.js';

export interface SourceFile {
  /** Relative to SRCDIR, '/' separated. */
  path: string;
  /** On disk. */
  file: string;
  size: number;
  /** Modification time, whole seconds since 1970 (a u32). */
  dateTime: number;
  /** 1, 2, ... in sorted order. */
  fileId: number;
}

const MAX_FILE = 0xffffffff;

/** InvalidNameError: a name the format cannot hold; UnsupportedFileError: an entry pack cannot take. */
function refuse(path: string, why: string, error = 'InvalidNameError'): never {
  throw new InvalidInputError(error, `${path}: ${why}`);
}

/** Why the format cannot hold this name, or null: latin1, no '\', no leading or trailing dot, extension <= 4. */
export function nameProblem(name: string, isFile: boolean): string | null {
  for (const ch of name) {
    if (ch.codePointAt(0)! > 0xff) return `the name has the character ${JSON.stringify(ch)}, and REZ names are latin1`;
  }
  if (name.includes('\\')) return "the name has a '\\', which the format reads as a separator";
  if (name.startsWith('.')) return 'the name starts with a dot (a REZ entry needs a base name before its extension)';
  if (name.endsWith('.')) return 'the name ends with a dot (an empty extension cannot be stored)';
  if (isFile) {
    const dot = name.lastIndexOf('.');
    const ext = dot < 0 ? '' : name.slice(dot + 1);
    if (ext.length > 4) return `the extension "${ext}" has ${ext.length} characters; a REZ holds at most 4`;
  }
  return null;
}

const byCodePoint = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `ancestors` holds the dev:ino of the directories being walked, so a symbolic link back up is refused. */
async function walk(root: string, rel: string, into: Array<Omit<SourceFile, 'fileId'>>, ancestors: Set<string>): Promise<void> {
  const dir = rel === '' ? root : join(root, rel);
  let names: string[];
  try {
    names = (await readdir(dir)).sort(byCodePoint);
  } catch (err) {
    throw new UsageError(`cannot read the directory ${dir}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  for (const name of names) {
    const path = rel === '' ? name : `${rel}/${name}`;
    const file = join(root, path);
    let info: Awaited<ReturnType<typeof stat>>;
    try {
      info = await stat(file);
    } catch (err) {
      throw new UsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    if (!info.isFile() && !info.isDirectory()) refuse(path, 'not a regular file or a directory', 'UnsupportedFileError');
    const problem = nameProblem(name, info.isFile());
    if (problem !== null) refuse(path, problem);
    if (info.isDirectory()) {
      const id = `${info.dev}:${info.ino}`;
      if (ancestors.has(id)) refuse(path, 'a link to a directory that contains it (the tree would never end)', 'UnsupportedFileError');
      ancestors.add(id);
      await walk(root, path, into, ancestors);
      ancestors.delete(id);
    } else {
      if (info.size > MAX_FILE) refuse(path, `${info.size} bytes: a REZ file has at most 4 GiB - 1`, 'UnsupportedFileError');
      into.push({ path, file, size: info.size, dateTime: Math.min(Math.max(Math.floor(info.mtimeMs / 1000), 0), MAX_FILE) });
    }
  }
}

/** Two paths equal ignoring ASCII case (the format's lookups), or a file where a directory is needed. */
function checkCase(files: readonly Omit<SourceFile, 'fileId'>[]): void {
  const seen = new Map<string, { path: string; isFile: boolean }>();
  for (const f of files) {
    const parts = f.path.split('/');
    for (let i = 1; i <= parts.length; i++) {
      const path = parts.slice(0, i).join('/');
      const key = path.replace(/[A-Z]/g, (c) => c.toLowerCase());
      const isFile = i === parts.length;
      const known = seen.get(key);
      if (known === undefined) seen.set(key, { path, isFile });
      else if (known.path !== path || known.isFile || isFile) {
        refuse(f.path, `its path clashes with ${known.path}: REZ paths ignore case`);
      }
    }
  }
}

/** The files of SRCDIR in pack order; a SRCDIR that is not a directory is a usage error. */
/** The files under `root`, sorted and numbered; `exclude` (an absolute path: the archive being written) is left out. */
export async function sourceFiles(root: string, exclude?: string): Promise<SourceFile[]> {
  let info;
  try {
    info = await stat(root);
  } catch (err) {
    throw new UsageError(`cannot read ${root}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
  }
  if (!info.isDirectory()) throw new UsageError(`${root} is not a directory`);
  const walked: Array<Omit<SourceFile, 'fileId'>> = [];
  await walk(root, '', walked, new Set([`${info.dev}:${info.ino}`]));
  // An output inside SRCDIR (from an earlier run) must not be packed into the next archive.
  const found = exclude === undefined ? walked : walked.filter((f) => resolve(f.file) !== exclude);
  checkCase(found);
  return found.map((f, i) => ({ ...f, fileId: i + 1 }));
}
