// The test suites `npm test` runs: native (GoogleTest via CTest), types (tsc), engine (Vitest on the
// real wasm module in Node), browser (Playwright + Debian's Chromium). Every suite runs even when an
// earlier one fails, and the totals are summed into one closing line.
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { run, step } from './steps.mjs';

function bin(root, name) {
  return join(root, 'node_modules', '.bin', name);
}

function readJson(path) {
  try {
    return JSON.parse(readFileSync(path, 'utf8'));
  } catch {
    return null;
  }
}

export const SUITES = {
  async native(root) {
    const r = await run('ctest', ['--test-dir', 'build/native', '--output-on-failure', '-j', '2'], {
      cwd: root, allowFailure: true, capture: true,
    });
    const m = /(\d+)% tests passed, (\d+) tests failed out of (\d+)/.exec(r.output);
    const total = m ? Number(m[3]) : 0;
    const failed = m ? Number(m[2]) : 0;
    return { code: r.code, passed: total - failed, failed: r.code !== 0 && failed === 0 ? 1 : failed };
  },

  async types(root) {
    const r = await run(bin(root, 'tsc'), ['-p', 'tsconfig.json', '--noEmit'], { cwd: root, allowFailure: true });
    return { code: r.code, passed: r.code === 0 ? 1 : 0, failed: r.code === 0 ? 0 : 1 };
  },

  async engine(root) {
    const out = join(root, 'build/test-results/vitest.json');
    const r = await run(bin(root, 'vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${out}`], {
      cwd: root, allowFailure: true,
    });
    const j = readJson(out);
    const passed = j?.numPassedTests ?? 0;
    const failed = j?.numFailedTests ?? 0;
    return { code: r.code, passed, failed: r.code !== 0 && failed === 0 ? 1 : failed };
  },

  async e2e(root) {
    const out = join(root, 'build/test-results/playwright.json');
    const r = await run(bin(root, 'playwright'), ['test', '--reporter=list,json'], {
      cwd: root, allowFailure: true, env: { PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    });
    const j = readJson(out);
    const passed = j?.stats?.expected ?? 0;
    const failed = (j?.stats?.unexpected ?? 0) + (j?.stats?.flaky ?? 0);
    return { code: r.code, passed, failed: r.code !== 0 && failed === 0 ? 1 : failed };
  },
};

/** Runs the named suites (all when none are named) and returns true when every one passed. */
export async function runSuites(root, names) {
  mkdirSync(join(root, 'build/test-results'), { recursive: true });
  const chosen = names.length ? names : Object.keys(SUITES);
  for (const n of chosen) {
    if (!SUITES[n]) throw new Error(`unknown suite '${n}': choose from ${Object.keys(SUITES).join(', ')}`);
  }
  const results = [];
  for (const n of chosen) {
    let res;
    await step(`test suite: ${n}`, async () => {
      res = await SUITES[n](root);
    });
    results.push({ name: n, ...res });
  }
  console.log('\nsuite      passed  failed');
  for (const r of results) {
    console.log(`${r.name.padEnd(10)} ${String(r.passed).padStart(6)}  ${String(r.failed).padStart(6)}${r.code ? '   <- FAILED' : ''}`);
  }
  const passed = results.reduce((s, r) => s + r.passed, 0);
  const failed = results.reduce((s, r) => s + r.failed, 0);
  console.log(`\ntests: ${passed} passed, ${failed} failed`);
  return results.every((r) => r.code === 0);
}
