// Cross-build determinism: one recorded operation sequence, run by the wasm core (engine.replay) and by
// the native build (oc-replay), must leave byte-identical regions (equal FNV-1a 64 hashes), and both
// builds must agree on the layout of every type stored in a region.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { freshEngine } from '../support/engine.js';
import { generateSequence as generate } from '../support/sequence.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const nativeDir = resolve(root, process.env['OC_NATIVE_BUILD_DIR'] ?? 'build/native');
const ocReplay = join(nativeDir, 'oc-replay');
const fixtureDir = join(root, 'build/test-fixtures');

function nativeReplay(args: string[]): string {
  if (!existsSync(ocReplay)) {
    throw new Error(
      `the native oc-replay program is missing at ${ocReplay}: build it with ` +
        `\`cmake -S native-legacy -B build/native -DCMAKE_BUILD_TYPE=Release && cmake --build build/native --target oc-replay\` ` +
        `(or point OC_NATIVE_BUILD_DIR at a native build directory)`,
    );
  }
  return execFileSync(ocReplay, args, { encoding: 'utf8' });
}

describe('cross-build determinism', () => {
  it('a recorded sequence leaves byte-identical regions natively and in wasm', async () => {
    const ops = generate(20261121, 60_000);
    mkdirSync(fixtureDir, { recursive: true });
    const file = join(fixtureDir, 'determinism.ocrp');
    writeFileSync(file, ops);

    const engine = await freshEngine();
    const wasmHash = engine.replay(ops).toString(16).padStart(16, '0');
    const nativeHash = nativeReplay([file]).trim();
    expect(nativeHash).toMatch(/^[0-9a-f]{16}$/);
    expect(wasmHash).toBe(nativeHash);

    // The hash says something: another seed gives other bytes, in both builds.
    const other = generate(7, 2_000);
    const otherFile = join(fixtureDir, 'determinism-small.ocrp');
    writeFileSync(otherFile, other);
    const otherWasm = engine.replay(other).toString(16).padStart(16, '0');
    expect(otherWasm).not.toBe(wasmHash);
    expect(nativeReplay([otherFile]).trim()).toBe(otherWasm);
  });

  it('both builds have the same layout table', async () => {
    const engine = await freshEngine();
    const wasmTable = engine.layoutTable();
    const nativeTable = nativeReplay(['--layout']);
    expect(wasmTable.split('\n').length).toBeGreaterThan(20);
    expect(nativeTable).toBe(wasmTable);
  });
});
