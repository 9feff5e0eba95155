// The streaming stress page (issue 6): streams every PID of demo.rez (archive-entry sources) and the
// generated 64 MiB set (URL sources, build/assets/web/stress) while a rAF loop animates, and measures
// frame intervals idle then streaming, and main-thread long tasks. Cross-origin isolated (the preview
// server's COOP/COEP), the engine runs the shared-memory core and the workers write zero-copy; a second
// engine on the copying path (zeroCopy: 'never') then loads the same assets, and every payload's hash
// is compared. tests/e2e/streaming.spec.ts calls window.streamingPage.run() and asserts on the result.
import { createEngine, type CacheStats, type Engine } from '../../engine/index.js';
import type { Asset } from '../../engine/streaming/asset.js';
import { AssetStreamer, type AssetRequest, type StreamerStats } from '../../engine/streaming/asset-streamer.js';
import { Formats } from '../../engine/streaming/formats/formats.js';
import { sourceFromUrl } from '../../engine/streaming/formats/sources.js';
import { mountOverlay, type DebugOverlay } from '../overlay/index.js';
import { FrameClock, frames, LongTasks, payloadHash, quantile, type LongTask } from './measure.js';
import { coreWasm, decodeWorkers, describeError, publicUrl, setStatus, sharedWasm, workerCount } from './page.js';

const MiB = 1024 * 1024;
const DEMO = 'demo.rez';
const PALETTE = '/LEVEL1/PALETTES/MAIN.PAL';
const STRESS_DIR = 'stress/';

export interface RunOptions {
  /** Frames measured before streaming starts; default 120 (2 s at 60 Hz). */
  idleFrames?: number;
  /** Decode workers; default: one per core but one, at least one. */
  workers?: number;
  /** Compare with the copying path (a second engine, zeroCopy 'never'); default true. */
  compare?: boolean;
}

export interface PhaseResult {
  frames: number;
  p50: number;
  p95: number;
  max: number;
  durationMs: number;
}

export interface RunResult {
  crossOriginIsolated: boolean;
  sharedMemory: boolean;
  zeroCopy: boolean;
  workers: number;
  longTaskSupported: boolean;
  idle: PhaseResult;
  streaming: PhaseResult;
  /** Long tasks that overlap the streaming phase, and those of the whole page. */
  longTasksStreaming: LongTask[];
  longTasksAll: LongTask[];
  /** hashes: the distinct payload keys the zero-copy side hashed (each asset exactly once: demo + stress). */
  assets: { demo: number; stress: number; decodedBytes: number; hashes: number };
  stats: StreamerStats;
  cache: CacheStats;
  /** The copying path's run, when compared. */
  copy: { zeroCopy: boolean; stats: StreamerStats; compared: number; mismatches: string[] } | null;
}

interface StressManifest {
  files: { name: string; bytes: number }[];
  decodedBytes: number;
}

const clock = new FrameClock();
const longTasks = new LongTasks();
let overlay: DebugOverlay | null = null;

function phase(list: readonly number[], durationMs: number): PhaseResult {
  return { frames: list.length, p50: quantile(list, 0.5), p95: quantile(list, 0.95), max: Math.max(0, ...list), durationMs };
}

/** The frame loop: a small canvas animation (the work a game would do) and the overlay. */
function startLoop(): void {
  const canvas = document.getElementById('spinner') as HTMLCanvasElement;
  const g = canvas.getContext('2d')!;
  const frame = (now: number): void => {
    clock.tick(now);
    g.clearRect(0, 0, canvas.width, canvas.height);
    const x = (now / 4) % (canvas.width + 40) - 20;
    g.fillStyle = '#5aa9ff';
    g.fillRect(x, 40, 40, 40);
    overlay?.update();
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

async function requests(): Promise<{ demo: AssetRequest[]; stress: AssetRequest[] }> {
  const formats = await Formats.load(coreWasm);
  const archive = publicUrl(DEMO);
  const rez = await formats.openRez(await sourceFromUrl(archive));
  const demo: AssetRequest[] = [];
  for (const entry of rez.files()) {
    if (/\.pid$/i.test(entry.path)) {
      demo.push({ source: { archive, path: entry.path }, palette: { archive, path: PALETTE }, priority: 'area' });
    }
  }
  rez.close();
  formats.dispose();
  const response = await fetch(publicUrl(`${STRESS_DIR}manifest.json`));
  if (!response.ok) throw new Error(`the stress set is missing (${response.status}): run tools/assets/stress (build/assets/web/stress)`);
  const manifest = (await response.json()) as StressManifest;
  const stress = manifest.files.map((f): AssetRequest => ({ source: { url: publicUrl(`${STRESS_DIR}${f.name}`) }, priority: 'background' }));
  return { demo, stress };
}

/** Loads every request at once, hashing and releasing each asset as it arrives (nothing stays pinned). */
async function streamAll(streamer: AssetStreamer, all: AssetRequest[]): Promise<{ hashes: Map<string, string>; bytes: number }> {
  const hashes = new Map<string, string>();
  let bytes = 0;
  await Promise.all(all.map(async (request) => {
    const asset = await streamer.load(request);
    try {
      const payload = asset.payload();
      bytes += payload.length;
      hashes.set(asset.key, payloadHash(payload));
    } finally {
      asset.release();
    }
  }));
  return { hashes, bytes };
}

async function engineFor(shared: boolean, bytes: number): Promise<Engine> {
  return createEngine({
    wasm: shared ? sharedWasm : coreWasm,
    sharedMemory: shared,
    // Less than the set: entries released after hashing are evicted to make room (the cache at work).
    assets: { bytes, ramBudget: Math.floor(bytes * 0.75) },
  });
}

async function run(options: RunOptions = {}): Promise<RunResult> {
  setStatus('running', 'preparing…');
  const workers = options.workers ?? workerCount();
  const { demo, stress } = await requests();
  const all = [...demo, ...stress];
  const isolated = globalThis.crossOriginIsolated === true;
  const engine = await engineFor(isolated, 48 * MiB);
  const streamer = await AssetStreamer.create(engine, { workers, spawn: decodeWorkers(), wasm: coreWasm, zeroCopy: 'auto' });
  overlay?.destroy();
  overlay = mountOverlay(engine, { open: true, streamer, hotkey: 'Backquote' });
  try {
    setStatus('running', 'idle frames…');
    await frames(2); // let the overlay's first picture settle outside the measurement
    clock.phase = 'idle';
    const idleStart = performance.now();
    await frames(options.idleFrames ?? 120);
    const idleEnd = performance.now();
    setStatus('running', `streaming ${all.length} assets…`);
    clock.phase = 'streaming';
    const start = performance.now();
    const zero = await streamAll(streamer, all);
    const end = performance.now();
    clock.phase = null;
    const stats = streamer.stats();
    const cache = engine.cache.stats();
    let copy: RunResult['copy'] = null;
    if (options.compare ?? true) {
      setStatus('running', 'the copying path…');
      const plain = await engineFor(false, 48 * MiB);
      const copier = await AssetStreamer.create(plain, { workers, spawn: decodeWorkers(), wasm: coreWasm, zeroCopy: 'never' });
      try {
        const copied = await streamAll(copier, all);
        const mismatches: string[] = [];
        for (const [key, hash] of zero.hashes) if (copied.hashes.get(key) !== hash) mismatches.push(key);
        copy = { zeroCopy: copier.zeroCopy, stats: copier.stats(), compared: copied.hashes.size, mismatches };
      } finally {
        await copier.close();
        plain.destroy();
      }
    }
    const result: RunResult = {
      crossOriginIsolated: isolated,
      sharedMemory: engine.sharedMemory,
      zeroCopy: streamer.zeroCopy,
      workers,
      longTaskSupported: longTasks.supported,
      idle: phase(clock.of('idle'), idleEnd - idleStart),
      streaming: phase(clock.of('streaming'), end - start),
      longTasksStreaming: longTasks.between(start, end),
      longTasksAll: longTasks.between(0, performance.now()),
      assets: { demo: demo.length, stress: stress.length, decodedBytes: zero.bytes, hashes: zero.hashes.size },
      stats,
      cache,
      copy,
    };
    const summary = document.querySelector('[data-testid="streaming-summary"]');
    if (summary) summary.textContent = JSON.stringify({ idle: result.idle, streaming: result.streaming, zeroCopy: result.zeroCopy, longTasks: result.longTasksStreaming.length }, null, 1);
    setStatus('done', `streamed ${all.length} assets (${(zero.bytes / MiB).toFixed(1)} MiB) in ${(end - start).toFixed(0)} ms`);
    return result;
  } finally {
    overlay?.destroy();
    overlay = null;
    await streamer.close();
    engine.destroy();
  }
}

// Back-pressure, shown: a cache whose RAM budget holds `fit` stress PIDs, all pinned, and one more
// request that must wait (the overlay's streaming panel says so) until a pin is released.
interface Hold {
  engine: Engine;
  streamer: AssetStreamer;
  assets: Asset[];
  waiting: Promise<Asset>;
}
let hold: Hold | null = null;

export interface HoldResult {
  pinned: number;
  waitingForBudget: number;
  ramBytes: number;
  ramBudget: number;
}

async function holdBudget(fit = 8): Promise<HoldResult> {
  const { stress } = await requests();
  const entry = 16 + 256 * 256 * 4;
  const engine = await createEngine({ wasm: coreWasm, assets: { bytes: 8 * MiB, ramBudget: fit * entry } });
  const streamer = await AssetStreamer.create(engine, { workers: 1, spawn: decodeWorkers(), wasm: coreWasm });
  overlay?.destroy();
  overlay = mountOverlay(engine, { open: true, streamer });
  const assets = await Promise.all(stress.slice(0, fit).map((r) => streamer.load(r)));
  const waiting = streamer.load(stress[fit]!);
  while (streamer.stats().waitingForBudget === 0) await frames(1);
  hold = { engine, streamer, assets, waiting };
  const c = engine.cache.stats();
  return { pinned: c.pinned, waitingForBudget: streamer.stats().waitingForBudget, ramBytes: c.ramBytes, ramBudget: c.ramBudget };
}

/** Releases one held asset; resolves when the waiting load got its room and arrived. */
async function releaseOne(): Promise<{ waitingForBudget: number; loaded: number }> {
  if (hold === null) throw new Error('releaseOne: call holdBudget() first');
  hold.assets.shift()!.release();
  hold.assets.push(await hold.waiting);
  return { waitingForBudget: hold.streamer.stats().waitingForBudget, loaded: hold.streamer.stats().loaded };
}

async function endHold(): Promise<void> {
  if (hold === null) return;
  const { engine, streamer, assets } = hold;
  hold = null;
  for (const a of assets) a.release();
  overlay?.destroy();
  overlay = null;
  await streamer.close();
  engine.destroy();
}

declare global {
  interface Window {
    streamingPage: {
      run(options?: RunOptions): Promise<RunResult>;
      holdBudget(fit?: number): Promise<HoldResult>;
      releaseOne(): Promise<{ waitingForBudget: number; loaded: number }>;
      endHold(): Promise<void>;
    };
  }
}

function reported<A extends unknown[], T>(fn: (...args: A) => Promise<T>): (...args: A) => Promise<T> {
  return (...args) => fn(...args).catch((err: unknown) => {
    setStatus('failed', describeError(err));
    throw err;
  });
}

window.streamingPage = { run: reported(run), holdBudget: reported(holdBudget), releaseOne: reported(releaseOne), endHold: reported(endHold) };
startLoop();
setStatus('ready', 'ready: window.streamingPage.run()');
