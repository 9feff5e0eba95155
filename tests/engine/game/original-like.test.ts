// The level source and asset lists over the synthetic "REZ like the original" (tools/assets/original-like):
// the original's set names (CLAW, LEVEL_OFFICER, GAME_TREASURE_COINS) and its IMAGES/ANIS layout.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { levelAssets } from '../../../engine/game/level-assets.js';
import { openLevel, type LevelSource } from '../../../engine/game/level-source.js';
import { Formats } from '../../../engine/streaming/formats/formats.js';
import type { RezArchive } from '../../../engine/streaming/formats/rez-archive.js';
import { sourceFromBytes } from '../../../engine/streaming/formats/sources.js';
import { makeOriginalLikeRez } from '../../../tools/assets/original-like/make.js';

let formats: Formats;
let archive: RezArchive;
let level: LevelSource;

beforeAll(async () => {
  formats = await Formats.load();
  archive = await formats.openRez(sourceFromBytes(await makeOriginalLikeRez({ formats }), 'original-like.rez'));
  level = await openLevel(archive, formats, 1);
});
afterAll(() => {
  archive?.close();
  formats?.dispose();
});

describe('a REZ like the original', () => {
  it("resolves the original's set names through the WWD header's prefixes", () => {
    expect(level.wwd.header.levelName).toBe('Claw - Level 1');
    expect(level.playerSet).toBe('CLAW');
    expect(level.imageSetDir('CLAW')).toBe('/CLAW/IMAGES');
    expect(level.imageSetDir('LEVEL_OFFICER')).toBe('/LEVEL1/IMAGES/OFFICER');
    expect(level.imageSetDir('GAME_TREASURE_COINS')).toBe('/GAME/IMAGES/TREASURE/COINS');
    expect(level.imageSetFrames('CLAW').length).toBe(23);
    expect(level.setAnis('CLAW').map((e) => e.path)).toContain('/CLAW/ANIS/RUN.ANI');
    expect(level.setAnis('GAME_TREASURE_COINS').map((e) => e.path)).toEqual(['/GAME/ANIS/TREASURE/COINS/SPIN.ANI']);
    // Every object's image set resolves to frames in the archive.
    for (const o of level.wwd.planes[level.mainPlane]!.objects) {
      if (o.imageSet !== '') expect(level.imageSetFrames(o.imageSet).length, o.imageSet).toBeGreaterThan(0);
    }
  });

  it('levelAssets lists the player, the first screen and every set of the level', () => {
    const assets = levelAssets(level, { archive: 'claw.rez' });
    const first = assets.firstFrame.map((a) => a.path);
    expect(first).toContain('/CLAW/IMAGES/FRAME001.PID');
    expect(first).toContain('/CLAW/ANIS/RUN.ANI');
    expect(first).toContain('/LEVEL1/IMAGES/CRATES/FRAME001.PID');
    expect(first).toContain('/GAME/IMAGES/TREASURE/COINS/FRAME001.PID'); // what the first crates drop
    const all = new Set([...first, ...assets.rest.map((a) => a.path)]);
    expect(all.has('/LEVEL1/IMAGES/OFFICER/FRAME001.PID')).toBe(true);
    expect(all.has('/GAME/IMAGES/TREASURE/CHALICES/GREEN/FRAME001.PID')).toBe(true);
  });
});
