// What the `game` area's Chromium measurements share: Debian's Chromium through Playwright (never a
// downloaded browser), with the e2e tests' flags, and a Vite preview server with the web build's
// cross-origin isolation headers (so performance.now() is fine-grained and the shared-memory core may run).
import { stat } from 'node:fs/promises';

import type { Browser, Page } from '@playwright/test';

export const CHROMIUM = '/usr/bin/chromium';
export const ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' };
const ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync',
  // Frames keep their pace when the headless window is not focused.
  '--disable-background-timer-throttling', '--disable-renderer-backgrounding', '--disable-backgrounding-occluded-windows',
];

export interface Served {
  url: string;
  close(): Promise<void>;
}

/** A message naming what is missing, or null when Chromium is there. */
export async function chromiumMissing(): Promise<string | null> {
  try {
    await stat(CHROMIUM);
    return null;
  } catch {
    return `${CHROMIUM} is missing (apt-get install -y chromium)`;
  }
}

export async function launch(): Promise<Browser> {
  const { chromium } = await import('@playwright/test');
  return chromium.launch({ executablePath: CHROMIUM, args: ARGS });
}

/** Serves a built folder with `vite preview` (configFile: the repository's vite.config.ts, or none with outDir). */
export async function preview(options: { root: string; outDir?: string; configFile?: string; port: number }): Promise<Served> {
  const vite = await import('vite');
  const server = await vite.preview({
    configFile: options.configFile ?? false,
    root: options.root,
    base: './',
    logLevel: 'warn',
    ...(options.outDir === undefined ? {} : { build: { outDir: options.outDir } }),
    preview: { host: '127.0.0.1', port: options.port, strictPort: false, headers: ISOLATION, open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (url === undefined) {
    await server.close();
    throw new Error('the preview server has no local URL');
  }
  return { url, close: () => server.close() };
}

/** Collects the page's uncaught errors and console errors, to fail a measurement that ran on a broken page. */
export function pageErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  page.on('console', (msg) => {
    if (msg.type() === 'error') errors.push(msg.text());
  });
  return errors;
}
