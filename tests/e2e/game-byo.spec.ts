// Bring your own CLAW.REZ (web/game/byo) in Chromium: the synthetic "REZ like the original"
// (tools/assets/original-like, written to a temporary file) is chosen through the page's file chooser
// and Level 1 plays (objects the game knows spawn, the others are counted as ignored); with the
// consent box ticked it is offered again after a reload, and "Forget it" removes it. A file that is
// not a REZ archive is refused with a clear message while the demo keeps running.
import { expect, test, type Page } from '@playwright/test';
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { deflateSync, inflateSync } from 'node:zlib';

import { checksum, frame, openGame as open, replaceRezFile, rezFile, type GameHooks } from './support/game.js';

type GameWindow = { __game?: GameHooks };

let rezPath = '';

test.beforeAll(async ({}, testInfo) => {
  // OC_ORIGINAL_LIKE_REZ: an archive generated beforehand (the generator imports the package's build/dist).
  const prebuilt = process.env.OC_ORIGINAL_LIKE_REZ;
  if (prebuilt !== undefined && prebuilt !== '') {
    rezPath = prebuilt;
    return;
  }
  rezPath = testInfo.outputPath('CLAW.REZ');
  await promisify(execFile)('npx', ['tsx', 'tools/assets/original-like/main.ts', rezPath, '--quiet'], { timeout: 120_000 });
});

async function waitReady(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const g = (window as unknown as GameWindow).__game;
    if (g?.error) throw new Error(`the game failed to start: ${g.error}`);
    return g?.ready === true;
  }, undefined, { timeout: 30_000 });
}

/** Opens the game on its "Press any key" screen (the archive picker is usable there), the loop not paused by the test. */
async function openGame(page: Page): Promise<void> {
  await open(page, { pause: false, start: false });
}

async function expectMessage(page: Page, text: string | RegExp, kind?: 'info' | 'error'): Promise<void> {
  const toast = page.getByTestId('game-message').filter({ hasText: text });
  await expect(toast.first()).toBeVisible({ timeout: 30_000 });
  if (kind !== undefined) await expect(toast.first()).toHaveAttribute('data-kind', kind);
}

async function world(page: Page): Promise<{ spawned: number; ignored: number }> {
  return page.evaluate(() => {
    const w = (window as unknown as GameWindow).__game!.world;
    return { spawned: w.spawned, ignored: w.ignored };
  });
}

/** The game steps by itself: start it (leave "Press any key") and watch the frame counter move. */
async function expectPlaying(page: Page): Promise<void> {
  await waitReady(page);
  await page.evaluate(() => (window as unknown as GameWindow).__game!.start());
  const before = await frame(page);
  await expect.poll(() => frame(page), { timeout: 10_000 }).toBeGreaterThan(before + 5);
}

test('an original-like CLAW.REZ chosen through the file chooser plays, and with consent it is offered again after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  await openGame(page);
  const demo = await world(page);
  await expect(page.getByTestId('byo-again')).toBeHidden();
  await page.getByTestId('byo-keep').check();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId('byo-open').click()]);
  expect(chooser.isMultiple()).toBe(false);
  await chooser.setFiles(rezPath);
  await expectMessage(page, 'Playing Claw - Level 1 from CLAW.REZ', 'info');
  await expectPlaying(page);
  const claw = await world(page);
  expect(claw.spawned).toBeGreaterThan(0);
  expect(claw.ignored).toBeGreaterThan(0); // AmbientSound, BehindCandy, TogglePeg... are not simulated
  expect(claw).not.toEqual(demo);
  await expectMessage(page, 'kept in this browser for your next visit', 'info');
  await expect(page.getByTestId('byo')).toHaveAttribute('data-kept', 'true');

  // The next visit: the demo starts, and the kept archive is offered.
  await page.reload();
  await openGame(page);
  await expect(page.getByTestId('byo-again')).toBeVisible();
  await expect(page.getByTestId('byo-forget')).toBeVisible();
  await page.getByTestId('byo-again').click();
  await expectMessage(page, 'Playing Claw - Level 1 from CLAW.REZ', 'info');
  await expectPlaying(page);
  expect(await world(page)).toEqual(claw);

  // Back to the demo, then forget the archive: the next visit no longer offers it.
  await page.getByTestId('byo-demo').click();
  await expectMessage(page, 'Playing the demo', 'info');
  await expectPlaying(page);
  expect(await world(page)).toEqual(demo);
  await page.getByTestId('byo-forget').click();
  await expectMessage(page, 'no longer kept');
  await expect(page.getByTestId('byo-again')).toBeHidden();
  await page.reload();
  await openGame(page);
  await expect(page.getByTestId('byo')).toHaveAttribute('data-kept', 'false');
  await expect(page.getByTestId('byo-again')).toBeHidden();
});

test('without consent nothing is kept; a file that is not a REZ archive is refused and the demo keeps running', async ({ page }) => {
  await openGame(page);
  await page.evaluate(() => (window as unknown as GameWindow).__game!.start());
  const demo = await world(page);
  await page.getByTestId('byo-file').setInputFiles({ name: 'readme.rez', mimeType: 'application/octet-stream', buffer: Buffer.from('Just some text. '.repeat(40)) });
  await expectMessage(page, '"readme.rez" is not a REZ archive', 'error');
  expect(await world(page)).toEqual(demo);
  await expectPlaying(page);

  await page.getByTestId('byo-file').setInputFiles(rezPath);
  await expectMessage(page, 'Playing Claw - Level 1', 'info');
  await expectPlaying(page);
  await page.reload();
  await openGame(page);
  await expect(page.getByTestId('byo')).toHaveAttribute('data-kept', 'false');
  await expect(page.getByTestId('byo-again')).toBeHidden();
});

const WWD_PATH = '/LEVEL1/WORLDS/WORLD.WWD';
const WWD_HEADER = 1524;

test('a REZ whose LEVEL1 WWD is broken is refused with a message; the demo that was playing goes on from where it was', async ({ page }) => {
  const rez = await readFile(rezPath);
  const broken = Buffer.from(rez);
  broken.writeUInt32LE(0, rezFile(rez, WWD_PATH).offset); // the WWD signature (1524): the REZ header stays valid
  await openGame(page);
  await expectPlaying(page);
  const demo = await world(page);
  const before = await frame(page);
  const sum = await checksum(page);
  await page.getByTestId('byo-file').setInputFiles({ name: 'CLAW.REZ', mimeType: 'application/octet-stream', buffer: broken });
  await expectMessage(page, 'Could not play "CLAW.REZ"', 'error');
  // The running level was never closed: same level, the loading screen gone, the frames go on from there.
  expect(await page.evaluate(() => (window as unknown as GameWindow).__game!.shell!.level().archive)).toBe('demo');
  expect(await world(page)).toEqual(demo);
  await expect(page.getByTestId('loading-screen')).toHaveAttribute('data-state', 'playing');
  const after = await frame(page);
  expect(after).toBeGreaterThanOrEqual(before);
  await expect.poll(() => frame(page), { timeout: 10_000 }).toBeGreaterThan(after + 5);
  expect(await checksum(page)).not.toBe(sum);
  await expect(page.getByTestId('byo-open')).toBeEnabled();
});

test('loads are queued one at a time and the picker is disabled meanwhile', async ({ page }) => {
  await openGame(page);
  await waitReady(page);
  const seen = await page.evaluate(async () => {
    const g = (window as unknown as GameWindow).__game!;
    const button = document.querySelector<HTMLButtonElement>('[data-testid="byo-open"]')!;
    // Two restarts and an archive switch at once: each runs after the one before (none races the others).
    const runs = [g.reloadLevel(), g.reloadLevel(), g.shell!.switchArchive({ kind: 'demo' }).then(() => null)];
    const during = { disabled: button.disabled, busy: g.shell!.busy };
    const checks = await Promise.all(runs);
    return { during, checks: checks.map((c) => c?.result ?? null), after: { disabled: button.disabled, busy: g.shell!.busy }, level: g.shell!.level().number };
  });
  expect(seen.during).toEqual({ disabled: true, busy: true });
  expect(seen.checks).toEqual(['ok', 'ok', null]);
  expect(seen.after).toEqual({ disabled: false, busy: false });
  expect(seen.level).toBe(1);
  await expectPlaying(page);
});

test('a drawn plane with a tile size of 0 is left out with a message; the level plays', async ({ page }) => {
  const rez = await readFile(rezPath);
  const at = rezFile(rez, WWD_PATH);
  const wwd = rez.subarray(at.offset, at.offset + at.size);
  const body = inflateSync(wwd.subarray(WWD_HEADER));
  expect(body.readUInt32LE(8) & 2).toBe(0); // plane 0 (Background) is drawn
  body.writeUInt32LE(0, 88); // plane 0's tileWidth
  const patched = replaceRezFile(rez, WWD_PATH, Buffer.concat([wwd.subarray(0, WWD_HEADER), deflateSync(body)]));
  await openGame(page);
  await page.getByTestId('byo-file').setInputFiles({ name: 'CLAW.REZ', mimeType: 'application/octet-stream', buffer: patched });
  await expectMessage(page, /Plane 0 \("Background"\) is not drawn: its tile size 0×64/, 'error');
  await expectMessage(page, 'Playing Claw - Level 1', 'info');
  expect((await world(page)).spawned).toBeGreaterThan(0);
  await expectPlaying(page);
});
