// Hold R to rewind: the engine keeps the last frames in its rewind ring (page pre-images in the core,
// within a byte budget); while R is held the loop stops stepping and each animation frame goes back
// REWIND_PER_FRAME recorded frames instead, so time runs backwards at twice its speed. Released, the game
// continues from there (the ring continues from the rewound state). At the oldest kept frame it stops
// and says so; that is not an error.
import type { Engine } from '../../engine/index.js';
import { el } from '../shared/dom.js';
import type { GameShell } from './shell.js';
import './rewind.css';

/** ~8 MiB of undo records: at the demo level's few changed pages per frame, well over 10 seconds. */
export const REWIND_BUDGET_BYTES = 8 * 1024 * 1024;
const REWIND_PER_FRAME = 2;

/**
 * Starts the rewind ring again from the current state (after a load or an archive switch: the frames
 * before it belong to another timeline, or another level). No effect when rewind is off.
 */
export function restartRewind(engine: Engine): void {
  const ring = engine.rewindRing;
  if (ring === null) return;
  try {
    engine.enableRewind({ budgetBytes: ring.budgetBytes });
  } catch {
    engine.disableRewind();
  }
}

export function installRewind(shell: GameShell): () => void {
  try {
    shell.engine.enableRewind({ budgetBytes: REWIND_BUDGET_BYTES });
  } catch (err) {
    shell.message(`Rewind is unavailable: ${err instanceof Error ? err.message : String(err)}`, 'error');
    return () => undefined;
  }
  const indicator = el('div', { class: 'rewind-indicator', testid: 'rewind-indicator', text: '◀◀ Rewinding' });
  indicator.setAttribute('aria-hidden', 'true');
  indicator.dataset.state = 'off';
  shell.ui.append(indicator);
  let held = false;

  const show = (state: 'off' | 'rewinding' | 'oldest'): void => {
    if (indicator.dataset.state === state) return;
    indicator.dataset.state = state;
    indicator.textContent = state === 'oldest' ? '◀◀ Oldest kept frame' : '◀◀ Rewinding';
  };

  // Frames the ring holds, read once when R goes down (stats() makes an object) and counted down
  // here: nothing pushes while rewinding (the loop does not step), so the count stays exact and a
  // held R allocates nothing per frame.
  let kept = 0;

  const frame = (): void => {
    // A menu or an error pausing the game wins over a held R (the loop also cancels the override).
    if (shell.paused) {
      stop();
      return;
    }
    if (kept === 0) {
      show('oldest');
      return;
    }
    try {
      const n = kept < REWIND_PER_FRAME ? kept : REWIND_PER_FRAME;
      shell.engine.rewind(n);
      kept -= n;
      shell.stateReplaced();
      show('rewinding');
    } catch (err) {
      // A ring that cannot rebuild a frame (CorruptState) leaves the state as it was: stop rewinding.
      stop();
      shell.message(`Rewind stopped: ${err instanceof Error ? err.message : String(err)}`, 'error');
    }
  };

  const start = (): void => {
    // A menu (or anything else) pausing the game wins: nothing rewinds under it.
    if (held || shell.paused || shell.engine.rewindRing === null) return;
    kept = shell.engine.rewindStats()?.framesHeld ?? 0;
    held = true;
    show('rewinding');
    // Pausing the loop (a menu, an error, a test) cancels the override and calls `cancelled`.
    shell.setFrameOverride(frame, cancelled);
  };

  function cancelled(): void {
    held = false;
    show('off');
  }

  function stop(): void {
    if (!held) return;
    held = false;
    shell.setFrameOverride(null);
    show('off');
  }

  const unbind = shell.bindKey('KeyR', (down, event) => {
    if (isTyping(event)) return;
    if (down) start();
    else stop();
  });
  // A key released while the window had no focus sends no keyup.
  const onBlur = (): void => stop();
  window.addEventListener('blur', onBlur);

  return () => {
    stop();
    unbind();
    window.removeEventListener('blur', onBlur);
    indicator.remove();
    shell.engine.disableRewind();
  };
}

/** R typed into a text field (a slot name) is a letter, not the rewind key. */
function isTyping(event: KeyboardEvent): boolean {
  const t = event.target;
  if (t instanceof HTMLInputElement) return !['checkbox', 'radio', 'button', 'submit', 'file', 'range'].includes(t.type);
  return t instanceof HTMLElement && (t.isContentEditable || t instanceof HTMLTextAreaElement);
}
