// Game over the real wasm core: creating the world, loading the demo level (as stored and as an image),
// what the views show of it, the typed errors, and a failed load that leaves the running level intact.
import { describe, expect, it } from 'vitest';

import { EntityFlag, EntityKind, Input, WorldStatus } from '../../../engine/game/constants.js';
import { Game } from '../../../engine/game/game.js';
import { mainPlaneIndex } from '../../../engine/game/level-source.js';
import {
  CorruptStateError, EngineDestroyedError, InvalidArgumentError, OpenClawError,
} from '../../../engine/memory/errors.js';
import { FormatBadMagicError, FormatError } from '../../../engine/streaming/formats/errors.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import { expectThrows, freshEngine } from '../support/engine.js';
import { demoGame, freshGame, useDemoLevel } from './support/game.js';

const demo = useDemoLevel();

describe('Game.create / Game.open', () => {
  it('makes an empty world at the state region root, with its entity pool named for the tracker', async () => {
    const game = await freshGame({}, { entityCapacity: 512 });
    expect(game.world.present).toBe(true);
    expect(game.world.status).toBe(WorldStatus.Empty);
    expect(game.world.entityCapacity).toBe(512);
    expect(game.loaded).toBe(false);
    const pool = game.entityPool()!;
    expect(pool.name).toBe('entities');
    expect(pool.capacity).toBe(512);
    expect(pool.slotSize).toBe(64);
    expect(pool.occupancy().live).toBe(0);
    expect(game.entityPool()).toBe(pool);
    expect(game.engine.tracker.report().pools.find((r) => r.name === 'entities')).toMatchObject({ tag: 'entities', capacity: 512 });
    game.check();
  });

  it('one game per engine: create again is InvalidArgumentError, open binds to the same world', async () => {
    const game = await freshGame();
    expectThrows(() => Game.create(game.engine), InvalidArgumentError);
    const again = Game.open(game.engine);
    expect(again.world.offset).toBe(game.world.offset);
  });

  it('open without a world is CorruptStateError; bad capacities are InvalidArgumentError', async () => {
    const engine = await freshEngine();
    expectThrows(() => Game.open(engine), CorruptStateError);
    expectThrows(() => Game.create(engine, { entityCapacity: 0 }), InvalidArgumentError);
    expectThrows(() => Game.create(engine, { entityCapacity: 1.5 }), InvalidArgumentError);
    engine.destroy();
    expectThrows(() => Game.create(engine), EngineDestroyedError);
  });

  it('step without a level is InvalidArgumentError', async () => {
    const game = await freshGame();
    expectThrows(() => game.step(0), InvalidArgumentError);
  });
});

describe('the demo level', () => {
  it('loads from the stored (compressed) WWD: 48 objects spawned, none ignored, the player at the start', async () => {
    const game = await freshGame();
    const summary = await game.loadLevel(demo().raw);
    expect(summary).toMatchObject({ spawned: 48, ignored: 0, tilesX: 120, tilesY: 24, tileW: 64, tileH: 64 });
    // the 48 objects, the 11 crates' hidden drops, the player
    expect(summary.entities).toBe(48 + 11 + 1);
    expect(game.entityPool()!.occupancy().live).toBe(summary.entities);
    const w = game.world;
    expect([w.status, w.lives, w.health, w.score, w.tick]).toEqual([WorldStatus.Playing, 3, 100, 0, 0]);
    expect([w.startX, w.startY, w.checkpointX, w.checkpointY]).toEqual([224, 1116, 224, 1116]);
    expect([w.cratesTotal, w.enemiesTotal]).toEqual([11, 7]);
    expect(w.treasureTotal).toBe(27 + 11);
    const e = game.entities;
    const p = e.find(EntityKind.Player);
    expect(p).toBeGreaterThanOrEqual(0);
    expect(e.handle(p)).toBe(w.player);
    expect([e.x(p), e.y(p)]).toEqual([224, 1116]);
    let crates = 0;
    let hidden = 0;
    for (let i = 0; i < e.count; i++) {
      if (e.kind(i) === EntityKind.Crate) crates++;
      if (e.kind(i) === EntityKind.Treasure && (e.flags(i) & EntityFlag.Hidden) !== 0) hidden++;
    }
    expect([crates, hidden]).toEqual([11, 11]);
    game.check();
  });

  it('tileAt reads the main plane of the WWD, -1 outside', async () => {
    const game = await demoGame(demo());
    const formats = Formats.fromAbi(game.engine.abi);
    const wwd = await formats.readWwd(demo().image);
    const plane = wwd.planes[mainPlaneIndex(wwd)]!;
    for (let ty = 0; ty < plane.tilesY; ty++) {
      for (let tx = 0; tx < plane.tilesX; tx++) {
        if (game.tileAt(tx, ty) !== plane.tiles[ty * plane.tilesX + tx]) throw new Error(`tile ${tx},${ty} differs`);
      }
    }
    expect([game.tileAt(-1, 0), game.tileAt(0, 24), game.tileAt(120, 0)]).toEqual([-1, -1, -1]);
  });

  it('the stored file and the image load the same world', async () => {
    const a = await freshGame();
    await a.loadLevel(demo().raw);
    const b = await demoGame(demo());
    expect(b.checksum()).toBe(a.checksum());
    expect(b.world.levelHash).toBe(a.world.levelHash);
    expect(a.world.levelHash).not.toBe(0n);
  });

  it('steps advance the tick and the frame counter; input moves the player', async () => {
    const game = await demoGame(demo());
    const frame = game.engine.frameNumber;
    const p = game.entities.find(EntityKind.Player);
    game.stepMany(new Uint32Array(30).fill(Input.Right));
    expect(game.world.tick).toBe(30);
    expect(game.engine.frameNumber).toBe(frame + 30n);
    expect(game.entities.x(p)).toBeGreaterThan(224 + 60);
    game.simulate(new Uint32Array(10)); // the simulation alone: no frame
    expect(game.world.tick).toBe(40);
    expect(game.engine.frameNumber).toBe(frame + 30n);
    game.check();
  });

  it('unload empties the world; destroy unloads and later calls throw', async () => {
    const game = await demoGame(demo());
    game.unloadLevel();
    expect(game.loaded).toBe(false);
    expect(game.entityPool()!.occupancy().live).toBe(0);
    expect(game.world.player).toBe(0);
    game.unloadLevel(); // without a level: nothing to do
    game.loadLevelImage(demo().image);
    game.destroy();
    expect(game.world.status).toBe(WorldStatus.Empty);
    expectThrows(() => game.step(0), InvalidArgumentError);
    expectThrows(() => game.loadLevelImage(demo().image), InvalidArgumentError);
    game.destroy();
  });
});

describe('a bad WWD', () => {
  it('is a typed error and the level that runs goes on exactly as it was', async () => {
    const game = await demoGame(demo());
    game.stepMany(new Uint32Array(20).fill(Input.Right));
    const before = game.checksum();
    const tick = game.world.tick;

    const truncated = demo().image.slice(0, 2000);
    const err = expectThrows(() => game.loadLevelImage(truncated), OpenClawError);
    expect(err).toBeInstanceOf(FormatError);
    expect(game.checksum()).toBe(before);

    const foreign = demo().raw.slice();
    foreign[0] = foreign[0]! ^ 0xff; // the signature
    await expect(game.loadLevel(foreign)).rejects.toBeInstanceOf(FormatBadMagicError);
    expect(game.checksum()).toBe(before);

    const scrambled = demo().image.slice();
    for (let i = 1524; i < scrambled.length; i += 7) scrambled[i] = 0xee; // planes, objects, tiles
    expectThrows(() => game.loadLevelImage(scrambled), OpenClawError);
    expect(game.checksum()).toBe(before);

    expect(game.world.tick).toBe(tick);
    game.stepMany(new Uint32Array(60).fill(Input.Right));
    expect(game.world.tick).toBe(tick + 60);
    game.check();
  });

  it('a good level replaces a loaded one', async () => {
    const game = await demoGame(demo());
    game.stepMany(new Uint32Array(20).fill(Input.Right));
    const summary = game.loadLevelImage(demo().image);
    expect(summary.spawned).toBe(48);
    expect(game.world.tick).toBe(0);
    expect(game.entityPool()!.occupancy().live).toBe(summary.entities);
    game.check();
  });
});
