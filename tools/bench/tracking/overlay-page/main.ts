/// <reference types="vite/client" />
// The Chromium side of the debug overlay's cost (issue 4: "costs the frame less than 1 ms when open
// and nothing measurable when closed"). tools/bench/tracking/overlay.ts builds this page with Vite,
// serves it and calls window.runOverlayBench().
//
// An engine in full tracking mode runs a game-like frame on every animation frame: pools with tags
// churning (actors, projectiles), static tiles, slab blocks of a few sizes (audio), frame-arena
// scratch reset each frame, then tracker.frameEnd() and overlay.update(). Only update() is timed
// (performance.now() around it; the page is cross-origin isolated, so the clock is fine-grained).
// Closed and open phases alternate in blocks, so that both see the same machine noise; a Mark is
// set when the overlay first opens, so the leak list has live groups to list and the heat map has
// tags to paint. Real animation frames (not a tight loop) keep the overlay's time-based refresh
// rates (leaks and heat map 4 Hz, tables 10 Hz) what they are in a game.
import wasmUrl from '../../../../build/wasm/openclaw_core.wasm?url';
import { createEngine, type Engine, type Handle, type Pool } from '../../../../engine/index.js';
import { mountOverlay } from '../../../../web/overlay/index.js';

export interface OverlayBenchSamples {
  openMs: number[];
  closedMs: number[];
  /** Live allocations at the end (the size of what the overlay summarises). */
  live: number;
}

declare global {
  interface Window {
    runOverlayBench(frames: number, warmup: number): Promise<OverlayBenchSamples>;
    benchReady: boolean;
  }
}

const BLOCK = 60; // frames per closed or open block
const MiB = 1024 * 1024;

/** FIFO churn of one pool: frees the oldest `perFrame` handles and allocates as many. */
class Churn {
  private readonly ring: Handle<string>[] = [];

  constructor(private readonly pool: Pool<string>, private readonly live: number, private readonly perFrame: number, private readonly site: string) {}

  step(): void {
    for (let i = 0; i < this.perFrame && this.ring.length >= this.live; i++) this.pool.free(this.ring.shift()!);
    while (this.ring.length < this.live) this.ring.push(this.pool.alloc(this.site));
  }
}

function setUp(engine: Engine): () => void {
  const actors = new Churn(engine.createPool({ name: 'actors', slotSize: 64, capacity: 2048, tag: 'actors' }), 1500, 8, 'bench: spawn actor');
  const bullets = new Churn(engine.createPool({ name: 'bullets', slotSize: 32, capacity: 4096, tag: 'projectiles' }), 3000, 40, 'bench: fire');
  const tiles = engine.createPool({ name: 'tiles', slotSize: 16, capacity: 16384, tag: 'tiles' });
  engine.tracker.withSite('bench: load level', () => tiles.allocMany(12000));
  const sounds: { offset: number; size: number }[] = [];
  const sizes = [256, 1024, 4096, 700, 3000];
  let n = 0;
  return () => {
    actors.step();
    bullets.step();
    for (let i = 0; i < 4; i++) {
      if (sounds.length >= 64) {
        const s = sounds.shift()!;
        engine.slab.free(s.offset, s.size);
      }
      const size = sizes[n++ % sizes.length]!;
      sounds.push({ offset: engine.slab.alloc(size, 16, { tag: 'audio', site: 'bench: play sound' }), size });
    }
    for (let i = 0; i < 32; i++) engine.frame.alloc(64 + (i % 4) * 64);
    engine.frame.reset();
  };
}

const nextFrame = (): Promise<number> => new Promise((resolve) => requestAnimationFrame(resolve));
const status = document.getElementById('status')!;

async function boot(): Promise<void> {
  const engine = await createEngine({ wasm: wasmUrl, regions: { state: 16 * MiB, frame: 1 * MiB }, tracking: { mode: 'full', leakReport: false } });
  const step = setUp(engine);
  const overlay = mountOverlay(engine);

  window.runOverlayBench = async (frames, warmup) => {
    const samples: OverlayBenchSamples = { openMs: [], closedMs: [], live: 0 };
    let marked = false;
    for (let done = -warmup; done < frames; done += BLOCK) {
      for (const open of [false, true]) {
        if (open && !marked) {
          // The user's way: the overlay's Mark button (it works while the overlay is closed, too).
          document.querySelector<HTMLButtonElement>('[data-testid="overlay-mark"]')?.click();
          marked = true;
        }
        if (open) overlay.open();
        else overlay.close();
        status.textContent = `${open ? 'open' : 'closed'}, frames ${Math.max(0, done)} of ${frames}`;
        for (let i = 0; i < BLOCK; i++) {
          await nextFrame();
          step();
          engine.tracker.frameEnd();
          const t0 = performance.now();
          overlay.update();
          const ms = performance.now() - t0;
          if (done >= 0) (open ? samples.openMs : samples.closedMs).push(ms);
        }
      }
    }
    overlay.close();
    samples.live = engine.tracker.counters().recordsUsed;
    const failure = document.querySelector('[data-testid="overlay-error"]');
    if (failure instanceof HTMLElement && !failure.hidden) throw new Error(`the overlay reported: ${failure.textContent ?? ''}`);
    status.textContent = 'done';
    return samples;
  };
  window.benchReady = true;
  status.textContent = 'ready';
}

boot().catch((err: unknown) => {
  status.textContent = `failed: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
  status.dataset.error = 'true';
});
