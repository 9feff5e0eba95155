// The archive browser in Chromium, as a user meets it: demo.rez opened by Range requests against the
// preview server, a PID decoded by the page's wasm core and drawn, a level inflated by the browser's
// DecompressionStream, and a damaged archive picked as a File (read by slices) rejected with its
// typed error while the rest of the lab keeps working.
import { expect, test, type Locator, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { collectErrors, openLab } from './support/lab.js';

const root = process.cwd();
/** The archive the page serves (build/web/demo.rez, copied from build/assets/web/ by `vite build`). */
const demoRez = (): Buffer => readFileSync(path.join(root, 'build/web/demo.rez'));

/** The integer a cell shows ("4,321" -> 4321). */
async function shown(locator: Locator): Promise<number> {
  const digits = ((await locator.textContent()) ?? '').replace(/[^0-9]/g, '');
  if (digits === '') throw new Error(`no number in ${await locator.textContent()}`);
  return Number(digits);
}

/** Clicks the tree rows from the root down to `target` ("/LEVEL1/IMAGES/PLAYER/FRAME001.PID"). */
async function browseTo(page: Page, target: string): Promise<void> {
  const parts = target.split('/').filter((p) => p !== '');
  for (let i = 1; i <= parts.length; i++) {
    const at = '/' + parts.slice(0, i).join('/');
    const row = page.locator(`[data-testid="rez-row"][data-path="${at}"]`);
    const li = page.locator(`li[data-path="${at}"]`);
    if (i < parts.length && (await li.getAttribute('data-open')) === 'true') continue;
    await row.click();
  }
  await expect(page.getByTestId('rez-view')).toHaveAttribute('data-path', target);
}

/** Width and height of a PNG, from its IHDR. */
function pngSize(file: string): { width: number; height: number } {
  const png = readFileSync(file);
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

/** Pixels of a canvas whose alpha is not zero. */
function opaquePixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((node) => {
    const c = node as HTMLCanvasElement;
    const data = c.getContext('2d')?.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    if (data) for (let i = 3; i < data.length; i += 4) if (data[i] !== 0) n++;
    return n;
  });
}

test('the archive browser opens demo.rez by ranges, decodes a PID, a level, and rejects a damaged file', async ({ page }, testInfo) => {
  const errors = collectErrors(page);
  const ranges: string[] = [];
  page.on('request', (req) => {
    if (req.url().endsWith('/demo.rez')) ranges.push(req.headers()['range'] ?? 'none');
  });
  await openLab(page);
  const panel = page.getByTestId('archives-panel');
  const status = page.getByTestId('rez-status');

  // ---- open the served archive: a Range probe, then the directory blocks only ------------------
  await page.getByTestId('rez-open-demo').click();
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('rez-mode')).toHaveText('range');
  const size = await shown(page.getByTestId('rez-size'));
  const openBytes = await shown(page.getByTestId('rez-open-bytes'));
  expect(size).toBe(demoRez().length);
  expect(openBytes).toBeGreaterThanOrEqual(139);
  expect(openBytes).toBeLessThan(size * 0.1);
  expect(ranges.length).toBeGreaterThan(0);
  expect(ranges.every((r) => /^bytes=\d+-\d+$/.test(r))).toBe(true);
  expect(ranges[0]).toBe('bytes=0-138');

  // ---- a PLAYER frame: decoded with the level's palette, drawn at 2x ---------------------------
  const frame = '/LEVEL1/IMAGES/PLAYER/FRAME001.PID';
  await browseTo(page, frame);
  const expected = pngSize(path.join(root, 'assets/images/PLAYER/001.png'));
  await expect(page.getByTestId('rez-image-size')).toHaveText(`${expected.width} × ${expected.height}`);
  await expect(page.getByTestId('rez-image-palette')).toHaveText('/LEVEL1/PALETTES/MAIN.PAL');
  const canvas = page.getByTestId('rez-pid').getByTestId('rez-canvas');
  await expect(canvas).toHaveAttribute('width', String(expected.width * 2));
  await expect(canvas).toHaveAttribute('height', String(expected.height * 2));
  const opaque = await opaquePixels(canvas);
  expect(opaque).toBeGreaterThan(0);
  expect(opaque).toBeLessThan(expected.width * expected.height * 4); // the sprite has transparent pixels
  // Reading the frame cost exactly its bytes and its level's palette's on top of the opening.
  const entrySize = async (at: string): Promise<number> => Number(await page.locator(`li[data-path="${at}"]`).getAttribute('data-size'));
  const frameSize = await entrySize(frame);
  await browseTo(page, '/LEVEL1/PALETTES/MAIN.PAL');
  expect(await entrySize('/LEVEL1/PALETTES/MAIN.PAL')).toBe(768);
  await expect.poll(() => shown(page.getByTestId('rez-bytes-read'))).toBe(openBytes + frameSize + 768);

  // ---- an animation of the same set plays on the canvas ----------------------------------------
  const run = JSON.parse(readFileSync(path.join(root, 'assets/anis/PLAYER_RUN.json'), 'utf8')) as { frames: unknown[] };
  await browseTo(page, '/LEVEL1/ANIS/PLAYER_RUN.ANI');
  await expect(page.getByTestId('rez-ani')).toHaveAttribute('data-playing', 'true');
  await expect(page.getByTestId('rez-ani-frame')).toHaveCount(run.frames.length);
  await expect(page.getByTestId('rez-ani-set')).toHaveText('LEVEL_PLAYER');
  const aniCanvas = page.getByTestId('rez-ani').getByTestId('rez-canvas');
  await expect.poll(() => aniCanvas.getAttribute('data-frame'), { timeout: 5_000 }).not.toBe('0');

  // ---- the level: inflated by DecompressionStream, three planes named as in its source ---------
  const source = JSON.parse(readFileSync(path.join(root, 'assets/levels/LEVEL1.json'), 'utf8')) as { planes: { name: string }[] };
  await browseTo(page, '/LEVEL1/WORLDS/WORLD.WWD');
  await expect(page.getByTestId('rez-plane-name')).toHaveText(source.planes.map((p) => p.name));
  expect(await opaquePixels(page.getByTestId('rez-minimap'))).toBeGreaterThan(0);

  const shot = path.join(testInfo.project.outputDir, 'archive-browser.png');
  await panel.screenshot({ path: shot });
  await testInfo.attach('archive-browser', { path: shot, contentType: 'image/png' });

  // ---- a damaged file: the root's LEVEL1 entry names the root block itself ---------------------
  const damaged = demoRez();
  const rootOffset = damaged.readUInt32LE(131);
  const rootSize = damaged.readUInt32LE(135);
  expect(damaged.readUInt32LE(rootOffset)).toBe(1); // the root's first entry is a directory
  damaged.writeUInt32LE(rootOffset, rootOffset + 4);
  damaged.writeUInt32LE(rootSize, rootOffset + 8);
  await page.getByTestId('rez-file-input').setInputFiles({ name: 'SELF.REZ', mimeType: 'application/octet-stream', buffer: damaged });
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('rez-error-name')).toHaveText('SelfReferenceError');
  await expect(page.getByTestId('rez-source')).toHaveText('SELF.REZ');
  await expect(page.getByTestId('rez-tree')).toHaveCount(0);

  // A truncated file: its directory lies past the end.
  await page.getByTestId('rez-file-input').setInputFiles({ name: 'CUT.REZ', mimeType: 'application/octet-stream', buffer: demoRez().subarray(0, 4096) });
  await expect(page.getByTestId('rez-source')).toHaveText('CUT.REZ');
  await expect(status).toHaveAttribute('data-state', 'error');
  await expect(page.getByTestId('rez-error-name')).toHaveText(/^(TruncatedFormatError|FormatOutOfRangeError)$/);
  await expect(page.getByTestId('rez-mode')).toHaveText('slices');
  expect(await shown(page.getByTestId('rez-size'))).toBe(4096);
  // The header alone names a directory past the end: nothing after it was sliced.
  expect(await shown(page.getByTestId('rez-open-bytes'))).toBe(139);
  await expect.poll(() => shown(page.getByTestId('rez-bytes-read'))).toBe(139);
  const cutShot = path.join(testInfo.project.outputDir, 'archive-browser-error.png');
  await panel.screenshot({ path: cutShot });
  await testInfo.attach('archive-browser-error', { path: cutShot, contentType: 'image/png' });

  // ---- the lab still works: a pool is created, and the good archive opens again from a File -----
  await page.getByTestId('pool-name').fill('after-rez');
  await page.getByTestId('pool-create').click();
  await expect(page.locator('[data-testid="pool-card"][data-pool="after-rez"]')).toHaveCount(1);
  await page.getByTestId('rez-file-input').setInputFiles({ name: 'DEMO.REZ', mimeType: 'application/octet-stream', buffer: demoRez() });
  await expect(status).toHaveAttribute('data-state', 'ok');
  await expect(page.getByTestId('rez-mode')).toHaveText('slices');
  expect(await shown(page.getByTestId('rez-open-bytes'))).toBe(openBytes);
  await browseTo(page, frame);
  await expect(page.getByTestId('rez-image-size')).toHaveText(`${expected.width} × ${expected.height}`);

  await expect(page.getByTestId('error-banner')).toBeHidden();
  expect(errors).toEqual([]);
});
