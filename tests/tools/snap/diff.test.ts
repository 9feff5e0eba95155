// claw-snap diff: restores both snapshots and names the owner of every differing byte. Each test
// changes one known thing and expects exactly that back, and nothing else.
import { describe, expect, it } from 'vitest';
import { claw, json, put, workDir } from './cli.js';
import { makeScene, poke } from './scene.js';

interface DiffJson {
  identical: boolean;
  pages: number[];
  differences: Array<{
    description: string;
    owner: Record<string, string | number | null>;
    handleA?: string | null;
    handleB?: string | null;
    bytes: number;
    ranges: Array<[number, number]>;
  }>;
}

const hex32 = (v: number) => `0x${(v >>> 0).toString(16).padStart(8, '0')}`;

describe('claw-snap diff', () => {
  const dir = workDir();

  it('finds exactly the pool slot the test changed, with its handle, and nothing else', async () => {
    const { engine, pool, handles } = await makeScene();
    put(dir, 'a.clawsnap', engine.snapshot());
    const h = handles[3]!;
    const at = pool.offsetOf(h) + 17;
    poke(engine, at, 0x01);
    put(dir, 'b.clawsnap', engine.snapshot());

    const run = await claw(['diff', 'a.clawsnap', 'b.clawsnap', '--json'], dir);
    expect(run.code).toBe(1);
    const out = json<DiffJson>(run);
    expect(out.identical).toBe(false);
    expect(out.pages).toEqual([Math.floor(at / 4096)]);
    expect(out.differences).toEqual([{
      description: `pool ${pool.tag} slot ${pool.indexOf(h)}`,
      owner: { kind: 'pool-slot', pool: pool.tag, slot: pool.indexOf(h) },
      handleA: hex32(h),
      handleB: hex32(h),
      bytes: 1,
      ranges: [[at, at + 1]],
    }]);

    const text = await claw(['diff', 'a.clawsnap', 'b.clawsnap'], dir);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain(`1 of 256 pages differ: ${Math.floor(at / 4096)}`);
    expect(text.stdout).toContain(`pool ${pool.tag} slot ${pool.indexOf(h)} (A: live as ${hex32(h)}, B: live as ${hex32(h)}): 1 byte in [0x${at.toString(16)}, 0x${(at + 1).toString(16)})`);
    expect(text.stderr).toBe('');
    engine.destroy();
  });

  it('exits 0 on identical images, even from a full snapshot and a delta or an unsealed capture of the same state', async () => {
    const { engine } = await makeScene();
    const base = engine.snapshot();
    put(dir, 'same.clawsnap', base);
    put(dir, 'same-delta.clawsnap', engine.capture({ base }));
    put(dir, 'same-unsealed.clawsnap', engine.capture({ seal: false }));
    for (const other of ['same-delta.clawsnap', 'same-unsealed.clawsnap']) {
      const run = await claw(['diff', 'same.clawsnap', other, '--base', 'same.clawsnap', '--json'], dir);
      expect(run.code, other).toBe(0);
      expect(json<DiffJson>(run)).toMatchObject({ identical: true, pages: [], differences: [] });
    }
    engine.destroy();
  });

  it('attributes a changed byte of a slab block to that block', async () => {
    const { engine, blocks } = await makeScene();
    put(dir, 's1.clawsnap', engine.snapshot());
    const block = blocks[2]!;
    poke(engine, block.offset + block.size - 1, 0x07);
    put(dir, 's2.clawsnap', engine.snapshot());
    const out = json<DiffJson>(await claw(['diff', 's1.clawsnap', 's2.clawsnap', '--json'], dir));
    expect(out.differences).toHaveLength(1);
    const d = out.differences[0]!;
    expect(d.owner).toMatchObject({ kind: 'slab-block', slab: engine.abi.oc_allocator_tag(engine.slab.id), offset: block.offset });
    expect(d.owner.size as number).toBeGreaterThanOrEqual(block.size);
    expect(d.ranges).toEqual([[block.offset + block.size - 1, block.offset + block.size]]);
    engine.destroy();
  });

  it('shows a free as the pool metadata it changes: the live count and the slot generation', async () => {
    const { engine, pool, handles } = await makeScene();
    put(dir, 'f1.clawsnap', engine.snapshot());
    const h = handles[7]!;
    const slot = pool.indexOf(h);
    pool.free(h);
    put(dir, 'f2.clawsnap', engine.snapshot());
    const out = json<DiffJson>(await claw(['diff', 'f1.clawsnap', 'f2.clawsnap', '--json'], dir));
    const owners = out.differences.map((d) => d.owner);
    expect(owners).toContainEqual({ kind: 'table', table: 'generation', index: slot });
    expect(owners).toContainEqual({ kind: 'field', struct: 'FixedPoolHeader', field: 'live' });
    expect(owners).toContainEqual({ kind: 'field', struct: 'FixedPoolHeader', field: 'total_frees' });
    // Every difference is the pool's metadata: a release build leaves the freed slot's bytes alone.
    for (const d of out.differences) expect(d.description).toMatch(new RegExp(`^pool ${pool.tag} metadata: `));
    engine.destroy();
  });

  it('names the frame counter in the region header', async () => {
    const { engine } = await makeScene();
    put(dir, 'fr1.clawsnap', engine.snapshot());
    engine.endFrame();
    put(dir, 'fr2.clawsnap', engine.snapshot());
    const out = json<DiffJson>(await claw(['diff', 'fr1.clawsnap', 'fr2.clawsnap', '--json'], dir));
    expect(out.differences.map((d) => d.description)).toEqual(['region header: RegionHeader.frame_lo']);
    engine.destroy();
  });

  it('rejects a damaged snapshot instead of comparing it', async () => {
    const { engine } = await makeScene();
    const snap = engine.snapshot();
    put(dir, 'd1.clawsnap', snap);
    const bad = snap.slice();
    bad[bad.length - 1]! ^= 0xff;
    put(dir, 'd2.clawsnap', bad);
    const run = await claw(['diff', 'd1.clawsnap', 'd2.clawsnap'], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/ChecksumMismatchError: chunk \d+ \(PAGE\)/);
    expect(run.stdout).toBe('');
    engine.destroy();
  });
});
