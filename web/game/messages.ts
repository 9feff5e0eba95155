// The game's message line: short toasts over the canvas. Errors stay longer and are red, and a few
// messages can be on screen at once, so that a quick "Saved" does not hide the error before it.
// The shell's message() goes here; nothing in it throws, because it reports other failures.
import { el } from '../shared/dom.js';
import './messages.css';

export type MessageKind = 'info' | 'error';

export interface Messages {
  show(text: string, kind?: MessageKind): void;
}

const SHOWN_MS: Record<MessageKind, number> = { info: 2500, error: 8000 };
/** Older toasts leave first when more than this many are shown. */
const MAX_SHOWN = 4;

export function createMessages(parent: HTMLElement): Messages {
  const list = el('div', { class: 'game-messages', testid: 'game-messages' });
  // Screen readers announce the toasts; errors interrupt (role=alert on the toast itself).
  list.setAttribute('role', 'status');
  list.setAttribute('aria-live', 'polite');
  parent.append(list);

  return {
    show(text: string, kind: MessageKind = 'info'): void {
      try {
        const toast = el('div', { class: 'game-message', testid: 'game-message', text });
        toast.dataset.kind = kind;
        if (kind === 'error') toast.setAttribute('role', 'alert');
        list.append(toast);
        while (list.childElementCount > MAX_SHOWN) list.firstElementChild?.remove();
        setTimeout(() => toast.remove(), SHOWN_MS[kind]);
      } catch (err) {
        console.error('message line:', err, text);
      }
    },
  };
}
