// claw-rez's command line: --help of the tool and of every command, usage errors (exit 2), damaged
// archives (exit 1 with the typed error's class), and archives behind an HTTP URL (range requests).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats } from '../../../engine/index.js';
import { startServer, type TestServer } from '../../engine/streaming/support/http-server.js';
import { json, put, rez, workDir } from './cli.js';

const COMMANDS = ['info', 'ls', 'extract', 'pid2png', 'wwd2json', 'pack'];

describe('claw-rez --help', () => {
  const dir = workDir();

  it('the tool: every command, and the exit codes', async () => {
    for (const args of [['--help'], ['-h'], ['help']]) {
      const run = await rez(args, dir);
      expect(run.code).toBe(0);
      expect(run.stderr).toBe('');
      for (const c of COMMANDS) expect(run.stdout).toMatch(new RegExp(`^  ${c} `, 'm'));
      expect(run.stdout).toMatch(/exit status: 0 ok, 1 invalid input/);
    }
  });

  it('every command: its usage on stdout, exit 0 (also as `help COMMAND`)', async () => {
    for (const c of COMMANDS) {
      const run = await rez([c, '--help'], dir);
      expect(run.code, c).toBe(0);
      expect(run.stdout.startsWith(`usage: claw-rez ${c} `), c).toBe(true);
      expect(run.stdout).toMatch(/exit status: 0 ok, 1 invalid input/);
      expect((await rez(['help', c], dir)).stdout).toBe(run.stdout);
    }
  });
});

describe('claw-rez usage errors exit 2', () => {
  const dir = workDir();
  beforeAll(() => { put(dir, 'empty-dir/.keep', ''); });

  const cases: Array<[string[], RegExp]> = [
    [[], /^claw-rez: expected a command/],
    [['unpack', 'x.rez'], /^claw-rez: unknown command 'unpack'/],
    [['ls'], /^claw-rez ls: expected ARCHIVE \[DIR\], got nothing\n\(claw-rez ls --help shows the usage\)/],
    [['ls', 'a.rez', 'b', 'c'], /^claw-rez ls: expected ARCHIVE \[DIR\], got 3 arguments/],
    [['info', 'a.rez', '--jsn'], /^claw-rez info: Unknown option '--jsn'/],
    [['info', 'missing.rez'], /^claw-rez info: cannot read missing\.rez: ENOENT/],
    [['info', 'empty-dir'], /^claw-rez info: empty-dir is not a file/],
    [['extract', 'a.rez'], /^claw-rez extract: expected ARCHIVE PATH, got 1 argument/],
    [['pid2png', 'a.pid'], /^claw-rez pid2png: -o OUT\.png is required/],
    [['wwd2json'], /^claw-rez wwd2json: expected ARCHIVE PATH or FILE\.WWD, got nothing/],
    [['wwd2json', 'missing.wwd'], /^claw-rez wwd2json: cannot read missing\.wwd: ENOENT/],
    [['pack', 'empty-dir', '-o', '-'], /^claw-rez pack: -o OUT\.rez is required \(a file, not stdout\)/],
  ];
  for (const [args, message] of cases) {
    it(`claw-rez ${args.join(' ')}`, async () => {
      const run = await rez(args, dir);
      expect(run.code, run.stderr).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(message);
    });
  }
});

describe('claw-rez on damaged archives exits 1 with the typed error', () => {
  const dir = workDir();
  let good: Uint8Array;
  const u32 = (b: Uint8Array, at: number): number => new DataView(b.buffer, b.byteOffset).getUint32(at, true);
  const setU32 = (b: Uint8Array, at: number, v: number): void => new DataView(b.buffer, b.byteOffset).setUint32(at, v, true);

  beforeAll(async () => {
    const formats = await Formats.load();
    good = formats.packRez([{ path: 'A/ONE.TXT', bytes: new Uint8Array([1, 2, 3]) }, { path: 'B.TXT', bytes: new Uint8Array([4]) }]);
    formats.dispose();
    put(dir, 'good.rez', good);
  });

  async function refused(name: string, bytes: Uint8Array, error: RegExp, args: string[] = ['ls']): Promise<void> {
    put(dir, name, bytes);
    const run = await rez([...args, name], dir);
    expect(run.code, run.stderr).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(error);
  }

  it('a directory pointing at its own block: SelfReferenceError', async () => {
    const bad = good.slice();
    const rootAt = u32(good, 131);
    // The root's first entry is /A (a directory): aim its block at the root block itself.
    expect(u32(good, rootAt)).toBe(1);
    setU32(bad, rootAt + 4, rootAt);
    setU32(bad, rootAt + 8, u32(good, 135));
    await refused('self.rez', bad, /^claw-rez ls: SelfReferenceError: /);
  });

  it('truncated, a wrong signature, a missing entry, a file listed as a directory', async () => {
    await refused('cut.rez', good.subarray(0, good.length - 1), /^claw-rez info: TruncatedFormatError: /, ['info']);
    const magic = good.slice();
    magic.fill(0x41, 0, 60);
    await refused('magic.rez', magic, /^claw-rez ls: FormatBadMagicError: /);
    const missing = await rez(['extract', 'good.rez', '/A/TWO.TXT'], dir);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^claw-rez extract: EntryNotFoundError: no entry "\/A\/TWO\.TXT" in the archive/);
    const notDir = await rez(['ls', 'good.rez', 'B.TXT'], dir);
    expect(notDir.code).toBe(1);
    expect(notDir.stderr).toMatch(/^claw-rez ls: NotADirectoryError: /);
  });
});

describe('claw-rez on a URL', () => {
  const dir = workDir();
  let server: TestServer;
  let archive: Uint8Array;
  beforeAll(async () => {
    const formats = await Formats.load();
    archive = formats.packRez([
      { path: 'LEVEL1/DATA.BIN', bytes: new Uint8Array(200_000).fill(7) },
      { path: 'LEVEL1/SMALL.TXT', bytes: new TextEncoder().encode('hello') },
    ]);
    formats.dispose();
    server = await startServer({ kind: 'bytes', bytes: archive });
  });
  afterAll(async () => { await server.close(); });

  it('info and ls read only the header and directory with range requests; extract reads one file', async () => {
    const info = json<{ bytesReadToOpen: number; size: number; files: number }>(await rez(['info', `${server.url}/x.rez`, '--json'], dir));
    expect(info).toMatchObject({ size: archive.length, files: 2 });
    expect(info.bytesReadToOpen).toBeLessThan(1000);
    const ls = await rez(['ls', server.url, '-R'], dir);
    expect(ls.stdout).toBe('/LEVEL1/\n/LEVEL1/DATA.BIN\n/LEVEL1/SMALL.TXT\n');
    const sent = server.bytesSent;
    const run = await rez(['extract', server.url, '/level1/small.txt', '-o', 'small.txt'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(join(dir, 'small.txt'), 'utf8')).toBe('hello');
    expect(server.bytesSent - sent).toBeLessThan(1000);
  });

  it('an HTTP error is a SourceError, exit 1', async () => {
    server.mode = 'status';
    server.status = 404;
    const run = await rez(['ls', server.url], dir);
    server.mode = 'range';
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^claw-rez ls: SourceError: .*HTTP 404/);
  });
});
