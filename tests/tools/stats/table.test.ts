// What claw-stats prints for a valid input: the table's figures, the leak table in the engine's own
// format, --leaks-only, --all, json re-serialisation, and which lines of a stream are reports.
import { describe, expect, it } from 'vitest';

import { formatLeakTable } from '../../../engine/index.js';
import { json, put, stats, workDir } from './cli.js';
import { handReport } from './fixture.js';

const line = (r: unknown) => JSON.stringify(r);

/** The report of frame `frame` (each with its own frame number, to tell them apart). */
function at(frame: number): ReturnType<typeof handReport> {
  return { ...handReport(), frame };
}

describe('claw-stats output', () => {
  const dir = workDir();
  put(dir, 'run.log', ['starting', line(at(1)), '{"event":"level loaded"}', `  ${line(at(2))}`, 'frame 2 done', line(at(3)), 'bye', ''].join('\r\n'));

  it('json: the newest report of a stream, re-serialised, every other line ignored', async () => {
    const run = await stats(['--format', 'json', 'run.log'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toBe('');
    expect(json(run)).toEqual(at(3));
  });

  it('output lines that are not text are skipped like any other output', async () => {
    put(dir, 'binary.log', Buffer.concat([Buffer.from([0x00, 0xff, 0xfe, 0x0a]), Buffer.from(`${line(at(9))}\n`), Buffer.from([0x80, 0x0a])]));
    const run = await stats(['-f', 'json', 'binary.log'], dir);
    expect(run.code, run.stderr).toBe(0);
    expect(json(run)).toEqual(at(9));
  });

  it('--all: every report, oldest first, one JSON line each', async () => {
    const run = await stats(['-f', 'json', '--all', 'run.log'], dir);
    expect(run.code, run.stderr).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines.map((l) => JSON.parse(l) as unknown)).toEqual([at(1), at(2), at(3)]);
  });

  it('a JSON file holding one pretty-printed report, and the same on stdin', async () => {
    const text = JSON.stringify(at(7), null, 2);
    put(dir, 'one.json', text);
    expect(json(await stats(['-f', 'json', 'one.json'], dir))).toEqual(at(7));
    expect(json(await stats(['-f', 'json', '-'], dir, text))).toEqual(at(7));
    expect(json(await stats(['-f', 'json', '-'], dir, `noise\n${line(at(8))}\n`))).toEqual(at(8));
  });

  it('table: summary, regions, tags, pools, slabs, arenas, misuse and the leak list', async () => {
    const run = await stats(['run.log'], dir);
    expect(run.code, run.stderr).toBe(0);
    const out = run.stdout;
    const r = handReport();
    expect(out).toMatch(/^claw-stats: run\.log:6: frame 3, mode full\n/);
    expect(out).toContain('records     5 of 1024 used, 0 not recorded (table full), 1 unrecorded frees; 40.0 KiB of the debug region');
    expect(out).toContain('totals      9 allocs, 4 frees, 1.2 KiB allocated, 448 B freed; live: 5 (768 B)');
    // The rate as the tracker computed it, then recomputed from the frames (the same here), and the last frame.
    expect(out).toContain('alloc rate  3 allocs, 1.3 frees, 405 B allocated per frame (tracker, over 3 frames)');
    expect(out).toContain('            3 allocs, 1.3 frees, 405 B allocated per frame (frames 0-2)');
    expect(out).toContain('            last frame 2: 2 allocs, 2 frees, 256 B allocated, 256 B freed; live 5 (768 B)');
    const rowOf = (first: string) => out.split('\n').find((l) => l.trimStart().startsWith(first))?.trim().split(/\s{2,}/);
    expect(rowOf('state  ')).toEqual(['state', '1048576', '90112', '768']);
    expect(rowOf('3  tiles')).toEqual(['3', 'tiles', '2', '576', '896', '4', '2', '896']);
    expect(rowOf('1  actors')).toEqual(['1', 'actors', 'state', 'actors', '3', '100', '3%', '4', '64', '192', '5', '2', '0']);
    expect(rowOf('2  #2')).toEqual(['2', '#2', 'state', 'tiles', '65536', '8192', '576', '2', '4', '2', '1']);
    expect(rowOf('3  scratch')).toEqual(['3', 'scratch', 'frame', 'frame', '128', '4096', '3%', '1024', '7', '3', '0']);
    expect(out).toContain('misuse: 1 reported');
    expect(rowOf('DoubleFree')).toEqual(['DoubleFree', 'game/actors.cpp:120', 'game/actors.cpp:40', 'game/actors.cpp:97', 'state', 'actors', '0x2040', '0x1010003', '2']);
    expect(out).toContain('leaks since mark 2: 3 allocations (640 B) in 2 groups\n');
    // The leak table is the engine's (the console's format), indented.
    const table = formatLeakTable(r.leaks.groups).trimEnd().split('\n').map((l) => `  ${l}`).join('\n');
    expect(out).toContain(table);
    expect(out.endsWith(`${table}\n`)).toBe(true);
  });

  it('--leaks-only: only the leak list (table), or the frame and leaks (json)', async () => {
    const table = await stats(['--leaks-only', 'run.log'], dir);
    expect(table.code).toBe(0);
    expect(table.stdout.split('\n')[0]).toBe('claw-stats: run.log:6: frame 3, mode full');
    expect(table.stdout).toContain('leaks since mark 2');
    expect(table.stdout).not.toContain('pools');
    const only = json<{ frame: number; leaks: unknown }>(await stats(['-l', '-f', 'json', 'run.log'], dir));
    expect(only).toEqual({ frame: 3, leaks: handReport().leaks });
  });

  it('says why there is no leak list, or no leak', async () => {
    const counters = { ...handReport(), mode: 'counters', leaks: { available: false, mark: null, groups: [] } };
    put(dir, 'counters.jsonl', `${line(counters)}\n`);
    expect((await stats(['counters.jsonl'], dir)).stdout).toContain('leaks: not available (mode counters: allocations are recorded in full mode only)');
    const clean = { ...handReport(), leaks: { available: true, mark: null, groups: [] }, misuse: { total: 0, reports: [] }, pools: [] };
    put(dir, 'clean.jsonl', `${line(clean)}\n`);
    const out = (await stats(['clean.jsonl'], dir)).stdout;
    expect(out).toContain('live allocations (no mark set): none');
    expect(out).toContain('misuse: none');
    expect(out).toContain('pools: none');
  });

  it('--all in table format: one table per report', async () => {
    const run = await stats(['--all', 'run.log'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout.match(/^claw-stats: run\.log:\d: frame \d, mode full$/gm)).toEqual([
      'claw-stats: run.log:2: frame 1, mode full', 'claw-stats: run.log:4: frame 2, mode full', 'claw-stats: run.log:6: frame 3, mode full',
    ]);
  });
});
