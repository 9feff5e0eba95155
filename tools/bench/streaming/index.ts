// `npm run bench -- streaming`: issue 6's figures. The same set of PIDs (the stress set's generator,
// tools/assets/stress) is delivered into an engine's resource cache again and again:
//   - on the main thread (fetch, decode with the engine's own decoders, copy into the cache): the baseline;
//   - by the AssetStreamer with 1, 2 and N decode workers (N = the machine's parallelism), copy path;
//   - by the AssetStreamer with N workers on a shared-memory engine (zero-copy), when that core is built.
// Each pass measures its wall time and the main thread's busy time (the event loop's active time, from
// performance.eventLoopUtilization), so the results are decoded MB/s and main-thread ms per MB, as
// ratios against the baseline of the same run. The files come from a server in a child process so that
// serving them is never the main thread's work. Prints a table and writes build/bench/streaming.json.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

import type { AreaContext } from '../main.js';
import { finishArea, requireBuildOutputs } from '../area.js';
import { buildReport } from '../report.js';
import { createEngine, type Engine } from '../../../engine/memory/engine.js';
import { AssetStreamer } from '../../../engine/streaming/asset-streamer.js';
import { resourceId } from '../../../engine/streaming/resource-id.js';
import { ASSET_HEADER_BYTES, writeAssetHeader } from '../../../engine/streaming/asset-header.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import { nodeWorkerSpawner } from '../../../engine/streaming/node-workers.js';
import { stressName, stressPid, STRESS_DECODED_BYTES } from '../../assets/stress/stress-set.js';
import { streamingResults, type Pass, type Series } from './results.js';

/** 96 PIDs of 256x256: 24 MiB decoded per pass, enough for the pool to reach its pace. */
const FILES = 96;
const WARMUP = 1;
const MiB = 1024 * 1024;

interface Server {
  url(name: string): string;
  close(): Promise<void>;
}

async function startServer(dir: string): Promise<Server> {
  const child = spawn(process.execPath, [fileURLToPath(new URL('./serve.mjs', import.meta.url)), dir], { stdio: ['pipe', 'pipe', 'inherit'] });
  const line = await new Promise<string>((resolveLine, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`the bench's file server exited (${code})`)));
    createInterface({ input: child.stdout! }).once('line', resolveLine);
  });
  const base = `http://127.0.0.1:${Number(line)}/`;
  return {
    url: (name) => base + name,
    close: () => new Promise<void>((done) => {
      child.once('exit', () => done());
      child.stdin!.end();
    }),
  };
}

/** Runs `work` and measures its wall time and the main thread's busy time. */
async function timed(work: () => Promise<void>): Promise<Pass> {
  const elu0 = performance.eventLoopUtilization();
  const t0 = performance.now();
  await work();
  const wallMs = performance.now() - t0;
  const elu = performance.eventLoopUtilization(elu0);
  return { wallMs, mainMs: elu.active };
}

/** The baseline: what a page without workers does, one file after the other. */
async function mainThreadPass(engine: Engine, formats: Formats, urls: string[]): Promise<void> {
  for (const url of urls) {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const image = formats.decodePid(new Uint8Array(await response.arrayBuffer()));
    const pin = engine.cache.insert(resourceId(url), ASSET_HEADER_BYTES + image.rgba.length);
    const bytes = pin.bytes();
    writeAssetHeader(bytes, {
      kind: 'image', payloadBytes: image.rgba.length, width: image.width, height: image.height,
      offsetX: image.offsetX, offsetY: image.offsetY,
    });
    bytes.set(image.rgba, ASSET_HEADER_BYTES);
    pin.release();
  }
}

/** Empties the cache between passes, so that every pass decodes every file. */
function clear(engine: Engine, urls: string[]): void {
  for (const url of urls) {
    const id = resourceId(url);
    if (engine.cache.has(id)) engine.cache.remove(id);
  }
}

async function measure(reps: number, onRep: (rep: number) => void, pass: () => Promise<void>, after: () => void): Promise<Pass[]> {
  const passes: Pass[] = [];
  for (let rep = -WARMUP; rep < reps; rep++) {
    onRep(rep);
    const p = await timed(pass);
    after();
    if (rep >= 0) passes.push(p);
  }
  return passes;
}

async function series(label: string, fn: () => Promise<Omit<Series, 'label' | 'error'>>, workers: number, zeroCopy: boolean): Promise<Series> {
  try {
    return { label, ...(await fn()) };
  } catch (err) {
    return { label, workers, zeroCopy, passes: [], error: (err as Error).message };
  }
}

export async function runStreamingBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const wasmDir = resolve(root, 'build/wasm');
  await requireBuildOutputs(root, [join(wasmDir, 'openclaw_core.mjs'), join(wasmDir, 'openclaw_core.wasm')]);
  const sharedBuilt = await requireBuildOutputs(root, [join(wasmDir, 'openclaw_core_shared.mjs'), join(wasmDir, 'openclaw_core_shared.wasm')])
    .then(() => true, () => false);

  const dir = await mkdtemp(join(tmpdir(), 'openclaw-bench-streaming-'));
  const formats = await Formats.load();
  const names: string[] = [];
  try {
    progress.log(`streaming: generating ${FILES} PIDs of the stress set in ${dir}`);
    for (let n = 0; n < FILES; n++) {
      names.push(stressName(n));
      await writeFile(join(dir, stressName(n)), stressPid(formats, n));
    }
  } catch (err) {
    formats.dispose();
    await rm(dir, { recursive: true, force: true });
    throw err;
  }
  const server = await startServer(dir);
  const urls = names.map((n) => server.url(n));
  const bytes = FILES * (ASSET_HEADER_BYTES + STRESS_DECODED_BYTES);
  // Room for the whole set, so that passes measure delivery, not eviction.
  const assets = { bytes: bytes + 16 * MiB, ramBudget: bytes + 8 * MiB };
  const n = availableParallelism();
  const spawner = await nodeWorkerSpawner();
  const tag = (what: string, rep: number): string => `streaming: ${what} ${rep < 0 ? 'warm-up' : `${rep + 1}/${reps}`}`;

  try {
    const main = await series('main', async () => {
      const engine = await createEngine({ assets });
      const decoders = Formats.fromAbi(engine.abi);
      try {
        const passes = await measure(reps, (rep) => progress.update(tag('main thread', rep)),
          () => mainThreadPass(engine, decoders, urls), () => clear(engine, urls));
        return { workers: 0, zeroCopy: false, passes };
      } finally {
        engine.destroy();
      }
    }, 0, false);

    const streamed = async (label: string, workers: number, sharedMemory: boolean): Promise<Series> =>
      series(label, async () => {
        const engine = await createEngine({ assets, sharedMemory });
        const streamer = await AssetStreamer.create(engine, { workers, spawn: spawner, zeroCopy: sharedMemory ? 'require' : 'never' });
        try {
          const requests = urls.map((url) => ({ source: { url }, priority: 'background' as const }));
          const passes = await measure(reps, (rep) => progress.update(tag(`${workers} worker(s)${sharedMemory ? ', zero-copy' : ''}`, rep)),
            async () => {
              for (const asset of await streamer.loadBundle(requests)) asset.release();
            },
            () => clear(engine, urls));
          return { workers, zeroCopy: sharedMemory, passes };
        } finally {
          await streamer.close();
          engine.destroy();
        }
      }, workers, sharedMemory);

    progress.log(`streaming: ${FILES} files, ${(bytes / MiB).toFixed(1)} MiB decoded per pass; ${reps} reps after ${WARMUP} warm-up; N = ${n} workers`);
    const workers: Series[] = [];
    for (const [label, count] of [['1-worker', 1], ['2-workers', 2], ['n-workers', n]] as const) {
      workers.push(await streamed(label, count, false));
    }
    const zeroCopy = sharedBuilt ? await streamed('zero-copy', n, true) : null;
    if (!sharedBuilt) progress.log('streaming: no shared-memory core in build/wasm: the zero-copy figure is left out');

    for (const s of [main, ...workers, ...(zeroCopy ? [zeroCopy] : [])]) {
      if (s.error !== undefined) progress.log(`streaming: ${s.label} failed: ${s.error}`);
    }
    const report = buildReport('streaming', { cpus: cpus().length, node: process.version, emcc: null, cxx: null },
      streamingResults({ bytes, files: FILES, main, workers, zeroCopy }));
    return finishArea(root, report, reps, progress);
  } finally {
    await server.close();
    formats.dispose();
    await rm(dir, { recursive: true, force: true });
  }
}
