// The wasm side of the snapshot area, through the engine as a program uses it (engine/index.ts on
// package.json's #core, build/wasm): capture, restore and the checksum of a filled 16 MiB state
// region, each against a plain copy of the same bytes out of linear memory (a JS slice), measured in
// the same repetition; the per-frame checksum for 1, 4 and 16 MiB; and the size of a delta when 1%
// of the pages changed.
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

import type { Engine } from '../../../engine/index.js';
import { median } from '../report.js';
import { fillState, XorShift, type FillReport } from './fill.js';

const MiB = 1024 * 1024;

export interface WasmSamples {
  fill?: FillReport;
  copyMs: number[];
  captureSealedMs: number[];
  captureUnsealedMs: number[];
  /** oc_snapshot_capture alone, into linear memory (no copy out to JS). */
  coreCaptureSealedMs: number[];
  coreCaptureUnsealedMs: number[];
  restoreMs: number[];
  checksumMs: number[];
  snapshotBytes?: number;
  /** Per-frame checksum, ms per call, by state size in MiB. */
  frameChecksumMs: Record<number, number[]>;
  frameUsed: Record<number, number>;
  delta?: { pagesChanged: number; pages: number; deltaBytes: number; fullBytes: number };
  error?: string;
}

export interface WasmOptions {
  reps: number;
  warmup: number;
  onStep?: (what: string, rep: number) => void;
}

// Every timed operation allocates 16 MiB of JS memory (the slice, the captured bytes), and V8 collects
// when such external memory piles up: whichever operation came next would pay for the others' garbage.
// So the heap is collected before each one, untimed (gc exposed at run time, as node --expose-gc does).
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

function time(fn: () => void): number {
  collect();
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

let sink = 0;

export async function measureWasm(options: WasmOptions): Promise<WasmSamples> {
  const s: WasmSamples = {
    copyMs: [], captureSealedMs: [], captureUnsealedMs: [], coreCaptureSealedMs: [], coreCaptureUnsealedMs: [],
    restoreMs: [], checksumMs: [], frameChecksumMs: { 1: [], 4: [], 16: [] }, frameUsed: {},
  };
  let engineModule: typeof import('../../../engine/index.js');
  try {
    engineModule = await import('../../../engine/index.js');
  } catch (err) {
    return { ...s, error: `could not load engine/index.ts: ${(err as Error).message}` };
  }
  const engines: Engine[] = [];
  try {
    const make = async (mib: number) => {
      const e = await engineModule.createEngine({ regions: { state: mib * MiB, frame: 64 * 1024 } });
      engines.push(e);
      return { engine: e, fill: fillState(e) };
    };
    const { engine, fill } = await make(16);
    s.fill = fill;
    const small = { 1: await make(1), 4: await make(4) };
    const region = engine.regions.state;
    const abi = engine.abi;
    const cap = abi.oc_snapshot_max_size(region.id) >>> 0;
    const out = abi.malloc(cap);
    if (out === 0) throw new Error(`could not allocate ${cap} bytes of linear memory for the core-only capture`);
    const UNSEALED = 1;

    for (let rep = 1 - options.warmup; rep <= options.reps; rep++) {
      options.onStep?.('capture/restore/checksum vs copy', rep);
      const used = region.used;
      let snap: Uint8Array = new Uint8Array(0);
      const copy = time(() => {
        const c = region.bytes().slice(0, used);
        sink ^= c[used >> 1]!;
      });
      const sealed = time(() => {
        snap = engine.capture();
      });
      const unsealed = time(() => {
        sink ^= engine.capture({ seal: false }).length;
      });
      const coreSealed = time(() => {
        sink ^= abi.oc_snapshot_capture(region.id, out, cap, 0);
      });
      const coreUnsealed = time(() => {
        sink ^= abi.oc_snapshot_capture(region.id, out, cap, UNSEALED);
      });
      const checksum = time(() => {
        sink ^= Number(engine.checksum() & 0xffn);
      });
      const restore = time(() => engine.restore(snap));
      s.snapshotBytes = snap.length;
      if (rep < 1) continue;
      s.copyMs.push(copy);
      s.captureSealedMs.push(sealed);
      s.captureUnsealedMs.push(unsealed);
      s.coreCaptureSealedMs.push(coreSealed);
      s.coreCaptureUnsealedMs.push(coreUnsealed);
      s.checksumMs.push(checksum);
      s.restoreMs.push(restore);
    }
    abi.free(out);

    // Per-frame checksum: enough calls per repetition for the clock, the mean per call.
    const frameTargets: Array<[number, Engine]> = [[1, small[1].engine], [4, small[4].engine], [16, engine]];
    for (const [mib, e] of frameTargets) s.frameUsed[mib] = e.regions.state.used;
    for (let rep = 1 - options.warmup; rep <= options.reps; rep++) {
      options.onStep?.('per-frame checksum 1/4/16 MiB', rep);
      for (const [mib, e] of frameTargets) {
        const calls = Math.max(4, Math.round(64 / mib));
        const ms = time(() => {
          for (let i = 0; i < calls; i++) sink ^= Number(e.checksum() & 0xffn);
        }) / calls;
        if (rep >= 1) s.frameChecksumMs[mib]!.push(ms);
      }
    }

    // Delta: change one byte in 1% of the pages, chosen among the pages of the pool's slots (game
    // state a frame could touch), and capture against the full snapshot taken just before.
    options.onStep?.('delta of 1% of the pages', 1);
    const base = engine.snapshot();
    const pages = Math.ceil(region.used / 4096);
    const want = Math.round(pages / 100);
    const first = Math.ceil(fill.slots.offset / 4096);
    const last = Math.floor((fill.slots.offset + fill.slots.bytes) / 4096) - 1;
    const rng = new XorShift(12345);
    const chosen = new Set<number>();
    while (chosen.size < want) chosen.add(first + rng.below(last - first + 1));
    for (const p of chosen) {
      const view = region.bytes();
      view[p * 4096 + 100] = view[p * 4096 + 100]! ^ 0xff;
    }
    const delta = engine.capture({ base });
    const info = engine.inspectSnapshot(delta);
    if (info.pagesPresent !== want) throw new Error(`the delta holds ${info.pagesPresent} pages, ${want} were changed`);
    s.delta = { pagesChanged: want, pages, deltaBytes: delta.length, fullBytes: base.length };
  } catch (err) {
    s.error = `wasm snapshot bench failed: ${(err as Error).message}`;
  } finally {
    for (const e of engines) e.destroy();
  }
  return s;
}

/** Median, or NaN when there are no samples (the result then reports a failed measurement). */
export function med(values: readonly number[]): number {
  return values.length === 0 ? Number.NaN : median(values);
}
