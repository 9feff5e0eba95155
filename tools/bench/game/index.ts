// `npm run bench -- game`: issue 7's figures, measured in Chromium against production builds.
//   - game-sim-frame-demo, game-sim-frame-stress-2000: p50/p95 of Game.step per frame over a scripted
//     input on the demo level and on the 2,000-object stress level (sim.ts, web/bench/game/), as a share
//     of the 16.7 ms frame budget;
//   - game-heap-growth-10k-frames: JS heap retained per 1,000 frames over 10,000 steady-state frames of
//     the game page with its renderer running (game-page.ts);
//   - game-first-frame-bytes: archive bytes streamed before the first playable frame over the level's
//     total asset bytes (game-page.ts; the totals are level-assets' own, computed here from the archive).
// Prints a table and writes build/bench/game.json (results.ts).
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';

import type { AreaContext } from '../main.js';
import { finishArea, requireBuildOutputs } from '../area.js';
import { buildReport } from '../report.js';
import { levelAssets } from '../../../engine/game/level-assets.js';
import { openLevel } from '../../../engine/game/level-source.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import { sourceFromBytes } from '../../../engine/streaming/formats/sources.js';
import { measureGamePage } from './game-page.js';
import { gameResults, type FirstFrameSample } from './results.js';
import { measureSim } from './sim.js';

/** The level's asset totals as the page plans them (level-assets over the served archive). */
async function levelTotals(archivePath: string): Promise<{ totalBytes: number; plannedBytes: number }> {
  const formats = await Formats.load();
  try {
    const archive = await formats.openRez(sourceFromBytes(new Uint8Array(await readFile(archivePath)), 'demo.rez'));
    try {
      const assets = levelAssets(await openLevel(archive, formats, 1), { archive: 'demo.rez' });
      return { totalBytes: assets.totalBytes, plannedBytes: assets.firstFrameBytes };
    } finally {
      archive.close();
    }
  } finally {
    formats.dispose();
  }
}

export async function runGameBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const wasmDir = resolve(root, process.env.OC_WASM_BUILD_DIR ?? 'build/wasm');
  await requireBuildOutputs(root, [
    join(wasmDir, 'openclaw_core.mjs'), join(wasmDir, 'openclaw_core.wasm'),
    join(root, 'build/assets/web/demo.rez'), join(root, 'build/assets/web/stress-level.rez'),
    join(root, 'build/web/index.html'), join(root, 'build/web/demo.rez'),
  ]);
  const onStep = (what: string) => progress.update(what);
  // The simulation is cheap per repetition; a third of the area's reps keeps the run under a few minutes.
  const simReps = Math.max(5, Math.ceil(reps / 3));
  const sims = await measureSim({ root, reps: simReps, wasmDir, onStep });
  for (const s of sims) if (s.error !== undefined) progress.log(`game: ${s.label} failed: ${s.error}`);

  const page = await measureGamePage({ root, onStep });
  if (page.heap.error !== undefined) progress.log(`game: heap: ${page.heap.error}`);
  let firstFrame: FirstFrameSample;
  try {
    const totals = await levelTotals(join(root, 'build/web/demo.rez'));
    firstFrame = 'error' in page.firstFrame
      ? { streamedBytes: 0, source: 'none', ...totals, error: page.firstFrame.error }
      : { ...page.firstFrame, ...totals };
  } catch (err) {
    firstFrame = { streamedBytes: 0, totalBytes: 0, plannedBytes: 0, source: 'none', error: `level totals: ${(err as Error).message}` };
  }
  if (firstFrame.error !== undefined) progress.log(`game: first frame: ${firstFrame.error}`);

  const report = buildReport('game', { cpus: cpus().length, node: process.version, emcc: null, cxx: null },
    gameResults({ sims, heap: page.heap, firstFrame }));
  return finishArea(root, report, simReps, progress);
}
