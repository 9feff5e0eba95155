// Issue 6 in Chromium: LEVEL1's tile planes drawn with pixi sprites through the TextureBridge and
// scrolled across, with a VRAM budget smaller than the level's tile textures (web/streaming/vram.html).
// After every scroll step: the GPU bytes the cache reports stay within the budget, the bridge's live
// textures are exactly the cache entries with GPU bytes (per id: gpuBytes > 0 iff a live bridge texture,
// no bridge texture for an id the cache lacks), and no sprite draws a destroyed texture;
// by the end, evictions happened.
import { expect, test } from '@playwright/test';

import type { VramResult } from '../../web/streaming/vram.js';
import { collectErrors } from './support/lab.js';

test.describe('VRAM budget', () => {
  test.setTimeout(120_000);

  test('scrolling LEVEL1 keeps GPU bytes within the budget and textures consistent with the cache', async ({ page }) => {
    const errors = collectErrors(page);
    await page.goto('./streaming/vram.html');
    await expect(page.getByTestId('page-status')).toHaveAttribute('data-state', 'ready');
    const r: VramResult = await page.evaluate(() => window.vramPage.run());
    await expect(page.getByTestId('page-status')).toHaveAttribute('data-state', 'done');

    // The budget is smaller than the level's textures, and than the Action plane's alone.
    expect(r.vramBudget).toBe(r.maxVisibleTiles * r.tileBytes);
    expect(r.vramBudget).toBeLessThan(r.actionTileBytes);
    expect(r.vramBudget).toBeLessThan(r.levelTileBytes);

    expect(r.steps.length).toBeGreaterThan(100);
    for (const s of r.steps) {
      const at = `step ${s.step} (camera x ${s.cameraX})`;
      expect(s.vramBudget, at).toBe(r.vramBudget);
      expect(s.vramBytes, at).toBeLessThanOrEqual(r.vramBudget);
      expect(s.liveTextures, at).toBe(s.texturedEntries);
      // Per id: gpuBytes > 0 exactly when the bridge holds a live texture, and no texture without an entry.
      expect(s.mismatchedIds, at).toEqual([]);
      expect(s.bridgedKnownIds, at).toBe(s.liveTextures);
      expect(s.bridgeGpuBytes, at).toBe(s.vramBytes);
      expect(s.pinned, at).toBe(s.visible);
      expect(s.destroyedDrawn, at).toBe(0);
    }
    // The tiles reached the GPU: the first and the last view read back with opaque tile pixels.
    expect(r.steps[0]!.opaquePixels).toBeGreaterThan(1000);
    expect(r.steps.at(-1)!.opaquePixels).toBeGreaterThan(1000);
    expect(r.cache.evictions).toBeGreaterThan(0);
    expect(r.cache.evictedGpuBytes).toBeGreaterThan(0);
    expect(r.cache.vramPeak).toBeLessThanOrEqual(r.vramBudget);
    // Scrolling back reloads tiles that were evicted: the streamer loaded more than the distinct tiles.
    expect(r.stats.loaded).toBeGreaterThan(r.levelTileBytes / r.tileBytes);
    expect(r.stats.failed).toBe(0);

    expect(errors).toEqual([]);
  });
});
