// The slab panel: allocate blocks of a chosen size, free them (sized frees, so a wrong size class
// would be caught), and watch reserved against live bytes and the occupancy of every size class.
import { Bar, button, el, fmtHex32, fmtInt, labelled, numberInput, StatTable } from './dom.js';
import type { ErrorBanner } from './error-banner.js';
import type { Engine } from './engine-types.js';
import type { Live } from './frame-loop.js';

type Slab = Engine['slab'];

interface Block {
  readonly offset: number;
  readonly size: number;
  readonly row: HTMLElement;
}

const STAT_ROWS = [
  ['arena', 'Arena bytes'],
  ['reserved', 'Reserved bytes'],
  ['live-bytes', 'Live bytes'],
  ['live-blocks', 'Live blocks'],
  ['pages', 'Pages in use'],
  ['page-size', 'Page size'],
  ['total-allocs', 'Total allocs'],
  ['total-frees', 'Total frees'],
  ['failures', 'Failures'],
] as const;

export class SlabPanel implements Live {
  private readonly stats = new StatTable('slab', STAT_ROWS);
  private readonly reservedBar = new Bar('slab-reserved-bar');
  private readonly liveBar = new Bar('slab-live-bar', 'inner');
  private readonly blocks: Block[] = [];
  private readonly blockList = el('ol', { class: 'blocks', testid: 'slab-blocks' });
  private readonly classBody = el('tbody');
  private readonly size = numberInput('size', 'slab-size', 100);
  private readonly align = numberInput('align', 'slab-align', 16);
  private lastAllocs = -1;
  private lastFrees = -1;

  constructor(
    root: HTMLElement,
    private readonly slab: Slab,
    private readonly banner: ErrorBanner,
  ) {
    const form = el(
      'div',
      { class: 'row-form' },
      labelled('Size (B)', this.size),
      labelled('Align', this.align),
      button('Alloc', 'slab-alloc', () => this.banner.guard(() => this.alloc())),
      button('Free last', 'slab-free-last', () => this.banner.guard(() => this.freeLast())),
      button('Free all', 'slab-free-all', () => this.banner.guard(() => this.freeAll())),
      button('Free a bad offset', 'slab-free-bad', () => this.banner.guard(() => this.freeBad()), 'warn'),
    );
    const classes = el(
      'table',
      { class: 'classes', testid: 'slab-classes' },
      el('thead', {}, el('tr', {}, ...['Class', 'Pages', 'Live / capacity', ''].map((t) => el('th', { text: t })))),
      this.classBody,
    );
    const usage = el('div', { class: 'stacked', title: 'reserved (outer) and live (inner) bytes of the arena' }, this.reservedBar.node, this.liveBar.node);
    root.append(
      el('p', { class: 'muted', text: 'Size classes from 16 B to 4 KiB (each power of two split into equal steps) carved into pages on demand; larger blocks go to a TLSF fallback in the same span.' }),
      form,
      el('div', { class: 'split' }, el('div', {}, this.stats.node, usage), el('div', {}, el('div', { class: 'caption', text: 'Size classes in use' }), classes)),
      el('div', { class: 'caption', text: 'Blocks allocated here' }),
      this.blockList,
    );
  }

  update(): void {
    const s = this.slab.stats();
    this.stats.set('arena', s.arenaBytes);
    this.stats.set('reserved', s.reservedBytes);
    this.stats.set('live-bytes', s.liveBytes);
    this.stats.set('live-blocks', s.liveBlocks);
    this.stats.set('pages', s.pagesInUse);
    this.stats.set('page-size', s.pageSize);
    this.stats.set('total-allocs', s.totalAllocs);
    this.stats.set('total-frees', s.totalFrees);
    this.stats.set('failures', s.failures);
    this.reservedBar.set(s.reservedBytes, s.arenaBytes);
    this.liveBar.set(s.liveBytes, s.arenaBytes);
    const allocs = Number(s.totalAllocs);
    const frees = Number(s.totalFrees);
    if (allocs === this.lastAllocs && frees === this.lastFrees) return;
    this.lastAllocs = allocs;
    this.lastFrees = frees;
    this.renderClasses();
  }

  private alloc(): void {
    const size = Number(this.size.value);
    const offset = this.slab.alloc(size, Number(this.align.value));
    const usable = this.slab.usableSize(offset);
    const row = el(
      'li',
      { testid: 'slab-block' },
      el('code', { text: fmtHex32(offset) }),
      el('span', { text: `${fmtInt(size)} B` }),
      el('span', { class: 'muted', testid: 'slab-block-usable', text: `usable ${fmtInt(usable)} B` }),
    );
    const block: Block = { offset, size, row };
    row.append(button('free', 'slab-block-free', () => this.banner.guard(() => this.free(block)), 'small'));
    this.blocks.push(block);
    this.blockList.prepend(row);
  }

  private free(block: Block): void {
    this.slab.free(block.offset, block.size);
    this.blocks.splice(this.blocks.indexOf(block), 1);
    block.row.remove();
  }

  private freeLast(): void {
    const last = this.blocks[this.blocks.length - 1];
    if (last) this.free(last);
  }

  private freeAll(): void {
    while (this.blocks.length > 0) this.free(this.blocks[this.blocks.length - 1]!);
  }

  /** An offset inside a live block (or the arena's start when none is live): not a block start. */
  private freeBad(): void {
    const last = this.blocks[this.blocks.length - 1];
    this.slab.free(last ? last.offset + 8 : 8);
  }

  private renderClasses(): void {
    const rows: HTMLElement[] = [];
    for (const c of this.slab.classStats()) {
      if (c.pages === 0 && c.liveBlocks === 0) continue;
      const bar = new Bar('slab-class-bar');
      bar.set(c.liveBlocks, c.capacityBlocks);
      const row = el(
        'tr',
        { testid: 'slab-class' },
        el('td', { testid: 'slab-class-size', text: `${fmtInt(c.blockSize)} B` }),
        el('td', { testid: 'slab-class-pages', text: fmtInt(c.pages) }),
        el('td', { testid: 'slab-class-live', text: `${fmtInt(c.liveBlocks)} / ${fmtInt(c.capacityBlocks)}` }),
        el('td', {}, bar.node),
      );
      row.dataset.blockSize = String(c.blockSize);
      rows.push(row);
    }
    if (rows.length === 0) {
      const empty = el('td', { class: 'muted', text: 'no class pages yet' });
      empty.colSpan = 4;
      rows.push(el('tr', {}, empty));
    }
    this.classBody.replaceChildren(...rows);
  }
}
