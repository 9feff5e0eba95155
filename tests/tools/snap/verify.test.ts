// claw-snap verify: accepts a good snapshot, and rejects a damaged one with exit 1, the typed error's
// class name and what failed.
import { describe, expect, it } from 'vitest';
import { claw, put, workDir } from './cli.js';
import { makeScene } from './scene.js';

describe('claw-snap verify', () => {
  const dir = workDir();

  it('accepts a valid snapshot after restoring it and checking its allocators', async () => {
    const { engine } = await makeScene();
    put(dir, 'good.clawsnap', engine.snapshot());
    const run = await claw(['verify', 'good.clawsnap'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^good\.clawsnap: ok \(full, .*restored and checked 2 allocators\)/);
    expect(run.stderr).toBe('');
    engine.destroy();
  });

  it('names the chunk whose checksum fails, for a flipped bit in each kind of chunk', async () => {
    const { engine } = await makeScene();
    const snap = engine.snapshot();
    const info = engine.inspectSnapshot(snap);
    const names: string[] = [];
    info.chunks.forEach((c, i) => {
      const bad = snap.slice();
      bad[c.offset + Math.floor(c.size / 2)]! ^= 0x10;
      names.push(put(dir, `bad-${i}.clawsnap`, bad));
    });
    const run = await claw(['verify', ...names], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    info.chunks.forEach((c, i) => {
      const label = c.kind === 'ALOC' ? `ALOC ${c.id}` : c.kind;
      expect(lines[i]).toContain(`bad-${i}.clawsnap: ChecksumMismatchError: chunk ${i} (${label})`);
    });
    expect(lines.at(-1)).toBe(`${info.chunks.length} of ${info.chunks.length} invalid`);
    engine.destroy();
  });

  it('tells a damaged header, a truncation, a foreign file and an unsealed capture apart', async () => {
    const { engine } = await makeScene();
    const snap = engine.snapshot();
    const header = snap.slice();
    header[24]! ^= 1; // the frame number: only the whole-file checksum covers it
    put(dir, 'header.clawsnap', header);
    put(dir, 'short.clawsnap', snap.slice(0, snap.length - 100));
    const magic = snap.slice();
    magic[0] = 0x58;
    put(dir, 'magic.clawsnap', magic);
    put(dir, 'unsealed.clawsnap', engine.capture({ seal: false }));
    const run = await claw(['verify', 'header.clawsnap', 'short.clawsnap', 'magic.clawsnap', 'unsealed.clawsnap'], dir);
    expect(run.code).toBe(1);
    const lines = run.stdout.trim().split('\n');
    expect(lines[0]).toContain('header.clawsnap: ChecksumMismatchError: header or chunk table');
    expect(lines[1]).toBe(`short.clawsnap: TruncatedSnapshotError: the header says ${snap.length} bytes, the file has ${snap.length - 100}`);
    expect(lines[2]).toContain('magic.clawsnap: BadMagicError');
    expect(lines[3]).toContain('unsealed.clawsnap: UnsealedSnapshotError');
    engine.destroy();
  });

  it('checks a delta against its base, and refuses a base it was not made against', async () => {
    const { engine, pool, handles } = await makeScene();
    const base = engine.snapshot();
    engine.regions.state.bytes()[pool.offsetOf(handles[2]!) + 3] = 0x99;
    put(dir, 'base.clawsnap', base);
    put(dir, 'delta.clawsnap', engine.capture({ base }));
    engine.regions.state.bytes()[pool.offsetOf(handles[4]!)] = 0x98;
    put(dir, 'other.clawsnap', engine.snapshot());

    const alone = await claw(['verify', 'delta.clawsnap'], dir);
    expect(alone.code).toBe(0);
    expect(alone.stdout).toContain('allocators not checked: a delta needs its base');
    const withBase = await claw(['verify', 'delta.clawsnap', '--base', 'base.clawsnap'], dir);
    expect(withBase.code).toBe(0);
    expect(withBase.stdout).toContain('restored and checked 2 allocators');
    const wrongBase = await claw(['verify', 'delta.clawsnap', '--base', 'other.clawsnap'], dir);
    expect(wrongBase.code).toBe(1);
    expect(wrongBase.stdout).toContain('BaseMismatchError');
    engine.destroy();
  });
});
