// The leak list: "Mark" calls tracker.mark(), and the panel lists what was allocated after the mark
// and is still alive (tracker.leaksSince(mark): one wasm call, so a few times a second, not every
// frame), grouped by tag and site, largest first. Leak records exist only in full mode: outside it
// the panel says so and offers the switch. A restore or rewind invalidates marks (UnknownMarkError):
// the panel drops its mark and asks for a new one.
import { NotTrackingError, UnknownMarkError } from '../../engine/index.js';
import { button, Cell, el, fmtBytes, fmtCount, panelBox, type Panel } from './dom.js';
import type { LeakRow, OverlayTracker } from './engine-types.js';
import { tagColor } from './palette.js';

const MAX_ROWS = 50;

/** data-* for tests, written only when it changes (an attribute write invalidates style). */
function setData(node: HTMLElement, key: string, v: number): void {
  const text = String(v);
  if (node.dataset[key] !== text) node.dataset[key] = text;
}

class LeakTableRow {
  readonly node: HTMLTableRowElement;
  private readonly count = new Cell(el('td', { class: 'oc-ov-num', testid: 'overlay-leak-count' }));
  private readonly bytes = new Cell(el('td', { class: 'oc-ov-num', testid: 'overlay-leak-bytes' }), fmtBytes);
  private readonly age = new Cell(el('td', { class: 'oc-ov-num', testid: 'overlay-leak-frame' }));

  constructor(group: LeakRow, swatchColor: string) {
    const swatch = el('span', { class: 'oc-ov-swatch' });
    swatch.style.background = swatchColor;
    this.node = el(
      'tr',
      { testid: 'overlay-leak-row' },
      el('th', { testid: 'overlay-leak-tag' }, swatch, group.tag),
      el('td', { class: 'oc-ov-site', testid: 'overlay-leak-site', text: group.site, title: group.site }),
      this.count.node,
      this.bytes.node,
      this.age.node,
    );
    this.node.dataset.tag = group.tag;
    this.node.dataset.site = group.site;
  }

  show(g: LeakRow): void {
    this.count.set(g.count);
    this.bytes.set(g.bytes);
    this.age.set(g.oldestFrame);
    setData(this.node, 'count', g.count);
    setData(this.node, 'bytes', g.bytes);
  }
}

type State = 'unavailable' | 'no-mark' | 'listing' | 'expired';

/**
 * The leak check a program ran around one of its own phases (a level: mark at load, leaksSince at
 * unload), shown above the panel's own list so the two marks are never confused.
 */
export interface PhaseLeakCheck {
  /** What was checked ("level unload: Demo - Level 1"). */
  label: string;
  /** 'ok' (nothing left), 'leaks', or 'expired' (a restore or rewind replaced the records since the mark). */
  result: 'ok' | 'leaks' | 'expired';
  /** Allocations still live, and their bytes. */
  leaks: number;
  bytes: number;
  /** One line per group (tag, site, count, bytes). */
  lines: readonly string[];
}

export class LeaksPanel implements Panel {
  readonly node: HTMLElement;
  private readonly markButton: HTMLButtonElement;
  private readonly markLabel = el('span', { class: 'oc-ov-muted', testid: 'overlay-mark-label', text: 'no mark' });
  private readonly note = el('p', { class: 'oc-ov-note', testid: 'overlay-leaks-note' });
  private readonly phaseLine = el('p', { class: 'oc-ov-note', testid: 'overlay-phase-check' });
  private readonly fullButton: HTMLButtonElement;
  private readonly summary = new Cell(el('p', { class: 'oc-ov-summary', testid: 'overlay-leaks-summary' }));
  private readonly body = el('tbody');
  private readonly table: HTMLTableElement;
  private readonly rows = new Map<string, LeakTableRow>();
  private readonly tagIds = new Map<string, number>();
  private mark = 0;
  private state: State | undefined;

  constructor(private readonly tracker: OverlayTracker) {
    this.markButton = button('Mark', 'overlay-mark', () => this.setMark(), 'Mark: list what is allocated from now on and stays alive');
    this.fullButton = button('Switch to full records', 'overlay-leaks-full', () => this.switchToFull());
    const head = el(
      'tr',
      {},
      ...['tag', 'site', 'count', 'bytes', 'oldest frame'].map((t) => el('th', { text: t })),
    );
    this.table = el('table', { class: 'oc-ov-table oc-ov-leaks', testid: 'overlay-leaks-table' }, el('thead', {}, head), this.body);
    const bar = el('div', { class: 'oc-ov-row' }, this.markButton, this.markLabel);
    this.phaseLine.hidden = true;
    this.node = panelBox('Leaks since the mark', 'overlay-leaks', this.phaseLine, bar, this.note, this.fullButton, this.summary.node, this.table);
    this.node.setAttribute('aria-live', 'polite');
  }

  /** Shows the result of a program's own leak check (the latest replaces the previous one). */
  showPhaseCheck(check: PhaseLeakCheck): void {
    const what =
      check.result === 'ok' ? 'no leaks'
      : check.result === 'expired' ? 'not checked: the state was restored or rewound since its mark'
      : `${fmtCount(check.leaks)} live allocations, ${fmtBytes(check.bytes)}: ${check.lines.join('; ')}`;
    this.phaseLine.textContent = `${check.label}: ${what}`;
    this.phaseLine.dataset.result = check.result;
    this.phaseLine.dataset.leaks = String(check.leaks);
    this.phaseLine.classList.toggle('oc-ov-error', check.result === 'leaks');
    this.phaseLine.hidden = false;
  }

  refresh(): void {
    if (this.tracker.mode !== 'full') {
      this.setState('unavailable', `Leak records need full tracking; the tracker is in ${this.tracker.mode} mode.`);
      return;
    }
    if (this.mark === 0) {
      if (this.state !== 'expired') {
        this.setState('no-mark', 'Press Mark, then work: what is allocated after the mark and stays alive is listed here.');
      }
      return;
    }
    let groups: LeakRow[];
    try {
      groups = this.tracker.leaksSince(this.mark);
    } catch (err) {
      if (err instanceof UnknownMarkError) {
        this.mark = 0;
        this.markLabel.textContent = 'no mark';
        delete this.node.dataset.mark;
        this.setState('expired', 'The mark is gone (the state was restored or rewound, or it is too old): press Mark again.');
        return;
      }
      if (err instanceof NotTrackingError) {
        this.setState('unavailable', 'Leak records need full tracking.');
        return;
      }
      throw err;
    }
    this.setState('listing', '');
    this.show(groups);
  }

  private setMark(): void {
    let id: number;
    try {
      id = this.tracker.mark();
    } catch (err) {
      // The mode changed since the last refresh: refresh() shows why there is no mark.
      if (!(err instanceof NotTrackingError)) throw err;
      this.refresh();
      return;
    }
    this.mark = id;
    this.markLabel.textContent = `mark #${id} at frame ${fmtCount(Number(this.tracker.counters().frame))}`;
    this.node.dataset.mark = String(id);
    this.refresh();
  }

  private switchToFull(): void {
    try {
      this.tracker.mode = 'full';
      this.refresh();
    } catch (err) {
      // Compiled without full records (OPENCLAW_TRACKING < 2): the setter refuses.
      this.note.textContent = `Cannot switch: ${err instanceof Error ? err.message : String(err)}`;
    }
  }

  private setState(state: State, note: string): void {
    if (state === this.state) return;
    this.state = state;
    this.node.dataset.state = state;
    this.note.textContent = note;
    this.note.hidden = note === '';
    this.fullButton.hidden = state !== 'unavailable';
    this.markButton.disabled = state === 'unavailable';
    this.table.hidden = state !== 'listing';
    this.summary.node.hidden = state !== 'listing';
    if (state !== 'listing') {
      this.body.replaceChildren();
      this.rows.clear();
    }
  }

  private show(groups: readonly LeakRow[]): void {
    let count = 0;
    let bytes = 0;
    for (const g of groups) {
      count += g.count;
      bytes += g.bytes;
    }
    const shown = Math.min(MAX_ROWS, groups.length);
    const more = groups.length > shown ? ` (the largest ${shown} shown)` : '';
    this.summary.text(
      groups.length === 0
        ? `Nothing allocated since mark #${this.mark} is alive.`
        : `${fmtCount(count)} allocations, ${fmtBytes(bytes)} alive since mark #${this.mark} in ${groups.length} groups${more}.`,
    );
    setData(this.summary.node, 'count', count);
    setData(this.summary.node, 'groups', groups.length);
    const seen = new Set<string>();
    for (let i = 0; i < shown; i++) {
      const g = groups[i]!;
      const key = `${g.tag}\u0000${g.site}`;
      seen.add(key);
      let row = this.rows.get(key);
      if (row === undefined) {
        row = new LeakTableRow(g, tagColor(this.tagId(g.tag)));
        this.rows.set(key, row);
      }
      row.show(g);
      // Keep the tracker's order (largest bytes first), moving a row only when it is out of place.
      if (this.body.children[i] !== row.node) this.body.insertBefore(row.node, this.body.children[i] ?? null);
    }
    for (const [key, row] of this.rows) {
      if (seen.has(key)) continue;
      row.node.remove();
      this.rows.delete(key);
    }
  }

  // Leak groups carry tag names; the palette is by id, so map the name once.
  private tagId(name: string): number {
    let id = this.tagIds.get(name);
    if (id === undefined) {
      id = this.tracker.tags().find((t) => t.name === name)?.id ?? 0;
      if (id !== 0) this.tagIds.set(name, id);
    }
    return id;
  }
}
