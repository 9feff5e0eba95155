// The occupancy grid of a pool: one cell per slot, coloured by the slot's generation counter (0: never
// used, odd: live, even: free again). Clicking a live cell selects it for "Free selected".
import { el } from './dom.js';
import type { LabPool } from './engine-types.js';

/** Above this many slots the grid shows the first ones only: the DOM is not a framebuffer. */
export const MAX_CELLS = 4096;
const UNSEEN = 0xffffffff;

type CellState = 'untouched' | 'live' | 'free';

function stateOf(generation: number): CellState {
  if (generation === 0) return 'untouched';
  return (generation & 1) === 1 ? 'live' : 'free';
}

export class SlotGrid {
  readonly node: HTMLElement;
  readonly selected = new Set<number>();
  private readonly cells: HTMLElement[] = [];
  private readonly shownGens: Uint32Array;

  constructor(
    private readonly pool: LabPool,
    capacity: number,
    private readonly onSelection: () => void,
  ) {
    const shown = Math.min(capacity, MAX_CELLS);
    this.shownGens = new Uint32Array(shown).fill(UNSEEN);
    this.node = el('div', { class: 'grid', testid: 'slot-grid' });
    const frag = document.createDocumentFragment();
    for (let i = 0; i < shown; i++) {
      const cell = el('div', { class: 'cell', testid: 'slot-cell' });
      cell.dataset.index = String(i);
      this.cells.push(cell);
      frag.append(cell);
    }
    this.node.append(frag);
    this.node.addEventListener('click', (ev) => this.onClick(ev));
  }

  get shown(): number {
    return this.cells.length;
  }

  /** Re-reads every shown slot's generation; the DOM changes only for slots whose counter moved. */
  refresh(): void {
    let selectionChanged = false;
    for (let i = 0; i < this.cells.length; i++) {
      const gen = this.pool.generation(i);
      if (gen === this.shownGens[i]) continue;
      this.shownGens[i] = gen;
      const cell = this.cells[i]!;
      const state = stateOf(gen);
      cell.dataset.state = state;
      cell.dataset.generation = String(gen);
      cell.title = `slot ${i} · generation ${gen} · ${state}`;
      if (state !== 'live' && this.selected.delete(i)) {
        cell.classList.remove('selected');
        selectionChanged = true;
      }
    }
    if (selectionChanged) this.onSelection();
  }

  clearSelection(): void {
    for (const i of this.selected) this.cells[i]?.classList.remove('selected');
    this.selected.clear();
    this.onSelection();
  }

  private onClick(ev: MouseEvent): void {
    const target = ev.target;
    if (!(target instanceof HTMLElement) || !target.classList.contains('cell')) return;
    const index = Number(target.dataset.index);
    if (target.dataset.state !== 'live') return;
    if (this.selected.delete(index)) target.classList.remove('selected');
    else {
      this.selected.add(index);
      target.classList.add('selected');
    }
    this.onSelection();
  }
}
