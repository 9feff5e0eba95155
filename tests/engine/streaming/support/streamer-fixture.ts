// Shared setup of the streamer tests: an engine with an assets region, a server with the demo archive
// and a few generated PIDs, and the decoders of the test process to compare against.
import { readFileSync } from 'node:fs';
import { createEngine, type Engine } from '../../../../engine/memory/engine.js';
import { AssetStreamer, type StreamerOptions } from '../../../../engine/streaming/asset-streamer.js';
import { Formats } from '../../../../engine/streaming/formats/formats.js';
import type { WorkerSpawner } from '../../../../engine/streaming/worker-api.js';
import { nodeWorkerSpawner } from '../../../../engine/streaming/node-workers.js';
import { startAssetServer, type AssetServer } from './asset-server.js';

export const DEMO_REZ = new Uint8Array(readFileSync(new URL('../../../../build/assets/demo.rez', import.meta.url)));
export const PAL_PATH = '/LEVEL1/PALETTES/MAIN.PAL';
export const TILE_BYTES = 16 + 64 * 64 * 4;

/** A PID with an embedded palette: index i at pixel i, over a grey ramp. */
export function testPid(formats: Formats, width: number, height: number, seed = 0): Uint8Array {
  const indices = new Uint8Array(width * height);
  for (let i = 0; i < indices.length; i++) indices[i] = (i * 7 + seed) % 256;
  const palette = new Uint8Array(768);
  for (let i = 0; i < 256; i++) palette.set([i, 255 - i, (i * 3) & 255], i * 3);
  return formats.encodePid({ width, height, indices, palette, compressed: true, offsetX: -3, offsetY: 5 });
}

export interface Fixture {
  engine: Engine;
  server: AssetServer;
  formats: Formats;
  rez: string;
  open(options?: StreamerOptions): Promise<AssetStreamer>;
  dispose(): Promise<void>;
}

let spawner: Promise<WorkerSpawner> | undefined;
/** The crash-injecting worker of support/crash-worker.ts (the real decode worker otherwise). */
export function crashSpawner(): Promise<WorkerSpawner> {
  spawner ??= nodeWorkerSpawner({ script: new URL('./crash-worker.ts', import.meta.url) });
  return spawner;
}

export async function fixture(assets: { bytes: number; ramBudget?: number } = { bytes: 4 << 20 }, sharedMemory = false): Promise<Fixture> {
  const engine = await createEngine({ assets, sharedMemory });
  const formats = await Formats.load();
  const server = await startAssetServer({ '/demo.rez': DEMO_REZ });
  const streamers: AssetStreamer[] = [];
  return {
    engine, server, formats, rez: server.url('/demo.rez'),
    async open(options = {}) {
      const s = await AssetStreamer.create(engine, { workers: 1, retry: { baseDelayMs: 1, maxDelayMs: 4 }, ...options });
      streamers.push(s);
      return s;
    },
    async dispose() {
      for (const s of streamers) await s.close();
      await server.close();
      formats.dispose();
      engine.destroy();
    },
  };
}

/**
 * Queues /b.bin (background), /a.bin (area), /f.bin and /after.bin (frame), in that order, and records
 * the order in which they complete (`done`); each asset is released as it arrives.
 */
export function queueByPriority(streamer: AssetStreamer, server: AssetServer): { all: Promise<void>[]; done: string[] } {
  const done: string[] = [];
  const queue = (path: string, priority: 'frame' | 'area' | 'background'): Promise<void> =>
    streamer.load({ source: { url: server.url(path) }, priority }).then((a) => {
      done.push(path);
      a.release();
    });
  return { all: [queue('/b.bin', 'background'), queue('/a.bin', 'area'), queue('/f.bin', 'frame'), queue('/after.bin', 'frame')], done };
}
