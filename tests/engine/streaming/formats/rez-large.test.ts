// The acceptance test of lazy opening: a 120 MB archive (a sparse file: head and directory written at
// their planned offsets, the files' data left as holes) opened through a URL with Range support and
// through a file-backed Blob reads exactly its header and its directory blocks, and reading one entry
// costs exactly that entry's bytes. Without Range support the source falls back to one full fetch.
import { openAsBlob } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import { sourceFromBlob, sourceFromUrl, type ByteSource } from '../../../../engine/streaming/formats/sources.js';
import type { RezPlan } from '../../../../engine/streaming/formats/types.js';
import { startServer, type TestServer } from '../support/http-server.js';

const MIB = 1 << 20;
const FILES = Array.from({ length: 120 }, (_, i) => ({
  path: `LEVEL${(i % 12) + 1}/TILES/${['ACTION', 'BACK', 'FRONT'][i % 3]}/${String(i).padStart(3, '0')}.PID`,
  size: MIB,
  dateTime: 1000 + i,
}));
const PROBE = 7; // the one file whose data the sparse archive really holds
const probeBytes = new Uint8Array(MIB).map((_, i) => (i * 7 + 3) & 0xff);

let formats: Formats;
let plan: RezPlan;
let dir = '';
let path = '';
let server: TestServer;

beforeAll(async () => {
  formats = await Formats.load();
  plan = formats.planRez(FILES);
  dir = await mkdtemp(join(tmpdir(), 'oc-rez-large-'));
  path = join(dir, 'large.rez');
  const file = await open(path, 'w');
  try {
    await file.write(plan.head, 0, plan.head.length, 0);
    await file.write(probeBytes, 0, MIB, plan.dataOffsets[PROBE]!);
    await file.write(plan.blocks, 0, plan.blocks.length, plan.blocksOffset);
    await file.truncate(plan.totalSize);
  } finally {
    await file.close();
  }
  server = await startServer({ kind: 'file', path });
});
afterAll(async () => {
  await server?.close();
  formats?.dispose();
  await rm(dir, { recursive: true, force: true });
});

// vitest's deep equality walks a 1 MiB array element by element (seconds): compare as Buffers.
const sameAsProbe = (bytes: Uint8Array): boolean => Buffer.from(bytes).equals(Buffer.from(probeBytes));

/** Opens the archive and checks that it cost the header plus the directory, then one file its size. */
async function openCounting(source: ByteSource, sent: () => number, sentBefore: number): Promise<void> {
  expect(plan.totalSize).toBeGreaterThan(120 * MIB);
  const archive = await formats.openRez(source);
  try {
    const directoryBytes = plan.blocks.length;
    expect(directoryBytes).toBeGreaterThan(0);
    expect(source.bytesRead).toBe(139 + directoryBytes);
    expect(sent() - sentBefore).toBe(139 + directoryBytes);
    expect([...archive.files()]).toHaveLength(120);

    const entry = archive.stat(FILES[PROBE]!.path.toLowerCase());
    expect(entry.offset).toBe(plan.dataOffsets[PROBE]);
    expect(await archive.read(entry.path)).toSatisfy(sameAsProbe);
    expect(source.bytesRead).toBe(139 + directoryBytes + MIB);
    expect(sent() - sentBefore).toBe(139 + directoryBytes + MIB);
  } finally {
    archive.close();
  }
}

describe('opening a 120 MB archive', () => {
  it('through a URL with Range support reads only the header and the directory', async () => {
    server.mode = 'range';
    const sentBefore = server.bytesSent;
    const source = await sourceFromUrl(server.url);
    expect(source.mode).toBe('range');
    expect(source.size).toBe(plan.totalSize);
    await openCounting(source, () => server.bytesSent, sentBefore);
  });

  it('through a file-backed Blob reads only the header and the directory', async () => {
    // The Blob itself counts what is sliced from it, so the check does not rest on the source's own count.
    const file = await openAsBlob(path);
    let sliced = 0;
    const counting = {
      size: file.size,
      slice(start?: number, end?: number): Blob {
        sliced += (end ?? file.size) - (start ?? 0);
        return file.slice(start, end);
      },
    } as unknown as Blob;
    const source = sourceFromBlob(counting, 'large.rez');
    await openCounting(source, () => sliced, 0);
  });

  it('through a server without Range support fetches the whole file once and still opens', async () => {
    server.mode = 'no-range';
    const requests = server.ranges.length;
    const sent = server.bytesSent;
    let last: [number, number] = [0, 0];
    const source = await sourceFromUrl(server.url, { onProgress: (loaded, total) => { last = [loaded, total]; } });
    expect(source.mode).toBe('full');
    expect(last).toEqual([plan.totalSize, plan.totalSize]);
    expect(source.bytesRead).toBe(plan.totalSize);
    const archive = await formats.openRez(source);
    try {
      expect(await archive.read(FILES[PROBE]!.path)).toSatisfy(sameAsProbe);
      expect(archive.list('/LEVEL3/TILES').map((e) => e.name)).toEqual(['FRONT']);
    } finally {
      archive.close();
    }
    expect(server.ranges.length - requests).toBe(1);
    expect(server.bytesSent - sent).toBe(plan.totalSize);
    expect(source.bytesRead).toBe(plan.totalSize);
  });
});
