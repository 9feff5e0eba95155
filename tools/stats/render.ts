// The table format: a report for people. Summary lines (records, totals, alloc rate), then regions,
// tags, pools, slabs, arenas, misuse and the leak list, whose table is the engine's own
// (formatLeakTable: the console's format, the same as the shutdown leak report).
import { formatLeakTable, type TrackerReport } from '@openclaw/memory-sdk';

import { bytesText, columns, hex, plural, rateText } from './text.js';

function summary(r: TrackerReport): string[] {
  const { records: rec, totals: t } = r;
  return [
    `records     ${rec.used} of ${rec.capacity} used, ${rec.overflow} not recorded (table full), ` +
      `${rec.unrecordedFrees} unrecorded frees; ${bytesText(rec.bytes)} of the debug region`,
    `totals      ${plural(t.allocs, 'alloc')}, ${plural(t.frees, 'free')}, ${bytesText(t.bytesAllocated)} allocated, ` +
      `${bytesText(t.bytesFreed)} freed; live: ${t.liveCount} (${bytesText(t.liveBytes)})`,
    ...rates(r),
  ];
}

/** The tracker's own averages, and the same figures recomputed from the frames the report lists. */
function rates(r: TrackerReport): string[] {
  const perFrame = (a: number, f: number, b: number) =>
    `${rateText(a)} allocs, ${rateText(f)} frees, ${bytesText(Math.round(b))} allocated per frame`;
  const lines = [`alloc rate  ${perFrame(r.rate.allocsPerFrame, r.rate.freesPerFrame, r.rate.bytesPerFrame)} ` +
    `(tracker, over ${plural(r.rate.frames, 'frame')})`];
  const fs = r.frames;
  const last = fs[fs.length - 1];
  if (last === undefined) {
    lines.push('            no frame has ended yet');
    return lines;
  }
  const sum = (pick: (f: (typeof fs)[number]) => number) => fs.reduce((s, f) => s + pick(f), 0) / fs.length;
  lines.push(`            ${perFrame(sum((f) => f.allocs), sum((f) => f.frees), sum((f) => f.bytesAllocated))} ` +
    `(frames ${fs[0]!.frame}-${last.frame})`);
  lines.push(`            last frame ${last.frame}: ${plural(last.allocs, 'alloc')}, ${plural(last.frees, 'free')}, ` +
    `${bytesText(last.bytesAllocated)} allocated, ${bytesText(last.bytesFreed)} freed; live ${last.liveCount} (${bytesText(last.liveBytes)})`);
  return lines;
}

function section(title: string, count: number, body: () => string): string {
  return count === 0 ? `${title}: none` : `${title}:\n${body()}`;
}

const n = (x: number) => String(x);
const allocatorName = (a: { id: number; name: string | null }) => a.name ?? `#${a.id}`;
const percent = (part: number, whole: number) => (whole === 0 ? '-' : `${Math.round((100 * part) / whole)}%`);

function tables(r: TrackerReport): string[] {
  return [
    section('regions', r.regions.length, () => columns(
      [{ title: 'name' }, { title: 'size', right: true }, { title: 'used', right: true }, { title: 'live bytes', right: true }],
      r.regions.map((g) => [g.name, n(g.size), n(g.used), n(g.liveBytes)]))),
    section('tags', r.tags.length, () => columns(
      [{ title: 'id', right: true }, { title: 'name' }, { title: 'live', right: true }, { title: 'live bytes', right: true },
        { title: 'peak bytes', right: true }, { title: 'allocs', right: true }, { title: 'frees', right: true },
        { title: 'bytes allocated', right: true }],
      r.tags.map((t) => [n(t.id), t.name, n(t.liveCount), n(t.liveBytes), n(t.peakBytes), n(t.allocs), n(t.frees), n(t.bytesAllocated)]))),
    section('pools', r.pools.length, () => columns(
      [{ title: 'id', right: true }, { title: 'name' }, { title: 'region' }, { title: 'tag' }, { title: 'live', right: true },
        { title: 'capacity', right: true }, { title: 'use', right: true }, { title: 'peak', right: true },
        { title: 'slot', right: true }, { title: 'live bytes', right: true }, { title: 'allocs', right: true },
        { title: 'frees', right: true }, { title: 'failures', right: true }],
      r.pools.map((p) => [n(p.id), allocatorName(p), p.region, p.tag, n(p.live), n(p.capacity), percent(p.live, p.capacity),
        n(p.peak), n(p.slotSize), n(p.liveBytes), n(p.allocs), n(p.frees), n(p.failures)]))),
    section('slabs', r.slabs.length, () => columns(
      [{ title: 'id', right: true }, { title: 'name' }, { title: 'region' }, { title: 'tag' }, { title: 'arena bytes', right: true },
        { title: 'reserved', right: true }, { title: 'live bytes', right: true }, { title: 'live blocks', right: true },
        { title: 'allocs', right: true }, { title: 'frees', right: true }, { title: 'failures', right: true }],
      r.slabs.map((s) => [n(s.id), allocatorName(s), s.region, s.tag, n(s.arenaBytes), n(s.reservedBytes), n(s.liveBytes),
        n(s.liveBlocks), n(s.allocs), n(s.frees), n(s.failures)]))),
    section('arenas', r.arenas.length, () => columns(
      [{ title: 'id', right: true }, { title: 'name' }, { title: 'region' }, { title: 'tag' }, { title: 'used', right: true },
        { title: 'capacity', right: true }, { title: 'use', right: true }, { title: 'peak', right: true },
        { title: 'allocs', right: true }, { title: 'resets', right: true }, { title: 'failures', right: true }],
      r.arenas.map((a) => [n(a.id), allocatorName(a), a.region, a.tag, n(a.used), n(a.capacity), percent(a.used, a.capacity),
        n(a.peak), n(a.allocs), n(a.resets), n(a.failures)]))),
    misuse(r),
  ];
}

function misuse(r: TrackerReport): string {
  const { total, reports } = r.misuse;
  if (total === 0) return 'misuse: none';
  const kept = reports.length === total ? '' : ` (the newest ${reports.length} kept)`;
  return `misuse: ${total} reported${kept}\n${columns(
    [{ title: 'kind' }, { title: 'site' }, { title: 'alloc site' }, { title: 'free site' }, { title: 'region' },
      { title: 'tag' }, { title: 'offset', right: true }, { title: 'handle', right: true }, { title: 'frame', right: true }],
    reports.map((m) => [m.kind, m.site, m.allocSite ?? '-', m.freeSite ?? '-', m.region, m.tag ?? '-', hex(m.offset),
      hex(m.handle), n(m.frame)]))}`;
}

/** The leak list: since the report's mark (or every live allocation when there is none). */
export function leaks(r: TrackerReport): string {
  const l = r.leaks;
  if (!l.available) return `leaks: not available (mode ${r.mode}: allocations are recorded in full mode only)`;
  const what = l.mark === null ? 'live allocations (no mark set)' : `leaks since mark ${l.mark}`;
  if (l.groups.length === 0) return `${what}: none`;
  const count = l.groups.reduce((s, g) => s + g.count, 0);
  const bytes = l.groups.reduce((s, g) => s + g.bytes, 0);
  const table = formatLeakTable(l.groups).trimEnd().split('\n').map((line) => `  ${line}`).join('\n');
  return `${what}: ${plural(count, 'allocation')} (${bytesText(bytes)}) in ${plural(l.groups.length, 'group')}\n${table}`;
}

/** The whole report as text; `title` says where it comes from. */
export function renderTable(r: TrackerReport, title: string, leaksOnly: boolean): string {
  const head = `${title}: frame ${r.frame}, mode ${r.mode}`;
  if (leaksOnly) return `${head}\n${leaks(r)}\n`;
  return [head, ...summary(r), '', ...tables(r).flatMap((t) => [t, '']), leaks(r)].join('\n') + '\n';
}
