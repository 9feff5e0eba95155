// The "Save slots" panel: saves the engine's state region into a named slot of the SnapshotStore
// (IndexedDB, written by the persist worker), loads it back, lists the slots, exports and imports
// .clawsnap files. The status line names the error class of a failure; the state checksum
// (XXH3-64 of the state region) is shown so that a load can be compared with what was saved.
import type { SnapshotStore } from '../../engine/snapshot/store.js';
import { openSnapshotStore } from '../../engine/snapshot/store.js';
import { button, el, fmtInt, labelled, numberInput } from './dom.js';
import type { Engine } from './engine-types.js';
import type { Live } from './frame-loop.js';
import { slotErrorName } from './slot-error-names.js';
import { SlotTable } from './slot-table.js';
import { fillState } from './state-fill.js';
import './save-slots.css';

export interface SaveSlotsOptions {
  /** The core's .wasm URL, for the store's own instance in the persist worker. */
  wasm: string;
  /** Called after a load replaced the state region (other panels drop what no longer exists). */
  onStateReplaced: () => void;
}

const CHECKSUM_EVERY_MS = 250;

function hex64(v: bigint): string {
  return '0x' + v.toString(16).toUpperCase().padStart(16, '0');
}

export class SaveSlotsPanel implements Live {
  private store: SnapshotStore | undefined;
  private readonly name = el('input', { testid: 'slot-name' });
  private readonly fillKib = numberInput('fillKib', 'slot-fill-kib', 1024);
  private readonly importInput = el('input', { testid: 'slot-import-file' });
  private readonly status = el('div', { class: 'slot-status', testid: 'slot-status' });
  private readonly errorName = el('strong', { testid: 'slot-error-name' });
  private readonly message = el('span', { testid: 'slot-message', text: 'Opening the snapshot store…' });
  private readonly backend = el('span', { class: 'muted', testid: 'slot-backend', text: '–' });
  private readonly checksum = el('code', { testid: 'state-checksum', text: '–' });
  private readonly frame = el('code', { testid: 'state-frame', text: '–' });
  private readonly table = new SlotTable((slot) => (this.name.value = slot));
  private readonly actions: HTMLButtonElement[];
  private lastChecksumAt = 0;

  constructor(
    private readonly root: HTMLElement,
    private readonly engine: Engine,
    private readonly options: SaveSlotsOptions,
  ) {
    this.name.name = 'slot';
    this.name.value = 'slot 1';
    this.importInput.type = 'file';
    this.importInput.accept = '.clawsnap,application/octet-stream';
    this.importInput.addEventListener('change', () => void this.importChosen());
    this.status.append(this.errorName, ' ', this.message);
    this.status.dataset.state = 'busy';
    this.actions = [
      button('Save', 'slot-save', () => void this.run('save', () => this.save())),
      button('Load', 'slot-load', () => void this.run('load', () => this.load())),
      button('Delete', 'slot-delete', () => void this.run('delete', () => this.remove()), 'warn'),
      button('Export .clawsnap', 'slot-export', () => void this.run('export', () => this.exportFile())),
      button('Import…', 'slot-import', () => this.importInput.click()),
    ];
    for (const b of this.actions) b.disabled = true;
    root.dataset.state = 'opening';
    root.append(
      el('p', { class: 'muted', text: 'Snapshots of the state region in named slots: sealed, compressed and written to IndexedDB by a worker, one atomic transaction per save.' }),
      el('div', { class: 'row-form' }, labelled('Slot', this.name), ...this.actions, this.importInput),
      el(
        'div',
        { class: 'row-form' },
        labelled('Fill (KiB)', this.fillKib),
        button('Fill state with random bytes', 'slot-fill', () => this.fill()),
        button('Restart persist worker', 'slot-restart-worker', () => this.store?.restartWorker(), 'small'),
      ),
      el(
        'div',
        { class: 'slot-facts' },
        el('span', {}, 'State checksum ', this.checksum),
        el('span', {}, 'Frame ', this.frame),
        el('span', {}, 'Store ', this.backend),
      ),
      this.status,
      this.table.node,
    );
  }

  /** Opens the store (in the persist worker) and lists the slots. */
  async open(): Promise<void> {
    try {
      this.store = await openSnapshotStore({ wasm: this.options.wasm });
    } catch (err) {
      this.root.dataset.state = 'failed';
      this.fail(err);
      return;
    }
    const s = this.store;
    this.backend.textContent = s.persistent
      ? `${s.backend} (persistent${s.persisted === true ? ', eviction-proof' : ''})`
      : `${s.backend} (not persistent: ${s.reason ?? 'unknown reason'})`;
    this.backend.dataset.backend = s.backend;
    this.backend.dataset.persistent = String(s.persistent);
    this.backend.dataset.persisted = String(s.persisted);
    for (const b of this.actions) b.disabled = false;
    this.root.dataset.state = 'ready';
    await this.run('list', async () => {
      await this.refresh();
      return 'Ready.';
    });
  }

  update(): void {
    const now = performance.now();
    if (now - this.lastChecksumAt < CHECKSUM_EVERY_MS) return;
    this.showState();
  }

  private showState(): void {
    this.lastChecksumAt = performance.now();
    this.checksum.textContent = hex64(this.engine.checksum());
    this.frame.textContent = fmtInt(this.engine.frameNumber);
  }

  /** Runs one store action: buttons off while it runs, its outcome (or error class) in the status line. */
  private async run(what: string, action: () => Promise<string>): Promise<void> {
    const store = this.store;
    if (!store) return;
    for (const b of this.actions) b.disabled = true;
    this.status.dataset.state = 'busy';
    this.status.dataset.action = what;
    this.errorName.textContent = '';
    this.message.textContent = `${what}…`;
    try {
      const text = await action();
      this.status.dataset.state = 'ok';
      this.message.textContent = text;
    } catch (err) {
      this.fail(err);
    }
    this.showState();
    try {
      await this.refresh();
    } catch (err) {
      if (this.status.dataset.state === 'ok') this.fail(err);
    }
    for (const b of this.actions) b.disabled = false;
  }

  private fail(err: unknown): void {
    this.status.dataset.state = 'error';
    this.errorName.textContent = slotErrorName(err);
    this.message.textContent = err instanceof Error ? err.message : String(err);
  }

  private slot(): string {
    return this.name.value.trim();
  }

  private async refresh(): Promise<void> {
    if (this.store) this.table.show(await this.store.list());
  }

  private async save(): Promise<string> {
    const started = performance.now();
    const info = await this.store!.save(this.slot(), this.engine, { meta: { page: 'memory lab' } });
    const ms = Math.round(performance.now() - started);
    return `Saved "${info.slot}" as version ${info.version}: ${fmtInt(info.snapshotBytes)} B snapshot, ${fmtInt(info.storedBytes)} B stored, ${ms} ms.`;
  }

  private async load(): Promise<string> {
    const { bytes, info } = await this.store!.load(this.slot());
    this.engine.restore(bytes);
    this.options.onStateReplaced();
    return `Loaded "${info.slot}" version ${info.version} (frame ${fmtInt(info.frame)}).`;
  }

  private async remove(): Promise<string> {
    const slot = this.slot();
    await this.store!.delete(slot);
    return `Deleted "${slot}".`;
  }

  private async exportFile(): Promise<string> {
    const slot = this.slot();
    const bytes = await this.store!.exportSlot(slot);
    const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }));
    const link = el('a');
    link.href = url;
    link.download = `${slot}.clawsnap`;
    link.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return `Exported "${slot}" (${fmtInt(bytes.length)} B).`;
  }

  private async importChosen(): Promise<void> {
    const file = this.importInput.files?.[0];
    this.importInput.value = '';
    if (!file) return;
    await this.run('import', async () => {
      const info = await this.store!.importFile(this.slot(), file, { meta: { file: file.name } });
      return `Imported ${file.name} into "${info.slot}" as version ${info.version}.`;
    });
  }

  private fill(): void {
    try {
      const written = fillState(this.engine, Number(this.fillKib.value));
      this.engine.endFrame();
      this.status.dataset.state = 'ok';
      this.errorName.textContent = '';
      this.message.textContent = `Filled ${fmtInt(written)} B of the state with random bytes.`;
    } catch (err) {
      this.fail(err);
    }
    this.showState();
  }
}
