// The decode worker's work in-process (decode-service.ts): fetched bytes are held between probe and
// decode and dropped on cancel; archives stay open up to the limit, least recently used closed first;
// palettes are read once per source.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DecodeService } from '../../../engine/streaming/decode-service.js';
import { readAssetHeader } from '../../../engine/streaming/asset-header.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import { DEMO_REZ, PAL_PATH, testPid } from './support/streamer-fixture.js';
import { startAssetServer, type AssetServer } from './support/asset-server.js';

describe('DecodeService', () => {
  let server: AssetServer;
  let formats: Formats;
  beforeAll(async () => {
    formats = await Formats.load();
    server = await startAssetServer({ '/one.rez': DEMO_REZ, '/two.rez': DEMO_REZ, '/three.rez': DEMO_REZ });
  });
  afterAll(async () => {
    await server.close();
    formats.dispose();
  });

  it('holds the fetched bytes between the phases, drops them on cancel, decodes into a new buffer', async () => {
    const service = await DecodeService.create();
    const pid = testPid(formats, 10, 3);
    server.set('/s.pid', pid);
    const probe = await service.probe({ jobId: 1, source: { url: server.url('/s.pid') }, decode: 'image' });
    expect(probe).toEqual({ size: 16 + 120, fileBytes: pid.length, kind: 'image', width: 10, height: 3, offsetX: -3, offsetY: 5 });
    await service.probe({ jobId: 2, source: { url: server.url('/s.pid') }, decode: 'raw' });
    expect(service.held().jobs).toBe(2);
    service.cancel(2);
    expect(service.held().jobs).toBe(1);
    expect(() => service.decode(2, null)).toThrow(/not probed/);
    const out = service.decode(1, null);
    const entry = new Uint8Array(out.buffer!);
    expect(readAssetHeader(entry)).toMatchObject({ kind: 'image', width: 10, height: 3, payloadBytes: 120 });
    expect(entry.subarray(16)).toEqual(formats.decodePid(pid).rgba);
    expect(service.held().jobs).toBe(0);
    expect(() => service.decode(3, { offset: 64 })).toThrow(/not probed/);
    service.dispose();
  });

  it('keeps at most `archives` archives open and reads each palette once', async () => {
    const service = await DecodeService.create({ archives: 2 });
    const job = (jobId: number, rez: string) => ({
      jobId, decode: 'image' as const,
      source: { archive: server.url(rez), path: '/LEVEL1/TILES/FRONT/001.PID' },
      palette: { archive: server.url('/one.rez'), path: PAL_PATH },
    });
    await service.probe(job(1, '/one.rez'));
    await service.probe(job(2, '/two.rez'));
    expect(service.held()).toMatchObject({ archives: 2, palettes: 1 });
    await service.probe(job(3, '/three.rez'));
    expect(service.held()).toMatchObject({ jobs: 3, archives: 2, palettes: 1 });
    const before = server.hits('/one.rez');
    await service.probe(job(4, '/one.rez')); // evicted: opened again
    expect(server.hits('/one.rez')).toBeGreaterThan(before);
    const a = new Uint8Array(service.decode(1, null).buffer!);
    const b = new Uint8Array(service.decode(3, null).buffer!);
    expect(a).toEqual(b);
    service.dispose();
  });

  it('refuses a shared-memory target when it was given no memory', async () => {
    const service = await DecodeService.create();
    server.set('/r.bin', new Uint8Array([1, 2, 3]));
    await service.probe({ jobId: 7, source: { url: server.url('/r.bin') }, decode: 'raw' });
    expect(() => service.decode(7, { offset: 1024 })).toThrow(/no shared memory/);
    service.dispose();
  });
});
