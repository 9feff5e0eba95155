// Reports in text: a JSON file holding one report (pretty-printed or not), or JSON Lines where each
// line that starts with {"format":"claw-stats" is a report and every other line is ignored, so a
// program can mix its stats lines into its normal output. Every report is checked against the schema;
// the first problem is an InputError with its line and column.
import type { TrackerReport } from '@openclaw/memory-sdk';

import { InputError, type TextPosition } from './errors.js';
import { pointer, syntaxError, valuePosition } from './json-position.js';
import { reportValidator } from './schema.js';

/** A stats line: the writer (Tracker::report_json, JSON.stringify of a report) puts "format" first. */
export const STATS_LINE = /^\s*\{\s*"format"\s*:\s*"claw-stats"/;

export interface FoundReport {
  report: TrackerReport;
  /** Where it was read, for people: "stats.jsonl:12" (a line), "report.json", "save.clawsnap (TRAK chunk)". */
  where: string;
}

function shifted(at: TextPosition | null, line: number): TextPosition {
  const p = at ?? { line: 1, column: 1 };
  return { line: p.line + line - 1, column: p.column };
}

/** One report from JSON text that starts at `line` of `source`. Throws InputError. */
export function parseReport(text: string, source: string, line = 1): TrackerReport {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    const e = syntaxError(text);
    const why = e?.message ?? (err as Error).message;
    throw new InputError(`not valid JSON: ${why}`, source, shifted(e?.at ?? null, line));
  }
  const bad = reportValidator().validate(data);
  if (bad !== null) {
    const where = bad.path.length === 0 ? '(the report)' : pointer(bad.path);
    throw new InputError(`not a valid report: ${where}: ${bad.message}`, source, shifted(valuePosition(text, bad.path), line));
  }
  return data as TrackerReport;
}

/** The report on a line of a stream (line numbers from 1), or null when the line is not a stats line. */
export function reportOnLine(text: string, source: string, line: number): FoundReport | null {
  const clean = text.endsWith('\r') ? text.slice(0, -1) : text;
  if (!STATS_LINE.test(clean)) return null;
  return { report: parseReport(clean, source, line), where: `${source}:${line}` };
}

function parses(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Whether text whose first line is `firstLine` should be read as one JSON document. */
export function looksLikeDocument(firstLine: string): boolean {
  return firstLine.trimStart().startsWith('{') && !STATS_LINE.test(firstLine);
}

/** Every report in a whole text (a file, or all of stdin), oldest first. */
export function reportsInText(raw: string, source: string): FoundReport[] {
  const text = raw.startsWith('\uFEFF') ? raw.slice(1) : raw;
  if (text.trim() === '') throw new InputError('empty input: no report', source);
  const lines = text.split('\n');
  const first = lines.findIndex((l) => l.trim() !== '');
  // A document whose first line is not a stats line: a pretty-printed report. Program output that
  // merely starts with some other JSON object falls through to the line reading below.
  if (looksLikeDocument(lines[first]!) && (parses(text) || !lines.some((l) => STATS_LINE.test(l)))) {
    return [{ report: parseReport(text, source), where: source }];
  }
  const found: FoundReport[] = [];
  lines.forEach((l, k) => {
    const r = reportOnLine(l, source, k + 1);
    if (r !== null) found.push(r);
  });
  if (found.length === 0) {
    const n = text.endsWith('\n') ? lines.length - 1 : lines.length;
    throw new InputError(`no report: none of its ${n} line${n === 1 ? '' : 's'} starts with {"format":"claw-stats"`, source);
  }
  return found;
}
