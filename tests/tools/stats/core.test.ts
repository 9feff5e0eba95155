// claw-stats --format json on reports the real core wrote, validated with ajv against the schema:
// (a) through the engine (wasm), (b) a stats file from a native program (oc-snap run, OPENCLAW_STATS),
// (c) .clawsnap files with an embedded report, from the engine and from the native program (read by
// the wasm core). Damaged snapshots are refused with exit 2 and the core's verdict.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv2020 from 'ajv/dist/2020.js';
import { afterEach, describe, expect, it } from 'vitest';

import { createEngine, type Engine, type TrackerReport } from '../../../engine/index.js';
import { nativeDir } from '../../engine/support/native.js';
import { json, put, root, stats, workDir, type Run } from './cli.js';

const ajv = new Ajv2020({ strict: true });
const valid = ajv.compile(JSON.parse(readFileSync(join(root, 'tools/stats/schema.json'), 'utf8')) as object);

function expectValid(report: unknown): void {
  expect(valid(report), JSON.stringify(valid.errors)).toBe(true);
}

/** The JSON Lines of an --all -f json run, each validated. */
function reports(run: Run): TrackerReport[] {
  expect(run.code, run.stderr).toBe(0);
  const all = run.stdout.trimEnd().split('\n').map((l) => JSON.parse(l) as TrackerReport);
  for (const r of all) expectValid(r);
  return all;
}

const engines: Engine[] = [];
afterEach(() => {
  for (const e of engines.splice(0)) e.destroy();
});

/** An engine in full mode with seeded leaks since a mark: 3 actors at "spawn", 1 tile block at "load tiles". */
async function leakyEngine(): Promise<Engine> {
  const engine = await createEngine({ regions: { state: 1 << 20, frame: 64 << 10 }, tracking: { mode: 'full', leakReport: false } });
  engines.push(engine);
  const actors = engine.createPool({ name: 'actors', slotSize: 64, capacity: 50 });
  actors.free(actors.alloc('before the mark'));
  engine.endFrame();
  engine.tracker.mark();
  for (let i = 0; i < 4; i++) actors.alloc('spawn');
  actors.free(actors.alloc('spawn and despawn'));
  engine.slab.alloc(300, 16, { tag: 'tiles', site: 'load tiles' });
  engine.endFrame();
  return engine;
}

function oc(args: string[], env: Record<string, string> = {}): string {
  const exe = join(nativeDir, 'oc-snap');
  if (!existsSync(exe)) throw new Error(`${exe} is missing: build it (cmake --build ${nativeDir} --target oc-snap) or set OC_NATIVE_BUILD_DIR`);
  return execFileSync(exe, args, { encoding: 'utf8', env: { ...process.env, ...env } });
}

const WORKLOAD = ['run', '--region-bytes', '2097152', '--slab-bytes', '1048576', '--seed', '11'];

describe('claw-stats on reports of the real core', () => {
  const dir = workDir();

  it('(a) the engine: reportJson() as a stats line and report() as a JSON file, both valid, leaks exact', async () => {
    const engine = await leakyEngine();
    const text = engine.tracker.reportJson();
    put(dir, 'engine.log', `game started\n${text}\ngame over\n`);
    const out = json<TrackerReport>(await stats(['--format', 'json', 'engine.log'], dir));
    expectValid(out);
    expect(out).toEqual(JSON.parse(text));
    expect(out.mode).toBe('full');
    expect(out.leaks.available).toBe(true);
    const groups = out.leaks.groups.map((g) => [g.tag, g.site, g.count, g.bytes]);
    expect(groups).toContainEqual(['actors', 'spawn', 4, 256]);
    expect(groups.find((g) => g[1] === 'load tiles')?.slice(0, 3)).toEqual(['tiles', 'load tiles', 1]);
    expect(groups.filter((g) => g[1] === 'before the mark' || g[1] === 'spawn and despawn')).toEqual([]);
    expect(out.pools.find((p) => p.name === 'actors')).toMatchObject({ live: 4, allocs: 6, frees: 2, slotSize: 64 });

    put(dir, 'engine.json', JSON.stringify(engine.tracker.report(), null, 2));
    const fromFile = json<TrackerReport>(await stats(['-f', 'json', 'engine.json'], dir));
    expectValid(fromFile);
    expect(fromFile.leaks).toEqual(out.leaks);

    // Counters mode: a valid report without a leak list.
    engine.tracker.mode = 'counters';
    put(dir, 'counters.jsonl', `${engine.tracker.reportJson()}\n`);
    const counters = json<TrackerReport>(await stats(['-f', 'json', 'counters.jsonl'], dir));
    expectValid(counters);
    expect(counters.leaks).toEqual({ available: false, mark: null, groups: [] });
  });

  it('(b) a stats file written by a native program: OPENCLAW_STATS and OPENCLAW_STATS_EVERY, or --stats', async () => {
    const path = join(dir, 'native.jsonl');
    const printed = oc([...WORKLOAD, '--frames', '60', '--track', 'full'], { OPENCLAW_STATS: path, OPENCLAW_STATS_EVERY: '25' });
    expect(printed).toContain(`stats ${path} 3\n`);
    const all = reports(await stats(['--all', '-f', 'json', 'native.jsonl'], dir));
    expect(all.map((r) => r.frame)).toEqual([25, 50, 60]);
    const last = all[2]!;
    expect(last.mode).toBe('full');
    expect(last.regions.map((r) => r.name)).toEqual(['state']);
    expect(last.pools.map((p) => [p.name, p.tag])).toEqual([['workload pool', 'workload']]);
    expect(last.slabs.map((s) => [s.name, s.tag])).toEqual([['slab', 'blocks']]);
    // Every live allocation is in the leak list (no mark), with its C++ site, and the totals agree.
    const count = last.leaks.groups.reduce((s, g) => s + g.count, 0);
    expect(count).toBe(last.totals.liveCount);
    expect(last.leaks.groups.every((g) => /^memory\/workload\.cpp:\d+$/.test(g.site))).toBe(true);

    // --stats, counters mode by default, appended to an existing file; the table reads it too.
    oc([...WORKLOAD, '--frames', '10', '--stats', join(dir, 'native.jsonl')]);
    const again = reports(await stats(['--all', '-f', 'json', 'native.jsonl'], dir));
    expect(again).toHaveLength(4);
    expect(again[3]).toMatchObject({ mode: 'counters', frame: 10, leaks: { available: false } });
    const table = await stats(['native.jsonl'], dir);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/^claw-stats: native\.jsonl:4: frame 10, mode counters\n/);
    expect(table.stdout).toMatch(/\n +\d+ +workload pool +state +workload +\d+ +4096 /);
  });

  it('(c) a .clawsnap with an embedded report, from the engine and from the native program', async () => {
    const engine = await leakyEngine();
    const snap = engine.snapshot({ report: true });
    put(dir, 'engine.clawsnap', snap);
    const out = json<TrackerReport>(await stats(['-f', 'json', 'engine.clawsnap'], dir));
    expectValid(out);
    expect(out.leaks.groups.map((g) => [g.tag, g.site, g.count])).toContainEqual(['actors', 'spawn', 4]);
    const table = await stats(['engine.clawsnap'], dir);
    expect(table.stdout).toMatch(/^claw-stats: engine\.clawsnap \(TRAK chunk\): frame 2, mode full\n/);

    // Saved by oc-snap with its tracker: a native snapshot whose report the wasm core verifies.
    oc([...WORKLOAD, '--frames', '30', '--track', 'full', '--save-at', '20', '--save', join(dir, 'native.clawsnap')]);
    const native = json<TrackerReport>(await stats(['-f', 'json', 'native.clawsnap'], dir));
    expectValid(native);
    expect(native.frame).toBe(20);
  });

  it('refuses damaged snapshots and snapshots without a report, with the core\'s verdict and exit 2', async () => {
    const engine = await leakyEngine();
    const snap = engine.snapshot({ report: true });
    const trak = engine.inspectSnapshot(snap).chunks.find((c) => c.kind === 'TRAK')!;
    const damaged = snap.slice();
    damaged[trak.offset + 5]! ^= 0x01;
    put(dir, 'damaged.clawsnap', damaged);
    put(dir, 'cut.clawsnap', snap.subarray(0, snap.length - 16));
    put(dir, 'plain.clawsnap', engine.snapshot());
    put(dir, 'delta.clawsnap', engine.capture({ base: engine.snapshot() }));
    const cases: Array<[string, RegExp]> = [
      ['damaged.clawsnap', /^claw-stats: damaged\.clawsnap: ChecksumMismatchError: chunk \d+ \(TRAK\): stored 0x[0-9a-f]{16}, computed 0x[0-9a-f]{16}\n$/],
      ['cut.clawsnap', new RegExp(`^claw-stats: cut\\.clawsnap: TruncatedSnapshotError: the header says ${snap.length} bytes, the file has ${snap.length - 16}\\n$`)],
      ['plain.clawsnap', /^claw-stats: plain\.clawsnap: the snapshot carries no report \(no TRAK chunk\)/],
      ['delta.clawsnap', /^claw-stats: delta\.clawsnap: a delta snapshot carries no report/],
    ];
    for (const [file, pattern] of cases) {
      const run = await stats(['-f', 'json', file], dir);
      expect(run.code, file).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(pattern);
    }
  });
});
