// Bring your own CLAW.REZ: "Open CLAW.REZ" picks the player's archive, which the game then reads by
// slices of the File (shell.switchArchive: sourceFromBlob; never copied whole, never uploaded). With
// the consent box ticked the File is kept in this browser (IndexedDB) and the next visit offers
// "Play your CLAW.REZ again" and "Forget it". installRezPicker() returns the function that removes it.
import { EntryNotFoundError, FormatError, SourceError } from '../../../engine/streaming/formats/errors.js';
import { el } from '../../shared/dom.js';
import type { GameShell } from '../shell.js';
import { rezHeaderProblem } from './check-rez.js';
import { forgetArchive, keepArchive, keptArchive, type KeptArchive } from './kept-archive.js';
import './byo.css';

export function installRezPicker(shell: GameShell): () => void {
  const file = el('input', { testid: 'byo-file' });
  file.type = 'file';
  file.accept = '.rez,.REZ';
  file.hidden = true;
  const open = button('Open CLAW.REZ', 'byo-open', () => file.click());
  open.title = 'Play Level 1 of your own Captain Claw archive. It is read here, in this browser, and never uploaded.';
  const keep = el('input', { testid: 'byo-keep' });
  keep.type = 'checkbox';
  const keepLabel = el('label', { class: 'byo-keep' }, keep, ' Keep it in this browser for my next visit');
  const again = button('Play your CLAW.REZ again', 'byo-again', () => void playKept());
  const forget = button('Forget it', 'byo-forget', () => void forgetKept());
  const demo = button('Back to the demo', 'byo-demo', () => void play({ kind: 'demo' }));
  const root = el('div', { class: 'byo', testid: 'byo' }, open, file, keepLabel, again, forget, demo);
  root.dataset.state = 'idle';
  shell.ui.append(root);

  let kept: KeptArchive | null = null;
  let busy = false;
  let removed = false;

  const render = (): void => {
    again.hidden = kept === null;
    forget.hidden = kept === null;
    if (kept !== null) again.title = `${kept.name} (${(kept.size / 1048576).toFixed(1)} MiB), kept ${new Date(kept.keptAt).toLocaleDateString()}`;
    demo.hidden = shell.level().archive === 'demo';
    // Any load counts (the first one, a restart after game over), not only this picker's.
    const loading = busy || shell.busy;
    for (const b of [open, again, forget, demo]) b.disabled = loading;
    root.dataset.state = loading ? 'busy' : 'idle';
    root.dataset.kept = kept === null ? 'false' : 'true';
  };

  async function play(source: { kind: 'demo' } | { kind: 'player'; blob: Blob; name: string }): Promise<boolean> {
    if (busy) return false;
    if (shell.busy) {
      shell.message('A level is loading: try again when it has loaded.', 'error');
      return false;
    }
    busy = true;
    render();
    try {
      // (The shell restarts the rewind ring with the new level: frames of the old one are not kept.)
      await shell.switchArchive(source);
      const level = shell.level();
      shell.message(source.kind === 'demo' ? `Playing the demo: ${level.name}` : `Playing ${level.name} from ${source.name}`);
      return true;
    } catch (err) {
      const name = source.kind === 'demo' ? 'the demo' : `"${source.name}"`;
      shell.message(`Could not play ${name}: ${switchErrorText(err)}`, 'error');
      return false;
    } finally {
      busy = false;
      if (!removed) render();
    }
  }

  async function chosen(): Promise<void> {
    const picked = file.files?.[0];
    file.value = ''; // the same file can be chosen again
    if (picked === undefined) return;
    const problem = await rezHeaderProblem(picked).catch((err: unknown) => `it could not be read (${String(err)})`);
    if (problem !== null) {
      shell.message(`"${picked.name}" is not a REZ archive: ${problem}. Choose the CLAW.REZ from the game's folder.`, 'error');
      return;
    }
    if (!(await play({ kind: 'player', blob: picked, name: picked.name }))) return;
    if (!keep.checked) return;
    try {
      await keepArchive(picked, picked.name);
      kept = await keptArchive();
      shell.message(`"${picked.name}" is kept in this browser for your next visit`);
    } catch (err) {
      const full = err instanceof DOMException && err.name === 'QuotaExceededError';
      shell.message(
        full ? 'Could not keep the archive in this browser: its storage is full (quota exceeded).' : `Could not keep the archive in this browser: ${String(err)}`,
        'error',
      );
    }
    if (!removed) render();
  }

  async function playKept(): Promise<void> {
    const k = kept ?? (await keptArchive());
    if (k === null) {
      shell.message('The kept archive is gone (the browser may have cleared its storage).', 'error');
      kept = null;
      render();
      return;
    }
    await play({ kind: 'player', blob: k.blob, name: k.name });
  }

  async function forgetKept(): Promise<void> {
    try {
      await forgetArchive();
      kept = null;
      shell.message('The archive is no longer kept in this browser');
    } catch (err) {
      shell.message(`Could not forget the archive: ${String(err)}`, 'error');
    }
    if (!removed) render();
  }

  file.addEventListener('change', () => void chosen());
  const offBusy = shell.onBusyChange(() => {
    if (!removed) render();
  });
  render();
  void keptArchive().then((k) => {
    kept = k;
    if (!removed) render();
  });

  return () => {
    removed = true;
    offBusy();
    root.remove();
  };
}

function switchErrorText(err: unknown): string {
  if (err instanceof EntryNotFoundError) return `the archive has no ${err.path} (is it Captain Claw's CLAW.REZ?)`;
  if (err instanceof FormatError) return `the archive is damaged or not a REZ archive (${err.message})`;
  if (err instanceof SourceError) return `the file could not be read (${err.message}); choose it again`;
  return err instanceof Error ? err.message : String(err);
}

function button(label: string, testid: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { text: label, testid });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}
