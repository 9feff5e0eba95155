// `npm run bench -- desktop`: the simulation's cost per frame in the desktop (native) build against the
// web build's wasm core (in Node), on the demo level and on the 2,000-object stress level
// (build/assets/web/{demo,stress-level}.rez). Both time Game ticks alone over the same scripted input
// (web/bench/game's script): natively oc-bench-desktop (native-legacy/desktop/bench/, a level read by the
// desktop program's own REZ code into its state region); in wasm Game.simulate, which runs every tick in
// one call (no frame counter, no checksum, no JS per frame). Each repetition reloads the level, steps a
// warm-up untimed, then times `frames` ticks; native and wasm repetitions alternate. The result is the
// median wasm time over the median native time (target <= 2.0). The wasm core is the one package.json maps (build/wasm).
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';

import type { AreaContext } from '../main.js';
import { finishArea, requireBuildOutputs, shown } from '../area.js';
import { buildReport } from '../report.js';
import { Input, WorldStatus } from '../../../engine/game/constants.js';
import { Game } from '../../../engine/game/game.js';
import { openLevel } from '../../../engine/game/level-source.js';
import { createEngine } from '../../../engine/memory/engine.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import { sourceFromBytes } from '../../../engine/streaming/formats/sources.js';
import { desktopResults, type SimSamples } from './results.js';

const LEVELS = [
  { label: 'demo', file: 'demo', level: 'the demo level (48 objects)' },
  { label: 'stress-2000', file: 'stress-level', level: 'the stress level (2,000 objects)' },
] as const;
const FRAMES = 3600;
const WARMUP = 300;

/** web/bench/game/main.ts's scriptedInput (oc-bench-desktop has the same): run right, jump, swing, back left. */
function scriptedInput(frame: number): number {
  const t = frame % 240;
  let bits = t < 150 ? Input.Right : Input.Left;
  if (t % 40 < 6) bits |= Input.Jump;
  if (t % 25 < 3) bits |= Input.Attack;
  return bits;
}

interface NativeLine { rep: number; frames: number; ns_per_frame: number; status: number; tick: number }

function runNative(binary: string, rez: string, reps: number): Promise<{ ns: number[]; end: string; error?: string }> {
  return new Promise((done) => {
    const args = ['--rez', rez, '--frames', String(FRAMES), '--warmup', String(WARMUP), '--reps', String(reps)];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const ns: number[] = [];
    let end = '';
    let stderr = '';
    let bad: string | undefined;
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    createInterface({ input: child.stdout }).on('line', (text) => {
      try {
        const l = JSON.parse(text) as NativeLine;
        if (typeof l.ns_per_frame !== 'number' || !(l.ns_per_frame > 0)) throw new Error('no ns_per_frame');
        ns.push(l.ns_per_frame);
        end = `status ${l.status} tick ${l.tick}`;
      } catch (err) {
        bad ??= `${binary}: unexpected output line ${JSON.stringify(text.slice(0, 120))}: ${(err as Error).message}`;
      }
    });
    child.on('error', (err) => done({ ns, end, error: `could not start ${binary}: ${err.message}` }));
    child.on('close', (code) => {
      if (bad !== undefined) done({ ns, end, error: bad });
      else if (code !== 0) done({ ns, end, error: `${binary} ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(0, 300)}` });
      else done({ ns, end });
    });
  });
}

async function levelImage(formats: Formats, path: string): Promise<Uint8Array> {
  const archive = await formats.openRez(sourceFromBytes(new Uint8Array(await readFile(path)), path));
  try {
    return await formats.inflateWwd((await openLevel(archive, formats, 1)).raw);
  } finally {
    archive.close();
  }
}

/** One wasm repetition on `game` (its level reloaded): ns per tick and how the world ended. */
function wasmRep(game: Game, image: Uint8Array, warm: Uint32Array, timed: Uint32Array): { ns: number; end: string } {
  if (game.world.status !== WorldStatus.Empty) game.unloadLevel();
  game.loadLevelImage(image);
  game.simulate(warm);
  const t0 = performance.now();
  game.simulate(timed);
  const ns = ((performance.now() - t0) * 1e6) / timed.length;
  return { ns, end: `status ${game.world.status} tick ${game.world.tick}` };
}

/**
 * The two builds' repetitions interleaved (native, wasm, native, ...), so that the shared machine's load
 * falls on both alike: the ratio is what is published. One native process per repetition.
 */
async function measureLevel(nativeBin: string, rez: string, image: Uint8Array, s: SimSamples, reps: number,
  onRep: (what: string) => void): Promise<void> {
  // createEngine()'s defaults: the state region the desktop build mirrors.
  const engine = await createEngine();
  try {
    const game = Game.create(engine);
    const warm = Uint32Array.from({ length: WARMUP }, (_, f) => scriptedInput(f));
    const timed = Uint32Array.from({ length: FRAMES }, (_, f) => scriptedInput(WARMUP + f));
    wasmRep(game, image, warm, timed); // the JIT's tier-up, not timed
    for (let rep = 0; rep < reps; rep++) {
      onRep(`native ${rep + 1}/${reps}`);
      const native = await runNative(nativeBin, rez, 1);
      if (native.error !== undefined) throw new Error(native.error);
      s.nativeNs.push(...native.ns);
      s.nativeEnd = native.end;
      onRep(`wasm ${rep + 1}/${reps}`);
      const wasm = wasmRep(game, image, warm, timed);
      s.wasmNs.push(wasm.ns);
      s.wasmEnd = wasm.end;
    }
  } finally {
    engine.destroy();
  }
}

export async function runDesktopBench({ root, reps, progress }: AreaContext): Promise<boolean> {
  const nativeBin = join(resolve(root, process.env.OC_NATIVE_BUILD_DIR ?? 'build/native'), 'oc-bench-desktop');
  const archives = LEVELS.map((l) => join(root, 'build/assets/web', `${l.file}.rez`));
  await requireBuildOutputs(root, [nativeBin, ...archives]);
  progress.log(`desktop: Game ticks natively (${shown(root, nativeBin)}) and in wasm (Node), ${FRAMES} frames after ${WARMUP}, ${reps} reps`);
  const formats = await Formats.load();
  const series: SimSamples[] = [];
  try {
    for (const [i, l] of LEVELS.entries()) {
      const s: SimSamples = { label: l.label, level: l.level, nativeNs: [], wasmNs: [], frames: FRAMES, nativeEnd: '', wasmEnd: '' };
      try {
        const image = await levelImage(formats, archives[i]!);
        await measureLevel(nativeBin, archives[i]!, image, s, reps, (what) => progress.update(`desktop: ${l.label} ${what}`));
      } catch (err) {
        s.error = `${l.label}: ${(err as Error).message}`;
      }
      if (s.error !== undefined) progress.log(`desktop: ${l.label} failed: ${s.error}`);
      series.push(s);
    }
  } finally {
    formats.dispose();
  }
  const report = buildReport('desktop', { cpus: cpus().length, node: process.version, emcc: null, cxx: null }, desktopResults(series));
  return finishArea(root, report, reps, progress);
}
