// What every benchmark area does around its measurements: name files as the user would type them,
// refuse to start without the build outputs it needs, write the report, and print the table with the
// targets met, missed or failed. One place, so that every area reads and ends the same way.
import { access } from 'node:fs/promises';
import { isAbsolute, join, relative } from 'node:path';

import type { Progress } from './progress.js';
import type { BuildRuns } from './memory/lines.js';
import { formatTable, missed, writeReport, type BenchReport } from './report.js';

/** A path as the user would type it: relative to the repository when inside it, else absolute. */
export function shown(root: string, file: string): string {
  const rel = relative(root, file);
  return rel.startsWith('..') || isAbsolute(rel) ? file : rel;
}

async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}

/** Throws a message naming every missing build output and how to get it. */
export async function requireBuildOutputs(root: string, files: string[]): Promise<void> {
  const absent: string[] = [];
  for (const file of files) if (!(await exists(file))) absent.push(shown(root, file));
  if (absent.length > 0) {
    throw new Error(
      `missing build outputs: ${absent.join(', ')}. Build them first (\`npm run build\`), ` +
        'or point OC_NATIVE_BUILD_DIR / OC_WASM_BUILD_DIR at build directories that have them.',
    );
  }
}

/** Logs a build that failed as a whole, and each workload that failed (once). */
export function logBuild(progress: Progress, area: string, name: string, build: BuildRuns): void {
  if (build.error !== undefined) progress.log(`${area}: ${name} failed: ${build.error}`);
  const seen = new Set<string>();
  for (const r of build.runs) {
    if (r.error === undefined || seen.has(r.workload)) continue;
    seen.add(r.workload);
    progress.log(`${area}: ${name} ${r.workload} failed: ${r.error}`);
  }
}

/**
 * Writes build/bench/<area>.json, prints the table and the misses, and returns false when a
 * measurement failed (a missed target alone is not a failure).
 */
export async function finishArea(root: string, report: BenchReport, reps: number, progress: Progress): Promise<boolean> {
  const out = join(root, `build/bench/${report.area}.json`);
  await writeReport(out, report);
  progress.log(`${report.area}: done in ${progress.elapsedSeconds().toFixed(0)} s`);

  console.log(`\n${report.area} (medians of ${reps} reps; ratios measured side by side in this run)\n`);
  console.log(formatTable(report.results));
  const withTarget = report.results.filter((r) => r.target !== null);
  const misses = missed(report.results);
  console.log(`\n${withTarget.length - misses.length} of ${withTarget.length} targets met.`);
  for (const r of misses) console.log(`  ${r.value === null ? 'FAILED' : 'MISSED'} ${r.id}: ${String(r.detail.note ?? r.detail.error ?? '')}`);
  const broken = report.results.filter((r) => r.value === null);
  for (const r of broken.filter((b) => b.target === null)) console.log(`  FAILED ${r.id}: ${String(r.detail.error ?? '')}`);
  console.log(`\nwrote ${shown(root, out)}`);
  return broken.length === 0;
}
