// The "Archives" panel: opens a REZ archive from the page's own demo.rez (Range requests against the
// server) or from a file the user picks (read by Blob slices, never whole), shows how many bytes the
// opening read against the archive's size, and browses it: a lazy directory tree, PIDs drawn at 2x,
// ANIs played from their image set, WWD levels with their planes. Decoding runs on the main thread
// with the engine's own wasm instance (Formats.fromAbi); workers come later. A failure shows its error
// class in the panel's status line and leaves the rest of the lab running.
import {
  Formats, sourceFromBlob, sourceFromUrl, type ByteSource, type RezArchive, type RezEntry,
} from '../../engine/index.js';
import { archiveErrorName } from './archive-error-names.js';
import { ArchiveImages } from './archive-images.js';
import { ArchiveTree } from './archive-tree.js';
import { aniView, pidView, type FileView } from './archive-views.js';
import { wwdView } from './archive-wwd-view.js';
import { button, el, fmtInt, LiveText } from './dom.js';
import type { Engine } from './engine-types.js';
import type { Live } from './frame-loop.js';
import './archive.css';

/** The demo archive, at the site's root one level above the lab at /lab/ (build/assets/web/ is Vite's public folder). */
const DEMO_URL = '../demo.rez';

interface Opened {
  archive: RezArchive;
  images: ArchiveImages;
}

/** A source and how it reads: 'range' or 'full' for a URL, 'slices' for a File. */
interface Made {
  source: ByteSource;
  mode: string;
}

export class ArchivePanel implements Live {
  private readonly formats: Formats;
  private readonly fileInput = el('input', { testid: 'rez-file-input' });
  private readonly status = el('div', { class: 'rez-status', testid: 'rez-status' });
  private readonly errorName = el('strong', { testid: 'rez-error-name' });
  private readonly message = el('span', { testid: 'rez-message', text: 'No archive open.' });
  private readonly sourceName = el('code', { testid: 'rez-source', text: '–' });
  private readonly mode = el('code', { testid: 'rez-mode', text: '–' });
  private readonly openBytes = el('code', { testid: 'rez-open-bytes', text: '–' });
  private readonly size = el('code', { testid: 'rez-size', text: '–' });
  private readonly entries = el('code', { testid: 'rez-entries', text: '–' });
  private readonly bytesRead = new LiveText(el('code', { testid: 'rez-bytes-read', text: '–' }));
  private readonly treeBox = el('div', { class: 'rez-tree-box' });
  private readonly viewBox = el('div', { class: 'rez-view-box', testid: 'rez-view' });
  private opened: Opened | null = null;
  /** The last source made, opened or not: its bytes read stay on show after a failed open. */
  private source: ByteSource | null = null;
  private view: FileView | null = null;
  /** Bumped by every open and every click, so a slow result that was overtaken is dropped. */
  private generation = 0;

  constructor(root: HTMLElement, engine: Engine) {
    this.formats = Formats.fromAbi(engine.abi);
    this.fileInput.type = 'file';
    this.fileInput.accept = '.rez,.REZ,application/octet-stream';
    this.fileInput.addEventListener('change', () => {
      const file = this.fileInput.files?.[0];
      this.fileInput.value = '';
      if (file) void this.open(file.name, async () => ({ source: sourceFromBlob(file, file.name), mode: 'slices' }));
    });
    this.status.append(this.errorName, ' ', this.message);
    this.status.dataset.state = 'idle';
    root.append(
      el('p', { class: 'muted', text: 'REZ archives opened lazily: the header and directory blocks only, then each file\'s exact byte range when you click it.' }),
      el(
        'div',
        { class: 'row-form' },
        button('Open demo.rez', 'rez-open-demo', () => void this.open(DEMO_URL, async () => {
          const source = await sourceFromUrl(DEMO_URL);
          return { source, mode: source.mode };
        })),
        button('Open a .REZ file…', 'rez-open-file', () => this.fileInput.click()),
        this.fileInput,
      ),
      this.status,
      el(
        'div',
        { class: 'rez-facts', testid: 'rez-source-facts' },
        el('span', {}, 'Source ', this.sourceName),
        el('span', {}, 'Mode ', this.mode),
        el('span', {}, 'Read to open ', this.openBytes, ' B'),
        el('span', {}, 'Archive ', this.size, ' B'),
        el('span', {}, 'Entries ', this.entries),
        el('span', {}, 'Read so far ', this.bytesRead.node, ' B'),
      ),
      el('div', { class: 'rez-body' }, this.treeBox, this.viewBox),
    );
  }

  update(): void {
    if (this.source) this.bytesRead.set(this.source.bytesRead);
    this.view?.update();
  }

  /** Closes the open archive and frees the decoders' scratch memory. */
  destroy(): void {
    this.closeArchive();
    this.formats.dispose();
  }

  private async open(name: string, makeSource: () => Promise<Made>): Promise<void> {
    const generation = ++this.generation;
    this.closeArchive();
    this.sourceName.textContent = name;
    for (const cell of [this.mode, this.openBytes, this.size, this.entries]) cell.textContent = '–';
    this.setStatus('busy', '', `Opening ${name}…`);
    this.source = null;
    this.bytesRead.set(0);
    let source: ByteSource | null = null;
    try {
      const made = await makeSource();
      if (generation !== this.generation) return;
      source = made.source;
      this.source = source;
      this.mode.textContent = made.mode;
      this.size.textContent = fmtInt(source.size);
      const archive = await this.formats.openRez(source);
      if (generation !== this.generation) {
        archive.close();
        return;
      }
      this.opened = { archive, images: new ArchiveImages(this.formats, archive) };
      this.openBytes.textContent = fmtInt(source.bytesRead);
      this.entries.textContent = fmtInt(archive.entryCount);
      this.treeBox.append(new ArchiveTree(archive, (entry) => void this.show(entry)).node);
      this.setStatus('ok', '', `Opened ${name}: version ${archive.version}, directory of ${fmtInt(archive.dirSize)} B.`);
    } catch (err) {
      if (generation !== this.generation) return;
      if (source) this.openBytes.textContent = fmtInt(source.bytesRead);
      this.setStatus('error', archiveErrorName(err), err instanceof Error ? err.message : String(err));
    }
  }

  private async show(entry: RezEntry): Promise<void> {
    const opened = this.opened;
    if (!opened) return;
    const generation = ++this.generation;
    this.view = null;
    this.viewBox.replaceChildren(el('p', { class: 'muted', text: `Reading ${entry.path}…` }));
    this.viewBox.dataset.path = entry.path;
    this.setStatus('busy', '', `Reading ${entry.path} (${fmtInt(entry.size)} B)…`);
    try {
      const view = await this.viewOf(opened, entry);
      if (generation !== this.generation) return;
      this.view = view;
      this.viewBox.replaceChildren(el('h3', { text: entry.path }), view.node);
      this.setStatus('ok', '', `${entry.path}: ${fmtInt(entry.size)} B.`);
    } catch (err) {
      if (generation !== this.generation) return;
      this.viewBox.replaceChildren();
      this.setStatus('error', archiveErrorName(err), err instanceof Error ? err.message : String(err));
    }
  }

  private async viewOf(opened: Opened, entry: RezEntry): Promise<FileView> {
    const ext = /\.([^.]*)$/.exec(entry.name)?.[1]?.toUpperCase() ?? '';
    if (ext === 'PID') return pidView(opened.images, entry.path);
    if (ext === 'ANI') return aniView(this.formats, opened.archive, opened.images, entry.path);
    if (ext === 'WWD') return wwdView(this.formats, opened.archive, entry.path);
    const node = el('p', { class: 'muted', text: `No viewer for .${ext} files (${fmtInt(entry.size)} B at ${fmtInt(entry.offset)}).` });
    return { node, update: () => {} };
  }

  private closeArchive(): void {
    this.view = null;
    this.viewBox.replaceChildren();
    delete this.viewBox.dataset.path;
    this.treeBox.replaceChildren();
    this.opened?.archive.close();
    this.opened = null;
  }

  private setStatus(state: 'busy' | 'ok' | 'error', errorName: string, message: string): void {
    this.status.dataset.state = state;
    this.errorName.textContent = errorName;
    this.message.textContent = message;
  }
}
