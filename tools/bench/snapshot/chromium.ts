// The Chromium measurement of the snapshot area: builds the bench page (page/, with Vite) into
// build/bench-page/snapshot, serves it on a free port of 127.0.0.1 with the cross-origin isolation
// headers the web build uses, opens it in Debian's Chromium (Playwright, never a downloaded browser)
// and runs window.runSaveBench() there (page/main.ts says what is measured).
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const CHROMIUM = '/usr/bin/chromium';

export interface ChromiumSamples {
  storeMs: number[];
  storeSyncMs: number[];
  storeCallbacksMs: number[];
  storeTotalMs: number[];
  captureMs: number[];
  idbMs: number[];
  idbTotalMs: number[];
  bytes: number;
  browser?: string;
  error?: string;
}

export interface ChromiumOptions {
  root: string;
  reps: number;
  warmup: number;
  onStep?: (what: string) => void;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html', '.js': 'text/javascript', '.mjs': 'text/javascript', '.wasm': 'application/wasm',
  '.css': 'text/css', '.json': 'application/json',
};

function serve(dir: string): Promise<Server> {
  const base = resolve(dir);
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = normalize(join(base, path.endsWith('/') ? `${path}index.html` : path));
    if (file !== base && !file.startsWith(base + sep)) {
      res.writeHead(403).end();
      return;
    }
    stat(file).then(
      (st) => {
        if (!st.isFile()) throw new Error('not a file');
        res.writeHead(200, {
          'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
          'Cross-Origin-Opener-Policy': 'same-origin',
          'Cross-Origin-Embedder-Policy': 'require-corp',
        });
        createReadStream(file).pipe(res);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((ok, fail) => {
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => ok(server));
  });
}

export async function measureChromium(options: ChromiumOptions): Promise<ChromiumSamples> {
  const empty: ChromiumSamples = { storeMs: [], storeSyncMs: [], storeCallbacksMs: [], storeTotalMs: [], captureMs: [], idbMs: [], idbTotalMs: [], bytes: 0 };
  const pageDir = join(options.root, 'tools/bench/snapshot/page');
  const outDir = join(options.root, 'build/bench-page/snapshot');
  try {
    await stat(CHROMIUM);
  } catch {
    return { ...empty, error: `${CHROMIUM} is missing (apt-get install -y chromium)` };
  }
  options.onStep?.('building the bench page (vite)');
  try {
    const { build } = await import('vite');
    await build({
      configFile: false, root: pageDir, base: './', logLevel: 'warn',
      build: { outDir, emptyOutDir: true, target: 'es2022' },
      worker: { format: 'es' },
    });
  } catch (err) {
    return { ...empty, error: `vite build of ${pageDir} failed: ${(err as Error).message}` };
  }

  const server = await serve(outDir);
  const { chromium } = await import('@playwright/test');
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--js-flags=--expose-gc'] });
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (err) => errors.push(err.message));
    const port = (server.address() as AddressInfo).port;
    options.onStep?.('opening the bench page in Chromium');
    await page.goto(`http://127.0.0.1:${port}/`);
    await page.waitForFunction(() => window.benchReady === true || document.getElementById('status')?.dataset.error === 'true', null, { timeout: 60_000 });
    const failed = await page.evaluate(() => (document.getElementById('status')?.dataset.error === 'true' ? document.getElementById('status')?.textContent ?? 'failed' : null));
    if (failed !== null) return { ...empty, error: `bench page: ${failed}` };
    options.onStep?.(`saving 16 MiB ${options.reps} times each way`);
    const samples = await page.evaluate(({ reps, warmup }) => window.runSaveBench(reps, warmup), { reps: options.reps, warmup: options.warmup });
    if (errors.length > 0) return { ...empty, error: `bench page errors: ${errors.join('; ')}` };
    return { ...samples, browser: browser.version() };
  } catch (err) {
    return { ...empty, error: `chromium save bench failed: ${(err as Error).message}` };
  } finally {
    await browser.close();
    await new Promise((r) => server.close(r));
  }
}
