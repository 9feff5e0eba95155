// Shared set-up of the claw-stats tests: the real command (node bin/claw-stats.mjs: the compiled tool
// in build/tools on the built package in build/dist) as a child process, in a temporary directory.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'bin/claw-stats.mjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function requireBuild(): void {
  const needed = ['build/tools/stats/main.js', 'build/dist/index.js'];
  const missing = needed.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run build\` (tsc -p tsconfig.build.json, then tsc -p tsconfig.tools.json)`);
  }
}

/** Runs claw-stats with `args` in `cwd`, with `stdin` as its input; never throws for a non-zero exit. */
export function stats(args: readonly string[], cwd: string, stdin?: string | Uint8Array): Promise<Run> {
  requireBuild();
  return new Promise((done, fail) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      if (err !== null && typeof err.code !== 'number') {
        fail(err);
        return;
      }
      done({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
    });
    child.stdin?.end(stdin ?? '');
  });
}

/** A running claw-stats (--watch), with its output collected as it comes. */
export class Watching {
  readonly child: ChildProcessWithoutNullStreams;
  stdout = '';
  stderr = '';
  readonly exited: Promise<number | null>;

  constructor(args: readonly string[], cwd: string) {
    requireBuild();
    this.child = spawn(process.execPath, [bin, ...args], { cwd });
    this.child.stdout.setEncoding('utf8').on('data', (t: string) => (this.stdout += t));
    this.child.stderr.setEncoding('utf8').on('data', (t: string) => (this.stderr += t));
    this.exited = new Promise((done) => this.child.on('exit', (code) => done(code)));
  }

  /** Waits until `test` holds for the output so far (polling), or fails after `ms`. */
  async until(test: (w: Watching) => boolean, what: string, ms = 15_000): Promise<void> {
    const end = Date.now() + ms;
    while (!test(this)) {
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}\nstdout:\n${this.stdout}\nstderr:\n${this.stderr}`);
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Complete stdout lines so far. */
  lines(): string[] {
    const all = this.stdout.split('\n');
    return all.slice(0, -1);
  }

  async stop(): Promise<number | null> {
    if (this.child.exitCode === null) this.child.kill('SIGTERM');
    return this.exited;
  }
}

/** A temporary directory, removed after the test file. */
export function workDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claw-stats-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

export function put(dir: string, name: string, data: Uint8Array | string): string {
  writeFileSync(join(dir, name), data);
  return name;
}

/** The JSON claw-stats printed (fails the test with the command's output when it is not JSON). */
export function json<T>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`claw-stats did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}
