// The banner that shows the last error an action raised: the typed error's class name, its status
// code and its message. The page never lets an engine error escape to the console.
import { errorClassName, errorCode } from './error-names.js';

export class ErrorBanner {
  private readonly root: HTMLElement;
  private readonly name: HTMLElement;
  private readonly code: HTMLElement;
  private readonly message: HTMLElement;

  constructor(root: HTMLElement) {
    this.root = root;
    this.name = query(root, 'error-name');
    this.code = query(root, 'error-code');
    this.message = query(root, 'error-message');
    query(root, 'error-dismiss').addEventListener('click', () => this.clear());
  }

  show(err: unknown): void {
    this.name.textContent = errorClassName(err);
    const code = errorCode(err);
    this.code.textContent = code;
    this.code.hidden = code === '';
    this.message.textContent = err instanceof Error ? err.message : String(err);
    this.root.hidden = false;
  }

  clear(): void {
    this.root.hidden = true;
  }

  /** Runs an action; a thrown error goes to the banner, success clears it. */
  guard(action: () => void): void {
    try {
      action();
      this.clear();
    } catch (err) {
      this.show(err);
    }
  }
}

function query(root: HTMLElement, testid: string): HTMLElement {
  const node = root.querySelector<HTMLElement>(`[data-testid="${testid}"]`);
  if (!node) throw new Error(`error banner: missing [data-testid=${testid}]`);
  return node;
}
