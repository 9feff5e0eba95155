// Boots the game page: the engine (the shared-memory core when the page is cross-origin isolated, so the
// decode workers write straight into the assets region), the streamer, the save store, the game, the
// renderer and the shell (page.ts); installs the save menu, the rewind key and the archive picker on
// the shell; then loads level 1 of the page's demo.rez behind the loading screen. window.__game (hooks.ts)
// is set before anything loads, so a test sees a boot failure in __game.error.
import { AssetStreamer, createEngine, Formats, Game, openSnapshotStore, type SnapshotStore } from '../../engine/index.js';
import { TextureBridge } from '../../engine/streaming/pixi/texture-bridge.js';
import { mountOverlay } from '../overlay/index.js';
import { coreWasm, decodeWorkers, sharedWasm, workerCount } from '../streaming/page.js';
import { installRezPicker } from './byo/index.js';
import { installHooks } from './hooks.js';
import { GameInput } from './input.js';
import { createMessages } from './messages.js';
import { GamePage } from './page.js';
import { installRecording } from './recording.js';
import { GameRenderer } from './renderer.js';
import { installRewind } from './rewind.js';
import { installSaves } from './saves/index.js';
import './game.css';

const MiB = 1024 * 1024;

function describe(err: unknown): string {
  return err instanceof Error ? `${err.name}: ${err.message}` : String(err);
}

async function openStore(): Promise<{ store: SnapshotStore; note: string | null }> {
  try {
    return { store: await openSnapshotStore({ wasm: coreWasm }), note: null };
  } catch (err) {
    // No IndexedDB (a private window, a blocked origin): saves last as long as the tab, and the player is told.
    const store = await openSnapshotStore({ wasm: coreWasm, backend: 'memory', worker: false });
    return { store, note: `Saves are kept only until this tab closes: the browser's storage is unavailable (${describe(err)}).` };
  }
}

async function main(): Promise<void> {
  const hooks = installHooks();
  const stage = document.getElementById('stage');
  const ui = document.getElementById('ui');
  if (stage === null || ui === null) throw new Error('game page: #stage or #ui is missing from index.html');
  const messages = createMessages(ui);
  const shared = globalThis.crossOriginIsolated === true;
  try {
    const engine = await createEngine({
      wasm: shared ? sharedWasm : coreWasm,
      sharedMemory: shared,
      tracking: { mode: 'full' },
      assets: { bytes: 96 * MiB, vramBudget: 128 * MiB },
    });
    const [streamer, formats, { store, note }] = await Promise.all([
      AssetStreamer.create(engine, { workers: workerCount(), spawn: decodeWorkers(), wasm: coreWasm }),
      Formats.load(coreWasm),
      openStore(),
    ]);
    const game = Game.create(engine);
    const renderer = await GameRenderer.create(stage);
    const input = new GameInput();
    const bridge = new TextureBridge(engine.cache);
    const page = new GamePage({
      engine, game, store, streamer, formats, bridge, renderer, input, messages, ui,
      demoUrl: new URL('./demo.rez', document.baseURI).href,
    });
    page.overlay = mountOverlay(engine, { streamer, hotkey: 'Backquote' });
    hooks.shell = page;
    if (note !== null) page.message(note, 'error');
    installSaves(page);
    installRewind(page);
    const recording = installRecording(page);
    page.recording = recording;
    // __game.recording(): the .clawinput bytes so far (tests/e2e/game-record.spec.ts).
    Object.assign(hooks, { recording: (): Uint8Array => recording.bytes() });
    installRezPicker(page);
    page.loop.start();
    await page.loadArchive({ kind: 'demo', url: new URL('./demo.rez', document.baseURI).href }, false);
    hooks.ready = true;
    document.body.dataset.state = 'ready';
    window.addEventListener('pagehide', () => {
      page.loop.stop();
      page.overlay?.destroy();
      input.destroy();
      void streamer.close();
      void store.close();
    });
  } catch (err) {
    hooks.error = describe(err);
    document.body.dataset.state = 'failed';
    console.error('the game could not start:', err);
    messages.show(`The game could not start: ${hooks.error}`, 'error');
  }
}

void main();
