// The most recent handles a pool handed out, in hex with their slot index and the slot's generation
// at allocation time, and whether each handle is still live, freed, or stale (its slot was reused).
import { el, fmtHex32 } from './dom.js';
import type { LabHandle, LabPool } from './engine-types.js';

const KEEP = 12;

type HandleState = 'live' | 'freed' | 'stale';

interface Entry {
  readonly handle: LabHandle;
  readonly index: number;
  readonly generation: number;
  readonly status: HTMLElement;
  state: HandleState | undefined;
}

export class HandleList {
  readonly node: HTMLOListElement;
  private readonly entries: Entry[] = [];

  constructor(private readonly pool: LabPool) {
    this.node = el('ol', { class: 'handles', testid: 'handle-list' });
  }

  /** Records handles just allocated (newest last); only the last few are kept. */
  push(handles: ArrayLike<number>): void {
    for (let i = Math.max(0, handles.length - KEEP); i < handles.length; i++) {
      this.add(handles[i]! as LabHandle);
    }
    while (this.entries.length > KEEP) this.entries.shift()?.status.parentElement?.remove();
  }

  refresh(): void {
    for (const e of this.entries) {
      const state = this.stateOf(e);
      if (state === e.state) continue;
      e.state = state;
      e.status.textContent = state;
      e.status.dataset.state = state;
    }
  }

  private add(handle: LabHandle): void {
    const index = this.pool.indexOf(handle);
    const generation = this.pool.generation(index);
    const status = el('span', { class: 'handle-status', testid: 'handle-status' });
    const row = el(
      'li',
      { testid: 'handle-row' },
      el('code', { class: 'handle-hex', testid: 'handle-hex', text: fmtHex32(handle) }),
      el('span', { testid: 'handle-index', text: `slot ${index}` }),
      el('span', { testid: 'handle-generation', text: `gen ${generation}` }),
      status,
    );
    row.dataset.index = String(index);
    row.dataset.generation = String(generation);
    this.node.prepend(row);
    const entry: Entry = { handle, index, generation, status, state: undefined };
    this.entries.push(entry);
    entry.state = this.stateOf(entry);
    status.textContent = entry.state;
    status.dataset.state = entry.state;
  }

  private stateOf(e: Entry): HandleState {
    if (this.pool.isValid(e.handle)) return 'live';
    // One bump past the handle's generation: freed and not reused since; more: the slot lives on
    // under a newer handle, so this one is stale.
    return this.pool.generation(e.index) === e.generation + 1 ? 'freed' : 'stale';
  }
}
