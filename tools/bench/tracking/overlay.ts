// The Chromium measurement of the debug overlay's cost: builds overlay-page/ (Vite) into
// build/bench-page/overlay, serves it with Vite's preview server (with the cross-origin isolation
// headers of the web build, so performance.now() is fine-grained), opens it in Debian's Chromium
// (Playwright, never a downloaded browser) and runs window.runOverlayBench() (overlay-page/main.ts
// says what is measured). Returns the samples results.ts turns into the tracking-overlay-* results.
import { stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { OverlaySamples } from './results.js';

const CHROMIUM = '/usr/bin/chromium';
const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };

export interface OverlayBenchOptions {
  root: string;
  /** Measured frames in each state (closed, open); default 600 (10 s each at 60 Hz). */
  frames?: number;
  /** Frames of each state run before measuring; default 120. */
  warmup?: number;
  /** The wasm build directory (openclaw_core.mjs and .wasm); default build/wasm (OC_WASM_BUILD_DIR). */
  wasmDir?: string;
  onStep?: (what: string) => void;
}

export async function measureOverlay(options: OverlayBenchOptions): Promise<OverlaySamples> {
  const frames = options.frames ?? 600;
  const warmup = options.warmup ?? 120;
  const pageDir = join(options.root, 'tools/bench/tracking/overlay-page');
  const outDir = join(options.root, 'build/bench-page/overlay');
  try {
    await stat(CHROMIUM);
  } catch {
    return { openMs: [], closedMs: [], error: `${CHROMIUM} is missing (apt-get install -y chromium)` };
  }
  const vite = await import('vite');
  // The page imports build/wasm's core (its .wasm URL and, through the engine, `#core`): another build
  // directory takes their place by alias.
  const alias = options.wasmDir === undefined ? [] : [
    { find: /^.*\/build\/wasm\/openclaw_core\.wasm\?url$/, replacement: `${resolve(options.wasmDir)}/openclaw_core.wasm?url` },
    { find: /^#core$/, replacement: `${resolve(options.wasmDir)}/openclaw_core.mjs` },
  ];
  options.onStep?.('overlay: building the bench page (vite)');
  try {
    await vite.build({
      configFile: false, root: pageDir, base: './', logLevel: 'warn',
      resolve: { alias },
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
  } catch (err) {
    return { openMs: [], closedMs: [], error: `vite build of ${pageDir} failed: ${(err as Error).message}` };
  }

  const server = await vite.preview({
    configFile: false, root: pageDir, base: './', logLevel: 'warn',
    build: { outDir },
    preview: { host: '127.0.0.1', port: 4573, strictPort: false, headers: ISOLATION, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run'] });
  try {
    if (url === undefined) throw new Error('the preview server has no local URL');
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    page.on('console', (msg) => {
      if (msg.type() === 'error') errors.push(msg.text());
    });
    options.onStep?.('overlay: opening the bench page in Chromium');
    await page.goto(url);
    await page.waitForFunction(() => window.benchReady === true || document.getElementById('status')?.dataset.error === 'true', null, { timeout: 60_000 });
    const failed = await page.evaluate(() => (document.getElementById('status')?.dataset.error === 'true' ? document.getElementById('status')?.textContent ?? 'failed' : null));
    if (failed !== null) return { openMs: [], closedMs: [], error: `bench page: ${failed}` };
    options.onStep?.(`overlay: ${frames} frames closed and ${frames} open, after ${warmup} of each`);
    const samples = await page.evaluate(({ frames, warmup }) => window.runOverlayBench(frames, warmup), { frames, warmup });
    if (errors.length > 0) return { openMs: [], closedMs: [], error: `bench page errors: ${errors.join('; ')}` };
    return { openMs: samples.openMs, closedMs: samples.closedMs };
  } catch (err) {
    return { openMs: [], closedMs: [], error: `chromium overlay bench failed: ${(err as Error).message}` };
  } finally {
    await browser.close();
    await server.close();
  }
}
