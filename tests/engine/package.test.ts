// The package as a consumer sees it: after `npx tsc -p tsconfig.build.json` has emitted build/dist,
// Node resolves '@openclaw/memory-sdk' through package.json's "exports" map (a self-reference) and the
// engine it gives works, with the wasm found through the "imports" map.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dist = join(root, 'build/dist');

function requireDist(): void {
  if (!existsSync(join(dist, 'index.js')) || !existsSync(join(dist, 'index.d.ts'))) {
    throw new Error(`build/dist is missing: emit it with \`npx tsc -p tsconfig.build.json\` (npm test's set-up does)`);
  }
}

describe('the package', () => {
  it('resolves @openclaw/memory-sdk by name through the exports map and creates an engine', () => {
    requireDist();
    const script = `
      import { createEngine, PoolExhaustedError } from '@openclaw/memory-sdk';
      const engine = await createEngine({ regions: { state: 1 << 20, frame: 64 << 10 } });
      const pool = engine.createPool({ name: 'pkg', slotSize: 16, capacity: 2 });
      pool.alloc(); pool.alloc();
      let exhausted = false;
      try { pool.alloc(); } catch (e) { exhausted = e instanceof PoolExhaustedError; }
      engine.check();
      console.log(JSON.stringify({ live: pool.stats().live, exhausted, hash: typeof engine.regions.state.hash() }));
      engine.destroy();
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual({ live: 2, exhausted: true, hash: 'bigint' });
  });

  it('streams through the built package in plain Node (compiled decode worker) and exports the pixi bridge', () => {
    requireDist();
    const script = `
      import { createEngine, AssetStreamer } from '@openclaw/memory-sdk';
      import { nodeWorkerSpawner } from '@openclaw/memory-sdk/node';
      globalThis.navigator ??= { userAgent: 'node' };
      const pixi = await import('@openclaw/memory-sdk/pixi');
      const engine = await createEngine({ assets: { bytes: 1 << 20 } });
      const streamer = await AssetStreamer.create(engine, { workers: 1, spawn: await nodeWorkerSpawner() });
      const asset = await streamer.load({ source: { url: 'data:application/octet-stream;base64,AAECAwQ=' }, decode: 'raw' });
      const bytes = [...asset.payload()];
      asset.release();
      await streamer.close();
      engine.destroy();
      console.log(JSON.stringify({ bytes, bridge: typeof pixi.TextureBridge, frames: typeof pixi.FrameSet }));
    `;
    const out = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(out.trim())).toEqual({ bytes: [0, 1, 2, 3, 4], bridge: 'function', frames: 'function' });
  });

  it('ships type declarations for the public surface', () => {
    requireDist();
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports: Record<string, { types: string }> };
    expect(pkg.exports['.']?.types).toBe('./build/dist/index.d.ts');
    const dts = readFileSync(join(dist, 'index.d.ts'), 'utf8');
    for (const name of ['createEngine', 'Pool', 'StructPool', 'Slab', 'FrameArena', 'Handle', 'PoolExhaustedError', 'StaleHandleError']) {
      expect(dts).toContain(name);
    }
    // The internal glue declaration stays internal.
    expect(dts).not.toContain('#core');
  });
});
