#!/usr/bin/env node
// The one entry point behind `npm start` and `npm test` (see README.md):
//   setup            system packages + npm ci, each only when missing or changed
//   build            setup, then every build (native, wasm, engine package, web page)
//   start            build, then serve the web page on 127.0.0.1 (PORT, default 4173)
//   test [suite...]  build, then the test suites (native, types, engine, e2e; all by default)
//   desktop [args]   build, then run openclaw-desktop on the demo archive (args go to the program)
// Plain JavaScript on purpose: it runs before `npm ci` has installed TypeScript.
import { spawn } from 'node:child_process';
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
  log(`serving the game at http://127.0.0.1:${port}/ and the memory lab at /lab/  (Ctrl+C to stop)`);
  await run(join(root, 'node_modules/.bin/vite'), ['preview', '--config', 'vite.config.ts', '--host', '127.0.0.1', '--port', port, '--strictPort'], { cwd: root });
}

// The desktop program takes the terminal (its window, its messages, Ctrl+C): stdio is inherited.
function desktop(args) {
  const program = join(root, 'build/native/openclaw-desktop');
  const withRez = args.includes('--rez') ? args : ['--rez', join(root, 'build/assets/demo.rez'), ...args];
  log(`running ${program} ${withRez.join(' ')}`);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(program, withRez, { cwd: root, stdio: 'inherit' });
    child.on('error', (err) => reject(new SetupError(`could not start openclaw-desktop: ${err.message}`)));
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal === null ? 1 : 128)));
  });
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
    case 'desktop':
      await setup({ browser: false });
      await buildAll(root, stamps);
      return desktop(rest);
    default:
      throw new SetupError(`unknown command '${command}'`, 'use one of: setup, build, start, test [native|types|engine|e2e], desktop [args]');
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
