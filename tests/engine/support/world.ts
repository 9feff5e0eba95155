// A small simulation for the snapshot tests whose entire state lives in the engine's state region:
// its RNG, its entities (a struct pool) and their payloads (slab blocks referenced by offset). Every
// frame reads only the region and the input, so restoring a snapshot and re-running the same inputs
// must give the same per-frame checksums — the property the snapshot tests check.
import { OutOfSpaceError, type Engine, type Handle, type StructPool } from '../../../engine/index.js';

const GLOBALS = { rng: 'u32', spawned: 'u32', despawned: 'u32', reserved: 'u32' } as const;
const ENTITY = { x: 'i32', y: 'i32', vx: 'i32', vy: 'i32', hp: 'u32', bag: 'u32', bagSize: 'u32', id: 'u32' } as const;

export class World {
  private readonly globals: StructPool<'world.globals', typeof GLOBALS>;
  private readonly entities: StructPool<'world.entities', typeof ENTITY>;
  private readonly root: Handle<'world.globals'>;

  constructor(private readonly engine: Engine, seed: number, capacity = 1024) {
    this.globals = engine.createStructPool({ name: 'world.globals', fields: GLOBALS, capacity: 1 });
    this.entities = engine.createStructPool({ name: 'world.entities', fields: ENTITY, capacity });
    this.root = this.globals.alloc();
    this.globals.set(this.root, 'rng', seed >>> 0 || 1);
  }

  /** mulberry32 over the state stored in the region. */
  private random(): number {
    let s = (this.globals.get(this.root, 'rng') + 0x6d2b79f5) >>> 0;
    this.globals.set(this.root, 'rng', s);
    s = Math.imul(s ^ (s >>> 15), s | 1);
    s ^= s + Math.imul(s ^ (s >>> 7), s | 61);
    return (s ^ (s >>> 14)) >>> 0;
  }

  /** One frame of traffic: move, age and despawn entities, spawn a few with slab payloads. */
  step(input = 0): void {
    const { entities, engine } = this;
    for (const h of entities.liveHandles()) {
      const e = entities.read(h);
      entities.write(h, { x: (e.x + e.vx) | 0, y: (e.y + e.vy) | 0, hp: e.hp - 1 });
      if (e.hp <= 1) {
        if (e.bag !== 0) engine.slab.free(e.bag, e.bagSize);
        entities.free(h);
        this.globals.set(this.root, 'despawned', this.globals.get(this.root, 'despawned') + 1);
      }
    }
    const spawns = (this.random() % 4) + (input & 3);
    for (let i = 0; i < spawns && entities.stats().live < entities.capacity; i++) {
      const h = entities.alloc();
      const r = this.random();
      // mostly slab classes, one bag in 16 from the TLSF fallback (above 4 KiB)
      const bagSize = r % 3 === 0 ? 0 : (r & 0xf0) === 0 ? 4097 + (this.random() % 4000) : 16 + (this.random() % 1500);
      const bag = bagSize === 0 ? 0 : this.allocBag(bagSize, (r & 8) !== 0);
      if (bag !== 0) {
        const bytes = engine.slab.bytes(bag, bagSize);
        const fill = this.random();
        for (let j = 0; j < bytes.length; j += 64) bytes[j] = (fill + j) & 0xff;
      }
      const id = this.globals.get(this.root, 'spawned') + 1;
      this.globals.set(this.root, 'spawned', id);
      entities.write(h, {
        x: r & 0xfff, y: (r >>> 12) & 0xfff, vx: (r % 7) - 3, vy: ((r >>> 3) % 7) - 3,
        hp: 20 + (this.random() % 200), bag, bagSize: bag === 0 ? 0 : bagSize, id,
      });
    }
    engine.endFrame();
  }

  // A full slab is part of the simulation, not an error: the entity goes without a bag. The outcome
  // depends only on the region, so it is the same in a re-run.
  private allocBag(size: number, zeroed: boolean): number {
    try {
      return zeroed ? this.engine.slab.alloc(size) : this.engine.slab.allocRaw(size);
    } catch (err) {
      if (err instanceof OutOfSpaceError) return 0;
      throw err;
    }
  }

  live(): number {
    return this.entities.stats().live;
  }
}

/** Per-frame checksums of `frames` steps, inputs from `input(frame)`. */
export function runFrames(engine: Engine, world: World, frames: number, input: (frame: number) => number = (f) => f): bigint[] {
  const sums: bigint[] = [];
  for (let f = 0; f < frames; f++) {
    world.step(input(f));
    sums.push(engine.checksum());
  }
  return sums;
}
