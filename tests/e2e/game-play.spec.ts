// The game page in Chromium: it loads behind a real progress bar (the streamer's bytes and items of the
// level's first screen) and waits for a key; the scripted demo route (tests/engine/game/support/
// demo-route.ts, here driving window.__game through page.evaluate) moves the player, breaks a crate,
// picks up its treasure and walks into an enemy; the HUD follows; unloading the level leaves no leak.
// Screenshots of the game and of the memory overlay are attached and kept (keepScreenshot: docs/images/ with OC_UPDATE_SCREENSHOTS=1).
import { expect, test, type Page } from '@playwright/test';

import { playDemoRoute, type RouteState, type RouteTarget } from '../engine/game/support/demo-route.js';
import { collectErrors } from './support/lab.js';
import { Input, keepScreenshot, openGame, step, world, type GameHooks } from './support/game.js';

/** The demo route's target on the page: steps through __game.step, reads in one round trip. */
function routeTarget(page: Page): RouteTarget {
  return {
    async step(frames, input) {
      await step(page, frames, input);
    },
    read: () => page.evaluate((): RouteState => {
      const g = (window as unknown as { __game: GameHooks }).__game;
      const w = g.world;
      const entities = g.entities().map((e) => ({ index: e.index, kind: e.kind, x: e.x, y: e.y, flags: e.flags, state: e.state }));
      return {
        tick: w.tick, status: w.status, score: w.score, health: w.health, lives: w.lives, cratesBroken: w.cratesBroken,
        treasureTaken: w.treasureTaken, damageTaken: w.damageTaken,
        player: entities.find((e) => e.kind === 1) ?? null, entities,
      };
    }),
  };
}

test('the level loads behind a progress bar that reaches 100%, then starts on a key', async ({ page }) => {
  const errors = collectErrors(page);
  await page.goto('/');
  const screen = page.getByTestId('loading-screen');
  await expect(screen).toHaveAttribute('data-state', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('loading-bar')).toHaveAttribute('aria-valuenow', '100');
  await expect(page.getByTestId('loading-prompt')).toHaveText('Press any key to start');
  const loaded = await page.evaluate(() => {
    const g = (window as unknown as { __game: GameHooks }).__game;
    return { ready: g.ready, progress: g.progress, assets: g.assets(), world: g.world, paused: g.shell?.paused ?? null, frame: g.frame };
  });
  expect(loaded.ready).toBe(true);
  expect(loaded.progress?.fraction).toBe(1);
  expect(loaded.progress?.itemsLoaded).toBe(loaded.progress?.itemsTotal);
  expect(loaded.progress?.bytesLoaded).toBeGreaterThan(0);
  // Only the first screen streamed before play: fewer bytes than the whole level.
  expect(loaded.assets!.firstFrameItems).toBeGreaterThan(0);
  expect(loaded.assets!.firstFrameBytes).toBeLessThan(loaded.assets!.totalBytes);
  expect(loaded.world.spawned).toBe(48);
  expect(loaded.world.ignored).toBe(0);
  // Waiting for the key: nothing steps.
  expect(loaded.paused).toBe(true);
  await page.waitForTimeout(200);
  expect(await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.frame)).toBe(loaded.frame);

  await page.keyboard.press('Enter');
  await expect(screen).toBeHidden();
  // The fixed-step loop runs on its own now, and the HUD shows the world.
  await page.waitForFunction((f) => (window as unknown as { __game: GameHooks }).__game.frame > f + 30, loaded.frame);
  await expect(page.getByTestId('hud-score')).toHaveText('0');
  await expect(page.getByTestId('hud-health')).toHaveText(String(loaded.world.health));
  await expect(page.getByTestId('hud-lives')).toHaveText(String(loaded.world.lives));
  // The rest of the level streams in the background: every texture arrives, none fails.
  await page.waitForFunction(() => {
    const a = (window as unknown as { __game: GameHooks }).__game.assets();
    return a !== null && a.textures > 0 && a.failed === 0;
  });
  // Held keys move the player (the keyboard -> input bits path).
  const before = await world(page);
  const x0 = await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.entities().find((e) => e.kind === 1)!.x);
  await page.keyboard.down('ArrowRight');
  await page.waitForFunction((x) => (window as unknown as { __game: GameHooks }).__game.entities().find((e) => e.kind === 1)!.x > x + 32, x0);
  await page.keyboard.up('ArrowRight');
  expect((await world(page)).tick).toBeGreaterThan(before.tick);
  expect(errors).toEqual([]);
});

test('the scripted route: move, break a crate, pick up its treasure, get hurt by an enemy; screenshots', async ({ page }, testInfo) => {
  test.setTimeout(120_000);
  const errors = collectErrors(page);
  await openGame(page);
  const lines: string[] = [];
  const result = await playDemoRoute(routeTarget(page), { log: (line) => lines.push(line) });
  await testInfo.attach('route.txt', { body: lines.join('\n'), contentType: 'text/plain' });
  expect(result.moved.state.player!.x).toBeGreaterThan(result.start.player!.x);
  expect(result.crateBroken.state.cratesBroken).toBeGreaterThan(result.start.cratesBroken);
  expect(result.treasure.state.score).toBeGreaterThan(result.crateBroken.state.score);
  expect(result.treasure.state.treasureTaken).toBeGreaterThan(result.start.treasureTaken);
  expect(result.hurt.state.health).toBeLessThan(result.treasure.state.health);
  expect(result.hurt.enemyDistance).toBeLessThanOrEqual(120);

  // The HUD shows the world's figures (it refreshes every animation frame, paused or not).
  const w = await world(page);
  await expect(page.getByTestId('hud-score')).toHaveText(String(w.score));
  await expect(page.getByTestId('hud-health')).toHaveText(String(w.health));
  // Step back from the enemy (out of the front plane's foliage) and stop on a frame where the player,
  // blinking while invulnerable, is drawn: the screenshot shows the player, the enemy and the HUD.
  await step(page, 24, Input.Left);
  await page.evaluate(() => {
    const g = (window as unknown as { __game: GameHooks }).__game;
    for (let i = 0; i < 8 && ((g.world.tick >> 2) & 1) !== 0; i++) g.step(1, 0);
  });
  await page.waitForTimeout(100);
  await keepScreenshot(testInfo, 'game.png', await page.screenshot());

  await page.keyboard.press('Backquote');
  const overlay = page.getByTestId('overlay');
  await expect(overlay).toBeVisible();
  // The entity pool is listed under its name, and the streaming panel shows the level's textures.
  await expect(overlay).toContainText('entities');
  await page.waitForTimeout(300);
  await keepScreenshot(testInfo, 'overlay.png', await page.screenshot());
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeHidden();
  expect(errors).toEqual([]);
});

test('unloading the level leaves nothing allocated (tracker mark at load, leaksSince at unload)', async ({ page }) => {
  const errors = collectErrors(page);
  await openGame(page);
  await step(page, 120, 2);
  for (let i = 0; i < 3; i++) {
    const check = await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.reloadLevel());
    expect(check).toEqual({ leaks: 0, bytes: 0, result: 'ok', lines: [] });
    if (i === 0) await expect(page.getByTestId('game-message').filter({ hasText: 'Level unloaded: no leaks' }).first()).toBeVisible();
    await page.evaluate(() => (window as unknown as { __game: GameHooks }).__game.start());
    const w = await world(page);
    expect(w.spawned).toBe(48);
    expect(w.tick).toBe(0);
    await step(page, 60, 2);
  }
  // The overlay shows the last unload's check in its leaks panel.
  await page.keyboard.press('Backquote');
  const phase = page.getByTestId('overlay-phase-check');
  await expect(phase).toBeVisible();
  await expect(phase).toHaveAttribute('data-result', 'ok');
  await expect(phase).toContainText('Level unload (');
  await expect(phase).toContainText('no leaks');
  expect(errors).toEqual([]);
});

test('a simulation error hold ends with a state replacement or a new level; firstPlayableBytes counts the first screen', async ({ page }) => {
  await openGame(page);
  const seen = await page.evaluate(async () => {
    const g = (window as unknown as { __game: GameHooks }).__game;
    const shell = g.shell!;
    const bytes = { first: g.firstPlayableBytes, bundle: g.progress?.bytesLoaded ?? -1 };
    shell.pause('error');
    const held = shell.loop.pauseReasons().includes('error');
    shell.stateReplaced(); // a load or a rewind
    const afterReplace = shell.loop.pauseReasons().includes('error');
    shell.pause('error');
    await shell.reloadLevel();
    return { bytes, held, afterReplace, afterReload: shell.loop.pauseReasons().includes('error') };
  });
  expect(seen).toMatchObject({ held: true, afterReplace: false, afterReload: false });
  // The page's own reads (directory, WWD, ANIs) come on top of the first-frame bundle's bytes.
  expect(seen.bytes.bundle).toBeGreaterThan(0);
  expect(seen.bytes.first).toBeGreaterThan(seen.bytes.bundle);
});
