// The simulation figures: builds web/bench/game/ (Vite, production) into build/bench-page/game with the
// two level archives beside it (demo.rez, stress-level.rez from build/assets/web), serves it, opens it
// in Chromium and calls window.runSimBench(level, frames, warmup) once per repetition and level.
import { copyFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';

import type { SimBenchSamples } from '../../../web/bench/game/main.js';
import { chromiumMissing, launch, pageErrors, preview } from './chromium.js';
import type { SimSeries } from './results.js';

export interface SimLevel {
  /** Part of the result id: game-sim-frame-<label>. */
  label: string;
  /** The archive's file name without .rez, in build/assets/web. */
  file: string;
  level: string;
}

export const SIM_LEVELS: readonly SimLevel[] = [
  { label: 'demo', file: 'demo', level: 'the demo level (48 objects)' },
  { label: 'stress-2000', file: 'stress-level', level: 'the stress level (2,000 objects)' },
];

export interface SimBenchOptions {
  root: string;
  reps: number;
  /** Timed frames per repetition; default 3600 (a minute of play). */
  frames?: number;
  /** Frames stepped before timing (JIT, caches); default 300. */
  warmup?: number;
  /** The wasm build directory; default build/wasm. */
  wasmDir?: string;
  onStep?: (what: string) => void;
}

const failedAll = (error: string): SimSeries[] => SIM_LEVELS.map((l) => ({ label: l.label, level: l.level, runs: [], error }));

export async function measureSim(options: SimBenchOptions): Promise<SimSeries[]> {
  const frames = options.frames ?? 3600;
  const warmup = options.warmup ?? 300;
  const missing = await chromiumMissing();
  if (missing !== null) return failedAll(missing);
  const pageDir = join(options.root, 'web/bench/game');
  const outDir = join(options.root, 'build/bench-page/game');
  const vite = await import('vite');
  const alias = options.wasmDir === undefined ? [] : [
    { find: /^.*\/build\/wasm\/openclaw_core\.wasm\?url$/, replacement: `${resolve(options.wasmDir)}/openclaw_core.wasm?url` },
    { find: /^#core$/, replacement: `${resolve(options.wasmDir)}/openclaw_core.mjs` },
  ];
  options.onStep?.('game: building the simulation bench page (vite)');
  try {
    await vite.build({
      configFile: false, root: pageDir, base: './', logLevel: 'warn', publicDir: false,
      resolve: { alias }, worker: { format: 'es' },
      build: { outDir, emptyOutDir: true, target: 'es2022' },
    });
    await mkdir(outDir, { recursive: true });
    for (const l of SIM_LEVELS) await copyFile(join(options.root, 'build/assets/web', `${l.file}.rez`), join(outDir, `${l.file}.rez`));
  } catch (err) {
    return failedAll(`building ${pageDir} failed: ${(err as Error).message}`);
  }

  const server = await preview({ root: pageDir, outDir, port: 4574 });
  const browser = await launch();
  try {
    const page = await browser.newPage();
    const errors = pageErrors(page);
    await page.goto(server.url);
    await page.waitForFunction(() => window.benchReady === true || document.getElementById('status')?.dataset.error === 'true', null, { timeout: 60_000 });
    const broken = await page.evaluate(() => (document.getElementById('status')?.dataset.error === 'true' ? document.getElementById('status')?.textContent ?? 'failed' : null));
    if (broken !== null) return failedAll(`bench page: ${broken}`);
    const out: SimSeries[] = [];
    for (const l of SIM_LEVELS) {
      const series: SimSeries = { label: l.label, level: l.level, runs: [] };
      try {
        for (let rep = 0; rep < options.reps; rep++) {
          options.onStep?.(`game: ${l.label} ${frames} frames, ${rep + 1}/${options.reps}`);
          const s: SimBenchSamples = await page.evaluate(
            ({ file, frames, warmup }) => window.runSimBench(file, frames, warmup), { file: l.file, frames, warmup },
          );
          series.runs.push({ stepMs: s.stepMs, meanMs: s.meanMs, entities: s.entities, reloads: s.reloads });
        }
        if (errors.length > 0) series.error = `bench page errors: ${errors.join('; ')}`;
      } catch (err) {
        series.error = `${l.label}: ${(err as Error).message}`;
      }
      out.push(series);
    }
    return out;
  } finally {
    await browser.close();
    await server.close();
  }
}
