// One pool's card: actions, live stats, the occupancy grid and the recent handles.
import { Bar, button, el, fmtInt, StatTable } from './dom.js';
import type { ErrorBanner } from './error-banner.js';
import { errorClassName } from './error-names.js';
import type { LabHandle, LabPool, LabTracker } from './engine-types.js';
import type { Live } from './frame-loop.js';
import { HandleList } from './handle-list.js';
import { allocBatch, allocOne, freeAll, freeIndices, freeRandomHalf, freeStaleHandle } from './pool-actions.js';
import { MAX_CELLS, SlotGrid } from './slot-grid.js';

const STAT_ROWS = [
  ['capacity', 'Capacity'],
  ['live', 'Live'],
  ['peak', 'Peak'],
  ['total-allocs', 'Total allocs'],
  ['total-frees', 'Total frees'],
  ['failures', 'Failures'],
] as const;

export class PoolPanel implements Live {
  readonly node: HTMLElement;
  private readonly stats = new StatTable('pool', STAT_ROWS);
  private readonly occupancy = new Bar('pool-occupancy');
  private readonly grid: SlotGrid;
  private readonly handles: HandleList;
  private readonly freeSelectedButton: HTMLButtonElement;
  private readonly checkNode = el('span', { class: 'check', testid: 'pool-check' });
  // Change detection: the grid, the handle states and check() are only re-read when these move.
  private lastAllocs = -1;
  private lastFrees = -1;

  constructor(
    private readonly pool: LabPool,
    name: string,
    private readonly banner: ErrorBanner,
    tracker: LabTracker,
  ) {
    const s = pool.stats();
    this.grid = new SlotGrid(pool, s.capacity, () => this.onSelection());
    this.handles = new HandleList(pool);
    this.freeSelectedButton = button('Free selected', 'pool-free-selected', () =>
      this.act(() => freeIndices(pool, this.grid.selected)),
    );
    this.freeSelectedButton.disabled = true;

    const actions = el(
      'div',
      { class: 'actions' },
      button('Alloc 1', 'pool-alloc-1', () => this.act(() => this.handles.push(allocOne(pool)))),
      button('Alloc 100', 'pool-alloc-100', () => this.act(() => this.handles.push(allocBatch(pool, 100, tracker)))),
      this.freeSelectedButton,
      button('Free random half', 'pool-free-half', () => this.act(() => freeRandomHalf(pool))),
      button('Free all', 'pool-free-all', () => this.act(() => freeAll(pool))),
      button('Free a stale handle', 'pool-free-stale', () => this.act(() => this.freeStale()), 'warn'),
    );

    const gridNote =
      s.capacity > MAX_CELLS ? `first ${fmtInt(MAX_CELLS)} of ${fmtInt(s.capacity)} slots` : `${fmtInt(s.capacity)} slots`;

    this.node = el(
      'article',
      { class: 'pool', testid: 'pool-card' },
      el(
        'header',
        { class: 'pool-head' },
        el('h3', { testid: 'pool-title', text: name }),
        el('span', { class: 'muted', text: `${s.slotSize} B slots · align ${s.slotAlign} · tag ${pool.trackingTag}` }),
        this.checkNode,
      ),
      actions,
      el(
        'div',
        { class: 'pool-body' },
        el('div', { class: 'pool-side' }, this.stats.node, this.occupancy.node),
        el(
          'div',
          { class: 'pool-grid' },
          el('div', { class: 'caption' }, el('span', { text: 'Occupancy' }), el('span', { class: 'muted', text: gridNote })),
          this.grid.node,
          legend(),
        ),
        el(
          'div',
          { class: 'pool-handles' },
          el('div', { class: 'caption', text: 'Recent handles' }),
          this.handles.node,
        ),
      ),
    );
    this.node.dataset.pool = name;
  }

  update(): void {
    const s = this.pool.stats();
    this.stats.set('capacity', s.capacity);
    this.stats.set('live', s.live);
    this.stats.set('peak', s.peak);
    this.stats.set('total-allocs', s.totalAllocs);
    this.stats.set('total-frees', s.totalFrees);
    this.stats.set('failures', s.failures);
    this.occupancy.set(s.live, s.capacity);
    const allocs = Number(s.totalAllocs);
    const frees = Number(s.totalFrees);
    if (allocs === this.lastAllocs && frees === this.lastFrees) return;
    this.lastAllocs = allocs;
    this.lastFrees = frees;
    this.grid.refresh();
    this.handles.refresh();
    this.runCheck();
  }

  private act(action: () => unknown): void {
    this.banner.guard(() => {
      action();
    });
  }

  private freeStale(): void {
    freeStaleHandle(this.pool, (hs: LabHandle[]) => this.handles.push(hs));
  }

  private onSelection(): void {
    const n = this.grid.selected.size;
    this.freeSelectedButton.disabled = n === 0;
    this.freeSelectedButton.textContent = n === 0 ? 'Free selected' : `Free selected (${n})`;
  }

  private runCheck(): void {
    try {
      this.pool.check();
      this.checkNode.textContent = 'check ok';
      this.checkNode.dataset.state = 'ok';
    } catch (err) {
      this.checkNode.textContent = `check failed: ${errorClassName(err)}`;
      this.checkNode.dataset.state = 'failed';
    }
  }
}

function legend(): HTMLElement {
  const item = (state: string, label: string): HTMLElement =>
    el('span', { class: 'legend-item' }, el('span', { class: `swatch ${state}` }), label);
  return el(
    'div',
    { class: 'legend' },
    item('live', 'live'),
    item('free', 'free (reused)'),
    item('untouched', 'never used'),
    item('selected', 'selected'),
  );
}
