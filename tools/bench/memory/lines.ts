// The line protocol of the C++ bench programs (native-legacy/bench): one JSON object per line,
// either {"info":{...}} or {"workload":"...","rep":N, <name>: number ..., "error"?: "..."}.
export interface BuildInfo {
  target: string;
  cxx: string;
  emcc?: string;
  malloc: string;
}

export interface RunLine {
  workload: string;
  /** <= 0 for warm-up passes, 1..reps for measured ones. */
  rep: number;
  error?: string;
  values: Record<string, number>;
}

export type ParsedLine = { kind: 'info'; info: BuildInfo } | { kind: 'run'; run: RunLine };

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x);
}

/** Parses one line; throws with the offending text when it is not the protocol. */
export function parseLine(text: string): ParsedLine {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw new Error(`bench program printed a line that is not JSON: ${text.slice(0, 200)}`);
  }
  if (!isRecord(data)) throw new Error(`bench line is not an object: ${text.slice(0, 200)}`);
  if (isRecord(data.info)) {
    const i = data.info;
    return {
      kind: 'info',
      info: {
        target: String(i.target ?? ''),
        cxx: String(i.cxx ?? '').trim(),
        ...(i.emcc !== undefined ? { emcc: String(i.emcc) } : {}),
        malloc: String(i.malloc ?? ''),
      },
    };
  }
  if (typeof data.workload !== 'string' || typeof data.rep !== 'number') {
    throw new Error(`bench line has no workload/rep: ${text.slice(0, 200)}`);
  }
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k !== 'workload' && k !== 'rep' && typeof v === 'number') values[k] = v;
  }
  return {
    kind: 'run',
    run: {
      workload: data.workload,
      rep: data.rep,
      ...(typeof data.error === 'string' ? { error: data.error } : {}),
      values,
    },
  };
}

/** What one build measured: its info line and every run line (warm-up ones included). */
export interface BuildRuns {
  info: BuildInfo | null;
  runs: RunLine[];
  /** Set when the program could not be run at all. */
  error?: string;
}

/** Measured values of `key` for a workload (warm-up passes left out), or the first error reported. */
export function measured(build: BuildRuns, workload: string, key: string): { values: number[]; error?: string } {
  if (build.error !== undefined) return { values: [], error: build.error };
  const runs = build.runs.filter((r) => r.workload === workload && r.rep >= 1);
  const failed = runs.find((r) => r.error !== undefined);
  if (failed) return { values: [], error: `${workload}: ${failed.error}` };
  const values = runs.map((r) => r.values[key]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (values.length === 0) return { values, error: `${workload}: no measured ${key}` };
  return { values };
}
