// Runs the native bench program (oc-bench-memory) and collects its result lines as they arrive.
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

import { parseLine, type BuildRuns, type RunLine } from './lines.js';

export interface NativeOptions {
  reps: number;
  warmup: number;
  onRun?: (run: RunLine) => void;
  /** Run only these workloads (default: every workload the program has). */
  workloads?: string[];
}

export function runNative(binary: string, options: NativeOptions): Promise<BuildRuns> {
  return new Promise((resolve) => {
    const result: BuildRuns = { info: null, runs: [] };
    const args = ['--reps', String(options.reps), '--warmup', String(options.warmup), ...(options.workloads ?? [])];
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let protocolError: string | undefined;
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const lines = createInterface({ input: child.stdout });
    lines.on('line', (text) => {
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
    child.on('error', (err) => {
      resolve({ ...result, error: `could not start ${binary}: ${err.message}` });
    });
    child.on('close', (code, signal) => {
      if (protocolError !== undefined) {
        resolve({ ...result, error: protocolError });
      } else if (code !== 0) {
        const why = signal !== null ? `killed by ${signal}` : `exit code ${code}`;
        resolve({ ...result, error: `${binary} ${args.join(' ')} failed (${why})${stderr ? `: ${stderr.trim().slice(0, 500)}` : ''}` });
      } else {
        resolve(result);
      }
    });
  });
}
