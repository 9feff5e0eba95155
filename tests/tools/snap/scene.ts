// The snapshots the claw-snap tests inspect: an engine with a pool of 64-byte entities and a few slab
// blocks, written with recognisable bytes, so each test knows exactly what it changed.
import type { Engine, Handle, Pool } from '../../../engine/index.js';
import { createEngine } from '../../../engine/index.js';

export interface Scene {
  engine: Engine;
  pool: Pool<'entities'>;
  handles: Handle<'entities'>[];
  /** Offsets and sizes of live slab blocks. */
  blocks: Array<{ offset: number; size: number }>;
}

export async function makeScene(state = 1 << 20): Promise<Scene> {
  const engine = await createEngine({ regions: { state, frame: 64 << 10 } });
  const pool = engine.createPool({ name: 'entities', slotSize: 64, capacity: 100 });
  const handles: Handle<'entities'>[] = [];
  for (let i = 0; i < 12; i++) handles.push(pool.alloc());
  // A freed slot in the middle, so that "free" slots exist in the image too.
  pool.free(handles.splice(5, 1)[0]!);
  const blocks: Scene['blocks'] = [];
  for (let i = 0; i < 8; i++) {
    const size = 48 + 40 * i;
    blocks.push({ offset: engine.slab.alloc(size), size });
  }
  const bytes = engine.regions.state.bytes();
  for (const h of handles) bytes.fill(0x40 + pool.indexOf(h), pool.offsetOf(h), pool.offsetOf(h) + 64);
  for (const b of blocks) bytes.fill(0xb0, b.offset, b.offset + b.size);
  return { engine, pool, handles, blocks };
}

/** Writes `value` at byte `at` of the state region (a fresh view: memory may have grown). */
export function poke(engine: Engine, at: number, value: number): void {
  engine.regions.state.bytes()[at] = value;
}
