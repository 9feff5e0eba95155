// The packer as a build step: the same sources give the same demo.rez byte for byte, --stage writes
// the loose files the archive holds, and a broken source fails naming the file, the pixel and the colour.
import { cpSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PNG } from 'pngjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats, sourceFromBytes } from '../../../engine/index.js';
import { assets, pack, root, sourceJson, workDir } from './build.js';

const dir = workDir();
let formats: Formats;

beforeAll(async () => {
  formats = await Formats.load();
});

afterAll(() => formats?.dispose());

/** A copy of assets/ whose image `png` gets `rgba` at pixel (x, y). */
function brokenCopy(name: string, png: string, x: number, y: number, rgba: [number, number, number, number]): string {
  const copy = join(dir, name);
  cpSync(assets, copy, { recursive: true });
  const image = PNG.sync.read(readFileSync(join(copy, png)));
  image.data.set(rgba, (y * image.width + x) * 4);
  writeFileSync(join(copy, png), PNG.sync.write(image, { colorType: 6 }));
  return copy;
}

/** A colour that is not in palette.json. */
function offPalette(): [number, number, number] {
  const colors = new Set(sourceJson<{ colors: string[] }>('palette.json').colors.map((c) => c.toLowerCase()));
  for (let v = 1; ; v++) {
    const rgb: [number, number, number] = [v & 0xff, (v >> 8) & 0xff, 7];
    if (!colors.has(`#${rgb.map((b) => b.toString(16).padStart(2, '0')).join('')}`)) return rgb;
  }
}

describe('the demo packer', () => {
  it('is deterministic: two builds give the same archive byte for byte', async () => {
    const a = await pack(['--assets', assets, '--out', join(dir, 'a', 'demo.rez')]);
    const b = await pack(['--assets', assets, '--out', join(dir, 'b', 'demo.rez')]);
    expect([a.code, b.code]).toEqual([0, 0]);
    const first = readFileSync(join(dir, 'a', 'demo.rez'));
    expect(first.length).toBeGreaterThan(10_000);
    expect(Buffer.compare(first, readFileSync(join(dir, 'b', 'demo.rez')))).toBe(0);
  });

  it('stages every archived file loose at its REZ path, with the same bytes', async () => {
    const run = await pack(['--assets', assets, '--out', join(dir, 's', 'demo.rez'), '--stage', join(dir, 's', 'stage')]);
    expect(run.code).toBe(0);
    const archive = await formats.openRez(sourceFromBytes(readFileSync(join(dir, 's', 'demo.rez'))));
    try {
      const entries = [...archive.files()];
      for (const entry of entries) {
        const loose = readFileSync(join(dir, 's', 'stage', ...entry.path.split('/').filter((p) => p !== '')));
        expect(Buffer.compare(loose, Buffer.from(await archive.read(entry.path))), entry.path).toBe(0);
        expect(entry.dateTime).toBe(1767225600);
      }
      // Data in path order, fileIds numbering it: 1, 2, ... by offset.
      entries.sort((a, b) => a.offset - b.offset);
      expect(entries.map((e) => e.fileId)).toEqual(entries.map((_, i) => i + 1));
      const paths = entries.map((e) => e.path.toUpperCase());
      expect(paths).toEqual([...paths].sort());
      expect(entries.length).toBe(95);
    } finally {
      archive.close();
    }
  });

  // claw-rez pack (H16's tools/rez) walks in the same order, numbers fileIds alike and takes dateTimes
  // from mtimes, which --stage sets: the staged directory packs into demo.rez again, byte for byte.
  it.skipIf(!existsSync(join(root, 'tools/rez/main.ts')))('stages a directory that claw-rez pack turns into the same archive', async () => {
    const run = await pack(['--assets', assets, '--out', join(dir, 'r', 'demo.rez'), '--stage', join(dir, 'r', 'stage')]);
    expect(run.code).toBe(0);
    const rez = (await import('../../../tools/rez/main.js')) as { main(argv: readonly string[]): Promise<number> };
    const write = process.stdout.write.bind(process.stdout);
    process.stdout.write = (() => true) as typeof process.stdout.write;
    try {
      expect(await rez.main(['pack', join(dir, 'r', 'stage'), '-o', join(dir, 'r', 'again.rez')])).toBe(0);
    } finally {
      process.stdout.write = write;
    }
    expect(Buffer.compare(readFileSync(join(dir, 'r', 'demo.rez')), readFileSync(join(dir, 'r', 'again.rez')))).toBe(0);
  });

  it('fails on an off-palette colour naming the file, the pixel and the colour', async () => {
    const [r, g, b] = offPalette();
    const copy = brokenCopy('off-palette', 'images/CRAB/003.png', 5, 7, [r, g, b, 255]);
    const out = join(dir, 'bad', 'demo.rez');
    const run = await pack(['--assets', copy, '--out', out]);
    expect(run.code).toBe(1);
    const colour = `#${[r, g, b].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
    expect(run.stderr).toContain('images/CRAB/003.png');
    expect(run.stderr).toContain('pixel (5, 7)');
    expect(run.stderr).toContain(colour);
    expect(() => readFileSync(out)).toThrow(); // nothing written
  });

  it('fails on partial alpha, even with a palette colour', async () => {
    const colors = sourceJson<{ colors: string[] }>('palette.json').colors;
    const c = Number.parseInt(colors[5]!.slice(1), 16);
    const copy = brokenCopy('half-alpha', 'tiles/ACTION/004.png', 63, 0, [c >>> 16, (c >>> 8) & 0xff, c & 0xff, 128]);
    const run = await pack(['--assets', copy, '--out', join(dir, 'bad2', 'demo.rez')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/tiles\/ACTION\/004\.png: pixel \(63, 0\) has alpha 128/);
  });

  it('fails on a level cell missing from the legend, naming the row and column', async () => {
    const copy = join(dir, 'bad-level');
    cpSync(assets, copy, { recursive: true });
    const path = join(copy, 'levels/LEVEL1.json');
    const level = JSON.parse(readFileSync(path, 'utf8')) as { planes: Array<{ rows: string[] }> };
    const row = level.planes[1]!.rows[3]!;
    level.planes[1]!.rows[3] = `${row.slice(0, 2)}?${row.slice(3)}`;
    writeFileSync(path, JSON.stringify(level));
    const run = await pack(['--assets', copy, '--out', join(dir, 'bad3', 'demo.rez')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('levels/LEVEL1.json: planes[1].rows[3] column 2: "?" is not in the legend');
  });

  it('rejects an unknown option with exit 2', async () => {
    expect((await pack(['--frobnicate', 'x'])).code).toBe(2);
  });
});
