// From the streaming area's measurements to its published results (ids are stable: keep them).
// Pure: tests/engine/bench/streaming-results.test.ts feeds it synthetic passes.
import { makeResult, median, roundSig, type BenchResult } from '../report.js';

/** One timed delivery of the whole set: wall time and the main thread's busy time, in ms. */
export interface Pass {
  wallMs: number;
  mainMs: number;
}

/** How a set was delivered: on the main thread, or by the streamer with some workers. */
export interface Series {
  /** 'main', '1-worker', '2-workers', 'n-workers' or 'zero-copy': part of the published ids. */
  label: string;
  workers: number;
  zeroCopy: boolean;
  passes: Pass[];
  error?: string;
}

export interface StreamingMeasurements {
  /** Decoded bytes delivered per pass (headers included). */
  bytes: number;
  files: number;
  main: Series;
  workers: Series[];
  /** The N-worker run on a shared engine (zero-copy), when the core's shared build exists. */
  zeroCopy: Series | null;
}

/** Streaming with two workers should beat decoding on the main thread; one worker should not lose much. */
export const TARGETS = { oneWorker: 0.8, twoWorkers: 1.0, nWorkers: 1.0, mainShare: 0.25, zeroCopy: 1.0 } as const;

const MB = 1024 * 1024;

interface Summary {
  mbPerS: number;
  mainMsPerMb: number;
  reps: number;
}

function summary(s: Series, bytes: number): Summary | { error: string } {
  if (s.error !== undefined) return { error: s.error };
  if (s.passes.length === 0) return { error: `${s.label} did not run` };
  const mb = bytes / MB;
  return {
    mbPerS: median(s.passes.map((p) => mb / (p.wallMs / 1000))),
    mainMsPerMb: median(s.passes.map((p) => p.mainMs / mb)),
    reps: s.passes.length,
  };
}

function ratioResult(
  id: string, what: string, metric: string, num: Summary | { error: string }, den: Summary | { error: string },
  pick: (s: Summary) => number, target: number, better: 'higher' | 'lower', detail: Record<string, number | string>,
): BenchResult {
  const ok = 'mbPerS' in num && 'mbPerS' in den;
  const value = ok ? roundSig(pick(num) / pick(den), 3) : null;
  const result = makeResult({
    id, what, metric, value, target, better,
    detail: ok
      ? { ...detail, reps: Math.min(num.reps, den.reps) }
      : { ...detail, error: 'error' in num ? num.error : 'error' in den ? den.error : 'not measured' },
  });
  if (result.met === false && value !== null) result.detail.note = `${value} against a target of ${target} (${better} is better)`;
  return result;
}

export function streamingResults(m: StreamingMeasurements): BenchResult[] {
  const main = summary(m.main, m.bytes);
  const set = `${m.files} PIDs, ${(m.bytes / MB).toFixed(1)} MiB decoded, fetched from a local HTTP server`;
  const out: BenchResult[] = [
    makeResult({
      id: 'streaming-main-thread-decode',
      what: `baseline: fetch + decode + copy into the cache on the main thread (${set})`,
      metric: 'MB/s',
      value: 'mbPerS' in main ? roundSig(main.mbPerS) : null,
      target: null,
      better: 'higher',
      detail: 'mbPerS' in main ? { reps: main.reps, main_ms_per_mb: roundSig(main.mainMsPerMb, 3) } : { error: main.error },
    }),
  ];
  for (const s of m.workers) {
    const sum = summary(s, m.bytes);
    const target = s.label === 'n-workers' ? TARGETS.nWorkers : s.label === '1-worker' ? TARGETS.oneWorker : TARGETS.twoWorkers;
    out.push(ratioResult(
      `streaming-throughput-${s.label}-vs-main`,
      `AssetStreamer with ${s.workers} worker${s.workers === 1 ? '' : 's'} (copy path) over the main-thread baseline: MB/s of decoded assets`,
      'speedup', sum, main, (x) => x.mbPerS, target, 'higher',
      'mbPerS' in sum && 'mbPerS' in main
        ? { workers: s.workers, mb_per_s: roundSig(sum.mbPerS), main_mb_per_s: roundSig(main.mbPerS), main_ms_per_mb: roundSig(sum.mainMsPerMb, 3) }
        : { workers: s.workers },
    ));
  }
  const n = m.workers.find((s) => s.label === 'n-workers') ?? m.workers[m.workers.length - 1];
  if (n !== undefined) {
    const sum = summary(n, m.bytes);
    out.push(ratioResult(
      'streaming-main-thread-ms-per-mb-vs-main-decode',
      `main-thread busy time per MB delivered: AssetStreamer (${n.workers} workers, copy path) over decoding on the main thread`,
      'ratio', sum, main, (x) => x.mainMsPerMb, TARGETS.mainShare, 'lower',
      'mbPerS' in sum && 'mbPerS' in main
        ? { workers: n.workers, streamer_main_ms_per_mb: roundSig(sum.mainMsPerMb, 3), main_decode_ms_per_mb: roundSig(main.mainMsPerMb, 3) }
        : { workers: n.workers },
    ));
    if (m.zeroCopy !== null) {
      const z = summary(m.zeroCopy, m.bytes);
      out.push(ratioResult(
        'streaming-main-thread-ms-per-mb-zero-copy-vs-copy',
        `main-thread busy time per MB delivered: zero-copy (shared memory) over the copy path, ${m.zeroCopy.workers} workers each`,
        'ratio', z, sum, (x) => x.mainMsPerMb, TARGETS.zeroCopy, 'lower',
        'mbPerS' in z && 'mbPerS' in sum
          ? { workers: m.zeroCopy.workers, zero_copy_main_ms_per_mb: roundSig(z.mainMsPerMb, 3), copy_main_ms_per_mb: roundSig(sum.mainMsPerMb, 3), zero_copy_mb_per_s: roundSig(z.mbPerS) }
          : { workers: m.zeroCopy.workers },
      ));
    }
  }
  return out;
}
