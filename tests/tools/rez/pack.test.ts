// claw-rez pack then ls / extract / info: a generated tree (nested directories, several extensions,
// an empty file, a 3 MB file, mixed case) comes back byte for byte, and the figures match it.
import { existsSync, readdirSync, readFileSync, statSync, symlinkSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';

import { json, pseudoRandom, put, rez, workDir } from './cli.js';

interface Entry { path: string; name: string; isDirectory: boolean; offset: number; size: number; dateTime: number; fileId: number }

const TREE: Record<string, Uint8Array> = {
  'Level1/Tiles/Action/001.PID': pseudoRandom(517, 1),
  'Level1/Tiles/Action/002.PID': pseudoRandom(64, 2),
  'Level1/PALETTES/MAIN.PAL': pseudoRandom(768, 3),
  'Level1/Worlds/World.wwd': pseudoRandom(3 * 1024 * 1024 + 7, 4),
  'claw/anis/Duck.Pistol.ANI': pseudoRandom(200, 5),
  'claw/Empty.txt': new Uint8Array(0),
  'README': pseudoRandom(33, 6),
  'music.XMI': pseudoRandom(1000, 7),
};
/** The tree's paths as the tool lists them: sorted component by component, code-point order. */
const FILES = Object.keys(TREE).sort((a, b) => (a < b ? -1 : 1));
const MTIME = 1_700_000_000;

function directories(): string[] {
  const dirs = new Set<string>();
  for (const f of FILES) {
    const parts = f.split('/');
    for (let i = 1; i < parts.length; i++) dirs.add(`/${parts.slice(0, i).join('/')}`);
  }
  return [...dirs];
}

/** Every file under `dir`, relative, '/' separated. */
function walk(dir: string, rel = ''): string[] {
  return readdirSync(join(dir, rel), { withFileTypes: true }).flatMap((d) => {
    const path = rel === '' ? d.name : `${rel}/${d.name}`;
    return d.isDirectory() ? walk(dir, path) : [path];
  });
}

describe('claw-rez pack', () => {
  const dir = workDir();
  beforeAll(async () => {
    for (const [path, bytes] of Object.entries(TREE)) {
      put(dir, join('src', path), bytes);
      utimesSync(join(dir, 'src', path), MTIME, MTIME + 1);
    }
    const run = await rez(['pack', 'src', '-o', 'tree.rez'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
  });

  it('writes an archive whose ls -R lists exactly the tree, with ids in sorted order and mtimes', async () => {
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const text = await rez(['ls', 'tree.rez', '-R'], dir);
    expect(text.code, text.stderr).toBe(0);
    const listed = text.stdout.trimEnd().split('\n');
    expect(listed.filter((l) => !l.endsWith('/')).sort()).toEqual(FILES.map((f) => `/${f}`).sort());
    expect(listed.filter((l) => l.endsWith('/')).map((l) => l.slice(0, -1)).sort()).toEqual(directories().sort());

    const entries = json<Entry[]>(await rez(['ls', 'tree.rez', '-R', '--json'], dir));
    const files = entries.filter((e) => !e.isDirectory);
    const byId = [...files].sort((a, b) => a.fileId - b.fileId).map((e) => e.path);
    expect(byId).toEqual(FILES.map((f) => `/${f}`));
    for (const f of files) {
      expect(f.dateTime).toBe(MTIME + 1);
      expect(f.size).toBe(TREE[f.path.slice(1)]!.length);
    }
  });

  it('ls of a directory: names, a trailing / on directories, -l columns', async () => {
    const run = await rez(['ls', 'tree.rez', '/level1'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout.trimEnd().split('\n').sort()).toEqual(['PALETTES/', 'Tiles/', 'Worlds/']);
    const long = await rez(['ls', 'tree.rez', 'Level1/Tiles/Action', '-l'], dir);
    expect(long.code, long.stderr).toBe(0);
    expect(long.stdout).toMatch(/^size\s+offset\s+id\s+date \(UTC\)\s+name\n517\s+\d+\s+\d+\s+2023-11-14 22:13:21\s+001\.PID\n64\s/);
  });

  it('extract of every file, to a file and to stdout, reproduces it byte for byte', async () => {
    for (const [path, bytes] of Object.entries(TREE)) {
      const out = `one-${path.replaceAll('/', '_')}`;
      const run = await rez(['extract', 'tree.rez', `/${path}`, '-o', out], dir);
      expect(run.code, run.stderr).toBe(0);
      expect(new Uint8Array(readFileSync(join(dir, out)))).toEqual(bytes);
    }
    const stdout = await rez(['extract', 'tree.rez', 'claw\\ANIS\\duck.pistol.ani', '-o', '-'], dir, true);
    expect(stdout.code, stdout.stderr).toBe(0);
    expect(new Uint8Array(Buffer.from(stdout.stdout, 'latin1'))).toEqual(TREE['claw/anis/Duck.Pistol.ANI']);
    const named = await rez(['extract', 'tree.rez', '/README'], dir);
    expect(named.code, named.stderr).toBe(0);
    expect(new Uint8Array(readFileSync(join(dir, 'README')))).toEqual(TREE.README);
  });

  it('extract of the root, and of a subtree, rebuilds the tree with the archive\'s case', async () => {
    const all = await rez(['extract', 'tree.rez', '/', '-o', 'whole'], dir);
    expect(all.code, all.stderr).toBe(0);
    expect(all.stderr).toBe(''); // not a terminal: no progress line
    expect(walk(join(dir, 'whole')).sort()).toEqual([...FILES].sort());
    for (const [path, bytes] of Object.entries(TREE)) expect(new Uint8Array(readFileSync(join(dir, 'whole', path)))).toEqual(bytes);

    const sub = await rez(['extract', 'tree.rez', '/LEVEL1/tiles'], dir);
    expect(sub.code, sub.stderr).toBe(0);
    expect(walk(join(dir, 'Tiles')).sort()).toEqual(['Action/001.PID', 'Action/002.PID']);
    const stem = await rez(['extract', 'tree.rez', '/'], dir);
    expect(stem.code, stem.stderr).toBe(0);
    expect(statSync(join(dir, 'tree', 'Level1', 'Worlds', 'World.wwd')).size).toBe(TREE['Level1/Worlds/World.wwd']!.length);
  });

  it('info: counts, data bytes, extensions and the bytes read to open it', async () => {
    const info = json<Record<string, unknown>>(await rez(['info', 'tree.rez', '--json'], dir));
    const size = statSync(join(dir, 'tree.rez')).size;
    const dataBytes = Object.values(TREE).reduce((n, b) => n + b.length, 0);
    expect(info).toMatchObject({
      size, version: 1, files: FILES.length, directories: directories().length, dataBytes,
      extensions: { PID: 2, PAL: 1, WWD: 1, ANI: 1, TXT: 1, XMI: 1, '': 1 },
    });
    const dirOffset = info.dirOffset as number;
    expect(dirOffset + (info.dirSize as number)).toBe(size);
    // The header, then every directory block (which end the archive, after the data): no file byte.
    expect(info.bytesReadToOpen).toBeLessThanOrEqual(139 + (size - 139 - dataBytes));
    expect(info.bytesReadToOpen).toBeGreaterThan(139);
    const text = await rez(['info', 'tree.rez'], dir);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain(`entries      ${FILES.length} files, ${directories().length} directories`);
  });
});

describe('claw-rez pack refuses names a REZ cannot hold', () => {
  const dir = workDir();
  const cases: Array<[string, string[], RegExp]> = [
    ['long-ext', ['a/photo.jpeg2'], /InvalidNameError: a\/photo\.jpeg2: the extension "jpeg2" has 5 characters/],
    ['dotfile', ['.hidden'], /InvalidNameError: \.hidden: the name starts with a dot/],
    ['case', ['Dir/A.TXT', 'dir/b.txt'], /InvalidNameError: dir\/b\.txt: its path clashes with Dir: REZ paths ignore case/],
    ['file-case', ['x/Name.TXT', 'x/name.txt'], /InvalidNameError: x\/name\.txt: its path clashes with x\/Name\.TXT/],
    ['unicode', ['snow\u2603.txt'], /InvalidNameError: snow\u2603\.txt: the name has the character/],
  ];
  for (const [name, files, message] of cases) {
    it(`${name}: exit 1 naming the file, and no archive`, async () => {
      for (const f of files) put(dir, join(name, f), 'x');
      const run = await rez(['pack', name, '-o', `${name}.rez`], dir);
      expect(run.code, run.stderr).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(join(dir, `${name}.rez`))).toBe(false);
      expect(readdirSync(dir).filter((f) => f.startsWith(`${name}.rez`))).toEqual([]);
    });
  }

  it("leaves a user's OUT.tmp alone and never packs its own output", async () => {
    put(dir, join('self', 'A.TXT'), 'a');
    put(dir, join('self', 'B.TXT'), 'bb');
    put(dir, join('self', 'out.rez.tmp'), 'mine');
    const first = await rez(['pack', 'self', '-o', join('self', 'out.rez')], dir);
    expect(first.code, first.stderr).toBe(0);
    const bytes = readFileSync(join(dir, 'self', 'out.rez'));
    // A second run over the same folder: out.rez is inside it now, and must not end up in the archive.
    const second = await rez(['pack', 'self', '-o', join('self', 'out.rez')], dir);
    expect(second.code, second.stderr).toBe(0);
    expect(readFileSync(join(dir, 'self', 'out.rez')).equals(bytes)).toBe(true);
    const listed = await rez(['ls', join('self', 'out.rez')], dir);
    expect(listed.stdout.trimEnd().split('\n').sort()).toEqual(['A.TXT', 'B.TXT', 'out.rez.tmp']);
    expect(readFileSync(join(dir, 'self', 'out.rez.tmp'), 'utf8')).toBe('mine');
  });

  it('a link back to a containing directory: UnsupportedFileError, exit 1', async () => {
    put(dir, 'loop/d/a.txt', 'a');
    symlinkSync('..', join(dir, 'loop/d/up'));
    const run = await rez(['pack', 'loop', '-o', 'loop.rez'], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stderr).toMatch(/UnsupportedFileError: d\/up: a link to a directory that contains it/);
    expect(existsSync(join(dir, 'loop.rez'))).toBe(false);
  });

  it('a missing SRCDIR or a missing -o is a usage error', async () => {
    expect((await rez(['pack', 'nowhere', '-o', 'x.rez'], dir)).code).toBe(2);
    put(dir, 'ok/a.txt', 'a');
    const run = await rez(['pack', 'ok'], dir);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/-o OUT\.rez is required/);
  });
});
