// The native programs the cross-build tests exchange files with (built by the set-up into build/native).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
export const nativeDir = resolve(repoRoot, process.env['OC_NATIVE_BUILD_DIR'] ?? 'build/native');

/** build/test-fixtures/<name>, created on demand: fixtures the tests make themselves. */
export function fixturePath(name: string): string {
  const dir = join(repoRoot, 'build/test-fixtures');
  mkdirSync(dir, { recursive: true });
  return join(dir, name);
}

/** Runs a native program of build/native and returns its stdout; a clear error when it is missing. */
export function runNative(program: string, args: string[]): string {
  const exe = join(nativeDir, program);
  if (!existsSync(exe)) {
    throw new Error(
      `the native ${program} program is missing at ${exe}: build it with ` +
        `\`cmake -S native-legacy -B build/native -DCMAKE_BUILD_TYPE=Release && cmake --build build/native --target ${program}\` ` +
        `(or point OC_NATIVE_BUILD_DIR at a native build directory)`,
    );
  }
  return execFileSync(exe, args, { encoding: 'utf8' });
}
