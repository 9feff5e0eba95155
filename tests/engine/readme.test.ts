// The README's TypeScript example is code users copy: it must type-check against the published
// declarations and run against the built package, so that the README cannot drift from the API.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const workDir = join(root, 'build/test-fixtures/readme');

/** The first ```ts block of the README. */
function readmeExample(): string {
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  const m = /```ts\n([\s\S]*?)```/.exec(readme);
  if (!m?.[1]) throw new Error('README.md has no ```ts example');
  return m[1];
}

describe('the README example', () => {
  it('type-checks against the package declarations and runs to completion', () => {
    if (!existsSync(join(root, 'build/dist/index.d.ts'))) {
      throw new Error('build/dist is missing: emit it with `npx tsc -p tsconfig.build.json` (npm test\'s set-up does)');
    }
    const code = readmeExample();
    expect(code).toContain("from '@openclaw/memory-sdk'");
    mkdirSync(workDir, { recursive: true });
    // The example itself, plus a line that proves it ran to its end.
    writeFileSync(join(workDir, 'example.mts'), `${code}\nconsole.log('README example done');\n`);
    writeFileSync(join(workDir, 'tsconfig.json'), JSON.stringify({
      compilerOptions: {
        target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true,
        noEmit: true, skipLibCheck: true, types: [],
        // The example catches errors without naming them; nothing else is relaxed.
        noUnusedLocals: false,
      },
      files: ['example.mts'],
    }));
    execFileSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '-p', join(workDir, 'tsconfig.json')], {
      cwd: root, encoding: 'utf8', stdio: 'pipe',
    });
    const out = execFileSync(process.execPath, ['--import', 'tsx', join(workDir, 'example.mts')], {
      cwd: root, encoding: 'utf8',
    });
    expect(out).toContain('README example done');
  });
});
