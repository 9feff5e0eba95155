// The leak table in the console's format: columns tag, site, count, bytes, numbers right-aligned, and
// a total line. engine.tracker.leakReport(), the shutdown leak report and claw-stats print it. Pure
// text from report types, so that tools can use it without an engine.
import type { LeakGroupReport } from './report.js';

/** The fields of a leak group the table shows (LeakGroup and LeakGroupReport both fit). */
export type LeakRow = Pick<LeakGroupReport, 'tag' | 'site' | 'count' | 'bytes'>;

const HEADER = ['tag', 'site', 'count', 'bytes'] as const;
const GAP = '  ';

/**
 * The table, one line per group in the given order, then `total` with the summed count and bytes.
 * Lines end with '\n'; no trailing spaces.
 */
export function formatLeakTable(groups: readonly LeakRow[]): string {
  let count = 0;
  let bytes = 0;
  const rows: string[][] = [];
  for (const g of groups) {
    count += g.count;
    bytes += g.bytes;
    rows.push([g.tag, g.site, String(g.count), String(g.bytes)]);
  }
  const total = ['total', '', String(count), String(bytes)];
  const all = [[...HEADER], ...rows, total];
  const widths = HEADER.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: string[]): string =>
    [r[0]!.padEnd(widths[0]!), r[1]!.padEnd(widths[1]!), r[2]!.padStart(widths[2]!), r[3]!.padStart(widths[3]!)]
      .join(GAP)
      .trimEnd();
  return all.map(line).join('\n') + '\n';
}

/**
 * The shutdown report: a title line with the totals, then the table; '' when there is nothing live.
 * `what` names the moment ("at shutdown", "since mark 3").
 */
export function formatLeakReport(groups: readonly LeakRow[], what: string): string {
  if (groups.length === 0) return '';
  let count = 0;
  let bytes = 0;
  for (const g of groups) {
    count += g.count;
    bytes += g.bytes;
  }
  const title = `openclaw: ${count} live allocation${count === 1 ? '' : 's'} (${bytes} bytes) ${what}, by tag and site:\n`;
  return title + formatLeakTable(groups);
}
