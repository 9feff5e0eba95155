// A seeded generator of recorded operation sequences (native-legacy/memory/replay.h) for the
// cross-build determinism test.
import { ReplayRecorder } from '../../../engine/index.js';
import { Prng } from './prng.js';

/**
 * A sequence over three pools (one of which runs full), two slabs (size classes and the fallback, two
 * page sizes and class spacings, zeroed and raw allocations) and an arena, with frees, misuse, unwinds, resets and writes. The
 * generator keeps the live-list model of replay.h so that every `n` is valid and no slab or arena
 * allocation can run out of space (pools may: their exhaustion is predictable and recorded).
 */
export function generateSequence(seed: number, minRecords: number): Uint8Array {
  const rng = new Prng(seed);
  const rec = new ReplayRecorder(24 << 20);
  const pools = [
    { a: rec.createPool(24, 8, 3000), size: 24, capacity: 3000, live: 0, freed: false },
    { a: rec.createPool(64, 64, 200), size: 64, capacity: 200, live: 0, freed: false },
    { a: rec.createPool(200, 16, 500), size: 200, capacity: 500, live: 0, freed: false },
  ];
  const slabs = [
    { a: rec.createSlab(8 << 20, 0, 0), budget: 2 << 20, used: 0, live: [] as number[] },
    { a: rec.createSlab(2 << 20, 16 * 1024, 1), budget: 384 << 10, used: 0, live: [] as number[] },
  ];
  const arenaBytes = 128 << 10;
  const arena = { a: rec.createArena(arenaBytes), blocks: [] as Array<{ size: number; cost: number }>, used: 0, marks: [] as number[] };

  const write = (a: number, n: number, size: number) => {
    const at = rng.below(size);
    const len = Math.min(size - at, rng.between(1, 48));
    rec.write(a, n, at, rng.bytes(len));
  };

  while (rec.recordCount < minRecords) {
    const r = rng.below(100);
    if (r < 35) {
      const p = rng.pick(pools);
      if (p === pools[1] && rng.chance(0.01)) {
        // Run the small pool full and past it: exhaustion is part of the recorded state too.
        for (let k = p.live; k < p.capacity + 3; k++) rec.poolAlloc(p.a);
        p.live = p.capacity;
      } else if (p.live > 0 && rng.below(p.capacity) < p.live * 0.9) {
        rec.poolFree(p.a, rng.below(p.live));
        p.live--;
        p.freed = true;
        if (rng.chance(0.03)) rec.poolRefree(p.a);
      } else {
        rec.poolAlloc(p.a);
        if (p.live < p.capacity) p.live++; // else: Exhausted, nothing appended
        if (p.live > 0 && rng.chance(0.5)) write(p.a, rng.below(p.live), p.size);
      }
    } else if (r < 75) {
      const s = rng.pick(slabs);
      const k = rng.below(100);
      const size = k < 70 ? rng.between(1, 512) : k < 93 ? rng.between(513, 4096) : rng.between(4097, 40_000);
      if (s.live.length > 0 && (s.used + size > s.budget || rng.chance(0.45))) {
        const n = rng.below(s.live.length);
        s.used -= s.live[n]!;
        s.live[n] = s.live[s.live.length - 1]!;
        s.live.pop();
        rec.slabFree(s.a, n, rng.chance(0.5));
      } else if (s.used + size <= s.budget) {
        const align = rng.chance(0.15) ? rng.pick([32, 64, 256, 1024]) : rng.pick([8, 16]);
        // allocRaw keeps the old bytes of a recycled block: they are part of the hashed state too.
        if (rng.chance(0.4)) rec.slabAllocRaw(s.a, size, align);
        else rec.slabAlloc(s.a, size, align);
        s.live.push(size);
        s.used += size;
        if (rng.chance(0.6)) write(s.a, s.live.length - 1, size);
      }
    } else if (r < 95) {
      const k = rng.below(100);
      if (k < 70) {
        const size = rng.between(1, 700);
        const align = rng.pick([1, 4, 8, 16, 64, 256]);
        const cost = size + align - 1; // an upper bound of what the bump takes, padding included
        if (arena.used + cost > arenaBytes - 1024) {
          rec.arenaReset(arena.a);
          arena.blocks.length = 0;
          arena.marks.length = 0;
          arena.used = 0;
        } else {
          rec.arenaAlloc(arena.a, size, align);
          arena.blocks.push({ size, cost });
          arena.used += cost;
          if (rng.chance(0.5)) write(arena.a, arena.blocks.length - 1, size);
        }
      } else if (k < 85) {
        rec.arenaMark(arena.a);
        arena.marks.push(arena.blocks.length);
      } else if (arena.marks.length > 0) {
        const m = rng.below(arena.marks.length);
        rec.arenaUnwind(arena.a, m);
        arena.blocks.length = arena.marks[m]!;
        arena.marks.length = m + 1;
        arena.used = arena.blocks.reduce((t, b) => t + b.cost, 0);
      }
    } else {
      // Writes into blocks allocated long ago, so that late state depends on early allocations.
      const p = rng.pick(pools);
      if (p.live > 0) write(p.a, rng.below(p.live), p.size);
      const s = rng.pick(slabs);
      if (s.live.length > 0) {
        const n = rng.below(s.live.length);
        write(s.a, n, s.live[n]!);
      }
    }
  }
  return rec.finish();
}
