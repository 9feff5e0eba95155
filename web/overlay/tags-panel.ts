// Per-tag figures (tracker.tags(): views over the tracker's tag table, no wasm call): live count and
// bytes, peak bytes, allocations and frees. Rows are kept in tag-id order, so a row never moves and
// only the cells whose value changed are rewritten.
import { Cell, el, fmtBytes, panelBox, type Panel } from './dom.js';
import type { OverlayTracker, TagRow } from './engine-types.js';
import { tagColor } from './palette.js';

const COLUMNS = [
  ['live-count', 'live', 'live allocations'],
  ['live-bytes', 'bytes', 'usable bytes of live allocations'],
  ['peak-bytes', 'peak', 'highest live bytes'],
  ['allocs', 'allocs', 'allocations since the start'],
  ['frees', 'frees', 'frees since the start'],
] as const;

class TagTableRow {
  readonly node: HTMLTableRowElement;
  private readonly cells: Cell[];

  constructor(tag: TagRow) {
    const swatch = el('span', { class: 'oc-ov-swatch' });
    swatch.style.background = tagColor(tag.id);
    this.cells = COLUMNS.map(
      ([key]) => new Cell(el('td', { class: 'oc-ov-num', testid: `overlay-tag-${key}` }), key.endsWith('bytes') ? fmtBytes : undefined),
    );
    this.node = el(
      'tr',
      { testid: 'overlay-tag-row' },
      el('th', { testid: 'overlay-tag-name' }, swatch, tag.name),
      ...this.cells.map((c) => c.node),
    );
    this.node.dataset.tag = tag.name;
    this.node.dataset.tagId = String(tag.id);
  }

  show(t: TagRow): void {
    this.cells[0]!.set(t.liveCount);
    this.cells[1]!.set(t.liveBytes);
    this.cells[2]!.set(t.peakBytes);
    this.cells[3]!.set(t.allocs);
    this.cells[4]!.set(t.frees);
  }
}

export class TagsPanel implements Panel {
  readonly node: HTMLElement;
  private readonly body = el('tbody');
  private readonly rows = new Map<number, TagTableRow>();

  constructor(private readonly tracker: OverlayTracker) {
    const head = el('tr', {}, el('th', { text: 'tag' }), ...COLUMNS.map(([, label, title]) => el('th', { text: label, title })));
    const table = el('table', { class: 'oc-ov-table', testid: 'overlay-tags-table' }, el('thead', {}, head), this.body);
    this.node = panelBox('Tags', 'overlay-tags', table);
  }

  refresh(): void {
    for (const tag of this.tracker.tags()) {
      let row = this.rows.get(tag.id);
      if (row === undefined) {
        row = new TagTableRow(tag);
        this.rows.set(tag.id, row);
        this.insertInOrder(tag.id, row.node);
      }
      row.show(tag);
    }
  }

  private insertInOrder(id: number, node: HTMLTableRowElement): void {
    for (const child of this.body.children) {
      if (Number((child as HTMLElement).dataset.tagId) > id) {
        this.body.insertBefore(node, child);
        return;
      }
    }
    this.body.append(node);
  }
}
