// REZ archives end to end in the wasm core: packRez -> a byte source (bytes, Blob, URL) -> openRez ->
// list/stat/read every file byte for byte, lookups ignoring case, and the typed errors of damaged
// archives and of misuse.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import type { RezArchive } from '../../../../engine/streaming/formats/rez-archive.js';
import { sourceFromBlob, sourceFromBytes, sourceFromUrl, type ByteSource } from '../../../../engine/streaming/formats/sources.js';
import {
  EntryNotFoundError, FormatBadMagicError, FormatError, MalformedFormatError, NotADirectoryError, NotAFileError, OverlapError,
  SelfReferenceError, TruncatedFormatError,
} from '../../../../engine/streaming/formats/errors.js';
import { startServer } from '../support/http-server.js';

function bytesOf(seed: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0;
  for (let i = 0; i < length; i++) {
    x = (Math.imul(x, 1664525) + 1013904223) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

const FILES = [
  { path: 'LEVEL1/TILES/ACTION/001.PID', bytes: bytesOf(1, 1000), dateTime: 111, fileId: 7 },
  { path: 'LEVEL1/TILES/ACTION/002.PID', bytes: bytesOf(2, 0) },
  { path: 'level1\\tiles\\back\\010.pid', bytes: bytesOf(3, 4096) },
  { path: 'LEVEL1/WORLDS/WORLD.WWD', bytes: bytesOf(4, 70_000), dateTime: 222 },
  { path: 'CLAW/ANIS/DUCKPISTOL.ANI', bytes: bytesOf(5, 333) },
  { path: 'README', bytes: bytesOf(6, 12) },
];

let formats: Formats;
let archiveBytes: Uint8Array;
beforeAll(async () => {
  formats = await Formats.load();
  archiveBytes = formats.packRez(FILES);
});
afterAll(() => formats.dispose());

async function checkArchive(archive: RezArchive): Promise<void> {
  expect(archive.version).toBe(1);
  expect(archive.dirOffset + archive.dirSize).toBe(archive.source.size);
  // Paths keep the spelling of the first file that named each directory (here "back" stays lower case).
  const files = [...archive.files()];
  expect(files.map((f) => f.path).sort()).toEqual([
    '/CLAW/ANIS/DUCKPISTOL.ANI', '/LEVEL1/TILES/ACTION/001.PID', '/LEVEL1/TILES/ACTION/002.PID', '/LEVEL1/TILES/back/010.pid',
    '/LEVEL1/WORLDS/WORLD.WWD', '/README',
  ]);
  for (const file of FILES) {
    const entry = archive.stat(file.path);
    expect(entry.isDirectory).toBe(false);
    expect(entry.size).toBe(file.bytes.length);
    expect(entry.dateTime).toBe(file.dateTime ?? 0);
    expect(entry.fileId).toBe(file.fileId ?? 0);
    expect(await archive.read(file.path)).toEqual(file.bytes);
  }
}

describe('RezArchive', () => {
  it('opens a packed archive from bytes, a Blob and a URL and reads every file byte for byte', async () => {
    const server = await startServer({ kind: 'bytes', bytes: archiveBytes });
    try {
      const sources: ByteSource[] = [
        sourceFromBytes(archiveBytes), sourceFromBlob(new Blob([archiveBytes as Uint8Array<ArrayBuffer>])),
        await sourceFromUrl(server.url),
      ];
      for (const source of sources) {
        const archive = await formats.openRez(source);
        try {
          await checkArchive(archive);
        } finally {
          archive.close();
        }
      }
    } finally {
      await server.close();
    }
  });

  it('lists directories in archive order and stats directories and the root', async () => {
    const archive = await formats.openRez(sourceFromBytes(archiveBytes));
    try {
      expect(archive.list().map((e) => e.name)).toEqual(['LEVEL1', 'CLAW', 'README']);
      expect(archive.list('/')).toEqual(archive.list(''));
      const action = archive.list('level1/tiles/action');
      expect(action.map((e) => [e.path, e.size])).toEqual([
        ['/LEVEL1/TILES/ACTION/001.PID', 1000], ['/LEVEL1/TILES/ACTION/002.PID', 0],
      ]);
      const tiles = archive.stat('\\Level1\\Tiles');
      expect(tiles).toMatchObject({ path: '/LEVEL1/TILES', name: 'TILES', isDirectory: true, childCount: 2 });
      expect(archive.stat('/')).toMatchObject({ path: '/', name: '', isDirectory: true, childCount: 3 });
      expect(archive.stat('level1').dateTime).toBe(222); // a directory's date is its newest file's
      expect(archive.entryCount).toBe(6 + 7); // the files and LEVEL1, TILES, ACTION, back, WORLDS, CLAW, ANIS
    } finally {
      archive.close();
    }
  });

  it('finds paths ignoring case and separators, and throws typed errors for misuse', async () => {
    const archive = await formats.openRez(sourceFromBytes(archiveBytes));
    try {
      expect(archive.has('claw/anis/duckpistol.ani')).toBe(true);
      expect(archive.has('\\CLAW\\ANIS\\DuckPistol.Ani')).toBe(true);
      expect(archive.has('/CLAW/ANIS/DUCKPISTOL')).toBe(false);
      expect(archive.has('/CLAW/ANIS/€.ANI')).toBe(false);
      expect(await archive.read('claw/anis/DUCKPISTOL.ani')).toEqual(FILES[4]!.bytes);
      expect(() => archive.stat('/NOPE.PID')).toThrow(EntryNotFoundError);
      expect(() => archive.list('/README')).toThrow(NotADirectoryError);
      expect(() => archive.list('/missing')).toThrow(EntryNotFoundError);
      await expect(archive.read('/LEVEL1')).rejects.toBeInstanceOf(NotAFileError);
      await expect(archive.read('/NOPE')).rejects.toMatchObject({ name: 'EntryNotFoundError', path: '/NOPE' });
    } finally {
      archive.close();
    }
    expect(() => archive.has('/README')).toThrow(/closed/);
    // The core reuses a closed archive's id: the old object must not list the next archive opened.
    const next = await formats.openRez(sourceFromBytes(archiveBytes, 'next'));
    try {
      expect(() => [...archive.files()]).toThrow(/closed/);
      expect(() => archive.list('/')).toThrow(/closed/);
    } finally {
      next.close();
    }
  });

  it('plans an archive whose pieces assemble into packRez output', () => {
    const plan = formats.planRez(FILES.map((f) => ({ path: f.path, size: f.bytes.length, dateTime: f.dateTime, fileId: f.fileId })));
    expect(plan.totalSize).toBe(archiveBytes.length);
    expect(plan.head).toEqual(archiveBytes.subarray(0, 139));
    expect(plan.blocksOffset + plan.blocks.length).toBe(plan.totalSize);
    expect(plan.blocks).toEqual(archiveBytes.subarray(plan.blocksOffset));
    FILES.forEach((f, i) => expect(archiveBytes.subarray(plan.dataOffsets[i]!, plan.dataOffsets[i]! + f.bytes.length)).toEqual(f.bytes));
    expect(() => formats.planRez([{ path: 'A/B.PID', size: 1 }, { path: 'a/b.pid', size: 2 }])).toThrow(FormatError);
  });
});

describe('aborting', () => {
  it('rejects with the abort and frees the half-open archive (more opens than the core has ids)', async () => {
    for (let i = 0; i < 80; i++) {
      const controller = new AbortController();
      const bytes = sourceFromBytes(archiveBytes);
      // Aborts right after the header: the core has an id by then, which must be released.
      const source: ByteSource = {
        name: bytes.name, size: bytes.size, get bytesRead() { return bytes.bytesRead; },
        read: async (offset, length, options) => {
          const out = await bytes.read(offset, length, options);
          controller.abort();
          return out;
        },
      };
      await expect(formats.openRez(source, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    }
    const archive = await formats.openRez(sourceFromBytes(archiveBytes));
    expect(archive.has('/README')).toBe(true);
    archive.close();
  });
});

describe('damaged archives', () => {
  const u32 = (bytes: Uint8Array, at: number): number => new DataView(bytes.buffer, bytes.byteOffset).getUint32(at, true);
  const setU32 = (bytes: Uint8Array, at: number, value: number): void =>
    new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value, true);

  it('rejects a truncated header, a bad signature and a partial file', async () => {
    await expect(formats.openRez(sourceFromBytes(archiveBytes.slice(0, 100)))).rejects.toBeInstanceOf(TruncatedFormatError);
    const bad = archiveBytes.slice();
    bad.fill(0x41, 0, 60);
    await expect(formats.openRez(sourceFromBytes(bad))).rejects.toBeInstanceOf(FormatBadMagicError);
    const err = await formats.openRez(sourceFromBytes(archiveBytes.slice(0, archiveBytes.length - 1))).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TruncatedFormatError);
    expect(err).toMatchObject({ format: 'rez', status: 18 });
    const longer = new Uint8Array(archiveBytes.length + 1);
    longer.set(archiveBytes);
    await expect(formats.openRez(sourceFromBytes(longer))).rejects.toBeInstanceOf(MalformedFormatError);
  });

  it('rejects a directory pointing at itself and blocks that overlap', async () => {
    const archive = await formats.openRez(sourceFromBytes(archiveBytes));
    const level1 = archive.stat('/LEVEL1');
    const claw = archive.stat('/CLAW');
    archive.close();
    // A root entry is 17 + name bytes: (offset, size, date) then the NUL-terminated name (LEGACY-FORMATS).
    // Point LEVEL1's block at the root block itself.
    const rootAt = u32(archiveBytes, 131);
    expect(u32(archiveBytes, rootAt + 4)).toBe(level1.offset);
    const selfRef = archiveBytes.slice();
    setU32(selfRef, rootAt + 4, rootAt);
    setU32(selfRef, rootAt + 8, u32(archiveBytes, 135));
    await expect(formats.openRez(sourceFromBytes(selfRef))).rejects.toBeInstanceOf(SelfReferenceError);
    // CLAW's block made to start inside LEVEL1's.
    const overlap = archiveBytes.slice();
    let at = rootAt;
    while (u32(overlap, at + 4) !== claw.offset) at++;
    setU32(overlap, at + 4, level1.offset + 1);
    const err = await formats.openRez(sourceFromBytes(overlap)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OverlapError);
  });
});
