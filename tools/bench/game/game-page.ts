// The figures of the full game page (the production build in build/web, served by `vite preview` with
// the repository's vite.config.ts), in Chromium:
//   - first frame: archive bytes streamed before the first playable frame. The page's own counters when
//     it has them (window.__game.firstPlayableBytes), else the network: the body bytes of every archive
//     response (page and its workers) finished before window.__game.ready turned true (seen on the
//     page's next animation frame by an init script);
//   - heap: the page runs its own loop (renderer, HUD, streaming) in real time, its input set by
//     window.__game.setInput (running right, then left, a block each), and every `every` frames
//     (window.__game.frame) the JS heap is measured after a full GC (CDP HeapProfiler.collectGarbage,
//     then Runtime.getHeapUsage).
import { join } from 'node:path';

import type { Page } from '@playwright/test';

import { chromiumMissing, launch, pageErrors, preview } from './chromium.js';
import type { HeapSeries } from './results.js';

/** What the game page's window.__game gives this bench (web/game; the optional counters are asked of the lead). */
interface GameHooks {
  ready: boolean;
  error: string | null;
  frame: number;
  start(): void;
  setInput(bits: number | null): void;
  firstPlayableBytes?: number;
}

declare global {
  interface Window {
    __game?: GameHooks;
  }
}

export interface GamePageOptions {
  root: string;
  /** The web build to serve; default vite.config.ts's (build/web). */
  outDir?: string;
  /** Steady-state frames measured; default 10,000. */
  frames?: number;
  /** Frames between heap samples; default 1,000. */
  every?: number;
  /** Frames run before the first sample; default 2,400 (40 s: on a measured run the page's heap after GC
   *  still rose for ~2,000 frames while the level's background streaming, caches and JIT settled). */
  warmup?: number;
  onStep?: (what: string) => void;
}

export interface GamePageSamples {
  heap: HeapSeries;
  /** Bytes streamed before the first playable frame, and how they were counted. */
  firstFrame: { streamedBytes: number; source: string } | { error: string };
}

const READY_TIMEOUT = 120_000;
/** engine/game Input bits (a literal here: this module runs in Node and only passes numbers to the page). */
const RIGHT = 2;
const LEFT = 1;
const JUMP = 16;

async function frameOf(page: Page): Promise<number> {
  return page.evaluate(() => window.__game?.frame ?? -1);
}

async function waitFrames(page: Page, until: number): Promise<void> {
  // A slow machine may render under 60 fps: the fixed-step loop still advances a frame per 16.7 ms of play.
  await page.waitForFunction((n) => (window.__game?.frame ?? 0) >= n, until, { timeout: Math.max(60_000, (until * 1000) / 15), polling: 250 });
}

export async function measureGamePage(options: GamePageOptions): Promise<GamePageSamples> {
  const frames = options.frames ?? 10_000;
  const every = options.every ?? 1000;
  const warmup = options.warmup ?? 2400;
  const fail = (error: string): GamePageSamples => ({ heap: { usedBytes: [], every, frames: 0, error }, firstFrame: { error } });
  const missing = await chromiumMissing();
  if (missing !== null) return fail(missing);

  const server = await preview({
    root: options.root, configFile: join(options.root, 'vite.config.ts'), port: 4575,
    ...(options.outDir === undefined ? {} : { outDir: options.outDir }),
  });
  const browser = await launch();
  try {
    const page = await browser.newPage({ viewport: { width: 960, height: 600 } });
    const errors = pageErrors(page);
    const archiveBytes: Array<Promise<number>> = [];
    let readySeen = false;
    let beforeReady = 0;
    page.on('requestfinished', (request) => {
      if (readySeen || !/\.rez(\?|$)/i.test(request.url())) return;
      beforeReady++;
      archiveBytes.push(request.sizes().then((s) => s.responseBodySize, () => 0));
    });
    await page.exposeFunction('__benchReadySeen', () => {
      readySeen = true;
    });
    // A string, not a function: a function would be serialised as compiled here, and a TypeScript
    // runner's helpers (tsx's __name) do not exist in the page.
    await page.addInitScript(`(() => {
      const poll = () => {
        if (window.__game && window.__game.ready === true) window.__benchReadySeen();
        else requestAnimationFrame(poll);
      };
      requestAnimationFrame(poll);
    })();`);
    options.onStep?.('game: opening the game page in Chromium');
    await page.goto(server.url);
    await page.waitForFunction(() => window.__game?.ready === true || (window.__game?.error ?? null) !== null, null, { timeout: READY_TIMEOUT });
    const bootError = await page.evaluate(() => window.__game?.error ?? null);
    if (bootError !== null) return fail(`game page: ${bootError}`);
    const hooked = await page.evaluate(() => window.__game?.firstPlayableBytes ?? null);
    const networkBytes = (await Promise.all(archiveBytes.slice(0, beforeReady))).reduce((a, b) => a + b, 0);
    const firstFrame = hooked !== null
      ? { streamedBytes: hooked, source: 'hooks' }
      : { streamedBytes: networkBytes, source: 'network' };

    const cdp = await page.context().newCDPSession(page);
    const usedAfterGc = async (): Promise<number> => {
      await cdp.send('HeapProfiler.collectGarbage');
      await cdp.send('HeapProfiler.collectGarbage');
      return (await cdp.send('Runtime.getHeapUsage')).usedSize;
    };
    await page.evaluate((bits) => {
      window.__game!.setInput(bits);
      window.__game!.start();
    }, RIGHT);
    const start = await frameOf(page);
    options.onStep?.(`game: ${warmup} warm-up frames, then ${frames} measured (real time, ~${Math.round((warmup + frames) / 60)} s)`);
    await waitFrames(page, start + warmup);
    const heap: HeapSeries = { usedBytes: [], every, frames: 0 };
    const first = await frameOf(page);
    heap.usedBytes.push(await usedAfterGc());
    for (let k = 1; k * every <= frames; k++) {
      // Back and forth, a block each way, jumping in the first half, so the camera, sprites and streaming keep working.
      const dir = k % 2 === 0 ? RIGHT : LEFT;
      await page.evaluate((bits) => window.__game!.setInput(bits), dir | JUMP);
      await waitFrames(page, first + (k - 0.5) * every);
      await page.evaluate((bits) => window.__game!.setInput(bits), dir);
      await waitFrames(page, first + k * every);
      heap.usedBytes.push(await usedAfterGc());
      options.onStep?.(`game: heap sample ${k} of ${Math.floor(frames / every)}`);
    }
    heap.frames = (await frameOf(page)) - first;
    if (errors.length > 0) heap.error = `game page errors: ${errors.join('; ')}`;
    return { heap, firstFrame };
  } catch (err) {
    return fail(`game page: ${(err as Error).message}`);
  } finally {
    await browser.close();
    await server.close();
  }
}
