// WorldView and EntityViews over a World written by hand into the state region (the layout of
// world.h/entity.h): the fields land where the views read them, a missing or foreign root reads as no
// world, and the views follow memory growth and a moved world without a new object.
import { describe, expect, it } from 'vitest';

import { EntityKind, EntityState, WorldStatus } from '../../../engine/game/constants.js';
import {
  ENTITY_BYTES, ENTITY_LAYOUT, EntityViews, WORLD_BYTES, WORLD_LAYOUT, WORLD_MAGIC, WORLD_VERSION, WorldView,
} from '../../../engine/game/views.js';
import type { Engine } from '../../../engine/index.js';
import { freshEngine } from '../support/engine.js';

interface Fake {
  world: WorldView;
  entities: EntityViews;
  worldAt: number;
  slotsAt: number;
}

function fakeWorld(engine: Engine, capacity = 8): Fake {
  const state = engine.regions.state;
  const worldAt = engine.slab.alloc(WORLD_BYTES, 16);
  const slotsAt = engine.slab.alloc(capacity * ENTITY_BYTES, 16);
  const v = new DataView(engine.memory.buffer, state.base);
  const u32 = (field: number, value: number): void => v.setUint32(worldAt + field, value, true);
  const i32 = (field: number, value: number): void => v.setInt32(worldAt + field, value, true);
  u32(WORLD_LAYOUT.magic, WORLD_MAGIC);
  u32(WORLD_LAYOUT.version, WORLD_VERSION);
  u32(WORLD_LAYOUT.entities_offset, slotsAt);
  u32(WORLD_LAYOUT.entity_stride, ENTITY_BYTES);
  u32(WORLD_LAYOUT.entity_capacity, capacity);
  u32(WORLD_LAYOUT.entity_high, 3);
  u32(WORLD_LAYOUT.status, WorldStatus.Playing);
  u32(WORLD_LAYOUT.tick, 77);
  i32(WORLD_LAYOUT.score, 1600);
  i32(WORLD_LAYOUT.health, 90);
  i32(WORLD_LAYOUT.lives, 3);
  i32(WORLD_LAYOUT.checkpoint_x, -5);
  u32(WORLD_LAYOUT.tiles_x, 120);
  u32(WORLD_LAYOUT.damage_taken, 10);
  u32(WORLD_LAYOUT.level_hash_lo, 0x89abcdef);
  u32(WORLD_LAYOUT.level_hash_hi, 0x01234567);
  // slot 1: a crab facing left at (100.5, -20) px, hp 2
  const e = slotsAt + ENTITY_BYTES;
  v.setUint16(e + ENTITY_LAYOUT.kind, EntityKind.Crab, true);
  v.setUint16(e + ENTITY_LAYOUT.flags, 1, true);
  v.setUint32(e + ENTITY_LAYOUT.self, 0x0300_0001, true);
  v.setInt32(e + ENTITY_LAYOUT.x, 100 * 256 + 128, true);
  v.setInt32(e + ENTITY_LAYOUT.y, -20 * 256, true);
  v.setUint16(e + ENTITY_LAYOUT.half_w, 22, true);
  v.setUint16(e + ENTITY_LAYOUT.half_h, 20, true);
  v.setUint16(e + ENTITY_LAYOUT.state, EntityState.Walk, true);
  v.setUint16(e + ENTITY_LAYOUT.state_frames, 65535, true);
  v.setInt16(e + ENTITY_LAYOUT.hp, -1, true);
  v.setInt32(e + ENTITY_LAYOUT.value, 10, true);
  v.setInt32(e + ENTITY_LAYOUT.min_x, 50, true);
  v.setInt32(e + ENTITY_LAYOUT.max_x, 150, true);
  v.setUint16(e + ENTITY_LAYOUT.source, 8, true);
  v.setInt32(e + ENTITY_LAYOUT.spawn_id, 9, true);
  expect(engine.abi.oc_region_set_root(state.id, worldAt)).toBe(0);
  const rootField = engine.tracker.layout.offsetSized('RegionHeader', 'root', 4);
  const world = new WorldView({ heap: engine.abi.heap, regionBase: state.base, regionSize: state.size, rootField });
  return { world, entities: new EntityViews(engine.abi.heap, state.base, world), worldAt, slotsAt };
}

describe('layout', () => {
  it("the views' offsets are the core's (its layout table lists World and Entity field by field)", async () => {
    const engine = await freshEngine({ regions: { state: 1 << 20 } });
    const layout = engine.tracker.layout;
    expect(layout.sizeOf('World')).toBe(WORLD_BYTES);
    expect(layout.sizeOf('Entity')).toBe(ENTITY_BYTES);
    for (const [field, offset] of Object.entries(WORLD_LAYOUT)) expect(layout.offset('World', field), `World.${field}`).toBe(offset);
    for (const [field, offset] of Object.entries(ENTITY_LAYOUT)) expect(layout.offset('Entity', field), `Entity.${field}`).toBe(offset);
    expect(layout.fieldSize('World', 'reserved')).toBe(WORLD_BYTES - WORLD_LAYOUT.reserved); // nothing after it
    expect(layout.fieldSize('Entity', 'reserved')).toBe(ENTITY_BYTES - ENTITY_LAYOUT.reserved);
  });
});

describe('WorldView', () => {
  it('reads every figure at the layout of world.h', async () => {
    const engine = await freshEngine({ regions: { state: 1 << 20 } });
    const { world, worldAt } = fakeWorld(engine);
    expect(world.present).toBe(true);
    expect(world.offset).toBe(worldAt);
    expect(world.figures()).toMatchObject({
      status: WorldStatus.Playing, tick: 77, score: 1600, health: 90, lives: 3, checkpointX: -5, tilesX: 120,
      damageTaken: 10, entityHigh: 3, entityCapacity: 8, spawned: 0,
    });
    expect(world.levelHash).toBe(0x01234567_89abcdefn);
  });

  it('reads as no world (zeros) without a root or with a foreign one', async () => {
    const engine = await freshEngine({ regions: { state: 1 << 20 } });
    const { world, worldAt } = fakeWorld(engine);
    const v = new DataView(engine.memory.buffer, engine.regions.state.base);
    v.setUint32(worldAt + WORLD_LAYOUT.version, 99, true);
    expect(world.present).toBe(false);
    expect(world.score).toBe(0);
    v.setUint32(worldAt + WORLD_LAYOUT.version, WORLD_VERSION, true);
    expect(world.score).toBe(1600);
    expect(engine.abi.oc_region_set_root(engine.regions.state.id, 0)).toBe(0);
    expect(world.present).toBe(false);
    expect(world.status).toBe(WorldStatus.Empty);
  });
});

describe('EntityViews', () => {
  it('reads every field of a slot at the layout of entity.h', async () => {
    const engine = await freshEngine({ regions: { state: 1 << 20 } });
    const { entities } = fakeWorld(engine);
    expect(entities.count).toBe(3);
    expect(entities.kind(0)).toBe(EntityKind.None);
    expect([entities.kind(1), entities.flags(1), entities.handle(1)]).toEqual([EntityKind.Crab, 1, 0x0300_0001]);
    expect([entities.x(1), entities.y(1), entities.rawX(1), entities.rawY(1)]).toEqual([100, -20, 100 * 256 + 128, -20 * 256]);
    expect([entities.halfW(1), entities.halfH(1), entities.state(1), entities.stateFrames(1)]).toEqual([22, 20, EntityState.Walk, 65535]);
    expect([entities.hp(1), entities.value(1), entities.minX(1), entities.maxX(1)]).toEqual([-1, 10, 50, 150]);
    expect([entities.source(1), entities.spawnId(1), entities.link(1), entities.timer(1)]).toEqual([8, 9, 0, 0]);
    expect(entities.find(EntityKind.Crab)).toBe(1);
    expect(entities.find(EntityKind.Crab, 2)).toBe(-1);
    expect(entities.indexOfHandle(0x0300_0001)).toBe(1);
    expect(entities.indexOfHandle(0x0300_0002)).toBe(-1);
    expect(entities.i32[16 + 2]).toBe(100 * 256 + 128); // the raw arrays: slot i at word i * 16
    expect(entities.u16[32]).toBe(EntityKind.Crab);
  });

  it('follows memory growth and a world whose slots moved, with the same objects', async () => {
    const engine = await freshEngine({ regions: { state: 1 << 20 } });
    const { world, entities, worldAt } = fakeWorld(engine);
    const before = entities.i32;
    const grown = engine.memory.grow(16); // detaches every view over the old buffer
    expect(grown).toBeGreaterThan(0);
    expect(entities.x(1)).toBe(100);
    expect(world.score).toBe(1600);
    expect(entities.i32 === before).toBe(false);
    // Another block of slots: a restored world may keep its slots elsewhere.
    const slots2 = engine.slab.alloc(8 * ENTITY_BYTES, 16);
    const v = new DataView(engine.memory.buffer, engine.regions.state.base);
    v.setUint16(slots2 + ENTITY_BYTES * 2, EntityKind.Player, true);
    v.setUint32(worldAt + WORLD_LAYOUT.entities_offset, slots2, true);
    expect(entities.kind(1)).toBe(EntityKind.None);
    expect(entities.kind(2)).toBe(EntityKind.Player);
    expect(entities.find(EntityKind.Player)).toBe(2);
  });
});
