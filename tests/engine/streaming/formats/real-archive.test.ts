// Optional: a real CLAW.REZ through the TypeScript side (a file-backed Blob, the wasm readers and
// DecompressionStream), checked against the anchors of LEGACY-FORMATS.md. Skipped unless CLAW_REZ
// names the archive; the file is never committed.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Formats } from '../../../../engine/streaming/formats/formats.js';
import type { RezArchive } from '../../../../engine/streaming/formats/rez-archive.js';
import { sourceFromBlob, type ByteSource } from '../../../../engine/streaming/formats/sources.js';

const path = process.env['CLAW_REZ'];

describe.skipIf(path === undefined || path === '')('a real CLAW.REZ (CLAW_REZ)', () => {
  let formats: Formats;
  let source: ByteSource;
  let archive: RezArchive;
  let openedWith = 0;

  beforeAll(async () => {
    formats = await Formats.load();
    source = sourceFromBlob(await openAsBlob(path!), basename(path!));
    archive = await formats.openRez(source);
    openedWith = source.bytesRead;
  });
  afterAll(() => {
    archive?.close();
    formats?.dispose();
  });

  it('opens by reading only the header and the directory blocks', () => {
    expect(archive.dirOffset).toBe(119_321_494);
    expect(archive.dirSize).toBe(392);
    expect(archive.list('/').length).toBe(17);
    expect(openedWith).toBeLessThan(source.size / 100);
  });

  it("reads level 1's world: three planes, 1,479 objects in Action", async () => {
    const level = await formats.readWwd(await archive.read('/LEVEL1/WORLDS/WORLD.WWD'));
    expect(level.header.levelName).toBe('Claw - Level 1');
    expect(level.planes.map((p) => p.name).slice(1)).toEqual(['Action', 'Front']);
    expect(level.planes[1]!.tileWidth).toBe(64);
    expect(level.planes[1]!.objects.length).toBe(1479);
  });

  it('reads DUCKPISTOL.ANI with its gunshot event', async () => {
    const ani = formats.readAni(await archive.read('claw\\anis\\duckpistol.ani'));
    expect(ani.imageSet).toBe('CLAW_IMAGES');
    expect(ani.frames.length).toBe(11);
    const shots = ani.frames.flatMap((f, i) => (f.event === 'CLAW_GUNSHOT' ? [i] : []));
    expect(shots.length).toBe(1);
    expect([2, 3]).toContain(shots[0]); // "frame 3", counted from 0 or 1
  });
});
