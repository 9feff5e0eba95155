// Vite serves and builds the web pages (web/): the game at / (index.html), the memory lab at /lab/, and the
// streaming test pages of issue 6. The pages import the engine and the wasm module from
// outside web/, so the project root is allowed to the dev server. Both servers send COOP/COEP: later
// issues use SharedArrayBuffer, which needs a cross-origin-isolated page. The public files (the demo
// archive, copied there by the build's assets step) come from build/assets/web/, which holds only what
// the page serves; the dev server and `vite preview` (sirv) answer Range requests for them.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const projectRoot = fileURLToPath(new URL('.', import.meta.url));

const isolationHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  // Relative asset URLs keep the build servable from any path (a sub-folder, a file server).
  base: './',
  publicDir: fileURLToPath(new URL('./build/assets/web', import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL('./build/web', import.meta.url)),
    emptyOutDir: true,
    target: 'es2022',
    // The game, the lab, and the streaming test pages of issue 6 (web/streaming/: the stress page and the
    // VRAM page). (rolldownOptions: Vite 8's name for the deprecated rollupOptions.)
    rolldownOptions: {
      input: {
        game: fileURLToPath(new URL('./web/index.html', import.meta.url)),
        lab: fileURLToPath(new URL('./web/lab/index.html', import.meta.url)),
        streaming: fileURLToPath(new URL('./web/streaming/index.html', import.meta.url)),
        vram: fileURLToPath(new URL('./web/streaming/vram.html', import.meta.url)),
      },
    },
  },
  // The decode workers are module workers with top-level await: the default 'iife' cannot bundle them.
  worker: { format: 'es' },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: false,
    headers: isolationHeaders,
    fs: { allow: [projectRoot] },
  },
  preview: {
    host: '127.0.0.1',
    port: 4173,
    strictPort: false,
    headers: isolationHeaders,
  },
});
