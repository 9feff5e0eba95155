// Boots the memory lab: loads the engine (the wasm URL comes from Vite, so the build fingerprints and
// serves the module), then wires the panels to one frame loop. The engine tracks in full mode, so the
// debug overlay (backquote, or the "mem" button) can list leaks with their sites.
//
// Each animation frame ends a tracker frame (engine.tracker.frameEnd(): the overlay's per-frame
// counters and graph) but not an engine frame: engine.endFrame() would also advance the state's
// frame counter, which is saved with the state, and the save slots show and compare it.
import wasmUrl from '../../build/wasm/openclaw_core.wasm?url';
import { createEngine } from '../../engine/index.js';
import { mountOverlay } from '../overlay/index.js';
import { ArchivePanel } from './archive-panel.js';
import { ArenaPanel } from './arena-panel.js';
import { ErrorBanner } from './error-banner.js';
import type { Engine, LabPool } from './engine-types.js';
import { FrameLoop } from './frame-loop.js';
import { bindPoolForm } from './pool-form.js';
import { PoolPanel } from './pool-panel.js';
import { regionRows } from './region-bars.js';
import { SaveSlotsPanel } from './save-slots.js';
import { SlabPanel } from './slab-panel.js';

function byId<T extends HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`memory lab: #${id} is missing from index.html`);
  return node as T;
}

function byTestId(testid: string): HTMLElement {
  const node = document.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (!node) throw new Error(`memory lab: [data-testid=${testid}] is missing from index.html`);
  return node;
}

async function main(): Promise<void> {
  const status = byTestId('engine-status');
  const banner = new ErrorBanner(byTestId('error-banner'));
  const form = byId<HTMLFormElement>('pool-form');
  const submit = form.querySelector('button');
  if (submit) submit.disabled = true;

  let engine: Engine;
  try {
    engine = await createEngine({ wasm: wasmUrl, tracking: { mode: 'full' } });
  } catch (err) {
    status.textContent = 'engine failed to load';
    status.dataset.state = 'failed';
    banner.show(err);
    return;
  }

  const loop = new FrameLoop();
  const tracker = engine.tracker;
  loop.add({ update: () => tracker.frameEnd() });
  const overlay = mountOverlay(engine);
  loop.add(overlay);
  const regions = byId('regions');
  for (const row of regionRows(engine)) {
    regions.append(row.node);
    loop.add(row);
  }
  loop.add(new SlabPanel(byId('slab'), engine.slab, banner));
  loop.add(new ArenaPanel(byId('arena'), engine.frame, banner));

  const pools = byId('pools');
  const poolPanels: { pool: LabPool; panel: PoolPanel }[] = [];
  bindPoolForm(form, engine, banner, (pool, spec) => {
    const panel = new PoolPanel(pool, spec.name, banner, tracker);
    pools.append(panel.node);
    loop.add(panel);
    poolPanels.push({ pool, panel });
  });

  // A loaded save replaces the state region: pools it does not hold leave engine.pools(), and their cards go.
  const slots = new SaveSlotsPanel(byId('save-slots'), engine, {
    wasm: wasmUrl,
    onStateReplaced: () => {
      const live = new Set(engine.pools());
      for (const card of poolPanels.splice(0)) {
        if (live.has(card.pool)) poolPanels.push(card);
        else {
          loop.remove(card.panel);
          card.panel.node.remove();
        }
      }
    },
  });
  loop.add(slots);
  void slots.open();

  const archives = new ArchivePanel(byId('archives'), engine);
  loop.add(archives);

  loop.start();
  if (submit) submit.disabled = false;
  status.textContent = 'engine ready';
  status.dataset.state = 'ready';
  window.addEventListener('pagehide', () => {
    loop.stop();
    archives.destroy();
    overlay.destroy();
    engine.destroy();
  });
}

void main();
