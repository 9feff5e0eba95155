// Small DOM helpers: element creation, number formatting, and text that is only written when it
// changes (the frame loop calls update() 60 times a second; unchanged values must cost nothing).

import { el } from '../shared/dom.js';

export { el, type ElementProps } from '../shared/dom.js';

export function button(label: string, testid: string, onClick: () => void, cls = ''): HTMLButtonElement {
  const b = el('button', { text: label, testid, class: cls });
  b.type = 'button';
  b.addEventListener('click', onClick);
  return b;
}

export function numberInput(name: string, testid: string, value: number, min = 1): HTMLInputElement {
  const input = el('input', { testid });
  input.type = 'number';
  input.name = name;
  input.min = String(min);
  input.value = String(value);
  return input;
}

export function labelled(label: string, control: HTMLElement): HTMLLabelElement {
  return el('label', {}, label, control);
}

const grouping = new Intl.NumberFormat('en-US');

/** An integer with thousands separators; bigint totals are accepted as they are. */
export function fmtInt(v: number | bigint): string {
  return grouping.format(v);
}

export function fmtHex32(v: number): string {
  return '0x' + (v >>> 0).toString(16).toUpperCase().padStart(8, '0');
}

/** A text node holder that touches the DOM only when the shown value changes. */
export class LiveText {
  readonly node: HTMLElement;
  private last: string | number | bigint | undefined;

  constructor(node: HTMLElement, private readonly format: (v: number | bigint) => string = fmtInt) {
    this.node = node;
  }

  set(v: number | bigint): void {
    if (v === this.last) return;
    this.last = v;
    this.node.textContent = this.format(v);
  }
}

/** A horizontal usage bar whose fill is only rewritten when the fraction changes. */
export class Bar {
  readonly node: HTMLElement;
  private readonly fill: HTMLElement;
  private lastPermille = -1;

  constructor(testid: string, cls = '') {
    this.fill = el('span', { class: 'bar-fill' });
    this.node = el('span', { class: `bar ${cls}`.trim(), testid }, this.fill);
  }

  set(used: number, total: number): void {
    const permille = total > 0 ? Math.min(1000, Math.round((used / total) * 1000)) : 0;
    if (permille === this.lastPermille) return;
    this.lastPermille = permille;
    this.fill.style.width = `${permille / 10}%`;
    this.node.dataset.permille = String(permille);
  }
}

/**
 * A two-column table of named statistics. Each row's value cell carries `data-testid=<prefix>-<key>`
 * so tests read exactly the number a person sees.
 */
export class StatTable {
  readonly node: HTMLTableElement;
  private readonly cells = new Map<string, LiveText>();

  constructor(prefix: string, rows: readonly (readonly [key: string, label: string])[]) {
    this.node = el('table', { class: 'stats', testid: `${prefix}-stats` });
    const body = el('tbody');
    for (const [key, label] of rows) {
      const value = el('td', { testid: `${prefix}-${key}`, text: '–' });
      body.append(el('tr', {}, el('th', { text: label }), value));
      this.cells.set(key, new LiveText(value));
    }
    this.node.append(body);
  }

  set(key: string, v: number | bigint): void {
    this.cells.get(key)?.set(v);
  }
}
