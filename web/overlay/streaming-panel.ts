// The resource cache and the asset streamer at a glance: RAM and VRAM budgets (used, peak), bytes and
// items in flight, the queue by priority, the hit rate, evictions, and a visible "waiting for budget"
// state when loads are held back because pinned entries fill a budget (back-pressure).
//
// Reads engine.cache.stats() (one wasm call) and streamer.stats() (plain numbers) at the panel's rate;
// the DOM is written only where a value changed. The streamer is optional (a page may use the cache
// alone) and may be attached after the overlay is mounted.
import { Bar, Cell, el, fmtBytes, fmtCount, panelBox, type Panel } from './dom.js';
import './streaming-panel.css';

/** The cache statistics the panel shows (engine.cache.stats() has these and more). */
export interface StreamingCacheStats {
  entries: number;
  pinned: number;
  ramBytes: number;
  ramPeak: number;
  ramBudget: number;
  vramBytes: number;
  vramPeak: number;
  vramBudget: number;
  hits: number;
  misses: number;
  evictions: number;
  evictedBytes: number;
  evictedGpuBytes: number;
  budgetFailures: number;
}

/** The streamer statistics the panel shows (AssetStreamer.stats() has these and more). */
export interface StreamingStreamerStats {
  queued: { frame: number; area: number; background: number };
  /** Loads running on a worker, and their entry bytes. */
  inFlight: { items: number; bytes: number };
  waitingForBudget: number;
  loaded: number;
  failed: number;
  zeroCopyLoads: number;
  copiedLoads: number;
}

export interface StreamingPanelCache {
  stats(): StreamingCacheStats;
}

export interface StreamingPanelStreamer {
  readonly zeroCopy: boolean;
  stats(): StreamingStreamerStats;
}

class BudgetRow {
  readonly node: HTMLElement;
  private readonly bar: Bar;
  private readonly peakMark = el('span', { class: 'oc-ov-peak' });
  private readonly value: Cell;
  private last = '';

  constructor(kind: 'ram' | 'vram', label: string, title: string) {
    this.bar = new Bar(`overlay-streaming-${kind}-bar`);
    this.bar.node.append(this.peakMark);
    this.value = new Cell(el('span', { class: 'oc-ov-num', testid: `overlay-streaming-${kind}` }));
    this.node = el('div', { class: 'oc-ov-alloc-row', title }, el('span', { class: 'oc-ov-alloc-name', text: label }), this.bar.node, this.value.node);
  }

  show(used: number, peak: number, budget: number): void {
    this.bar.set(used, budget);
    const key = `${used}/${peak}/${budget}`;
    if (key === this.last) return;
    this.last = key;
    this.value.text(`${fmtBytes(used)} / ${fmtBytes(budget)} · peak ${fmtBytes(peak)}`);
    const ds = this.value.node.dataset;
    ds.used = String(used);
    ds.peak = String(peak);
    ds.budget = String(budget);
    this.peakMark.style.left = `${budget > 0 ? Math.min(100, (peak / budget) * 100) : 0}%`;
    this.node.dataset.full = String(budget > 0 && used >= budget);
  }
}

function cell(testid: string, format?: (v: number) => string): Cell {
  return new Cell(el('span', { class: 'oc-ov-num', testid }), format);
}

function pair(label: string, c: Cell, title?: string): HTMLElement {
  return el('span', title === undefined ? {} : { title }, `${label} `, c.node);
}

export class StreamingPanel implements Panel {
  readonly node: HTMLElement;
  private readonly ram = new BudgetRow('ram', 'RAM', 'decoded bytes held by the cache, of its RAM budget');
  private readonly vram = new BudgetRow('vram', 'VRAM', 'bytes of GPU textures reported to the cache, of its VRAM budget');
  private readonly entries = cell('overlay-streaming-entries');
  private readonly pinned = cell('overlay-streaming-pinned');
  private readonly hitRate = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-streaming-hit-rate' }));
  private readonly evictions = cell('overlay-streaming-evictions');
  private readonly evictedBytes = cell('overlay-streaming-evicted-bytes', fmtBytes);
  private readonly inFlight = cell('overlay-streaming-in-flight');
  private readonly inFlightBytes = cell('overlay-streaming-in-flight-bytes', fmtBytes);
  private readonly queue = {
    frame: cell('overlay-streaming-queue-frame'),
    area: cell('overlay-streaming-queue-area'),
    background: cell('overlay-streaming-queue-background'),
  };
  private readonly loaded = cell('overlay-streaming-loaded');
  private readonly failed = cell('overlay-streaming-failed');
  private readonly path = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-streaming-path' }));
  private readonly waiting = el('p', { class: 'oc-ov-stream-state', testid: 'overlay-streaming-state' });
  private readonly streamerLine: HTMLElement;
  private readonly noStreamer = el('p', { class: 'oc-ov-note', text: 'No streamer attached: cache figures only.' });
  private lastState = '';

  constructor(
    private readonly cache: StreamingPanelCache,
    private streamer: StreamingPanelStreamer | null = null,
  ) {
    this.waiting.setAttribute('role', 'status');
    const budgets = el('div', { class: 'oc-ov-alloc-list' }, this.ram.node, this.vram.node);
    const cacheLine = el(
      'div',
      { class: 'oc-ov-stream-line' },
      pair('entries', this.entries),
      pair('pinned', this.pinned),
      pair('hit rate', this.hitRate, 'hits / (hits + misses) of cache lookups'),
      pair('evictions', this.evictions),
      pair('evicted', this.evictedBytes, 'RAM bytes of evicted entries'),
    );
    this.streamerLine = el(
      'div',
      { class: 'oc-ov-stream-line' },
      pair('in flight', this.inFlight, 'loads a worker is fetching or decoding'),
      pair('bytes', this.inFlightBytes, 'decoded bytes reserved by loads in flight'),
      el(
        'span',
        { title: 'queued loads by priority: frame, area, background', testid: 'overlay-streaming-queue' },
        'queue ', this.queue.frame.node, ' / ', this.queue.area.node, ' / ', this.queue.background.node,
      ),
      pair('loaded', this.loaded),
      pair('failed', this.failed),
      pair('path', this.path, 'zero-copy: workers write into shared memory; copy: the main thread copies each asset once'),
    );
    this.node = panelBox('Streaming', 'overlay-streaming', this.waiting, budgets, cacheLine, this.streamerLine, this.noStreamer);
    this.showStreamer();
  }

  /** Shows a streamer's figures too (or stops, with null). */
  attach(streamer: StreamingPanelStreamer | null): void {
    this.streamer = streamer;
    this.showStreamer();
  }

  refresh(): void {
    const c = this.cache.stats();
    this.ram.show(c.ramBytes, c.ramPeak, c.ramBudget);
    this.vram.show(c.vramBytes, c.vramPeak, c.vramBudget);
    this.entries.set(c.entries);
    this.pinned.set(c.pinned);
    const lookups = c.hits + c.misses;
    this.hitRate.text(lookups === 0 ? '–' : `${((c.hits / lookups) * 100).toFixed(1)}%`);
    this.hitRate.node.dataset.value = lookups === 0 ? '' : String(c.hits / lookups);
    this.evictions.set(c.evictions);
    this.evictedBytes.set(c.evictedBytes);
    let waiting = 0;
    if (this.streamer !== null) {
      const s = this.streamer.stats();
      waiting = s.waitingForBudget;
      this.inFlight.set(s.inFlight.items);
      this.inFlightBytes.set(s.inFlight.bytes);
      this.queue.frame.set(s.queued.frame);
      this.queue.area.set(s.queued.area);
      this.queue.background.set(s.queued.background);
      this.loaded.set(s.loaded);
      this.failed.set(s.failed);
      this.path.text(this.streamer.zeroCopy ? `zero-copy (${fmtCount(s.zeroCopyLoads)})` : `copy (${fmtCount(s.copiedLoads)})`);
    }
    this.showState(waiting, c);
  }

  private showState(waiting: number, c: StreamingCacheStats): void {
    const state = waiting > 0 ? 'waiting' : 'flowing';
    const text = waiting > 0
      ? `Waiting for budget: ${fmtCount(waiting)} load${waiting === 1 ? '' : 's'} held back until pinned entries are released (${fmtCount(c.pinned)} pinned, ${fmtBytes(c.ramBytes)} of ${fmtBytes(c.ramBudget)})`
      : 'Loads flow: no request is waiting for budget';
    const key = `${state}:${text}`;
    if (key === this.lastState) return;
    this.lastState = key;
    this.waiting.dataset.state = state;
    this.waiting.dataset.waiting = String(waiting);
    this.waiting.textContent = text;
  }

  private showStreamer(): void {
    this.streamerLine.hidden = this.streamer === null;
    this.noStreamer.hidden = this.streamer !== null;
  }
}
