// Shared set-up of the claw-snap tests: runs the real command (node bin/claw-snap.mjs, the compiled
// tool in build/tools on the built package in build/dist) as a child process, in a temporary
// directory that holds the snapshots the tests make with the engine.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'bin/claw-snap.mjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function requireBuild(): void {
  const needed = ['build/tools/snap/main.js', 'build/dist/index.js'];
  const missing = needed.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run build\` (tsc -p tsconfig.build.json, then tsc -p tsconfig.tools.json)`);
  }
}

/** Runs claw-snap with `args` in `cwd`; never throws for a non-zero exit. */
export function claw(args: readonly string[], cwd: string): Promise<Run> {
  requireBuild();
  return new Promise((done, fail) => {
    execFile(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') {
        fail(err);
        return;
      }
      done({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
  });
}

/** A temporary directory, removed after the test file. */
export function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claw-snap-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function put(dir: string, name: string, bytes: Uint8Array | string): string {
  writeFileSync(join(dir, name), bytes);
  return name;
}

/** The JSON a command printed (fails the test with the command's output when it is not JSON). */
export function json<T>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`claw-snap did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}
