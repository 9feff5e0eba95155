// Save, load, delete, export and import on the shell's SnapshotStore, each reported on the message
// line. One operation runs at a time (a second F5 while a save is on its way waits for it), and none
// of them throws: a failure is a message and the game goes on with its state untouched (the store
// writes nothing on failure, engine.restore validates before it copies).
import { WorldStatus } from '../../../engine/game/constants.js';
import type { SlotInfo } from '../../../engine/snapshot/store.js';
import { SaveConflictError } from '../../../engine/snapshot/store-errors.js';
import { restartRewind } from '../rewind.js';
import type { GameShell } from '../shell.js';
import { saveErrorText, type SaveAction } from './error-text.js';
import { importMeta, mismatch, saveMeta } from './meta.js';
import { download } from '../download.js';

export const QUICK_SLOT = 'quick';

/** A name the store accepts (letters, digits, space, _ . -; 1-64 chars; starts with a letter or digit), or null. */
export function slotName(text: string): string | null {
  const name = text.trim();
  return /^[A-Za-z0-9][A-Za-z0-9 _.-]{0,63}$/.test(name) ? name : null;
}

/** A slot name made from a file name ("my save (2).clawsnap" -> "my save 2"), or 'imported'. */
export function slotFromFileName(fileName: string): string {
  const base = fileName.replace(/\.clawsnap$/i, '').replace(/[^A-Za-z0-9 _.-]+/g, ' ').replace(/\s+/g, ' ').trim();
  return slotName(base.replace(/^[^A-Za-z0-9]+/, '').slice(0, 64)) ?? 'imported';
}

export class SaveActions {
  private queue: Promise<unknown> = Promise.resolve();
  /** Called after anything that changed the slot list. */
  onSlotsChanged: () => void = () => undefined;

  constructor(private readonly shell: GameShell) {}

  /** The slots (for the menu); the store also learns each slot's version from it (what the next save expects). */
  list(): Promise<SlotInfo[] | null> {
    const next = this.queue.then(() => this.shell.store.list()).catch((err: unknown) => {
      this.shell.message(`Could not read the saves: ${err instanceof Error ? err.message : String(err)}`, 'error');
      return null;
    });
    this.queue = next;
    return next;
  }

  save(slot: string): Promise<boolean> {
    return this.flag(this.run('save', slot, async () => {
      if (!this.levelRunning('save', slot)) return false;
      const info = await this.shell.store.save(slot, this.shell.engine, { meta: saveMeta(this.shell) });
      this.shell.message(`Saved "${slot}" (frame ${info.frame})`);
      this.onSlotsChanged();
      return true;
    }, async (err) => {
      // The store learns the slot's current version from the list, so that saving again overwrites
      // the other tab's save deliberately instead of conflicting once more.
      if (err instanceof SaveConflictError) await this.shell.store.list().catch(() => undefined);
      this.onSlotsChanged();
    }));
  }

  load(slot: string): Promise<boolean> {
    return this.flag(this.run('load', slot, async () => {
      // Checked when it runs, not when queued: a level switch may have started in between.
      if (!this.levelRunning('load', slot)) return false;
      const { bytes, info } = await this.shell.store.load(slot);
      if (!this.levelRunning('load', slot)) return false;
      const refused = mismatch(this.shell, info) ?? this.restoreChecked(bytes, 'save');
      if (refused !== null) {
        this.shell.message(`Load failed ("${slot}"): ${refused}`, 'error');
        return false;
      }
      this.shell.message(`Loaded "${slot}" (frame ${info.frame})`);
      return true;
    }));
  }

  remove(slot: string): Promise<boolean> {
    return this.flag(this.run('delete', slot, async () => {
      await this.shell.store.delete(slot);
      this.shell.message(`Deleted "${slot}"`);
      this.onSlotsChanged();
      return true;
    }));
  }

  /** Exports the slot as a .clawsnap download. */
  exportFile(slot: string): Promise<boolean> {
    return this.flag(this.run('export', slot, async () => {
      const bytes = await this.shell.store.exportSlot(slot);
      download(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/octet-stream' }), `${slot}.clawsnap`);
      this.shell.message(`Exported "${slot}.clawsnap"`);
      return true;
    }));
  }

  /**
   * Loads the file (a .clawsnap holds the state alone, no level name: it must hold a world of the
   * running level, which passes the game's checks), then stores it in `slot` as a new save. All or
   * nothing: a refused file or a failed store leaves the state as it was and stores nothing.
   */
  importFile(slot: string, file: File): Promise<boolean> {
    return this.flag(this.run('import', slot, async () => {
      if (!this.levelRunning('import', slot)) return false;
      const bytes = new Uint8Array(await file.arrayBuffer());
      if (!this.levelRunning('import', slot)) return false;
      const before = this.shell.engine.snapshot();
      const refused = this.restoreChecked(bytes, 'file', before);
      if (refused !== null) {
        this.shell.message(`Import failed ("${slot}"): ${refused}`, 'error');
        return false;
      }
      try {
        await this.shell.store.importFile(slot, bytes, { meta: importMeta(file.name), expectedVersion: 'any' });
      } catch (err) {
        this.putBack(before);
        throw err;
      }
      this.onSlotsChanged();
      this.shell.message(`Imported "${file.name}" into "${slot}" and loaded it`);
      return true;
    }));
  }

  /**
   * While an archive is being switched (or one is queued) there is no settled level: a save would name
   * the wrong one, a load would race the switch.
   */
  private levelRunning(action: SaveAction, slot: string): boolean {
    if (this.shell.level().number !== 0 && !this.shell.busy) return true;
    this.shell.message(`${action === 'save' ? 'Save' : action === 'load' ? 'Load' : 'Import'} ("${slot}"): no level is running yet; try again when it has loaded.`, 'error');
    return false;
  }

  /**
   * Loads snapshot bytes, then requires a game world of the running level (same WWD hash) that passes
   * the game's checks; otherwise puts the state captured before back and returns why. Snapshot errors
   * (damaged, too new) throw from engine.restore before anything changed.
   */
  private restoreChecked(bytes: Uint8Array, what: 'save' | 'file', before = this.shell.engine.snapshot()): string | null {
    const { engine, game } = this.shell;
    const level = game.world.levelHash;
    engine.restore(bytes);
    const problem = gameProblem(this.shell, level, what);
    if (problem !== null) {
      this.putBack(before);
      return problem;
    }
    game.entityPool(); // the restored pool, listed again for the overlay
    // Rewind starts again from the loaded state: frames from before the load belong to another timeline.
    restartRewind(engine);
    this.shell.stateReplaced();
    return null;
  }

  /** Restores the state captured before a refused load (a snapshot of this very state: it validates). */
  private putBack(before: Uint8Array): void {
    this.shell.engine.restore(before);
    this.shell.game.entityPool();
    this.shell.stateReplaced();
  }

  /** Runs `work` after the operations before it; a failure becomes an error message and null. */
  private run<T>(action: SaveAction, slot: string, work: () => Promise<T>, onError?: (err: unknown) => Promise<void>): Promise<T | null> {
    const next = this.queue.then(work).catch(async (err: unknown) => {
      this.shell.message(saveErrorText(action, slot, err), 'error');
      if (onError !== undefined) await onError(err).catch(() => undefined);
      return null;
    });
    this.queue = next;
    return next;
  }

  private async flag(result: Promise<boolean | null>): Promise<boolean> {
    return (await result) === true;
  }
}

/** Why the restored state is not a save of the running level, or null. */
function gameProblem(shell: GameShell, level: bigint, what: 'save' | 'file'): string | null {
  const name = what === 'save' ? 'this save' : 'this file';
  const world = shell.game.world;
  if (!world.present) return `${name} is not a game save (it holds no game world). Nothing was changed.`;
  if (world.status === WorldStatus.Empty) return `${name} is not a game save (its world holds no level). Nothing was changed.`;
  if (world.levelHash !== level) {
    return `${name} belongs to another level or archive (not "${shell.level().name}"). Nothing was changed.`;
  }
  try {
    shell.game.check();
  } catch (err) {
    return `${name} is not a game save of this game (its world fails the game's checks: ${err instanceof Error ? err.message : String(err)}). Nothing was changed.`;
  }
  return null;
}
