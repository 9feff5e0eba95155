// Text helpers of the table format: aligned columns (numbers to the right) and human figures.
export { bytesText } from '../snap/text.js';

/** A column: its header and whether its cells are right-aligned (numbers). */
export interface Column {
  title: string;
  right?: boolean;
}

/** Rows under a header, columns two spaces apart, each line indented by `indent`; no trailing spaces. */
export function columns(cols: readonly Column[], rows: readonly (readonly string[])[], indent = '  '): string {
  const all = [cols.map((c) => c.title), ...rows];
  const widths = cols.map((_, i) => Math.max(...all.map((r) => (r[i] ?? '').length)));
  const line = (cells: readonly string[]): string =>
    indent + cells.map((c, i) => (cols[i]?.right === true ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return all.map(line).join('\n');
}

/** An average for people: whole numbers as they are, others with one decimal. */
export function rateText(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** An offset or a handle in hex. */
export function hex(n: number): string {
  return `0x${n.toString(16)}`;
}
