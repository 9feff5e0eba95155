// Content stamps: a step is skipped when the hash of everything it reads equals the hash recorded
// when it last succeeded (and its outputs still exist). Content, not mtimes, so a fresh clone, a
// `git checkout` back and forth or a touched file do not cause needless rebuilds.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';

const IGNORED = new Set(['node_modules', 'build', 'dist', '.git', 'test-results', 'playwright-report']);

function collect(root, path, out) {
  if (!existsSync(path)) return;
  const st = statSync(path);
  if (st.isDirectory()) {
    for (const name of readdirSync(path).sort()) {
      if (!IGNORED.has(name)) collect(root, join(path, name), out);
    }
  } else if (st.isFile()) {
    out.push(path);
  }
}

/** Hash of the paths (files or folders, relative to root) and of any extra strings (flags, versions). */
export function hashInputs(root, paths, extra = []) {
  const files = [];
  for (const p of paths) collect(root, join(root, p), files);
  const h = createHash('sha256');
  for (const s of extra) h.update(`extra:${s}\n`);
  for (const f of files) {
    h.update(`file:${relative(root, f)}\n`);
    h.update(readFileSync(f));
  }
  return h.digest('hex');
}

export class Stamps {
  constructor(dir) {
    this.dir = dir;
  }
  file(name) {
    return join(this.dir, `${name}.stamp`);
  }
  /** True when the recorded hash equals `hash` and every output exists. */
  fresh(name, hash, outputs = []) {
    const f = this.file(name);
    if (!existsSync(f) || readFileSync(f, 'utf8') !== hash) return false;
    return outputs.every((o) => existsSync(o));
  }
  record(name, hash) {
    mkdirSync(this.dir, { recursive: true });
    writeFileSync(this.file(name), hash);
  }
}
