// Shared set-up of the claw-rez tests: runs the real command (node bin/claw-rez.mjs, the compiled
// tool in build/tools on the built package in build/dist) as a child process, in a temporary
// directory that holds the trees, archives and files the tests make.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'bin/claw-rez.mjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

function requireBuild(): void {
  const needed = ['build/tools/rez/main.js', 'build/dist/index.js'];
  const missing = needed.filter((f) => !existsSync(join(root, f)));
  if (missing.length > 0) {
    throw new Error(`${missing.join(', ')} missing: run \`npm run build\` (tsc -p tsconfig.build.json, then tsc -p tsconfig.tools.json)`);
  }
}

/** Runs claw-rez with `args` in `cwd`; never throws for a non-zero exit. stdout as latin1 with `binary`. */
export function rez(args: readonly string[], cwd: string, binary = false): Promise<Run> {
  requireBuild();
  return new Promise((done, fail) => {
    execFile(process.execPath, [bin, ...args], { cwd, encoding: binary ? 'latin1' : 'utf8', maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
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
  const dir = mkdtempSync(join(tmpdir(), 'claw-rez-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** Writes `bytes` at `dir/name`, making the directories on the way. */
export function put(dir: string, name: string, bytes: Uint8Array | string): string {
  mkdirSync(dirname(join(dir, name)), { recursive: true });
  writeFileSync(join(dir, name), bytes);
  return name;
}

/** The JSON a command printed (fails the test with the command's output when it is not JSON). */
export function json<T>(run: Run): T {
  try {
    return JSON.parse(run.stdout) as T;
  } catch {
    throw new Error(`claw-rez did not print JSON (exit ${run.code}):\n${run.stdout}\n${run.stderr}`);
  }
}

/** Deterministic bytes (a xorshift stream), so a failure reproduces. */
export function pseudoRandom(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed >>> 0 || 1;
  for (let i = 0; i < length; i++) {
    x ^= x << 13; x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5; x >>>= 0;
    out[i] = x & 0xff;
  }
  return out;
}
