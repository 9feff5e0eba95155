// Saves in the game page (web/game/saves, web/game/rewind.ts) in Chromium: quick save and quick load
// across a page reload continue bit-exactly, and every failure — a damaged file, a newer format, a
// full quota, two tabs saving one slot — is a clear message while the game keeps running. The page is
// driven through its window.__game hooks (steps while paused, checksums) and its keys and menu.
import { expect, test, type Page } from '@playwright/test';

import { playDemoRoute, type RouteState, type RouteTarget } from '../engine/game/support/demo-route.js';
import { checksum, frame, Input, keepScreenshot, openGame, type GameHooks } from './support/game.js';

type GameWindow = { __game?: GameHooks };

/** Every run steps idle (no input) up to this frame before its scripted part (the page itself steps none before start). */
const IDLE_UNTIL = 60;

/** A fixed input sequence: runs of 23 frames of each move, from `seed` on. */
function script(length: number, seed: number): number[] {
  const { Left, Right, Jump, Attack } = Input;
  const moves = [Right, Right | Jump, Right | Attack, 0, Left, Left | Jump, Attack, Right];
  const out: number[] = [];
  for (let i = 0; i < length; i++) out.push(moves[Math.floor(i / 23 + seed) % moves.length]!);
  return out;
}
const BEFORE_SAVE = script(300, 0);
const AFTER_SAVE = script(600, 3);

/** The scripted demo route's target on the page; every step(frames, input) it takes is appended to `log`. */
function recordingRoute(page: Page, log: [frames: number, input: number][]): RouteTarget {
  return {
    async step(frames, input) {
      log.push([frames, input]);
      await page.evaluate(([n, bits]) => (window as unknown as GameWindow).__game!.step(n!, bits!), [frames, input]);
    },
    read: () => page.evaluate((): RouteState => {
      const g = (window as unknown as GameWindow).__game!;
      const w = g.world;
      const entities = g.entities().map((e) => ({ index: e.index, kind: e.kind, x: e.x, y: e.y, flags: e.flags, state: e.state }));
      return {
        tick: w.tick, status: w.status, score: w.score, health: w.health, lives: w.lives, cratesBroken: w.cratesBroken,
        treasureTaken: w.treasureTaken, damageTaken: w.damageTaken, player: entities.find((e) => e.kind === 1) ?? null, entities,
      };
    }),
  };
}

/** Steps a recorded route again, in one round trip. */
async function replay(page: Page, log: [number, number][]): Promise<void> {
  await page.evaluate((log) => {
    const g = (window as unknown as GameWindow).__game!;
    for (const [n, bits] of log) g.step(n, bits);
  }, log);
}

/** Idle up to IDLE_UNTIL, then the demo route (moves, breaks a crate, takes its treasure, gets hurt); its steps. */
async function playRoute(page: Page): Promise<[number, number][]> {
  await pauseAndPlay(page, []);
  const log: [number, number][] = [];
  const result = await playDemoRoute(recordingRoute(page, log));
  expect(result.end.score).toBeGreaterThan(result.start.score);
  return log;
}

/**
 * Pauses the loop, steps idle up to IDLE_UNTIL (unless `idle` is false), then the inputs. With `record`
 * it returns the checksum after each input; without, runs of one input go in one step(n) call (one
 * render) and only the last checksum is returned.
 */
async function pauseAndPlay(page: Page, inputs: number[], options: { idle?: boolean; record?: boolean } = {}): Promise<string[]> {
  return page.evaluate(
    ({ inputs, idleUntil, record }) => {
      const g = (window as unknown as GameWindow).__game!;
      g.pause();
      if (idleUntil > 0) {
        if (g.frame > idleUntil) throw new Error(`the page ran ${g.frame} frames before the test paused it`);
        g.step(idleUntil - g.frame, 0);
      }
      const sums: string[] = [];
      for (let i = 0; i < inputs.length; ) {
        let run = 1;
        if (!record) while (i + run < inputs.length && inputs[i + run] === inputs[i]) run++;
        g.step(run, inputs[i]);
        i += run;
        if (record || i === inputs.length) sums.push(g.checksum());
      }
      return sums;
    },
    { inputs, idleUntil: options.idle === false ? 0 : IDLE_UNTIL, record: options.record === true },
  );
}

/** Waits for a message on the game's message line containing `text`. */
async function expectMessage(page: Page, text: string | RegExp, kind?: 'info' | 'error'): Promise<void> {
  const toast = page.getByTestId('game-message').filter({ hasText: text });
  await expect(toast.first()).toBeVisible({ timeout: 20_000 });
  if (kind !== undefined) await expect(toast.first()).toHaveAttribute('data-kind', kind);
}

/** The loop runs: the frame counter moves by itself (the test's pause released). */
async function expectRunning(page: Page): Promise<void> {
  await page.evaluate(() => (window as unknown as GameWindow).__game!.resume());
  const before = await frame(page);
  await expect.poll(() => frame(page), { timeout: 10_000 }).toBeGreaterThan(before + 5);
}

async function openMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('save-menu')).toHaveAttribute('data-state', 'open');
  await expect(page.getByTestId('save-slots')).toHaveAttribute('data-state', 'ready');
}

async function closeMenu(page: Page): Promise<void> {
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('save-menu')).toHaveAttribute('data-state', 'closed');
}

function slotRow(page: Page, slot: string) {
  return page.locator(`[data-testid="save-slot"][data-slot="${slot}"]`);
}

async function saveNamed(page: Page, slot: string): Promise<void> {
  await page.getByTestId('save-name').fill(slot);
  await page.getByTestId('save-new').click();
}

/** Saves `slot` from the menu and downloads its .clawsnap export. */
async function exportSave(page: Page, slot: string): Promise<Buffer> {
  await openMenu(page);
  await saveNamed(page, slot);
  await expectMessage(page, `Saved "${slot}"`, 'info');
  await expect(slotRow(page, slot)).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), slotRow(page, slot).getByTestId('save-slot-export').click()]);
  expect(download.suggestedFilename()).toBe(`${slot}.clawsnap`);
  const chunks: Buffer[] = [];
  for await (const chunk of (await download.createReadStream())) chunks.push(chunk as Buffer);
  const bytes = Buffer.concat(chunks);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('OCSN');
  return bytes;
}

async function importFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.getByTestId('save-import-file').setInputFiles({ name, mimeType: 'application/octet-stream', buffer: bytes });
}

test('quick save, reload the page, quick load: the checksum is the saved one and the next 600 frames match a run that never saved', async ({ browser }) => {
  test.setTimeout(150_000);
  const context = await browser.newContext();
  const page = await context.newPage();
  await openGame(page);
  const route = await playRoute(page);
  const saved = await checksum(page);
  const savedFrame = await frame(page);
  await page.keyboard.press('F5');
  await expectMessage(page, 'Saved "quick"', 'info');

  await page.reload();
  await openGame(page);
  expect(await checksum(page)).not.toBe(saved);
  await page.keyboard.press('F9');
  await expectMessage(page, 'Loaded "quick"', 'info');
  expect(await checksum(page)).toBe(saved);
  expect(await frame(page)).toBe(savedFrame);
  const loaded = await pauseAndPlay(page, AFTER_SAVE, { idle: false, record: true });
  await context.close();

  // The reference: a fresh page (its own storage) that never saved or loaded, given the same inputs.
  const fresh = await browser.newContext();
  const ref = await fresh.newPage();
  await openGame(ref);
  await pauseAndPlay(ref, []);
  await replay(ref, route);
  expect(await frame(ref)).toBe(savedFrame);
  expect(await checksum(ref)).toBe(saved);
  const reference = await pauseAndPlay(ref, AFTER_SAVE, { idle: false, record: true });
  expect(loaded).toHaveLength(600);
  const firstDiff = loaded.findIndex((sum, i) => sum !== reference[i]);
  expect(firstDiff, `first differing frame after the load: ${firstDiff}`).toBe(-1);
  await fresh.close();
});

test('a damaged or truncated .clawsnap is refused with a clear message; the game keeps running; the menu screenshot', async ({ page }, testInfo) => {
  await openGame(page);
  await playRoute(page); // the thumbnails and the HUD show a level in progress
  const bytes = await exportSave(page, 'Harbour');
  await saveNamed(page, 'Second');
  await expectMessage(page, 'Saved "Second"');
  await expect(slotRow(page, 'Second')).toBeVisible();
  await expect(slotRow(page, 'Harbour').getByTestId('save-slot-details')).toContainText('Level 1 · score');
  await expect(slotRow(page, 'Harbour').locator('img')).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  const shot = await page.screenshot();
  await keepScreenshot(testInfo, 'save-menu.png', shot); // the README shows it
  const before = await checksum(page);

  // Delete takes two clicks (the first arms the button).
  const remove = slotRow(page, 'Second').getByTestId('save-slot-delete');
  await remove.click();
  await expect(remove).toHaveAttribute('data-armed', 'true');
  await expect(slotRow(page, 'Second')).toBeVisible();
  await remove.click();
  await expectMessage(page, 'Deleted "Second"', 'info');
  await expect(slotRow(page, 'Second')).toHaveCount(0);

  const damaged = Buffer.from(bytes);
  damaged[damaged.length >> 1] = damaged[damaged.length >> 1]! ^ 0x40;
  await importFile(page, 'damaged.clawsnap', damaged);
  await expectMessage(page, 'is damaged (checksum mismatch)', 'error');
  await importFile(page, 'short.clawsnap', bytes.subarray(0, bytes.length - 100));
  await expectMessage(page, /truncated|damaged/, 'error');
  await importFile(page, 'notes.clawsnap', Buffer.from('these are not the bytes of a snapshot at all, not even close'));
  await expectMessage(page, 'is not an OpenClaw snapshot', 'error');
  expect(await checksum(page)).toBe(before); // nothing was loaded
  await expect(page.locator('[data-testid="save-slot"][data-slot^="damaged"]')).toHaveCount(0);
  await closeMenu(page);
  await expectRunning(page);

  // The intact file still imports and loads.
  await page.evaluate(() => (window as unknown as GameWindow).__game!.pause());
  await openMenu(page);
  await importFile(page, 'Harbour copy.clawsnap', bytes);
  await expectMessage(page, 'Imported "Harbour copy.clawsnap"', 'info');
  await expect(page.getByTestId('save-menu')).toHaveAttribute('data-state', 'closed');
  expect(await checksum(page)).toBe(before);
  await openMenu(page);
  await expect(slotRow(page, 'Harbour copy')).toBeVisible();
  await expect(slotRow(page, 'Harbour copy').getByTestId('save-slot-details')).toContainText('imported from Harbour copy.clawsnap');
});

test('the menu works from the keyboard: Enter saves the typed name, F5 and Esc work inside the name field', async ({ page }) => {
  await openGame(page);
  await pauseAndPlay(page, BEFORE_SAVE.slice(0, 30));
  await openMenu(page);
  const name = page.getByTestId('save-name');
  await expect(name).toBeFocused();
  await name.fill('Typed');
  await name.press('Enter');
  await expectMessage(page, 'Saved "Typed"', 'info');
  await expect(slotRow(page, 'Typed')).toBeVisible();
  await name.focus();
  await name.press('F5'); // a quick save, not a page reload
  await expectMessage(page, 'Saved "quick"', 'info');
  await expect(slotRow(page, 'quick')).toBeVisible();
  await name.press('Escape');
  await expect(page.getByTestId('save-menu')).toHaveAttribute('data-state', 'closed');
  await expectRunning(page);
});

test('a snapshot of a newer format version says "newer version"; the game keeps running', async ({ page }) => {
  await openGame(page);
  await pauseAndPlay(page, BEFORE_SAVE.slice(0, 60));
  const bytes = await exportSave(page, 'future');
  const before = await checksum(page);
  // docs/snapshot.md: u16 version at 4, u16 min_version at 6; a reader refuses min_version above its own
  // before it looks at any checksum.
  const newer = Buffer.from(bytes);
  newer.writeUInt16LE(99, 4);
  newer.writeUInt16LE(99, 6);
  await importFile(page, 'future.clawsnap', newer);
  await expectMessage(page, 'made by a newer version', 'error');
  expect(await checksum(page)).toBe(before);
  await closeMenu(page);
  await expectRunning(page);
});

test('a full storage quota: a clear message, the previous save still loads, the game keeps running', async ({ page, baseURL }) => {
  test.setTimeout(90_000);
  // Chromium reads an origin's quota when its storage is first used: shrink it before the page opens.
  const origin = new URL(baseURL ?? 'http://127.0.0.1').origin;
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Storage.overrideQuotaForOrigin', { origin, quotaSize: 24 * 1024 * 1024 });
  await openGame(page);
  await pauseAndPlay(page, BEFORE_SAVE.slice(0, 90));
  await openMenu(page);
  await saveNamed(page, 'quota');
  await expectMessage(page, 'Saved "quota"', 'info');
  const saved = await checksum(page);

  // Fill what is left of the quota with incompressible bytes, in smaller and smaller pieces, until not
  // even 4 KiB fits: any save is then over the quota.
  const filled = await page.evaluate(async () => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open('quota-filler', 1);
      req.onupgradeneeded = () => req.result.createObjectStore('fill');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    const put = (key: number, bytes: Uint8Array): Promise<boolean> =>
      new Promise((resolve) => {
        const tx = db.transaction('fill', 'readwrite', { durability: 'strict' });
        tx.objectStore('fill').put(bytes, key);
        tx.oncomplete = () => resolve(true);
        tx.onabort = () => resolve(false);
        tx.onerror = () => resolve(false);
      });
    let key = 0;
    let total = 0;
    for (const size of [1 << 20, 1 << 16, 1 << 12]) {
      for (;;) {
        const bytes = new Uint8Array(size);
        for (let at = 0; at < size; at += 65536) crypto.getRandomValues(bytes.subarray(at, Math.min(size, at + 65536)));
        if (!(await put(key++, bytes))) break;
        total += size;
        if (total > 64 << 20) throw new Error('the quota override did not apply');
      }
    }
    db.close();
    return total;
  });
  expect(filled).toBeGreaterThan(0);

  await closeMenu(page);
  await pauseAndPlay(page, BEFORE_SAVE.slice(0, 30), { idle: false });
  expect(await checksum(page)).not.toBe(saved);
  await openMenu(page);
  await slotRow(page, 'quota').getByTestId('save-slot-overwrite').click();
  await expectMessage(page, 'storage is full (quota exceeded)', 'error');
  await expectMessage(page, 'previous save is intact');
  await slotRow(page, 'quota').getByTestId('save-slot-load').click();
  await expectMessage(page, 'Loaded "quota"', 'info');
  expect(await checksum(page)).toBe(saved);
  await expect(page.getByTestId('save-menu')).toHaveAttribute('data-state', 'closed');
  await expectRunning(page);
});

test('two tabs quick-save the same slot: one is saved, the other gets the conflict message, then overwrites on purpose', async ({ context }) => {
  const a = await context.newPage();
  const b = await context.newPage();
  await openGame(a);
  await openGame(b);
  await pauseAndPlay(a, BEFORE_SAVE.slice(0, 40));
  await pauseAndPlay(b, BEFORE_SAVE.slice(0, 80));
  const sums = [await checksum(a), await checksum(b)];
  expect(sums[0]).not.toBe(sums[1]);
  // Each page read the slot list when it opened (no "quick" slot): whichever saves second conflicts.
  for (const p of [a, b]) await expect(p.getByTestId('save-slots')).toHaveAttribute('data-state', 'ready');
  await Promise.all([a.keyboard.press('F5'), b.keyboard.press('F5')]);
  const conflicts = [a, b].map((p) => p.getByTestId('game-message').filter({ hasText: 'saved by another tab' }));
  await expect.poll(async () => (await Promise.all(conflicts.map((c) => c.count()))).reduce((x, y) => x + y), { timeout: 20_000 }).toBe(1);
  const loser = (await conflicts[0]!.count()) === 1 ? a : b;
  const winner = loser === a ? b : a;
  await expect(loser.getByTestId('game-message').filter({ hasText: 'saved by another tab' })).toHaveAttribute('data-kind', 'error');
  await expectMessage(winner, 'Saved "quick"', 'info');
  // The winner's save loads in the loser's tab...
  await loser.keyboard.press('F9');
  await expectMessage(loser, 'Loaded "quick"', 'info');
  expect(await checksum(loser)).toBe(sums[winner === a ? 0 : 1]);
  // ...and after the conflict the loser's next save overwrites it deliberately.
  await loser.keyboard.press('F5');
  await expectMessage(loser, 'Saved "quick"', 'info');
  await expectRunning(loser);
  await expectRunning(winner);
});

test('hold R to rewind: earlier frames come back exactly, it stops at the oldest kept frame, the game continues on release', async ({ page }) => {
  await openGame(page);
  const sums = await pauseAndPlay(page, BEFORE_SAVE.slice(0, 200), { record: true });
  const end = await frame(page);
  await page.evaluate(() => (window as unknown as GameWindow).__game!.resume());
  await page.keyboard.down('KeyR');
  await expect(page.getByTestId('rewind-indicator')).toHaveAttribute('data-state', /rewinding|oldest/);
  // While R is held nothing steps: a frame at or before `end` is exactly the state it had the first time.
  // Sampled in the page, at the first animation frame 20 frames before `end`, so that it is one of the scripted ones.
  const [at, sum] = await page.evaluate(
    (target) =>
      new Promise<[number, string]>((resolve, reject) => {
        const started = performance.now();
        const look = (): void => {
          const g = (window as unknown as GameWindow).__game!;
          if (g.frame < target) resolve([g.frame, g.checksum()]);
          else if (performance.now() - started > 10_000) reject(new Error(`still at frame ${g.frame} after 10 s of rewind`));
          else requestAnimationFrame(look);
        };
        look();
      }),
    end - 20,
  );
  expect(at).toBeLessThanOrEqual(end);
  expect(sum).toBe(sums[at - (end - sums.length) - 1]);
  // Held on, it reaches the oldest frame the ring keeps (the ring starts with the level) and stays there, without an error.
  await expect(page.getByTestId('rewind-indicator')).toHaveAttribute('data-state', 'oldest', { timeout: 15_000 });
  const oldest = await frame(page);
  expect(oldest).toBeLessThan(at);
  await page.waitForTimeout(300);
  expect(await frame(page)).toBe(oldest);
  await expect(page.getByTestId('game-message').filter({ hasText: 'Rewind' })).toHaveCount(0);
  await page.keyboard.up('KeyR');
  await expect(page.getByTestId('rewind-indicator')).toHaveAttribute('data-state', 'off');
  await expectRunning(page);
});

test('an imported .clawsnap of another level, or of a world with no level, is refused; nothing is loaded or stored', async ({ page }) => {
  await openGame(page);
  await pauseAndPlay(page, BEFORE_SAVE.slice(0, 60));
  // Valid, sealed snapshots of this very page, made in it: one whose world names another level (its
  // WWD hash changed), one taken with the level unloaded. The state is put back after each.
  const [otherLevel, noLevel] = await page.evaluate(() => {
    const shell = (window as unknown as GameWindow).__game!.shell!;
    const { engine, game } = shell;
    const before = engine.snapshot();
    const hashLo = engine.regions.state.base + game.world.offset + 152; // World.level_hash_lo
    const u32 = new Uint32Array(engine.abi.memory.buffer);
    u32[hashLo >>> 2] = (u32[hashLo >>> 2]! ^ 0x5a5a5a5a) >>> 0;
    const other = engine.snapshot();
    engine.restore(before);
    game.unloadLevel();
    const empty = engine.snapshot();
    engine.restore(before);
    shell.stateReplaced();
    return [Array.from(other), Array.from(empty)];
  });
  const before = await checksum(page);
  const at = await frame(page);
  await openMenu(page);
  const slots = await page.getByTestId('save-slot').count();
  await importFile(page, 'other level.clawsnap', Buffer.from(otherLevel));
  await expectMessage(page, 'this file belongs to another level or archive', 'error');
  await importFile(page, 'no level.clawsnap', Buffer.from(noLevel));
  await expectMessage(page, 'this file is not a game save (its world holds no level)', 'error');
  expect(await checksum(page)).toBe(before);
  expect(await frame(page)).toBe(at);
  await expect(page.getByTestId('save-slot')).toHaveCount(slots);
  await closeMenu(page);
  await expectRunning(page);
});

test('pausing the game while R is held ends the rewind: nothing rewinds under a menu', async ({ page }) => {
  await openGame(page);
  await pauseAndPlay(page, BEFORE_SAVE.slice(0, 120));
  await page.evaluate(() => (window as unknown as GameWindow).__game!.resume());
  await page.keyboard.down('KeyR');
  await expect(page.getByTestId('rewind-indicator')).toHaveAttribute('data-state', /rewinding|oldest/);
  await page.evaluate(() => (window as unknown as GameWindow).__game!.pause());
  await expect(page.getByTestId('rewind-indicator')).toHaveAttribute('data-state', 'off');
  const held = await frame(page);
  await page.waitForTimeout(300);
  expect(await frame(page)).toBe(held);
  await page.keyboard.up('KeyR');
  await expectRunning(page);
});
