// The shape every benchmark area writes (docs: /work/shared/BENCH.md) and the pure helpers that
// build, judge and print it. No I/O here except writeReport, so the logic is unit-tested
// (tests/engine/bench/report.test.ts).
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

export type Better = 'higher' | 'lower';
export type DetailValue = number | string | boolean | null;

export interface BenchResult {
  id: string;
  what: string;
  metric: string;
  /** A ratio measured side by side in one run (or a size); null when the measurement failed. */
  value: number | null;
  target: number | null;
  better: Better;
  /** Computed from value, target and better (see isMet). */
  met: boolean | null;
  detail: Record<string, DetailValue>;
}

export interface Machine {
  cpus: number;
  node: string;
  emcc: string | null;
  cxx: string | null;
}

export interface BenchReport {
  area: string;
  when: string;
  machine: Machine;
  results: BenchResult[];
}

/**
 * Whether `value` reaches `target` in the `better` direction (equal counts as met). No target: null.
 * A target with no usable value (the measurement failed) is not met: a broken benchmark must not
 * look like a neutral one.
 */
export function isMet(value: number | null, target: number | null, better: Better): boolean | null {
  if (target === null) return null;
  if (value === null || !Number.isFinite(value)) return false;
  return better === 'higher' ? value >= target : value <= target;
}

export interface ResultSpec {
  id: string;
  what: string;
  metric: string;
  value: number | null;
  target: number | null;
  better: Better;
  detail?: Record<string, DetailValue>;
}

/** A result with `met` filled in; a non-finite value becomes null (JSON has no NaN). */
export function makeResult(spec: ResultSpec): BenchResult {
  const value = spec.value !== null && Number.isFinite(spec.value) ? spec.value : null;
  return {
    id: spec.id,
    what: spec.what,
    metric: spec.metric,
    value,
    target: spec.target,
    better: spec.better,
    met: isMet(value, spec.target, spec.better),
    detail: { ...(spec.detail ?? {}) },
  };
}

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('median of no values');
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Rounds to `digits` significant digits, so the JSON carries what the measurement supports. */
export function roundSig(x: number, digits = 4): number {
  if (x === 0 || !Number.isFinite(x)) return x;
  return Number(x.toPrecision(digits));
}

export function buildReport(area: string, machine: Machine, results: BenchResult[], when: Date = new Date()): BenchReport {
  const ids = new Set<string>();
  for (const r of results) {
    if (ids.has(r.id)) throw new Error(`duplicate result id ${r.id}`);
    ids.add(r.id);
  }
  // toISOString gives milliseconds; BENCH.md's timestamps are to the second.
  return { area, when: when.toISOString().replace(/\.\d{3}Z$/, 'Z'), machine, results };
}

/** The JSON text of a report, keys in BENCH.md's order, ending with a newline. */
export function renderReport(report: BenchReport): string {
  const ordered: BenchReport = {
    area: report.area,
    when: report.when,
    machine: { cpus: report.machine.cpus, node: report.machine.node, emcc: report.machine.emcc, cxx: report.machine.cxx },
    results: report.results.map((r) => makeResult(r)),
  };
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export async function writeReport(path: string, report: BenchReport): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, renderReport(report));
}

/** A value as the table shows it, by metric. */
export function formatValue(metric: string, value: number | null): string {
  if (value === null) return '—';
  switch (metric) {
    case 'speedup':
      return `${value.toFixed(2)}x`;
    case 'bytes':
      return `${Math.round(value).toLocaleString('en-US')} B`;
    case 'MB/s':
      return `${Math.round(value).toLocaleString('en-US')} MB/s`;
    case 'ns_per_handle':
    case 'ns_per_op':
      return `${value.toPrecision(3)} ns`;
    default:
      return value.toPrecision(3);
  }
}

export function formatTarget(r: Pick<BenchResult, 'metric' | 'target' | 'better'>): string {
  if (r.target === null) return '—';
  return `${r.better === 'higher' ? '>=' : '<='} ${formatValue(r.metric, r.target)}`;
}

export function formatMet(r: Pick<BenchResult, 'met' | 'value' | 'target'>): string {
  if (r.met === null) return '';
  if (r.met) return 'yes';
  return r.value === null ? 'FAILED' : 'MISSED';
}

/** A fixed-width text table: id, what, value, target, met. */
export function formatTable(results: readonly BenchResult[]): string {
  const rows = results.map((r) => [r.id, r.what, formatValue(r.metric, r.value), formatTarget(r), formatMet(r)]);
  const header = ['id', 'what', 'value', 'target', 'met'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 2 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

/** The results whose target was missed (or whose measurement failed). */
export function missed(results: readonly BenchResult[]): BenchResult[] {
  return results.filter((r) => r.met === false);
}
