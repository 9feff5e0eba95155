// The save menu (Esc): the named slots with their thumbnail, level, score and time; save to a new or
// an existing name, load, export, delete; import a .clawsnap. The game is paused while it is open
// (pause reason 'menu'). Every control is a button or a form field, reachable with Tab; Enter in the
// name field saves; Esc closes.
import type { SlotInfo } from '../../../engine/snapshot/store.js';
import { el } from '../../shared/dom.js';
import type { GameShell } from '../shell.js';
import { slotFromFileName, slotName, type SaveActions } from './actions.js';
import { summarize, THUMB_H, THUMB_W, type SaveSummary } from './meta.js';

type MenuKey = 'close' | 'quickSave' | 'quickLoad';
const MENU_KEYS: Partial<Record<string, MenuKey>> = { Escape: 'close', F5: 'quickSave', F9: 'quickLoad' };

export class SaveMenu {
  readonly root = el('div', { class: 'save-menu', testid: 'save-menu' });
  private readonly name = el('input', { class: 'save-menu-name', testid: 'save-name' });
  private readonly slots = el('ul', { class: 'save-menu-slots', testid: 'save-slots' });
  private readonly note = el('p', { class: 'save-menu-note', testid: 'save-menu-note' });
  private readonly importInput = el('input', { testid: 'save-import-file' });
  private infos: SlotInfo[] = [];
  private opened = false;
  /** What F5, F9 and Esc do inside the menu (index.ts sets the quick ones: the same as the game's keys). */
  readonly keys: Record<MenuKey, () => void> = { close: () => this.close(), quickSave: () => undefined, quickLoad: () => undefined };

  constructor(private readonly shell: GameShell, private readonly actions: SaveActions) {
    this.root.setAttribute('role', 'dialog');
    this.root.setAttribute('aria-modal', 'true');
    this.root.setAttribute('aria-label', 'Saves');
    this.root.hidden = true;
    this.root.dataset.state = 'closed';

    this.name.type = 'text';
    this.name.maxLength = 64;
    this.name.placeholder = 'Slot name';
    this.name.setAttribute('aria-label', 'Slot name');
    const form = el('form', { class: 'save-menu-new' }, this.name, button('Save', 'save-new', undefined, 'submit'));
    form.addEventListener('submit', (ev) => {
      ev.preventDefault();
      void this.saveNamed();
    });

    this.importInput.type = 'file';
    this.importInput.accept = '.clawsnap,application/octet-stream';
    this.importInput.hidden = true;
    this.importInput.addEventListener('change', () => void this.importChosen());

    const panel = el(
      'div',
      { class: 'save-menu-panel' },
      el('header', {},
        el('h2', { text: 'Saves' }),
        el('span', { class: 'save-menu-keys', text: 'F5 quick save · F9 quick load · Esc close' }),
        button('Close', 'save-menu-close', () => this.close())),
      this.note,
      form,
      this.slots,
      el('footer', {}, button('Import .clawsnap…', 'save-import', () => this.importInput.click()), this.importInput),
    );
    this.root.append(panel);
    // A click on the dimmed background closes, like Esc.
    this.root.addEventListener('click', (ev) => {
      if (ev.target === this.root) this.close();
    });
    // Keys inside the menu are the menu's: the game's key bindings ignore keys typed into a field (so Esc
    // and F5 in the name field would do nothing, or reload the page), and must not see them twice.
    this.root.addEventListener('keydown', (ev) => {
      const action = MENU_KEYS[ev.code];
      if (action === undefined) return;
      ev.preventDefault();
      ev.stopPropagation();
      if (!ev.repeat) this.keys[action]();
    });
    this.root.addEventListener('keyup', (ev) => {
      if (MENU_KEYS[ev.code] !== undefined) ev.stopPropagation();
    });
    actions.onSlotsChanged = () => void this.refresh();
  }

  open(): void {
    if (this.opened) return;
    this.opened = true;
    this.shell.pause('menu');
    this.root.hidden = false;
    this.root.dataset.state = 'open';
    const store = this.shell.store;
    this.note.textContent = store.persistent ? '' : `Saves are kept in memory only and are lost with this page: ${store.reason ?? 'no storage'}.`;
    this.note.hidden = store.persistent;
    if (this.name.value === '') this.name.value = this.freeName('Save');
    this.name.focus();
    this.name.select();
    void this.refresh();
  }

  close(): void {
    if (!this.opened) return;
    this.opened = false;
    this.root.hidden = true;
    this.root.dataset.state = 'closed';
    if (this.root.contains(document.activeElement)) (document.activeElement as HTMLElement).blur();
    this.shell.resume('menu');
  }

  toggle(): void {
    if (this.opened) this.close();
    else this.open();
  }

  /** Re-reads the slots and rebuilds the list (on open and after every change; never per frame). */
  async refresh(): Promise<void> {
    this.slots.dataset.state = 'loading';
    const infos = await this.actions.list();
    if (infos === null) {
      this.slots.dataset.state = 'error';
      return;
    }
    this.infos = infos;
    this.slots.replaceChildren(...infos.map((info) => this.row(summarize(info))));
    if (infos.length === 0) this.slots.append(el('li', { class: 'save-menu-empty', text: 'No saves yet.' }));
    this.slots.dataset.state = 'ready';
    this.root.dataset.slots = String(infos.length);
  }

  private row(s: SaveSummary): HTMLLIElement {
    const thumb = el('div', { class: 'save-menu-thumb' });
    if (s.thumbnail !== undefined) {
      const img = el('img');
      img.src = s.thumbnail;
      img.width = THUMB_W;
      img.height = THUMB_H;
      img.alt = '';
      thumb.append(img);
    }
    const details: string[] = [];
    if (s.level !== undefined) details.push(s.level);
    if (s.score !== undefined) details.push(`score ${s.score.toLocaleString('en-US')}`);
    if (s.imported !== undefined) details.push(`imported from ${s.imported}`);
    const remove = button('Delete', 'save-slot-delete', () => {
      // Two clicks: the first arms the button, so that a stray Enter never deletes a save.
      if (remove.dataset.armed !== 'true') {
        remove.dataset.armed = 'true';
        remove.textContent = 'Delete?';
        return;
      }
      void this.actions.remove(s.slot);
    });
    remove.addEventListener('blur', () => {
      remove.dataset.armed = 'false';
      remove.textContent = 'Delete';
    });
    remove.classList.add('warn');
    const li = el(
      'li',
      { class: 'save-menu-slot', testid: 'save-slot' },
      thumb,
      el('div', { class: 'save-menu-info' },
        el('strong', { class: 'save-menu-slot-name', testid: 'save-slot-name', text: s.slot }),
        el('span', { class: 'save-menu-details', testid: 'save-slot-details', text: details.join(' · ') }),
        el('span', { class: 'save-menu-details', testid: 'save-slot-time', text: new Date(s.savedAt).toLocaleString() })),
      el('div', { class: 'save-menu-actions' },
        button('Load', 'save-slot-load', () => void this.load(s.slot)),
        button('Overwrite', 'save-slot-overwrite', () => void this.actions.save(s.slot)),
        button('Export', 'save-slot-export', () => void this.actions.exportFile(s.slot)),
        remove),
    );
    li.dataset.slot = s.slot;
    li.dataset.version = String(s.version);
    return li;
  }

  private async saveNamed(): Promise<void> {
    const slot = slotName(this.name.value);
    if (slot === null) {
      this.shell.message('A slot name is 1 to 64 letters, digits, spaces, "_", "." or "-", starting with a letter or digit.', 'error');
      return;
    }
    await this.actions.save(slot);
  }

  private async load(slot: string): Promise<void> {
    if (await this.actions.load(slot)) this.close();
  }

  private async importChosen(): Promise<void> {
    const file = this.importInput.files?.[0];
    this.importInput.value = ''; // the same file can be chosen again
    if (file === undefined) return;
    if (await this.actions.importFile(this.freeName(slotFromFileName(file.name)), file)) this.close();
  }

  /** `base`, or `base 2`, `base 3`... whichever no listed slot has. */
  private freeName(base: string): string {
    const taken = new Set(this.infos.map((i) => i.slot));
    if (!taken.has(base)) return base;
    for (let n = 2; ; n++) {
      const name = `${base.slice(0, 60)} ${n}`;
      if (!taken.has(name)) return name;
    }
  }
}

function button(label: string, testid: string, onClick?: () => void, type: 'button' | 'submit' = 'button'): HTMLButtonElement {
  const b = el('button', { text: label, testid });
  b.type = type;
  if (onClick !== undefined) b.addEventListener('click', onClick);
  return b;
}
