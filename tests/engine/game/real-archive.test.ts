// Optional: level 1 of a real CLAW.REZ plays in the game core. Skipped unless CLAW_REZ names the archive
// (the file is never committed). The archive is read by slices from a file-backed Blob, as the page does.
import { openAsBlob } from 'node:fs';
import { basename } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { Game } from '../../../engine/game/game.js';
import { Input } from '../../../engine/game/constants.js';
import { levelAssets } from '../../../engine/game/level-assets.js';
import { openLevel, type LevelSource } from '../../../engine/game/level-source.js';
import type { Engine } from '../../../engine/index.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import type { RezArchive } from '../../../engine/streaming/formats/rez-archive.js';
import { sourceFromBlob } from '../../../engine/streaming/formats/sources.js';
import { freshEngine } from '../support/engine.js';

const path = process.env['CLAW_REZ'];

describe.skipIf(path === undefined || path === '')('level 1 of a real CLAW.REZ (CLAW_REZ)', () => {
  let formats: Formats;
  let archive: RezArchive;
  let level: LevelSource;
  let engine: Engine;

  beforeAll(async () => {
    formats = await Formats.load();
    archive = await formats.openRez(sourceFromBlob(await openAsBlob(path!), basename(path!)));
    level = await openLevel(archive, formats, 1);
    engine = await freshEngine({ regions: { state: 32 << 20 } });
  });
  afterAll(() => {
    engine?.destroy();
    archive?.close();
    formats?.dispose();
  });

  it('spawns the objects the game knows, counts the others, and runs 600 frames', async () => {
    expect(level.wwd.header.levelName).toBe('Claw - Level 1');
    const game = Game.create(engine);
    const summary = await game.loadLevel(level.raw);
    expect(summary.spawned).toBeGreaterThan(0);
    expect(summary.ignored).toBeGreaterThan(0);
    expect(summary.spawned + summary.ignored).toBe(1479);
    for (let i = 0; i < 600; i++) game.step(i % 120 < 90 ? Input.Right : Input.Right | Input.Jump);
    game.check();
    // The first screen's files exist in the archive: the palette, tiles and the player's frames.
    const assets = levelAssets(level, { archive: 'claw.rez' });
    expect(assets.firstFrame.length).toBeGreaterThan(10);
    for (const item of assets.firstFrame) expect(archive.has(item.path), item.path).toBe(true);
  });
});
