// The list of save slots: one row per slot with its latest version, time, frame and sizes. Rows
// carry data-slot and data-version, and each cell its own testid, so tests read what a person sees.
import { el, fmtInt } from './dom.js';
import type { SlotInfo } from '../../engine/snapshot/store.js';

export class SlotTable {
  readonly node: HTMLTableElement;
  private readonly body = el('tbody', { testid: 'slot-rows' });

  constructor(private readonly onPick: (slot: string) => void) {
    this.node = el(
      'table',
      { class: 'classes slot-table', testid: 'slot-list' },
      el('thead', {}, el('tr', {}, ...['Slot', 'Version', 'Saved', 'Frame', 'Snapshot', 'Stored'].map((t) => el('th', { text: t })))),
      this.body,
    );
  }

  show(infos: readonly SlotInfo[]): void {
    const rows = infos.map((info) => {
      const row = el(
        'tr',
        { testid: 'slot-row', title: 'Click to use this slot name' },
        el('td', { testid: 'slot-row-name', text: info.slot }),
        el('td', { testid: 'slot-row-version', text: String(info.version) }),
        el('td', { testid: 'slot-row-time', text: new Date(info.savedAt).toLocaleTimeString() }),
        el('td', { testid: 'slot-row-frame', text: fmtInt(info.frame) }),
        el('td', { testid: 'slot-row-bytes', text: fmtInt(info.snapshotBytes) }),
        el('td', { testid: 'slot-row-stored', text: fmtInt(info.storedBytes) }),
      );
      row.dataset.slot = info.slot;
      row.dataset.version = String(info.version);
      row.addEventListener('click', () => this.onPick(info.slot));
      return row;
    });
    if (rows.length === 0) rows.push(el('tr', {}, el('td', { class: 'muted', text: 'No saves yet.' })));
    this.body.replaceChildren(...rows);
  }
}
