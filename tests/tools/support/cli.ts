// What the tests of the claw-* tools share: running the real command (node bin/claw-NAME.mjs: the
// compiled tool in build/tools on the built package in build/dist) as a child process in a temporary
// directory, with its stdout, stderr and exit code captured.
import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Given to the command on stdin (an empty stdin when absent). */
  stdin?: string | Uint8Array;
  /** stdout and stderr as latin1 (bytes one to one) instead of UTF-8. */
  binary?: boolean;
}

/** One tool: `dir` is its folder under tools/ and build/tools/ ("rez" for claw-rez). */
export class ToolCli {
  private readonly bin: string;

  constructor(readonly name: string, private readonly dir: string) {
    this.bin = join(root, `bin/${name}.mjs`);
  }

  private requireBuild(): void {
    const needed = [`build/tools/${this.dir}/main.js`, 'build/dist/index.js'];
    const missing = needed.filter((f) => !existsSync(join(root, f)));
    if (missing.length > 0) {
      throw new Error(`${missing.join(', ')} missing: run \`npm run build\` (tsc -p tsconfig.build.json, then tsc -p tsconfig.tools.json)`);
    }
  }

  /** Runs the tool with `args` in `cwd`; never throws for a non-zero exit. */
  run(args: readonly string[], cwd: string, options: RunOptions = {}): Promise<Run> {
    this.requireBuild();
    const encoding = options.binary === true ? 'latin1' : 'utf8';
    return new Promise((done, fail) => {
      const child = execFile(process.execPath, [this.bin, ...args], { cwd, encoding, maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
        if (err !== null && typeof err.code !== 'number') {
          fail(err);
          return;
        }
        done({ code: typeof err?.code === 'number' ? err.code : 0, stdout, stderr });
      });
      child.stdin?.end(options.stdin ?? '');
    });
  }

  /** Starts the tool with `args` in `cwd` and leaves it running (for commands that watch). */
  spawn(args: readonly string[], cwd: string): ChildProcessWithoutNullStreams {
    this.requireBuild();
    return spawn(process.execPath, [this.bin, ...args], { cwd });
  }

  /** A temporary directory, removed after the test file. */
  workDir(): string {
    const dir = mkdtempSync(join(tmpdir(), `${this.name}-`));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    return dir;
  }

  /** The JSON a command printed (fails the test with the command's output when it is not JSON). */
  json<T>(run: Run): T {
    try {
      return JSON.parse(run.stdout) as T;
    } catch {
      throw new Error(`${this.name} did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
    }
  }
}

/** Writes `bytes` at `dir/name`, making the directories on the way; returns `name`. */
export function put(dir: string, name: string, bytes: Uint8Array | string): string {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), bytes);
  return name;
}
