// What the pool buttons do, kept apart from the DOM: each returns the handles it allocated (for the
// recent-handles list) and lets engine errors propagate to the caller's error banner.
// Allocations carry a site label per button, so that the tracker's leak list and misuse reports say
// which button made them.
import type { LabHandle, LabPool, LabTracker } from './engine-types.js';

export function allocOne(pool: LabPool): LabHandle[] {
  return [pool.alloc('lab: Alloc 1')];
}

export function allocBatch(pool: LabPool, count: number, tracker: LabTracker): Uint32Array {
  return tracker.withSite(`lab: Alloc ${count}`, () => pool.allocMany(count));
}

/** Frees the live slots whose indices are selected, in one all-or-nothing batch. */
export function freeIndices(pool: LabPool, indices: ReadonlySet<number>): number {
  const handles = pool.liveHandles().filter((h) => indices.has(pool.indexOf(h)));
  if (handles.length > 0) pool.freeMany(Uint32Array.from(handles));
  return handles.length;
}

/** Frees floor(live / 2) live slots chosen at random (a partial Fisher–Yates shuffle). */
export function freeRandomHalf(pool: LabPool, random: () => number = Math.random): number {
  const live = pool.liveHandles();
  const count = Math.floor(live.length / 2);
  for (let i = 0; i < count; i++) {
    const j = i + Math.floor(random() * (live.length - i));
    const t = live[i]!;
    live[i] = live[j]!;
    live[j] = t;
  }
  if (count > 0) pool.freeMany(Uint32Array.from(live.slice(0, count)));
  return count;
}

export function freeAll(pool: LabPool): number {
  const live = pool.liveHandles();
  if (live.length > 0) pool.freeMany(Uint32Array.from(live));
  return live.length;
}

/**
 * Makes a stale handle and frees it: allocate a slot, free it, allocate again (the free list hands
 * the same slot back under a bumped generation), then free the first handle. The pool must refuse
 * with StaleHandleError and keep the live slot intact. `record` sees each handle as it is allocated.
 */
export function freeStaleHandle(pool: LabPool, record: (handles: LabHandle[]) => void): never {
  const old = pool.alloc();
  record([old]);
  pool.free(old);
  const reused = pool.alloc();
  record([reused]);
  pool.free(old, 'lab: Free a stale handle');
  throw new Error(
    `freeing stale handle slot ${pool.indexOf(old)} was accepted: the pool did not detect it`,
  );
}
