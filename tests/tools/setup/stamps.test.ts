// The set-up skips a step when the content hash of its inputs matches the stamp of its last success
// and its outputs exist: these tests pin down when it must (and must not) rebuild.
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

import { hashInputs, Stamps } from '../../../tools/setup/stamps.mjs';

let root: string;

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'oc-stamps-'));
  mkdirSync(join(root, 'src', 'deep'), { recursive: true });
  writeFileSync(join(root, 'src', 'a.cpp'), 'int a;');
  writeFileSync(join(root, 'src', 'deep', 'b.h'), '#pragma once');
});

afterEach(() => rmSync(root, { recursive: true, force: true }));

describe('hashInputs', () => {
  it('is stable for unchanged content and changes with content, names and extra strings', () => {
    const h0 = hashInputs(root, ['src']);
    expect(hashInputs(root, ['src'])).toBe(h0);
    writeFileSync(join(root, 'src', 'deep', 'b.h'), '#pragma once\n');
    const h1 = hashInputs(root, ['src']);
    expect(h1).not.toBe(h0);
    writeFileSync(join(root, 'src', 'c.cpp'), '');
    expect(hashInputs(root, ['src'])).not.toBe(h1);
    expect(hashInputs(root, ['src'], ['-DCMAKE_BUILD_TYPE=Debug'])).not.toBe(hashInputs(root, ['src']));
  });

  it('ignores build outputs and installed packages inside the inputs', () => {
    const h0 = hashInputs(root, ['src']);
    mkdirSync(join(root, 'src', 'node_modules'));
    writeFileSync(join(root, 'src', 'node_modules', 'x.js'), 'x');
    mkdirSync(join(root, 'src', 'build'));
    writeFileSync(join(root, 'src', 'build', 'y.o'), 'y');
    expect(hashInputs(root, ['src'])).toBe(h0);
  });

  it('treats a missing input as empty rather than failing', () => {
    expect(hashInputs(root, ['nope'])).toBe(hashInputs(root, []));
  });
});

describe('Stamps', () => {
  it('is fresh only after a record of the same hash, with every output present', () => {
    const stamps = new Stamps(join(root, 'stamps'));
    const out = join(root, 'out.bin');
    expect(stamps.fresh('native', 'h1', [out])).toBe(false);
    stamps.record('native', 'h1');
    expect(stamps.fresh('native', 'h1', [])).toBe(true);
    expect(stamps.fresh('native', 'h2', [])).toBe(false);
    expect(stamps.fresh('native', 'h1', [out])).toBe(false); // output missing: rebuild
    writeFileSync(out, '');
    expect(stamps.fresh('native', 'h1', [out])).toBe(true);
    expect(stamps.fresh('wasm', 'h1', [out])).toBe(false); // stamps are per step
  });
});
