// claw-snap's command line: --help for every command, exit 2 for every kind of usage error, and
// progress on stderr only for large snapshots.
import { describe, expect, it } from 'vitest';
import { createEngine } from '../../../engine/index.js';
import { claw, put, workDir } from './cli.js';

const COMMANDS = ['info', 'verify', 'diff', 'export', 'import'];

describe('claw-snap usage', () => {
  const dir = workDir();

  it('prints help for the tool and for each command, exit 0', async () => {
    const top = await claw(['--help'], dir);
    expect(top.code).toBe(0);
    for (const c of COMMANDS) expect(top.stdout).toContain(`  ${c} `);
    for (const c of COMMANDS) {
      for (const args of [[c, '--help'], [c, '-h'], ['help', c]]) {
        const run = await claw(args, dir);
        expect(run.code, args.join(' ')).toBe(0);
        expect(run.stdout).toMatch(new RegExp(`^usage: claw-snap ${c} `));
        expect(run.stdout).toContain('exit status');
        expect(run.stderr).toBe('');
      }
    }
  });

  it('exits 2 with a message on stderr for every usage error', async () => {
    put(dir, 'x.json', '{}');
    const cases: Array<[string[], RegExp]> = [
      [[], /expected a command/],
      [['frobnicate'], /unknown command 'frobnicate'/],
      [['info'], /info: expected FILE, got nothing/],
      [['info', 'a', 'b'], /expected FILE, got 2 arguments/],
      [['info', '--jsn', 'a.clawsnap'], /Unknown option '--jsn'/],
      [['info', 'missing.clawsnap'], /cannot read missing\.clawsnap: ENOENT/],
      [['verify'], /expected FILE\.\.\., got nothing/],
      [['diff', 'only-one.clawsnap'], /expected A B, got 1 argument/],
      [['export', 'x.clawsnap'], /missing -o OUT\.json/],
      [['import', 'x.json'], /missing -o OUT\.clawsnap/],
      [['export', 'x.clawsnap', '-o'], /argument missing|requires an argument|-o/i],
    ];
    for (const [args, message] of cases) {
      const run = await claw(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
      expect(run.stdout, args.join(' ')).toBe('');
    }
  });

  it('a delta without its base is a usage error for the commands that must decode it', async () => {
    const engine = await createEngine({ regions: { state: 256 << 10, frame: 64 << 10 } });
    const base = engine.snapshot();
    engine.endFrame();
    put(dir, 'b.clawsnap', base);
    put(dir, 'd.clawsnap', engine.capture({ base }));
    engine.destroy();
    for (const args of [['diff', 'b.clawsnap', 'd.clawsnap'], ['export', 'd.clawsnap', '-o', 'd.json']]) {
      const run = await claw(args, dir);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toContain('d.clawsnap is a delta snapshot: give the full snapshot it was made against with --base FILE');
    }
  });

  it('reports progress on stderr for a 16 MiB snapshot, and nothing there for a small one', async () => {
    const MiB = 1 << 20;
    const engine = await createEngine({ regions: { state: 16 * MiB, frame: 64 << 10 }, slab: { bytes: 64 << 10 } });
    const pool = engine.createPool({ name: 'fill', slotSize: 64, capacity: 200_000 });
    pool.allocMany(200_000);
    const bytes = engine.regions.state.bytes();
    const start = pool.slotsOffset;
    for (let i = start; i < start + 200_000 * 64; i += 64) bytes[i] = 1 + ((i >> 6) & 0x7f);
    const snap = engine.snapshot();
    expect(snap.length).toBeGreaterThan(12 * MiB);
    put(dir, 'big.clawsnap', snap);
    engine.destroy();

    const run = await claw(['verify', 'big.clawsnap'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/^claw-snap \[\d+\.\d s\] verifying the checksums of big\.clawsnap \(1\d\.\d MiB\)$/m);
    expect(run.stderr).toMatch(/restoring big\.clawsnap into a scratch engine \(16\.0 MiB\)/);

    const small = await createEngine({ regions: { state: 256 << 10, frame: 64 << 10 } });
    put(dir, 'small.clawsnap', small.snapshot());
    small.destroy();
    for (const args of [['info', 'small.clawsnap'], ['verify', 'small.clawsnap'], ['diff', 'small.clawsnap', 'small.clawsnap'], ['export', 'small.clawsnap', '-o', 's.json'], ['import', 's.json', '-o', 's.clawsnap']]) {
      const r = await claw(args, dir);
      expect(r.code, args.join(' ')).toBe(0);
      expect(r.stderr, args.join(' ')).toBe('');
    }
  });
});
