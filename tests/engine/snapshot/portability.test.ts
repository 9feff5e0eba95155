// Portability: a snapshot written by the wasm build loads in the native build (oc-snap) and the
// reverse, with identical bytes after restore and identical per-frame checksums afterwards. The
// fixtures are made here, by both builds, on every run.
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';
import { fixturePath, runNative } from '../support/native.js';

const MiB = 1024 * 1024;
const REGION = 4 * MiB;
const SLAB = 2 * MiB;
const SEED = 20261121;
const FIRST = 1500; // frames before the snapshot
const AFTER = 1500; // frames after it

const hex = (v: bigint): string => v.toString(16).padStart(16, '0');

/** An engine laid out exactly like `oc-snap run --region-bytes REGION --slab-bytes SLAB`. */
async function engineLikeNative(): Promise<Engine> {
  return freshEngine({ regions: { state: REGION }, slab: { bytes: SLAB } });
}

/** Steps the workload `frames` times with input = the frame counter; returns the per-frame checksums. */
function stepWorkload(engine: Engine, workload: number, frames: number): string[] {
  const sums: string[] = [];
  for (let i = 0; i < frames; i++) {
    const input = Number(engine.frameNumber & 0xffff_ffffn);
    expect(engine.abi.oc_workload_step(workload, input)).toBe(0);
    sums.push(hex(engine.checksum()));
  }
  return sums;
}

function parseHash(output: string): { checksum: string; fnv: string; frame: string } {
  const get = (key: string): string => {
    const m = new RegExp(`^${key} (\\S+)$`, 'm').exec(output);
    if (m === null) throw new Error(`oc-snap hash printed no '${key}' line:\n${output}`);
    return m[1]!;
  };
  return { checksum: get('checksum'), fnv: get('fnv'), frame: get('frame') };
}

const readLines = (file: string): string[] => readFileSync(file, 'utf8').trim().split('\n');

describe('snapshots cross between the wasm and the native build', () => {
  it('wasm -> native: same bytes after restore, same checksums for the next 1,500 frames', async () => {
    const engine = await engineLikeNative();
    const workload = engine.abi.oc_workload_create(engine.regions.state.id, SEED, 4096, 48);
    expect(workload).not.toBe(0);
    stepWorkload(engine, workload, FIRST);
    const file = fixturePath('wasm-made.clawsnap');
    writeFileSync(file, engine.snapshot());
    const atSave = { checksum: hex(engine.checksum()), fnv: hex(engine.regions.state.hash()), frame: String(engine.frameNumber) };
    const wasmAfter = stepWorkload(engine, workload, AFTER);

    expect(parseHash(runNative('oc-snap', ['hash', file]))).toEqual(atSave);
    const out = fixturePath('wasm-made.native-checksums.txt');
    runNative('oc-snap', ['run', '--load', file, '--frames', String(AFTER), '--checksums', out]);
    expect(readLines(out)).toEqual(wasmAfter);
  });

  it('native -> wasm: same bytes after restore, same checksums for the next 1,500 frames', async () => {
    const file = fixturePath('native-made.clawsnap');
    const sumsFile = fixturePath('native-made.checksums.txt');
    runNative('oc-snap', [
      'run', '--region-bytes', String(REGION), '--slab-bytes', String(SLAB), '--seed', String(SEED),
      '--frames', String(FIRST + AFTER), '--save-at', String(FIRST), '--save', file, '--checksums', sumsFile,
    ]);
    const native = readLines(sumsFile);
    expect(native).toHaveLength(FIRST + AFTER);
    const nativeAtSave = parseHash(runNative('oc-snap', ['hash', file]));

    const engine = await engineLikeNative();
    engine.restore(new Uint8Array(readFileSync(file)));
    expect(hex(engine.checksum())).toBe(nativeAtSave.checksum);
    expect(hex(engine.regions.state.hash())).toBe(nativeAtSave.fnv);
    expect(String(engine.frameNumber)).toBe(nativeAtSave.frame);
    expect(hex(engine.checksum())).toBe(native[FIRST - 1]);
    engine.check();

    const workload = engine.abi.oc_workload_find(engine.regions.state.id);
    expect(workload).not.toBe(0);
    expect(stepWorkload(engine, workload, AFTER)).toEqual(native.slice(FIRST));
  });

  it('the same seed gives the same run in both builds from the start (the workload itself is portable)', async () => {
    const sumsFile = fixturePath('native-short.checksums.txt');
    runNative('oc-snap', ['run', '--region-bytes', String(REGION), '--slab-bytes', String(SLAB), '--seed', '5', '--frames', '200', '--checksums', sumsFile]);
    const engine = await engineLikeNative();
    const workload = engine.abi.oc_workload_create(engine.regions.state.id, 5, 4096, 48);
    expect(stepWorkload(engine, workload, 200)).toEqual(readLines(sumsFile));
  });
});
