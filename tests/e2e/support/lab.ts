// What every lab spec needs: the page's console errors, and the page opened with its engine ready.
import { expect, type Page } from '@playwright/test';

/** Console errors and uncaught exceptions of the page, collected from now on. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return errors;
}

/** Opens the lab (at /lab/: the site's root is the game) and waits until its engine is ready. */
export async function openLab(page: Page): Promise<void> {
  await page.goto('/lab/');
  await expect(page.getByTestId('engine-status')).toHaveAttribute('data-state', 'ready');
}
