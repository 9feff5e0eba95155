// The debug overlay over the memory lab in Chromium: opened by the backquote key and by its button,
// a pool created through the lab's form with a tag, a leak made through the lab's buttons after a
// Mark (allocated, never freed) and found in the overlay's leak list with its tag, site, count and
// bytes; freed, marked again, and gone. The overlay's picture is saved as a test artifact.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { collectErrors, openLab } from './support/lab.js';

const POOL = 'goblins';
const TAG = 'enemies';
const SLOT = 48; // a multiple of the alignment: the usable size the tracker counts is exactly this

async function createPool(page: Page, name: string, tag: string, slotSize: number, capacity: number): Promise<Locator> {
  await page.getByTestId('pool-name').fill(name);
  await page.getByTestId('pool-tag').fill(tag);
  await page.getByTestId('pool-slot-size').fill(String(slotSize));
  await page.getByTestId('pool-align').fill('16');
  await page.getByTestId('pool-capacity').fill(String(capacity));
  await page.getByTestId('pool-create').click();
  const card = page.locator(`[data-testid="pool-card"][data-pool="${name}"]`);
  await expect(card).toHaveCount(1);
  return card;
}

/** The number a Cell holds (data-value: the raw figure, whatever the text's format). */
async function value(locator: Locator): Promise<number> {
  const v = await locator.getAttribute('data-value');
  if (v === null) throw new Error('no data-value yet');
  return Number(v);
}

test('the overlay opens with backquote and its button, and lists a leak made after a mark with its tag', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  await openLab(page);
  const overlay = page.getByRole('dialog', { name: 'Memory overlay' });
  const toggle = page.getByRole('button', { name: 'Memory overlay', exact: true });
  await expect(overlay).toBeHidden();
  await expect(toggle).toHaveText('mem');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');

  // ---- backquote opens it; it reads the tracker (full mode in the lab) ------------------------------
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeVisible();
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  await expect(overlay.getByRole('combobox', { name: 'Tracking mode' })).toHaveValue('full');
  // The lab ends a tracker frame every animation frame: the overlay's frame counter moves. (Found
  // from the page: a closed dialog is out of the accessibility tree, so `overlay` finds nothing then.)
  const frame = page.getByTestId('overlay-frame');
  const frame0 = await value(frame);
  await expect.poll(() => value(frame)).toBeGreaterThan(frame0 + 5);
  // The graph has a line per attached region, the heat map shows the state region's metadata.
  await expect(overlay.getByTestId('overlay-graph-region')).toHaveText([/^state /, /^frame /]);
  await expect(overlay.locator('[data-testid="overlay-heatmap-key"][data-tag="metadata"]')).toHaveCount(1);
  await expect(overlay.locator('[data-testid="overlay-heatmap-key"][data-tag="free"]')).toHaveCount(1);
  await expect(overlay.getByTestId('overlay-leaks')).toHaveAttribute('data-state', 'no-mark');

  // ---- the button closes and opens it; closed, it does no work ------------------------------------
  await toggle.click();
  await expect(overlay).toBeHidden();
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  const frozen = await value(frame);
  await page.waitForTimeout(300); // ~18 frames the lab ends while the overlay is closed
  expect(await value(frame)).toBe(frozen);
  await toggle.click();
  await expect(overlay).toBeVisible();
  expect(await value(frame)).toBeGreaterThan(frozen); // refreshed at once on open
  await overlay.getByRole('button', { name: 'Close the memory overlay' }).click();
  await expect(overlay).toBeHidden();

  // ---- backquote typed into a field is text, not the hotkey ----------------------------------------
  const nameField = page.getByTestId('pool-name');
  await nameField.fill('x');
  await nameField.press('Backquote');
  await expect(nameField).toHaveValue('x`');
  await expect(overlay).toBeHidden();

  // ---- a pool with a tag, through the lab's form ---------------------------------------------------
  const card = await createPool(page, POOL, TAG, SLOT, 256);
  await nameField.blur();
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeVisible();
  const poolRow = overlay.locator(`[data-testid="overlay-pool-row"][data-pool="${POOL}"]`);
  await expect(poolRow).toHaveAttribute('data-capacity', '256');
  await expect(poolRow).toHaveAttribute('data-live', '0');
  const tagRow = overlay.locator(`[data-testid="overlay-tag-row"][data-tag="${TAG}"]`);
  await expect(tagRow).toHaveCount(1);
  await expect(tagRow.getByTestId('overlay-tag-live-count')).toHaveAttribute('data-value', '0');

  // ---- Mark, then allocate through the lab and never free ------------------------------------------
  const leaks = overlay.getByTestId('overlay-leaks');
  const rows = leaks.getByTestId('overlay-leak-row');
  const summary = leaks.getByTestId('overlay-leaks-summary');
  await overlay.getByTestId('overlay-mark').click();
  await expect(leaks).toHaveAttribute('data-state', 'listing');
  await expect(leaks).toHaveAttribute('data-mark', '1');
  await expect(overlay.getByTestId('overlay-mark-label')).toHaveText(/^mark #1 at frame \d/);
  await expect(summary).toHaveText('Nothing allocated since mark #1 is alive.');
  await expect(rows).toHaveCount(0);

  await card.getByTestId('pool-alloc-1').click();
  await card.getByTestId('pool-alloc-1').click();
  await card.getByTestId('pool-alloc-100').click();
  await expect(card.getByTestId('pool-live')).toHaveText('102');

  // Two groups (one per button: their sites differ), largest bytes first, both with the pool's tag.
  await expect(rows).toHaveCount(2);
  await expect(summary).toHaveAttribute('data-count', '102');
  await expect(rows.getByTestId('overlay-leak-tag')).toHaveText([TAG, TAG]);
  await expect(rows.getByTestId('overlay-leak-site')).toHaveText(['lab: Alloc 100', 'lab: Alloc 1']);
  const batch = rows.nth(0);
  await expect(batch).toHaveAttribute('data-tag', TAG);
  await expect(batch).toHaveAttribute('data-count', '100');
  await expect(batch).toHaveAttribute('data-bytes', String(100 * SLOT));
  await expect(batch.getByTestId('overlay-leak-count')).toHaveText('100');
  await expect(rows.nth(1)).toHaveAttribute('data-count', '2');
  await expect(rows.nth(1)).toHaveAttribute('data-bytes', String(2 * SLOT));
  await expect(summary).toHaveText(`102 allocations, ${((102 * SLOT) / 1024).toFixed(1)} KiB alive since mark #1 in 2 groups.`);

  // The other panels agree: the tag's live figures, the pool's bar, the tag on the heat map.
  await expect(tagRow.getByTestId('overlay-tag-live-count')).toHaveAttribute('data-value', '102');
  await expect(tagRow.getByTestId('overlay-tag-live-bytes')).toHaveAttribute('data-value', String(102 * SLOT));
  await expect(poolRow).toHaveAttribute('data-live', '102');
  await expect(overlay.locator(`[data-testid="overlay-heatmap-key"][data-tag="${TAG}"]`)).toHaveCount(1);
  await expect(overlay.getByTestId('overlay-error')).toBeHidden();

  // The overlay's own cost: the rolling median of update() (the bench measures it properly; here
  // only a sanity bound well under a frame, on a shared machine with a software renderer).
  await expect(overlay.getByTestId('overlay-cost')).toHaveText(/^\d+\.\d\d ms$/);
  const costMs = Number.parseFloat((await overlay.getByTestId('overlay-cost').textContent()) ?? 'NaN');
  expect(costMs).toBeGreaterThanOrEqual(0);
  expect(costMs).toBeLessThan(8);

  // ---- the picture, as an artifact -------------------------------------------------------------------
  const shot = testInfo.outputPath('overlay.png');
  await overlay.screenshot({ path: shot });
  await testInfo.attach('overlay', { path: shot, contentType: 'image/png' });

  // ---- free them (the open overlay covers the button: close it, as a person would): nothing left --
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeHidden();
  await card.getByTestId('pool-free-all').click();
  await expect(card.getByTestId('pool-live')).toHaveText('0');
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeVisible();
  await expect(leaks).toHaveAttribute('data-mark', '1'); // the mark outlives closing the overlay
  await expect(rows).toHaveCount(0);
  await expect(summary).toHaveText('Nothing allocated since mark #1 is alive.');
  await expect(tagRow.getByTestId('overlay-tag-live-count')).toHaveAttribute('data-value', '0');

  // ---- a new leak, then a new mark: the list starts empty again --------------------------------------
  await card.getByTestId('pool-alloc-1').click();
  await expect(rows).toHaveCount(1);
  await expect(rows.nth(0)).toHaveAttribute('data-count', '1');
  await overlay.getByTestId('overlay-mark').click();
  await expect(leaks).toHaveAttribute('data-mark', '2');
  await expect(rows).toHaveCount(0);
  await expect(summary).toHaveText('Nothing allocated since mark #2 is alive.');

  // ---- outside full mode there are no leak records: the panel says so and offers the switch ----------
  const mode = overlay.getByRole('combobox', { name: 'Tracking mode' });
  await mode.selectOption('counters');
  await expect(leaks).toHaveAttribute('data-state', 'unavailable');
  await expect(overlay.getByTestId('overlay-leaks-note')).toHaveText(/need full tracking; the tracker is in counters mode/);
  await expect(overlay.getByTestId('overlay-mark')).toBeDisabled();
  await expect(overlay.getByTestId('overlay-leaks-table')).toBeHidden();
  await expect(overlay.getByTestId('overlay-records')).toHaveText(/^0 \//); // records dropped
  // Counters mode still counts: the tag's live figures come from the pool's own header.
  await expect(tagRow.getByTestId('overlay-tag-live-count')).toHaveAttribute('data-value', '1');
  await overlay.getByRole('button', { name: 'Switch to full records' }).click();
  await expect(mode).toHaveValue('full');
  // Leaving full mode ended what mark #2 could answer: a new mark is needed.
  await expect(leaks).toHaveAttribute('data-state', 'expired');
  await overlay.getByTestId('overlay-mark').click();
  await expect(leaks).toHaveAttribute('data-mark', '3');
  await expect(leaks).toHaveAttribute('data-state', 'listing');

  // ---- Escape inside the overlay closes it, and the hotkey still toggles ------------------------------
  await overlay.getByTestId('overlay-mark').focus();
  await page.keyboard.press('Escape');
  await expect(overlay).toBeHidden();
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeVisible();
  await page.keyboard.press('Backquote');
  await expect(overlay).toBeHidden();

  expect(errors).toEqual([]);
});

test('a loaded save invalidates the mark, and the overlay asks for a new one', async ({ page }) => {
  const errors = collectErrors(page);
  await openLab(page);
  await expect(page.getByTestId('slots-panel')).toHaveAttribute('data-state', 'ready', { timeout: 15_000 });
  const card = await createPool(page, POOL, TAG, SLOT, 64);
  await page.getByTestId('overlay-toggle').click();
  const overlay = page.getByRole('dialog', { name: 'Memory overlay' });
  const leaks = overlay.getByTestId('overlay-leaks');
  await overlay.getByTestId('overlay-mark').click();
  await card.getByTestId('pool-alloc-1').click();
  await expect(leaks.getByTestId('overlay-leak-row')).toHaveCount(1);

  // Save and load the state: the core resyncs the tracker, so the old mark means nothing any more.
  await page.getByTestId('slot-name').fill('overlay');
  for (const action of ['save', 'load'] as const) {
    await page.getByTestId(`slot-${action}`).click();
    await expect(page.getByTestId('slot-save')).toBeEnabled({ timeout: 30_000 });
    await expect(page.getByTestId('slot-status')).toHaveAttribute('data-state', 'ok');
  }
  await expect(leaks).toHaveAttribute('data-state', 'expired');
  await expect(overlay.getByTestId('overlay-leaks-note')).toHaveText(/press Mark again/);
  await expect(leaks.getByTestId('overlay-leak-row')).toHaveCount(0);

  // A new mark works as before.
  await overlay.getByTestId('overlay-mark').click();
  await expect(leaks).toHaveAttribute('data-state', 'listing');
  await card.getByTestId('pool-alloc-1').click();
  await expect(leaks.getByTestId('overlay-leak-row')).toHaveCount(1);
  await expect(leaks.getByTestId('overlay-leak-tag')).toHaveText(TAG);
  await expect(overlay.getByTestId('overlay-error')).toBeHidden();
  expect(errors).toEqual([]);
});
