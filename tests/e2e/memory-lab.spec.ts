// The memory lab in Chromium: every action goes through the page's buttons, and every number checked
// is the one the page shows, compared with what the allocators' rules make true.
import { expect, test, type Locator, type Page } from '@playwright/test';
import path from 'node:path';
import { collectErrors, openLab } from './support/lab.js';

/** The integer a stat cell shows ("1,048,576" -> 1048576). */
async function shown(locator: Locator): Promise<number> {
  const text = (await locator.textContent()) ?? '';
  const digits = text.replace(/[^0-9]/g, '');
  if (digits === '') throw new Error(`no number in "${text}"`);
  return Number(digits);
}

/** Waits (the page updates on the next animation frame) until a cell shows n. */
async function expectShown(locator: Locator, n: number): Promise<void> {
  await expect.poll(() => shown(locator), { timeout: 5_000 }).toBe(n);
}

async function createPool(page: Page, name: string, slotSize: number, align: number, capacity: number): Promise<void> {
  await page.getByTestId('pool-name').fill(name);
  await page.getByTestId('pool-slot-size').fill(String(slotSize));
  await page.getByTestId('pool-align').fill(String(align));
  await page.getByTestId('pool-capacity').fill(String(capacity));
  await page.getByTestId('pool-create').click();
}

test('pools, slab and frame arena through the UI', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await openLab(page);
  // COOP/COEP from the server: later features need SharedArrayBuffer.
  expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(true);
  expect(await shown(page.getByTestId('region-state-used'))).toBeGreaterThan(0);

  // ---- a pool, created through the form ------------------------------------------------------
  await createPool(page, 'bullets', 64, 16, 256);
  const card = page.locator('[data-testid="pool-card"][data-pool="bullets"]');
  await expect(card).toHaveCount(1);
  const stat = (key: string): Locator => card.getByTestId(`pool-${key}`);
  const cells = card.getByTestId('slot-cell');
  const liveCells = card.locator('[data-testid="slot-cell"][data-state="live"]');
  await expectShown(stat('capacity'), 256);
  await expectShown(stat('live'), 0);
  await expect(cells).toHaveCount(256);
  await expect(card.locator('[data-testid="slot-cell"][data-state="untouched"]')).toHaveCount(256);

  // ---- 3 single allocations: slots 0..2, generation 1 (odd = live) ----------------------------
  for (let i = 0; i < 3; i++) await card.getByTestId('pool-alloc-1').click();
  await expectShown(stat('live'), 3);
  await expectShown(stat('peak'), 3);
  await expectShown(stat('total-allocs'), 3);
  await expectShown(stat('total-frees'), 0);
  await expect(liveCells).toHaveCount(3);
  for (let i = 0; i < 3; i++) {
    await expect(cells.nth(i)).toHaveAttribute('data-state', 'live');
    await expect(cells.nth(i)).toHaveAttribute('title', `slot ${i} · generation 1 · live`);
  }
  const rows = card.getByTestId('handle-row');
  await expect(rows).toHaveCount(3);
  const hexes = await card.getByTestId('handle-hex').allTextContents();
  for (const hex of hexes) expect(hex).toMatch(/^0x[0-9A-F]{8}$/);
  expect(new Set(hexes).size).toBe(3);
  expect(hexes.every((h) => Number.parseInt(h, 16) !== 0)).toBe(true);
  await expect(rows.first()).toHaveAttribute('data-index', '2'); // newest first
  await expect(rows.first().getByTestId('handle-status')).toHaveText('live');

  // ---- a batch of 100 -----------------------------------------------------------------------
  await card.getByTestId('pool-alloc-100').click();
  await expectShown(stat('live'), 103);
  await expectShown(stat('peak'), 103);
  await expectShown(stat('total-allocs'), 103);
  await expect(liveCells).toHaveCount(103);
  await expect(cells.nth(102)).toHaveAttribute('data-state', 'live');
  await expect(cells.nth(103)).toHaveAttribute('data-state', 'untouched');
  await expect(rows).toHaveCount(12); // the list keeps the most recent handles only

  // ---- free a selected slot: its generation is bumped to 2 (even = free) ----------------------
  await cells.nth(1).click();
  await expect(cells.nth(1)).toHaveClass(/selected/);
  await card.getByTestId('pool-free-selected').click();
  await expectShown(stat('live'), 102);
  await expectShown(stat('total-frees'), 1);
  await expectShown(stat('peak'), 103);
  await expect(cells.nth(1)).toHaveAttribute('data-state', 'free');
  await expect(cells.nth(1)).toHaveAttribute('data-generation', '2');
  await expect(cells.nth(1)).toHaveAttribute('title', 'slot 1 · generation 2 · free');
  await expect(cells.nth(1)).not.toHaveClass(/selected/);
  await expect(card.getByTestId('pool-free-selected')).toBeDisabled();

  // ---- free a random half of the 102 live slots ---------------------------------------------
  await card.getByTestId('pool-free-half').click();
  await expectShown(stat('live'), 51);
  await expectShown(stat('total-frees'), 52);
  await expectShown(stat('peak'), 103);
  await expect(liveCells).toHaveCount(51);
  await expect(card.locator('[data-testid="slot-cell"][data-state="free"]')).toHaveCount(52);
  for (const g of await card.locator('[data-testid="slot-cell"][data-state="free"]').evaluateAll((els) =>
    els.map((e) => Number((e as HTMLElement).dataset.generation)),
  )) {
    expect(g).toBe(2); // each freed slot was allocated once and freed once
  }

  // ---- a stale handle: alloc, free, alloc again (same slot), free the first handle ------------
  await card.getByTestId('pool-free-stale').click();
  const banner = page.getByTestId('error-banner');
  await expect(banner).toBeVisible();
  await expect(page.getByTestId('error-name')).toHaveText('StaleHandleError');
  await expect(page.getByTestId('error-code')).toHaveText('StaleHandle');
  await expect(page.getByTestId('error-message')).toHaveText(/stale/i);
  await expectShown(stat('total-allocs'), 105);
  await expectShown(stat('total-frees'), 53);
  await expectShown(stat('live'), 52); // the refused free changed nothing
  const reused = rows.nth(0);
  const stale = rows.nth(1);
  await expect(reused.getByTestId('handle-status')).toHaveText('live');
  await expect(stale.getByTestId('handle-status')).toHaveText('stale');
  const slot = await reused.getAttribute('data-index');
  expect(await stale.getAttribute('data-index')).toBe(slot);
  const oldGen = Number(await stale.getAttribute('data-generation'));
  expect(Number(await reused.getAttribute('data-generation'))).toBe(oldGen + 2);
  await expect(card.getByTestId('pool-check')).toHaveText('check ok');

  // The lab's picture for the record: a mixed grid, live and stale handles, the typed error.
  const shot = path.join(testInfo.project.outputDir, 'memory-lab.png');
  await page.screenshot({ path: shot, fullPage: true });
  await testInfo.attach('memory-lab', { path: shot, contentType: 'image/png' });

  // A successful action clears the banner.
  await card.getByTestId('pool-alloc-1').click();
  await expect(banner).toBeHidden();
  await expectShown(stat('live'), 53);

  // ---- exhaustion is all or nothing ---------------------------------------------------------
  await card.getByTestId('pool-alloc-100').click();
  await card.getByTestId('pool-alloc-100').click();
  await expectShown(stat('live'), 253);
  await card.getByTestId('pool-alloc-100').click();
  await expect(page.getByTestId('error-name')).toHaveText('PoolExhaustedError');
  await expectShown(stat('live'), 253);
  await expectShown(stat('peak'), 253);
  expect(await shown(stat('failures'))).toBeGreaterThan(0);
  await expect(liveCells).toHaveCount(253);

  // ---- free all -----------------------------------------------------------------------------
  await card.getByTestId('pool-free-all').click();
  await expectShown(stat('live'), 0);
  const allocs = await shown(stat('total-allocs'));
  await expectShown(stat('total-frees'), allocs);
  expect(allocs).toBe(306);
  await expect(liveCells).toHaveCount(0);
  await expect(card.getByTestId('handle-status').filter({ hasText: /^live$/ })).toHaveCount(0);
  await expect(card.getByTestId('pool-check')).toHaveText('check ok');

  // ---- slab ---------------------------------------------------------------------------------
  const slab = page.getByTestId('slab-panel');
  const slabStat = (key: string): Locator => slab.getByTestId(`slab-${key}`);
  const liveBytes0 = await shown(slabStat('live-bytes'));
  const liveBlocks0 = await shown(slabStat('live-blocks'));
  const slabAllocs0 = await shown(slabStat('total-allocs'));
  const slabFrees0 = await shown(slabStat('total-frees'));
  await slab.getByTestId('slab-size').fill('100');
  await slab.getByTestId('slab-alloc').click();
  await expect(slab.getByTestId('slab-block')).toHaveCount(1);
  const usable = await shown(slab.getByTestId('slab-block-usable'));
  expect(usable).toBeGreaterThanOrEqual(100);
  expect(usable % 16).toBe(0); // class sizes are multiples of 16
  // Live bytes count the usable size of each live block (the class size), not the requested size.
  await expectShown(slabStat('live-bytes'), liveBytes0 + usable);
  await expectShown(slabStat('live-blocks'), liveBlocks0 + 1);
  await expectShown(slabStat('total-allocs'), slabAllocs0 + 1);
  expect(await shown(slabStat('reserved'))).toBeGreaterThanOrEqual(liveBytes0 + usable);
  expect(await shown(slabStat('pages'))).toBeGreaterThan(0);
  const classRow = slab.locator(`[data-testid="slab-class"][data-block-size="${usable}"]`);
  await expect(classRow).toHaveCount(1);
  await expect(classRow.getByTestId('slab-class-live')).toHaveText(/^1 \/ \d/);

  // An offset inside the block is not a block: refused, and nothing changes.
  await slab.getByTestId('slab-free-bad').click();
  await expect(page.getByTestId('error-name')).toHaveText('InvalidOffsetError');
  await expectShown(slabStat('live-blocks'), liveBlocks0 + 1);

  await slab.getByTestId('slab-block-free').click();
  await expectShown(slabStat('live-bytes'), liveBytes0);
  await expectShown(slabStat('live-blocks'), liveBlocks0);
  await expectShown(slabStat('total-frees'), slabFrees0 + 1);
  await expect(slab.getByTestId('slab-block')).toHaveCount(0);
  await expect(classRow.getByTestId('slab-class-live')).toHaveText(/^0 \/ \d/);

  // ---- frame arena --------------------------------------------------------------------------
  const arena = page.getByTestId('arena-panel');
  const arenaStat = (key: string): Locator => arena.getByTestId(`arena-${key}`);
  await expectShown(arenaStat('used'), 0);
  const resets0 = await shown(arenaStat('resets'));
  expect(await shown(arenaStat('capacity'))).toBeGreaterThan(0);
  await arena.getByTestId('arena-size').fill('256');
  await arena.getByTestId('arena-alloc').click();
  await expectShown(arenaStat('used'), 256);
  await arena.getByTestId('arena-marker').click();
  await expect(arena.getByTestId('arena-marker-row')).toHaveCount(1);
  await arena.getByTestId('arena-size').fill('100');
  await arena.getByTestId('arena-alloc').click();
  await expectShown(arenaStat('used'), 356);
  await expectShown(arenaStat('total-allocs'), 2);
  await arena.getByTestId('arena-unwind').click();
  await expectShown(arenaStat('used'), 256);
  await expect(arena.getByTestId('arena-marker-row')).toHaveCount(0);
  await arena.getByTestId('arena-alloc').click();
  await arena.getByTestId('arena-reset').click();
  await expectShown(arenaStat('used'), 0);
  await expectShown(arenaStat('resets'), resets0 + 1);
  await expectShown(arenaStat('peak'), 356);

  expect(errors).toEqual([]);
});

test('bad pool parameters give a typed error and create nothing', async ({ page }) => {
  const errors = collectErrors(page);
  await openLab(page);
  await createPool(page, 'odd', 64, 3, 16);
  await expect(page.getByTestId('error-name')).toHaveText('BadAlignmentError');
  await expect(page.getByTestId('error-code')).toHaveText('BadAlignment');
  await createPool(page, 'empty', 64, 16, 0);
  await expect(page.getByTestId('error-name')).toHaveText('InvalidArgumentError');
  await expect(page.getByTestId('pool-card')).toHaveCount(0);
  // The same page still works after refusals.
  await createPool(page, 'ok', 32, 8, 8);
  await expect(page.getByTestId('pool-card')).toHaveCount(1);
  await expect(page.getByTestId('error-banner')).toBeHidden();
  expect(errors).toEqual([]);
});
