// The leak table's text format (engine/tracking/format.ts): pure functions, no engine.
import { describe, expect, it } from 'vitest';
import { formatLeakReport, formatLeakTable } from '../../../engine/tracking/format.js';

const groups = [
  { tag: 'tiles', site: 'memory/workload.cpp:42', count: 12, bytes: 1536 },
  { tag: 'actors', site: 'spawn', count: 3, bytes: 192 },
];

describe('leak table format', () => {
  it('columns tag, site, count, bytes; numbers right-aligned; a total line', () => {
    expect(formatLeakTable(groups)).toBe(
      'tag     site                    count  bytes\n' +
      'tiles   memory/workload.cpp:42     12   1536\n' +
      'actors  spawn                       3    192\n' +
      'total                              15   1728\n',
    );
  });

  it('an empty list is the header and a zero total', () => {
    expect(formatLeakTable([])).toBe('tag    site  count  bytes\ntotal            0      0\n');
  });

  it('keeps the given order and never leaves trailing spaces', () => {
    const text = formatLeakTable([...groups].reverse());
    const lines = text.split('\n');
    expect(lines[1]!.startsWith('actors')).toBe(true);
    expect(lines.every((l) => l === l.trimEnd())).toBe(true);
    expect(new Set(lines.slice(0, 4).map((l) => l.length)).size).toBe(1); // the numbers end in one column
  });

  it('the shutdown report: a title with the totals, then the table; nothing when nothing is live', () => {
    const text = formatLeakReport(groups, 'at shutdown');
    expect(text.split('\n')[0]).toBe('openclaw: 15 live allocations (1728 bytes) at shutdown, by tag and site:');
    expect(text.endsWith(formatLeakTable(groups))).toBe(true);
    expect(formatLeakReport([{ tag: 'a', site: 'b', count: 1, bytes: 16 }], 'at shutdown')).toMatch(/^openclaw: 1 live allocation \(16 bytes\)/);
    expect(formatLeakReport([], 'at shutdown')).toBe('');
  });
});
