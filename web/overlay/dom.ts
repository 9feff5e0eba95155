// The overlay's DOM helpers (it is mounted by pages other than the lab, so it does not borrow the lab's;
// element creation is web/shared's): number formatting, and cells and bars that touch the DOM only when
// the value they show changes — update() runs every frame, unchanged values must cost nothing.

import { el } from '../shared/dom.js';

export { el, type ElementProps } from '../shared/dom.js';

export function button(label: string, testid: string, onClick: () => void, ariaLabel?: string): HTMLButtonElement {
  const b = el('button', { text: label, testid });
  b.type = 'button';
  if (ariaLabel !== undefined) b.setAttribute('aria-label', ariaLabel);
  b.addEventListener('click', onClick);
  return b;
}

const grouping = new Intl.NumberFormat('en-US');

export function fmtCount(v: number): string {
  return grouping.format(v);
}

const UNITS = ['B', 'KiB', 'MiB', 'GiB'] as const;

/** Bytes for a person: exact below 1 KiB, then one decimal ("1.5 KiB", "16.0 MiB"). */
export function fmtBytes(v: number): string {
  if (v < 1024) return `${v} B`;
  let x = v;
  let unit = 0;
  while (x >= 1024 && unit < UNITS.length - 1) {
    x /= 1024;
    unit++;
  }
  return `${x.toFixed(1)} ${UNITS[unit]}`;
}

/** A text that is rewritten only when its value changes; the raw value goes to data-value for tests. */
export class Cell {
  private last: number | string | undefined;

  constructor(
    readonly node: HTMLElement,
    private readonly format: (v: number) => string = fmtCount,
  ) {}

  set(v: number): void {
    if (v === this.last) return;
    this.last = v;
    this.node.textContent = this.format(v);
    this.node.dataset.value = String(v);
  }

  text(s: string): void {
    if (s === this.last) return;
    this.last = s;
    this.node.textContent = s;
  }
}

/** A usage bar whose fill is rewritten only when the fraction moves by a permille. */
export class Bar {
  readonly node: HTMLElement;
  private readonly fill: HTMLElement;
  private lastPermille = -1;

  constructor(testid: string) {
    this.fill = el('span', { class: 'oc-ov-bar-fill' });
    this.node = el('span', { class: 'oc-ov-bar', testid }, this.fill);
    this.node.setAttribute('role', 'meter');
    this.node.setAttribute('aria-valuemin', '0');
    this.node.setAttribute('aria-valuemax', '100');
  }

  set(used: number, total: number): void {
    const permille = total > 0 ? Math.min(1000, Math.round((used / total) * 1000)) : 0;
    if (permille === this.lastPermille) return;
    this.lastPermille = permille;
    this.fill.style.width = `${permille / 10}%`;
    this.node.dataset.permille = String(permille);
    this.node.setAttribute('aria-valuenow', String(permille / 10));
  }
}

/** A panel of the overlay: a titled box, refreshed by the overlay at the panel's own rate. */
export interface Panel {
  readonly node: HTMLElement;
  /** Reads the engine and writes the DOM where values changed. */
  refresh(now: number): void;
  /** Called when the overlay opens (before the first refresh): drop anything cached while closed. */
  reset?(): void;
}

let ids = 0;

/** A document-unique id (several overlays may share a page). */
export function uniqueId(stem: string): string {
  return `oc-ov-${stem}-${++ids}`;
}

export function panelBox(title: string, testid: string, ...children: (Node | string)[]): HTMLElement {
  const id = uniqueId(testid);
  const h = el('h3', { text: title });
  h.id = id;
  const box = el('section', { class: 'oc-ov-panel', testid }, h, ...children);
  box.setAttribute('aria-labelledby', id);
  return box;
}
