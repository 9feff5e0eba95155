// The overlay's header line: the tracking mode (a selector: off, counters, full, up to what the core
// was compiled with), the tracker's frame, records used of their capacity, what did not fit
// (overflow) and misuse reports so far — tracker.counters(), a read through views.
import { Cell, el, fmtCount, type Panel } from './dom.js';
import type { OverlayTracker } from './engine-types.js';

type Mode = OverlayTracker['mode'];
const MODES: readonly Mode[] = ['off', 'counters', 'full'];

export class StatusLine implements Panel {
  readonly node: HTMLElement;
  private readonly mode = el('select', { class: 'oc-ov-mode', testid: 'overlay-mode' });
  private readonly frame = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-frame' }));
  private readonly records = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-records' }));
  private readonly overflow = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-overflow' }));
  private readonly misuse = new Cell(el('span', { class: 'oc-ov-num', testid: 'overlay-misuse' }));
  private lastUsed = -1;
  private lastCapacity = -1;

  constructor(
    private readonly tracker: OverlayTracker,
    /** After the selector changed the mode: other parts should look again soon. */
    private readonly onModeChange: () => void,
  ) {
    const compiled = MODES.indexOf(tracker.compiledMode);
    for (const [i, mode] of MODES.entries()) {
      const option = el('option', { text: mode });
      option.value = mode;
      option.disabled = i > compiled;
      this.mode.append(option);
    }
    this.mode.setAttribute('aria-label', 'Tracking mode');
    this.mode.title = 'off: nothing; counters: tags, frames, regions; full: a record per allocation (leaks, sites)';
    this.mode.addEventListener('change', () => this.setMode(this.mode.value as Mode));
    this.node = el(
      'div',
      { class: 'oc-ov-status', testid: 'overlay-status' },
      this.mode,
      el('span', {}, 'frame ', this.frame.node),
      el('span', {}, 'records ', this.records.node),
      el('span', { title: 'allocations the full record table had no room for (counted, not recorded)' }, 'overflow ', this.overflow.node),
      el('span', { title: 'double frees, stale or foreign handles, bad offsets' }, 'misuse ', this.misuse.node),
    );
  }

  refresh(): void {
    const c = this.tracker.counters();
    // Not while the selector is in use: the page must not take the choice out of the person's hands.
    if (this.mode.value !== c.mode && this.mode.ownerDocument.activeElement !== this.mode) this.mode.value = c.mode;
    if (this.mode.dataset.mode !== c.mode) this.mode.dataset.mode = c.mode;
    this.frame.set(Number(c.frame));
    if (c.recordsUsed !== this.lastUsed || c.recordCapacity !== this.lastCapacity) {
      this.lastUsed = c.recordsUsed;
      this.lastCapacity = c.recordCapacity;
      this.records.text(`${fmtCount(c.recordsUsed)} / ${fmtCount(c.recordCapacity)}`);
    }
    this.overflow.set(Number(c.overflow));
    this.misuse.set(Number(c.misuseTotal));
  }

  private setMode(mode: Mode): void {
    try {
      this.tracker.mode = mode;
    } catch {
      // Above the compiled mode (the option is disabled, so only a script gets here): keep the real one.
    }
    this.mode.value = this.tracker.mode;
    this.refresh();
    this.onModeChange();
  }
}
