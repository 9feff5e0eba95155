// The directory tree of an open archive. A directory lists its entries only when first expanded
// (archive.list(): the core's index, no bytes read), so a tree of thousands of files costs what is
// shown. Clicking a file hands its entry to the panel.
import type { RezArchive, RezEntry } from '../../engine/index.js';
import { el, fmtInt } from './dom.js';

export class ArchiveTree {
  readonly node = el('ul', { class: 'rez-tree', testid: 'rez-tree' });
  private selected: HTMLElement | null = null;

  constructor(private readonly archive: RezArchive, private readonly onFile: (entry: RezEntry) => void) {
    this.fill(this.node, '/');
  }

  private fill(list: HTMLElement, dir: string): void {
    for (const entry of this.archive.list(dir)) list.append(this.row(entry));
  }

  private row(entry: RezEntry): HTMLLIElement {
    const label = el('span', { class: 'rez-row', testid: 'rez-row', text: entry.name });
    const li = el('li', { class: entry.isDirectory ? 'rez-dir' : 'rez-file' }, label);
    li.dataset.name = entry.name;
    li.dataset.path = entry.path;
    li.dataset.size = String(entry.size);
    label.dataset.path = entry.path;
    if (entry.isDirectory) {
      li.dataset.open = 'false';
      label.append(el('span', { class: 'muted', text: ` ${fmtInt(entry.childCount)}` }));
      label.addEventListener('click', () => this.toggle(li, entry));
    } else {
      label.append(el('span', { class: 'muted', text: ` ${fmtInt(entry.size)} B` }));
      label.addEventListener('click', () => {
        this.selected?.classList.remove('selected');
        label.classList.add('selected');
        this.selected = label;
        this.onFile(entry);
      });
    }
    return li;
  }

  private toggle(li: HTMLLIElement, entry: RezEntry): void {
    const open = li.dataset.open === 'true';
    li.dataset.open = String(!open);
    let child = li.querySelector<HTMLElement>(':scope > ul');
    if (!child) {
      child = el('ul');
      this.fill(child, entry.path);
      li.append(child);
    }
    child.hidden = open;
  }
}
