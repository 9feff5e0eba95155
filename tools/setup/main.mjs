#!/usr/bin/env node
// The one entry point behind `npm start` and `npm test` (see README.md):
//   setup            system packages + npm ci, each only when missing or changed
//   build            setup, then every build (native, wasm, engine package, web page)
//   start            build, then serve the web page on 127.0.0.1 (PORT, default 4173)
//   test [suite...]  build, then the test suites (native, types, engine, e2e; all by default)
// Plain JavaScript on purpose: it runs before `npm ci` has installed TypeScript.
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildAll } from './build.mjs';
import { hashInputs, Stamps } from './stamps.mjs';
import { SetupError, log, run, step } from './steps.mjs';
import { runSuites } from './suites.mjs';
import { checkNode, ensurePackages, requiredPackages } from './system.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const stamps = new Stamps(join(root, 'build', '.stamps'));

async function setup({ browser }) {
  await step('node version', () => checkNode());
  await step('system packages', () => ensurePackages(requiredPackages({ browser })));
  const lock = hashInputs(root, ['package-lock.json', 'package.json']);
  await step('npm packages (npm ci)', async () => {
    if (stamps.fresh('npm', lock, [join(root, 'node_modules/.package-lock.json')])) {
      return 'skipped: package-lock.json unchanged';
    }
    await run('npm', ['ci', '--no-audit', '--no-fund'], { cwd: root });
    stamps.record('npm', lock);
  });
}

async function serve() {
  const port = process.env.PORT ?? '4173';
  log(`serving the memory lab at http://127.0.0.1:${port}/  (Ctrl+C to stop)`);
  await run(join(root, 'node_modules/.bin/vite'), ['preview', '--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', port, '--strictPort'], { cwd: root });
}

async function main() {
  const [command = 'test', ...rest] = process.argv.slice(2);
  switch (command) {
    case 'setup':
      await setup({ browser: true });
      return 0;
    case 'build':
      await setup({ browser: false });
      await buildAll(root, stamps);
      return 0;
    case 'start':
      await setup({ browser: false });
      await buildAll(root, stamps);
      await serve();
      return 0;
    case 'test': {
      await setup({ browser: rest.length === 0 || rest.includes('e2e') });
      await buildAll(root, stamps);
      return (await runSuites(root, rest)) ? 0 : 1;
    }
    default:
      throw new SetupError(`unknown command '${command}'`, 'use one of: setup, build, start, test [native|types|engine|e2e]');
  }
}

main().then(
  (code) => process.exit(code),
  (err) => {
    if (err instanceof SetupError) {
      console.error(`\nset-up stopped: ${err.message}`);
      if (err.hint) console.error(`  -> ${err.hint}`);
    } else {
      console.error(err);
    }
    process.exit(1);
  },
);
