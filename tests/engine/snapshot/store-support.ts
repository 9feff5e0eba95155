// Shared set-up of the SnapshotStore tests: engines whose state holds real allocator traffic and
// pseudo-random bytes, stores closed and temporary folders removed after each test.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import type { Engine } from '../../../engine/index.js';
import { openSnapshotStore, type SnapshotStore, type SnapshotStoreOptions } from '../../../engine/snapshot/store.js';
import { freshEngine } from '../support/engine.js';
import { Prng } from '../support/prng.js';

export const STATE_BYTES = 256 * 1024;

const stores: SnapshotStore[] = [];
const dirs: string[] = [];

afterEach(async () => {
  for (const s of stores.splice(0)) await s.close();
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'oc-store-'));
  dirs.push(dir);
  return dir;
}

/** A store closed after the current test. */
export async function store(options: SnapshotStoreOptions): Promise<SnapshotStore> {
  const s = await openSnapshotStore(options);
  stores.push(s);
  return s;
}

/** An engine with the same region sizes as every other one here (so snapshots restore across them). */
export function emptyEngine(): Promise<Engine> {
  return freshEngine({ regions: { state: STATE_BYTES, frame: 64 * 1024 } });
}

/**
 * An engine whose state differs with the seed: a pool with live slots, slab blocks filled with
 * pseudo-random bytes, and a frame counter.
 */
export async function busyEngine(seed: number): Promise<Engine> {
  const engine = await emptyEngine();
  const rng = new Prng(seed);
  const pool = engine.createPool({ name: 'things', slotSize: 48, capacity: 64 });
  for (let i = 0; i < 10 + rng.below(20); i++) pool.alloc();
  for (let i = 0; i < 12; i++) {
    const size = rng.between(64, 4000);
    const offset = engine.slab.alloc(size);
    engine.slab.bytes(offset, size).set(rng.bytes(size));
  }
  engine.frameNumber = BigInt(1000 + seed);
  return engine;
}

/** Flips one bit of a copy. */
export function flipped(bytes: Uint8Array, at: number, bit = 0): Uint8Array {
  const copy = bytes.slice();
  copy[at] = copy[at]! ^ (1 << bit);
  return copy;
}

/** Awaits `promise`, expects it to reject with an instance of `type`, and returns the error. */
export async function rejectsWith<E extends Error>(promise: Promise<unknown>, type: abstract new (...args: never[]) => E): Promise<E> {
  try {
    await promise;
  } catch (err) {
    if (err instanceof type) return err;
    throw new Error(`expected ${type.name}, got ${err instanceof Error ? `${err.constructor.name}: ${err.message}` : String(err)}`);
  }
  throw new Error(`expected ${type.name}, but it resolved`);
}
