// claw-snap info: what it prints is what the engine's own inspectSnapshot() parses.
import { describe, expect, it } from 'vitest';
import { claw, json, put, workDir } from './cli.js';
import { makeScene } from './scene.js';

const hex64 = (v: bigint) => `0x${v.toString(16).padStart(16, '0')}`;

describe('claw-snap info', () => {
  const dir = workDir();

  it('--json gives the header, chunk table and present pages exactly as inspectSnapshot() parses them', async () => {
    const { engine, pool, handles } = await makeScene();
    engine.frameNumber = 4242n;
    const snap = engine.snapshot();
    const info = engine.inspectSnapshot(snap);
    put(dir, 'a.clawsnap', snap);
    const run = await claw(['info', 'a.clawsnap', '--json'], dir);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const out = json<{
      file: string;
      header: Record<string, unknown>;
      chunks: Array<Record<string, unknown>>;
      pages: number[];
    }>(run);
    expect(out.file).toBe('a.clawsnap');
    expect(out.header).toEqual({
      version: info.version, minVersion: info.minVersion, delta: false, sealed: true, layoutId: hex64(info.layoutId),
      frame: '4242', regionSize: info.regionSize, regionUsed: info.regionUsed, pageSize: info.pageSize,
      pageCount: info.pageCount, pagesPresent: info.pagesPresent, totalSize: snap.length, imageHash: hex64(info.imageHash),
      baseHash: hex64(0n), wholeChecksum: hex64(info.wholeChecksum),
    });
    expect(out.chunks).toEqual(info.chunks.map((c, index) => ({
      index, kind: c.kind, id: c.id, offset: c.offset, size: c.size, regionOffset: c.regionOffset,
      regionLength: c.regionLength, checksum: hex64(c.checksum),
    })));
    // The bitmap agrees with the header's count and holds the pages of the written pool slots.
    expect(out.pages.length).toBe(info.pagesPresent);
    expect(new Set(out.pages).size).toBe(out.pages.length);
    expect(out.pages.every((p) => p >= 0 && p < info.pageCount)).toBe(true);
    for (const h of handles) expect(out.pages).toContain(Math.floor(pool.offsetOf(h) / info.pageSize));
    engine.destroy();
  });

  it('prints the same facts as text, with the chunk kinds and the page runs', async () => {
    const { engine } = await makeScene();
    const snap = engine.snapshot();
    const info = engine.inspectSnapshot(snap);
    put(dir, 'b.clawsnap', snap);
    const run = await claw(['info', 'b.clawsnap'], dir);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('full, sealed');
    expect(run.stdout).toContain(hex64(info.layoutId));
    expect(run.stdout).toContain(`${info.pagesPresent} of ${info.pageCount} present`);
    for (const c of info.chunks) expect(run.stdout).toContain(hex64(c.checksum));
    expect(run.stdout).toMatch(/pages present: \d/);
    engine.destroy();
  });

  it('reports a delta and an unsealed snapshot as such', async () => {
    const { engine, pool, handles } = await makeScene();
    const base = engine.snapshot();
    engine.regions.state.bytes()[pool.offsetOf(handles[0]!)] = 1;
    put(dir, 'delta.clawsnap', engine.capture({ base }));
    put(dir, 'unsealed.clawsnap', engine.capture({ seal: false }));
    const delta = json<{ header: { delta: boolean; pagesPresent: number; baseHash: string } }>(await claw(['info', 'delta.clawsnap', '--json'], dir));
    expect(delta.header.delta).toBe(true);
    expect(delta.header.pagesPresent).toBe(1);
    expect(delta.header.baseHash).toBe(hex64(engine.inspectSnapshot(base).imageHash));
    const unsealed = await claw(['info', 'unsealed.clawsnap'], dir);
    expect(unsealed.code).toBe(0);
    expect(unsealed.stdout).toContain('UNSEALED');
    engine.destroy();
  });

  it('rejects bytes that are not a snapshot with exit 1 and the typed error', async () => {
    put(dir, 'junk.clawsnap', new TextEncoder().encode('not a snapshot at all, just some text that is long enough'.repeat(4)));
    const run = await claw(['info', 'junk.clawsnap'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('BadMagicError');
    expect(run.stdout).toBe('');
  });
});
