// The TypeScript call path through the engine (engine/index.ts), per handle: Pool.alloc()/free()
// one call each, allocMany()/freeMany() in one batch, and the raw wasm exports with no wrapper at
// all (engine.abi.raw), the floor the other two are compared with.
import type { TsPathSamples } from './results.js';

export interface TsPathOptions {
  reps: number;
  warmup: number;
  onStep?: (what: string, rep: number) => void;
}

const HANDLES = 10_000;
const ROUNDS = 50;

export async function measureTsPath(options: TsPathOptions): Promise<TsPathSamples> {
  const samples: TsPathSamples = { perCall: [], many: [], raw: [], handlesPerRep: HANDLES * ROUNDS };
  let engineModule: typeof import('../../../engine/index.js');
  try {
    engineModule = await import('../../../engine/index.js');
  } catch (err) {
    return { ...samples, error: `could not load engine/index.ts: ${(err as Error).message}` };
  }
  let engine: Awaited<ReturnType<typeof engineModule.createEngine>>;
  try {
    // The engine's own default (package.json `#core-wasm`): the .wasm must match the glue, which
    // always comes from `#core` (build/wasm), so OC_WASM_BUILD_DIR cannot apply here.
    engine = await engineModule.createEngine();
  } catch (err) {
    return { ...samples, error: `could not create an engine: ${(err as Error).message}` };
  }
  try {
    const pool = engine.createPool({ name: 'bench', slotSize: 64, align: 16, capacity: HANDLES });
    const rawAlloc = engine.abi.raw.oc_pool_alloc;
    const rawFree = engine.abi.raw.oc_pool_free;
    const id = pool.id;
    const handles = new Uint32Array(HANDLES);
    type Handle = ReturnType<typeof pool.alloc>;
    const held: Handle[] = new Array<Handle>(HANDLES);

    const perCall = (): number => {
      const t0 = performance.now();
      for (let r = 0; r < ROUNDS; r++) {
        for (let i = 0; i < HANDLES; i++) held[i] = pool.alloc();
        for (let i = 0; i < HANDLES; i++) pool.free(held[i]!);
      }
      return performance.now() - t0;
    };
    const many = (): number => {
      const t0 = performance.now();
      for (let r = 0; r < ROUNDS; r++) pool.freeMany(pool.allocMany(HANDLES));
      return performance.now() - t0;
    };
    // No status checks in the loop (that is the point of "raw"); the pool's counters are checked after.
    const raw = (): number => {
      const t0 = performance.now();
      for (let r = 0; r < ROUNDS; r++) {
        for (let i = 0; i < HANDLES; i++) handles[i] = rawAlloc(id);
        for (let i = 0; i < HANDLES; i++) rawFree(id, handles[i]!);
      }
      return performance.now() - t0;
    };

    const perHandle = (ms: number): number => (ms * 1e6) / (HANDLES * ROUNDS);
    for (let rep = 1 - options.warmup; rep <= options.reps; rep++) {
      const row: [keyof Pick<TsPathSamples, 'perCall' | 'many' | 'raw'>, () => number][] = [
        ['perCall', perCall],
        ['many', many],
        ['raw', raw],
      ];
      for (const [key, fn] of row) {
        options.onStep?.(key, rep);
        const ns = perHandle(fn());
        if (rep >= 1) samples[key].push(ns);
        await new Promise((r) => setImmediate(r));
      }
    }
    const stats = pool.stats();
    const expected = (options.warmup + options.reps) * 3 * HANDLES * ROUNDS;
    if (stats.live !== 0 || stats.failures !== 0 || stats.totalAllocs !== expected || stats.totalFrees !== expected) {
      return { ...samples, error: `pool counters after the run are wrong: ${JSON.stringify(stats)}` };
    }
    pool.check();
  } catch (err) {
    return { ...samples, error: `TypeScript call path failed: ${(err as Error).message}` };
  } finally {
    engine.destroy();
  }
  return samples;
}
