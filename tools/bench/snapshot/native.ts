// Runs the native bench program's snapshot workload (oc-bench-memory snapshot-16mib, from
// native-legacy/bench/snapshot_workload.cpp) and collects its result lines (protocol: ../memory/lines.ts).
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { parseLine, type BuildRuns, type RunLine } from '../memory/lines.js';

export const NATIVE_WORKLOAD = 'snapshot-16mib';

export interface NativeOptions {
  reps: number;
  warmup: number;
  onRun?: (run: RunLine) => void;
}

export function runNativeSnapshot(binary: string, options: NativeOptions): Promise<BuildRuns> {
  return new Promise((resolve) => {
    const result: BuildRuns = { info: null, runs: [] };
    const args = ['--reps', String(options.reps), '--warmup', String(options.warmup), NATIVE_WORKLOAD];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let protocolError: string | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    createInterface({ input: child.stdout }).on('line', (text) => {
      if (text.trim() === '' || protocolError !== undefined) return;
      try {
        const parsed = parseLine(text);
        if (parsed.kind === 'info') {
          result.info = parsed.info;
        } else {
          result.runs.push(parsed.run);
          options.onRun?.(parsed.run);
        }
      } catch (err) {
        protocolError = (err as Error).message;
      }
    });
    child.on('error', (err) => resolve({ ...result, error: `could not start ${binary}: ${err.message}` }));
    child.on('close', (code, signal) => {
      if (protocolError !== undefined) resolve({ ...result, error: protocolError });
      else if (code !== 0) {
        const why = signal !== null ? `killed by ${signal}` : `exit code ${code}`;
        resolve({ ...result, error: `${binary} ${args.join(' ')} failed (${why})${stderr ? `: ${stderr.trim().slice(0, 500)}` : ''}` });
      } else if (!result.runs.some((r) => r.workload === NATIVE_WORKLOAD)) {
        resolve({ ...result, error: `${binary} has no workload ${NATIVE_WORKLOAD}: rebuild it` });
      } else resolve(result);
    });
  });
}
