// claw-snap export / import: the JSON description round-trips to the same bytes, an edit to it shows
// up as exactly that edit, and a description that is damaged or describes broken allocator metadata
// is refused with a typed error and no output file.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { claw, json, put, workDir } from './cli.js';
import { makeScene } from './scene.js';

interface Description {
  format: string;
  header: { layoutId: string; sealed: boolean; delta: boolean };
  chunks: unknown[];
  allocators: Array<{ tag: number; kind: string; header: number; live: number; geometry: Record<string, number> }>;
  image: { size: number; pageSize: number; encoding: string; pages: Array<{ index: number; data: string }> };
}

function read(dir: string, name: string): Uint8Array {
  return new Uint8Array(readFileSync(join(dir, name)));
}

function description(dir: string, name: string): Description {
  return JSON.parse(readFileSync(join(dir, name), 'utf8')) as Description;
}

/** Rewrites one byte of the described image. */
function editByte(d: Description, at: number, value: number): void {
  const index = Math.floor(at / d.image.pageSize);
  const page = d.image.pages.find((p) => p.index === index);
  if (page === undefined) throw new Error(`page ${index} is not in the description`);
  const bytes = Buffer.from(page.data, 'base64');
  bytes[at % d.image.pageSize] = value;
  page.data = bytes.toString('base64');
}

describe('claw-snap export and import', () => {
  const dir = workDir();

  it('export then import gives back the same bytes: full sealed, unsealed, and a delta with its base', async () => {
    const { engine, pool, handles } = await makeScene();
    engine.frameNumber = 77n;
    const full = engine.snapshot();
    engine.regions.state.bytes()[pool.offsetOf(handles[1]!)] = 0x5a;
    engine.endFrame();
    const cases = {
      full,
      unsealed: engine.capture({ seal: false }),
      delta: engine.capture({ base: full }),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      put(dir, `${name}.clawsnap`, bytes);
      const base = name === 'delta' ? ['--base', 'full.clawsnap'] : [];
      const ex = await claw(['export', `${name}.clawsnap`, '-o', `${name}.json`, ...base], dir);
      expect(ex.code, ex.stderr).toBe(0);
      expect(ex.stderr).toBe('');
      const im = await claw(['import', `${name}.json`, '-o', `${name}.back.clawsnap`, ...base], dir);
      expect(im.code, im.stderr).toBe(0);
      expect(im.stderr).toBe('');
      expect(read(dir, `${name}.back.clawsnap`), name).toEqual(bytes);
    }
    engine.destroy();
  });

  it('describes the header, the chunks, the allocators and only the non-zero pages', async () => {
    const { engine, pool, handles } = await makeScene();
    const snap = engine.snapshot();
    put(dir, 'desc.clawsnap', snap);
    expect((await claw(['export', 'desc.clawsnap', '--output', 'desc.json'], dir)).code).toBe(0);
    const d = description(dir, 'desc.json');
    const info = engine.inspectSnapshot(snap);
    expect(d.format).toBe('claw-snap-export');
    expect(d.chunks).toHaveLength(info.chunks.length);
    expect(d.image).toMatchObject({ size: info.regionSize, pageSize: 4096, encoding: 'base64' });
    const pool0 = d.allocators.find((a) => a.kind === 'pool');
    expect(pool0).toMatchObject({ tag: pool.tag, live: handles.length, geometry: { capacity: 100, slot_size: 64 } });
    expect(d.allocators.map((a) => a.kind).sort()).toEqual(['pool', 'slab']);
    const image = engine.regions.state.bytes();
    const nonZero: number[] = [];
    for (let p = 0; p < image.length / 4096; p++) if (image.subarray(p * 4096, (p + 1) * 4096).some((b) => b !== 0)) nonZero.push(p);
    expect(d.image.pages.map((p) => p.index)).toEqual(nonZero);
    engine.destroy();
  });

  it('an edited slot in the description comes back as exactly that difference', async () => {
    const { engine, pool, handles } = await makeScene();
    put(dir, 'orig.clawsnap', engine.snapshot());
    await claw(['export', 'orig.clawsnap', '-o', 'orig.json'], dir);
    const d = description(dir, 'orig.json');
    const at = pool.offsetOf(handles[0]!) + 2;
    editByte(d, at, 0xee);
    put(dir, 'edited.json', JSON.stringify(d));
    const im = await claw(['import', 'edited.json', '-o', 'edited.clawsnap'], dir);
    expect(im.code, im.stderr).toBe(0);
    expect(im.stdout).toContain('the image differs from the exported one');
    const diff = json<{ differences: Array<{ owner: Record<string, unknown>; ranges: number[][] }> }>(
      await claw(['diff', 'orig.clawsnap', 'edited.clawsnap', '--json'], dir),
    );
    expect(diff.differences).toEqual([expect.objectContaining({ owner: { kind: 'pool-slot', pool: pool.tag, slot: pool.indexOf(handles[0]!) }, ranges: [[at, at + 1]] })]);
    engine.destroy();
  });

  it('refuses broken allocator metadata, a foreign layout and a malformed description, writing nothing', async () => {
    const { engine, pool } = await makeScene();
    put(dir, 'src.clawsnap', engine.snapshot());
    await claw(['export', 'src.clawsnap', '-o', 'src.json'], dir);
    const liveAt = Number(/^FixedPoolHeader\.live (\d+) 4$/m.exec(engine.layoutTable())![1]);
    const header = description(dir, 'src.json').allocators.find((a) => a.tag === pool.tag)!.header;

    const corrupt = description(dir, 'src.json');
    editByte(corrupt, header + liveAt, 99); // more live slots than the generations say
    put(dir, 'corrupt.json', JSON.stringify(corrupt));
    const foreign = description(dir, 'src.json');
    foreign.header.layoutId = '0x0123456789abcdef';
    put(dir, 'foreign.json', JSON.stringify(foreign));
    const outside = description(dir, 'src.json');
    outside.image.pages[0]!.index = outside.image.size / 4096;
    put(dir, 'outside.json', JSON.stringify(outside));
    put(dir, 'notjson.json', '{"format": "claw-snap-export",');

    const expected: Record<string, RegExp> = {
      'corrupt.json': /CorruptStateError: the described image fails the core's region check/,
      'foreign.json': /LayoutMismatchError: foreign\.json was exported by a build with layout id 0x0123456789abcdef/,
      'outside.json': /InvalidDescriptionError: image\.pages\[0\]\.index: page 256 is outside the 256 pages/,
      'notjson.json': /InvalidDescriptionError: not JSON/,
    };
    for (const [file, message] of Object.entries(expected)) {
      const out = file.replace('.json', '.clawsnap');
      const run = await claw(['import', file, '-o', out], dir);
      expect(run.code, file).toBe(1);
      expect(run.stderr).toMatch(message);
      expect(existsSync(join(dir, out)), file).toBe(false);
    }
    engine.destroy();
  });
});
