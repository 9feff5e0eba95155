// The debug overlay: a non-modal dialog over any page that has an engine, toggled by a key (backquote)
// and a small "mem" button. It shows allocator occupancy, per-tag figures, a graph of the last 600
// frames, the leak list since a mark and a heat map of the state region; with an assets region
// (createEngine({ assets })), a streaming panel too: the cache's budgets and, once a streamer is given
// (options.streamer or attachStreamer()), its queue, loads in flight and back-pressure.
//
// Driving it: the page calls overlay.update() once per frame (the lab's frame loop does, after
// engine.tracker.frameEnd()). The overlay never subscribes to the engine, so when it is closed the
// only cost is that call returning at once, plus the hotkey listener. Each panel refreshes at its own
// rate (options.refresh); every read goes through views or one cheap wasm call, and the DOM is
// written only where a value changed. update() times itself: stats().updateMs is the rolling median.
import { AllocatorsPanel } from './allocators-panel.js';
import { button, el, uniqueId, type Panel } from './dom.js';
import type { OverlayEngine } from './engine-types.js';
import { GraphPanel } from './graph-panel.js';
import { HeatMapPanel } from './heat-map-panel.js';
import { LeaksPanel, type PhaseLeakCheck } from './leaks-panel.js';
import { StatusLine } from './status-line.js';
import { StreamingPanel, type StreamingPanelStreamer } from './streaming-panel.js';
import { TagsPanel } from './tags-panel.js';
import { Rate, RollingMedian } from './timing.js';
import './overlay.css';

/** Refreshes per second of each part; 0 = on every update(). */
export interface RefreshRates {
  allocators: number;
  tags: number;
  graph: number;
  leaks: number;
  heatMap: number;
  status: number;
  streaming: number;
}

export interface OverlayOptions {
  /** Where the overlay and its button go; default document.body. */
  parent?: HTMLElement;
  /** KeyboardEvent.code that toggles the overlay (not while typing in a field); false for none. Default 'Backquote'. */
  hotkey?: string | false;
  /** A small fixed "mem" button that toggles the overlay; default true. */
  button?: boolean;
  /** Open at once; default false. */
  open?: boolean;
  refresh?: Partial<RefreshRates>;
  /** An AssetStreamer whose queue and loads the streaming panel shows (engines with an assets region). */
  streamer?: StreamingPanelStreamer;
}

export interface OverlayStats {
  open: boolean;
  /** Median duration of the last 120 open update() calls, in ms (NaN before the first). */
  updateMs: number;
  /** Duration of the last open update(), in ms. */
  lastMs: number;
  /** Open update() calls timed so far. */
  updates: number;
}

const DEFAULT_RATES: RefreshRates = { allocators: 10, tags: 10, graph: 0, leaks: 4, heatMap: 4, status: 10, streaming: 10 };
const COST_HZ = 4;

interface Scheduled {
  panel: Panel;
  rate: Rate;
  /** The panel's last refresh failure, until a refresh succeeds. */
  error: string | null;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || target.closest('input, textarea, select') !== null;
}

export class DebugOverlay {
  private readonly root: HTMLElement;
  private readonly toggleButton: HTMLButtonElement | null;
  private readonly cost = el('span', { class: 'oc-ov-cost oc-ov-num', testid: 'overlay-cost', text: '– ms' });
  private readonly errorLine = el('p', { class: 'oc-ov-error', testid: 'overlay-error' });
  private readonly scheduled: Scheduled[] = [];
  private readonly costRate = new Rate(COST_HZ);
  private readonly times = new RollingMedian(120);
  private readonly doc: Document;
  private readonly hotkey: string | false;
  private readonly streaming: StreamingPanel | null;
  private readonly leaks: LeaksPanel;
  private opened = false;
  private destroyed = false;
  private lastMs = Number.NaN;
  private updates = 0;

  private readonly onKey = (ev: KeyboardEvent): void => {
    if (this.hotkey !== false && ev.code === this.hotkey && !ev.repeat && !ev.ctrlKey && !ev.metaKey && !ev.altKey) {
      if (isTyping(ev.target)) return;
      ev.preventDefault();
      this.toggle();
    } else if (ev.key === 'Escape' && this.opened && this.root.contains(this.doc.activeElement)) {
      this.close();
      this.toggleButton?.focus();
    }
  };

  constructor(private readonly engine: OverlayEngine, options: OverlayOptions = {}) {
    const rates = { ...DEFAULT_RATES, ...options.refresh };
    const parent = options.parent ?? document.body;
    this.doc = parent.ownerDocument;
    this.hotkey = options.hotkey ?? 'Backquote';
    const tracker = engine.tracker;
    const id = uniqueId('dialog');

    const status = new StatusLine(tracker, () => {
      for (const s of this.scheduled) s.rate.expire();
    });
    const allocators = new AllocatorsPanel(engine);
    const tags = new TagsPanel(tracker);
    const graph = new GraphPanel(tracker);
    const leaks = new LeaksPanel(tracker);
    this.leaks = leaks;
    const heat = new HeatMapPanel(tracker, engine.regions.state, 'state');
    const plan: [Panel, number][] = [
      [status, rates.status], [allocators, rates.allocators], [tags, rates.tags],
      [graph, rates.graph], [leaks, rates.leaks], [heat, rates.heatMap],
    ];
    this.streaming = engine.regions.assets === undefined ? null : new StreamingPanel(engine.cache, options.streamer ?? null);
    if (this.streaming !== null) plan.push([this.streaming, rates.streaming]);
    for (const [panel, hz] of plan) this.scheduled.push({ panel, rate: new Rate(hz), error: null });

    const close = button('×', 'overlay-close', () => this.close(), 'Close the memory overlay');
    close.classList.add('oc-ov-close');
    const title = el('h2', { text: 'Memory' });
    this.errorLine.hidden = true;
    this.root = el(
      'section',
      { class: 'oc-ov', testid: 'overlay' },
      el('header', { class: 'oc-ov-head' }, title, status.node, this.cost, close),
      this.errorLine,
      el(
        'div',
        { class: 'oc-ov-grid' },
        el('div', { class: 'oc-ov-col' }, allocators.node, ...(this.streaming ? [this.streaming.node] : []), tags.node),
        el('div', { class: 'oc-ov-col' }, graph.node, heat.node),
      ),
      leaks.node,
    );
    this.root.id = id;
    this.root.hidden = true;
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-modal', 'false');
    this.root.setAttribute('aria-label', 'Memory overlay');
    this.cost.title = 'median time of the overlay update() over the last 120 frames';

    if (options.button ?? true) {
      this.toggleButton = button('mem', 'overlay-toggle', () => this.toggle(), 'Memory overlay');
      this.toggleButton.className = 'oc-ov-toggle';
      this.toggleButton.setAttribute('aria-controls', id);
      this.toggleButton.setAttribute('aria-expanded', 'false');
      this.toggleButton.title = this.hotkey === 'Backquote' ? 'Memory overlay (`)' : 'Memory overlay';
      parent.append(this.toggleButton);
    } else {
      this.toggleButton = null;
    }
    parent.append(this.root);
    if (this.hotkey !== false) this.doc.addEventListener('keydown', this.onKey);
    if (options.open) this.open();
  }

  /** Shows a program's own leak check (a level unload's) in the leaks panel, open or not. */
  reportLeakCheck(check: PhaseLeakCheck): void {
    if (this.destroyed) return;
    this.leaks.showPhaseCheck(check);
  }

  get isOpen(): boolean {
    return this.opened;
  }

  open(): void {
    if (this.opened || this.destroyed || this.engine.destroyed) return;
    this.opened = true;
    this.root.hidden = false;
    this.toggleButton?.setAttribute('aria-expanded', 'true');
    this.times.clear();
    for (const s of this.scheduled) {
      s.panel.reset?.();
      s.rate.expire();
    }
    // The first picture at once, not on the next frame; not counted as a per-frame cost.
    const now = performance.now();
    this.refreshPanels(now);
    // From then on, spread the parts over different frames (the slow ones most of all).
    this.scheduled.forEach((s, i) => s.rate.ranAt(now, i / this.scheduled.length));
  }

  close(): void {
    if (!this.opened) return;
    this.opened = false;
    this.root.hidden = true;
    this.toggleButton?.setAttribute('aria-expanded', 'false');
  }

  toggle(): void {
    if (this.opened) this.close();
    else this.open();
  }

  /** Call once per frame. Returns at once when the overlay is closed. */
  update(): void {
    if (!this.opened) return;
    if (this.engine.destroyed) {
      this.close();
      return;
    }
    const t0 = performance.now();
    this.refreshPanels(t0);
    const t1 = performance.now();
    this.lastMs = t1 - t0;
    this.times.push(this.lastMs);
    this.updates++;
    if (this.costRate.due(t1)) this.cost.textContent = `${this.times.median().toFixed(2)} ms`;
  }

  /**
   * Shows an AssetStreamer's queue, loads in flight and back-pressure in the streaming panel (null: stop).
   * Does nothing on an engine without an assets region (it has no streaming panel).
   */
  attachStreamer(streamer: StreamingPanelStreamer | null): void {
    this.streaming?.attach(streamer);
  }

  stats(): OverlayStats {
    return { open: this.opened, updateMs: this.times.median(), lastMs: this.lastMs, updates: this.updates };
  }

  /** Removes the overlay, its button and its key listener. Idempotent. */
  destroy(): void {
    if (this.destroyed) return;
    this.close();
    this.destroyed = true;
    this.doc.removeEventListener('keydown', this.onKey);
    this.root.remove();
    this.toggleButton?.remove();
  }

  private refreshPanels(now: number): void {
    let changed = false;
    for (const s of this.scheduled) {
      if (!s.rate.due(now)) continue;
      let error: string | null = null;
      try {
        s.panel.refresh(now);
      } catch (err) {
        // A panel that cannot read must not stop the page's frame loop: the overlay says it instead.
        error = `${s.panel.node.dataset.testid ?? 'panel'}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`;
      }
      if (error !== s.error) {
        s.error = error;
        changed = true;
      }
    }
    if (changed) this.showFailure();
  }

  private showFailure(): void {
    const message = this.scheduled.find((s) => s.error !== null)?.error ?? null;
    this.errorLine.hidden = message === null;
    this.errorLine.textContent = message ?? '';
  }
}

/** Mounts the debug overlay on a page that has an engine (closed until the hotkey or the button opens it). */
export function mountOverlay(engine: OverlayEngine, options?: OverlayOptions): DebugOverlay {
  return new DebugOverlay(engine, options);
}
