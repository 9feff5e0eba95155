// The byte sources: memory, Blobs (in memory and file-backed) and URLs through a real HTTP server,
// with and without Range support and with each way a server can fail.
import { openAsBlob } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceFromBlob, sourceFromBytes, sourceFromUrl, type ByteSource } from '../../../engine/streaming/formats/sources.js';
import { SourceError } from '../../../engine/streaming/formats/errors.js';
import { startServer, type TestServer } from './support/http-server.js';

const SIZE = 300_000;
const data = new Uint8Array(SIZE);
for (let i = 0; i < SIZE; i++) data[i] = (i * 131 + (i >>> 8)) & 0xff;

let dir = '';
let file = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'oc-sources-'));
  file = join(dir, 'data.bin');
  await writeFile(file, data);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function expectReads(source: ByteSource): Promise<void> {
  expect(source.size).toBe(SIZE);
  for (const [offset, length] of [[0, 139], [1000, 5000], [SIZE - 10, 10], [77, 0], [250_000, 0]] as const) {
    const bytes = await source.read(offset, length);
    expect(bytes.length).toBe(length);
    expect(bytes).toEqual(data.subarray(offset, offset + length));
  }
  await expect(source.read(SIZE - 5, 6)).rejects.toBeInstanceOf(RangeError);
  await expect(source.read(-1, 2)).rejects.toBeInstanceOf(RangeError);
  await expect(source.read(0.5, 2)).rejects.toBeInstanceOf(RangeError);
}

describe('sourceFromBytes', () => {
  it('reads exact ranges as fresh copies and counts them', async () => {
    const source = sourceFromBytes(data);
    expect(source.name).toBe('bytes');
    await expectReads(source);
    expect(source.bytesRead).toBe(139 + 5000 + 10);
    const copy = await source.read(0, 4);
    copy[0] = copy[0]! ^ 0xff;
    expect(data[0]).not.toBe(copy[0]);
  });

  it('rejects with the reason of an aborted signal', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(sourceFromBytes(data).read(0, 1, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('sourceFromBlob', () => {
  it('reads slices of an in-memory Blob', async () => {
    const source = sourceFromBlob(new Blob([data.subarray(0, 1000), data.subarray(1000)]));
    expect(source.name).toBe('blob');
    await expectReads(source);
    expect(source.bytesRead).toBe(139 + 5000 + 10);
  });

  it('reads slices of a file-backed Blob and takes a File name', async () => {
    const blob = await openAsBlob(file);
    const source = sourceFromBlob(blob, 'data.bin');
    expect(source.name).toBe('data.bin');
    await expectReads(source);
    expect(sourceFromBlob(new File([data], 'picked.rez')).name).toBe('picked.rez');
  });

  it('turns a file changed on disk into a SourceError', async () => {
    const path = join(dir, 'changing.bin');
    await writeFile(path, data);
    const source = sourceFromBlob(await openAsBlob(path));
    await writeFile(path, data.subarray(0, 10));
    const err = await source.read(0, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).url).toBe('blob');
  });
});

describe('sourceFromUrl', () => {
  let server: TestServer;
  beforeAll(async () => { server = await startServer({ kind: 'file', path: file }); });
  afterAll(async () => { await server.close(); });

  it('uses Range requests when the server honours them, serving the head from the probe', async () => {
    server.mode = 'range';
    const before = server.ranges.length;
    const sent = server.bytesSent;
    const source = await sourceFromUrl(server.url);
    expect(source.mode).toBe('range');
    expect(source.size).toBe(SIZE);
    expect(source.bytesRead).toBe(139);
    expect(await source.read(0, 139)).toEqual(data.subarray(0, 139));
    expect(await source.read(10, 20)).toEqual(data.subarray(10, 30));
    expect(server.ranges.length - before).toBe(1);
    expect(await source.read(100_000, 4096)).toEqual(data.subarray(100_000, 104_096));
    expect(server.ranges.slice(before)).toEqual(['bytes=0-138', 'bytes=100000-104095']);
    expect(source.bytesRead).toBe(139 + 4096);
    expect(server.bytesSent - sent).toBe(139 + 4096);
    await expectReads(source);
  });

  it('falls back to one full fetch when the server ignores ranges', async () => {
    server.mode = 'no-range';
    const progress: [number, number][] = [];
    const before = server.ranges.length;
    const source = await sourceFromUrl(new URL(server.url), { onProgress: (l, t) => progress.push([l, t]) });
    expect(source.mode).toBe('full');
    expect(source.size).toBe(SIZE);
    expect(source.bytesRead).toBe(SIZE);
    expect(progress.at(-1)).toEqual([SIZE, SIZE]);
    for (let i = 1; i < progress.length; i++) expect(progress[i]![0]).toBeGreaterThan(progress[i - 1]![0]);
    await expectReads(source);
    expect(server.ranges.length - before).toBe(1);
    expect(source.bytesRead).toBe(SIZE);
  });

  it.each([404, 500])('turns HTTP %i into a SourceError with the status', async (status) => {
    server.mode = 'status';
    server.status = status;
    const err = await sourceFromUrl(server.url).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).httpStatus).toBe(status);
    expect((err as SourceError).url).toBe(server.url);
  });

  it('turns a body that breaks off into a SourceError', async () => {
    server.mode = 'short';
    const source = await sourceFromUrl(server.url);
    await expect(source.read(1000, 10_000)).rejects.toBeInstanceOf(SourceError);
    server.mode = 'short-full';
    await expect(sourceFromUrl(server.url)).rejects.toBeInstanceOf(SourceError);
  });

  it('turns a wrong Content-Range or a late 200 into a SourceError', async () => {
    server.mode = 'wrong-range';
    const source = await sourceFromUrl(server.url);
    const err = await source.read(5000, 100).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(SourceError);
    expect((err as SourceError).httpStatus).toBe(206);
    server.mode = 'no-range';
    const late = await source.read(5000, 100).catch((e: unknown) => e);
    expect(late).toBeInstanceOf(SourceError);
    expect((late as SourceError).httpStatus).toBe(200);
  });

  it('turns a refused connection into a SourceError and honours abort signals', async () => {
    const other = await startServer({ kind: 'bytes', bytes: data.subarray(0, 10) });
    const url = other.url;
    await other.close();
    await expect(sourceFromUrl(url)).rejects.toBeInstanceOf(SourceError);

    server.mode = 'range';
    const controller = new AbortController();
    const source = await sourceFromUrl(server.url, { signal: controller.signal });
    const read = new AbortController();
    read.abort();
    await expect(source.read(1000, 10, { signal: read.signal })).rejects.toMatchObject({ name: 'AbortError' });
    controller.abort();
    await expect(source.read(2000, 10)).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('serves a file shorter than the probe and passes extra headers', async () => {
    const tiny = await startServer({ kind: 'bytes', bytes: data.subarray(0, 50) });
    try {
      const seen: string[] = [];
      const source = await sourceFromUrl(tiny.url, {
        headers: { 'X-Test': 'yes' },
        fetch: (input, init) => {
          seen.push(new Headers(init?.headers).get('X-Test') ?? '');
          return fetch(input, init);
        },
      });
      expect(source.mode).toBe('range');
      expect(source.size).toBe(50);
      expect(await source.read(0, 50)).toEqual(data.subarray(0, 50));
      expect(seen).toEqual(['yes']);
    } finally {
      await tiny.close();
    }
  });
});
